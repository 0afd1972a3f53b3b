"""``python -m generator`` ends its process without tearing the heap down (``cli.run``): what
it printed to pipes must still arrive whole, and its exit codes stay those of ``cli.main``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cwd / ".cache"), "PATH": ""},
    )


def test_output_to_pipes_arrives_whole(tmp_path: Path) -> None:
    shutil.copy(ROOT / "spec" / "oci_core.yaml", tmp_path / "core.yaml")
    spec = ["--spec", "core.yaml", "--out", "out", "--package", "core"]
    written = _generator(*spec, cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith("out: ") and " written, " in written.stdout
    assert written.stdout.endswith("s\n")  # the summary's last word, the time taken
    # A stale package whose diff is far larger than a pipe's buffer: all of it arrives.
    package = tmp_path / "out" / "core"
    modules = sorted(package.rglob("*.py"), key=lambda path: path.relative_to(package).parts)
    last_line = modules[-1].read_text(encoding="utf-8").splitlines()[-1]
    for path in modules:
        path.unlink()
    stale = _generator(*spec, "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert len(stale.stdout) > 64 * 1024
    for path in modules:
        assert f"+++ b/{path.relative_to(package.parent).as_posix()}\n" in stale.stdout
    assert stale.stdout.endswith(f"+{last_line}\n")
    assert "out is stale" in stale.stderr


def test_exit_codes_of_the_parser_are_kept(tmp_path: Path) -> None:
    version = _generator("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("python -m generator ")
    wrong = _generator("--no-such-option", cwd=tmp_path)
    assert wrong.returncode == 3
    assert "unrecognized arguments: --no-such-option" in wrong.stderr
    helped = _generator("--help", cwd=tmp_path)
    assert helped.returncode == 0 and helped.stdout.rstrip().endswith(
        "the output folder cannot be written"
    )
