"""A write that fails or is killed at any step leaves the old tree or the new one, never a mix,
and the next run repairs what a killed run left."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator.cli import main
from generator.output import switch, write
from generator.output.write import OutputError, write_tree
from tests.output.trees import MINE, NEW, OLD, leftovers, plant, read_tree

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "spec" / "oci_core.yaml"
# Every step of a write that changes the disk.
STEPS = ("make_folder", "carry_file", "write_file", "rename", "remove_tree")


def _old_tree(out: Path) -> None:
    write_tree(out, OLD)
    plant(out, MINE)
    os.utime(out / "pkg" / "models" / "kept.py", ns=(1_000_000_000, 1_000_000_000))


def _failing_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[str]:
    """Make the ``step``-th disk step raise ENOSPC; return the names of the steps taken."""
    taken: list[str] = []

    def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            taken.append(name)
            if len(taken) == step:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return original(*args)

        return counted

    for name in STEPS:
        monkeypatch.setattr(switch, name, wrap(name, getattr(switch, name)))
    return taken


def _count_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    out = tmp_path / "count"
    _old_tree(out)
    with monkeypatch.context() as patch:
        taken = _failing_at(patch, 0)
        write_tree(out, NEW)
    assert {"make_folder", "carry_file", "write_file", "rename"} <= set(taken)
    return len(taken)


@pytest.mark.parametrize("threads", [False, True], ids=["in order", "a thread per folder"])
def test_a_failure_at_any_step_leaves_the_old_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: bool
) -> None:
    if threads:  # a large package's files are written by a thread per folder
        monkeypatch.setattr(write, "PARALLEL_WRITE_FILES", 1)
        monkeypatch.setattr(write.os, "cpu_count", lambda: 2)
    total = _count_steps(tmp_path, monkeypatch)
    for step in range(1, total + 1):
        out = tmp_path / f"step{step}"
        _old_tree(out)
        with monkeypatch.context() as patch:
            taken = _failing_at(patch, step)
            try:
                write_tree(out, NEW)
                failed = False
            except OutputError as error:
                failed = True
                assert error.reason == "cannot be written (No space left on device)"
        if failed:
            assert read_tree(out) == OLD | MINE, f"step {step} ({taken[-1]})"
            assert leftovers(out) == [], f"step {step} ({taken[-1]})"
            assert (out / "pkg" / "models" / "kept.py").stat().st_mtime_ns == 1_000_000_000
        else:  # only removing the old tree after the switch may fail without failing the run
            assert taken[step - 1] == "remove_tree" and read_tree(out) == NEW | MINE
        write_tree(out, NEW)
        assert read_tree(out) == NEW | MINE
        assert leftovers(out) == []
        assert (out / "pkg" / "models" / "kept.py").stat().st_mtime_ns == 1_000_000_000


# Run in a child: the write of NEW over the tree in ``out``, killed (SIGKILL, no clean-up of any
# kind) as the ``step``-th disk step begins.
_KILLED_WRITE = """
import json, os, signal, sys
from pathlib import Path, PurePosixPath
from generator.output import switch
from generator.output.write import write_tree

out, step, files = Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
taken = []

def wrap(original):
    def counted(*args):
        taken.append(1)
        if len(taken) == step:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args)
    return counted

for name in sys.argv[4].split(","):
    setattr(switch, name, wrap(getattr(switch, name)))
write_tree(out, {PurePosixPath(path): text for path, text in files.items()})
"""


def test_a_run_killed_at_any_step_leaves_old_or_new_and_the_next_run_repairs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    total = _count_steps(tmp_path, monkeypatch)
    files = json.dumps({str(path): text for path, text in NEW.items()})
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen = set()
    for step in range(1, total + 1):
        out = tmp_path / f"killed{step}"
        _old_tree(out)
        child = subprocess.run(
            [sys.executable, "-c", _KILLED_WRITE, str(out), str(step), files, ",".join(STEPS)],
            env=environment,
            capture_output=True,
            timeout=120,
        )
        assert child.returncode == -signal.SIGKILL, child.stderr.decode()
        on_disk = read_tree(out)
        if not on_disk:  # killed between the two renames: the old tree is aside, whole
            assert read_tree(out, ".pkg.previous") == {
                PurePosixPath(".pkg.previous", *path.parts[1:]): text
                for path, text in (OLD | MINE).items()
            }
            seen.add("aside")
        else:
            assert on_disk in (OLD | MINE, NEW | MINE), f"step {step}: a mix"
            seen.add("old" if on_disk == OLD | MINE else "new")
        write_tree(out, NEW)
        assert read_tree(out) == NEW | MINE
        assert leftovers(out) == []
    assert seen == {"old", "aside", "new"}


def test_a_full_disk_is_one_line_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["--spec", str(SEED), "--out", str(out), "--package", "oci_core", "--no-cache"]
    assert main(args) == 0
    target = out / "oci_core" / "models" / "volume_backup.py"
    target.write_text("# edited by hand\n")

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(switch, "write_file", full)
    capsys.readouterr()
    assert main(args) == 3
    assert capsys.readouterr().err == (
        f"error: {target} cannot be written (No space left on device); {out} left as it was\n"
    )
    assert target.read_text() == "# edited by hand\n"
    assert leftovers(out) == []


def test_a_folder_where_the_spec_makes_a_file_stops_the_run_before_any_write(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    _old_tree(out)
    (out / "pkg" / "client" / "fresh.py").mkdir(parents=True)
    with pytest.raises(OutputError) as raised:
        write_tree(out, NEW)
    assert raised.value.path == out / "pkg" / "client" / "fresh.py"
    assert raised.value.reason == "is a folder where the spec makes a file"
    assert leftovers(out) == []
    (out / "pkg" / "client" / "fresh.py").rmdir()
    (out / "pkg" / "client").rmdir()
    (out / "pkg" / "client").write_text("a file of the user's\n")
    with pytest.raises(OutputError, match="is a file where the spec makes a folder"):
        write_tree(out, NEW)
    (tmp_path / "file").write_text("not a package\n")
    with pytest.raises(OutputError, match="is a file where the spec makes the package's folder"):
        write_tree(tmp_path, {PurePosixPath("file/x.py"): ""})
    assert read_tree(out) == OLD | MINE | {PurePosixPath("pkg/client"): "a file of the user's\n"}


def test_a_file_made_read_only_is_replaced_and_the_unchanged_run_writes_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    _old_tree(out)
    (out / "pkg" / "models" / "changed.py").chmod(0o444)
    changes = write_tree(out, NEW)
    assert read_tree(out) == NEW | MINE
    assert len(changes.written) == 4 and len(changes.removed) == 2
    inode = (out / "pkg").stat().st_ino
    again = write_tree(out, NEW)
    assert (again.written, again.removed, len(again.unchanged)) == ([], [], len(NEW))
    assert (out / "pkg").stat().st_ino == inode  # not even switched: nothing changed


@pytest.mark.parametrize("first", [True, False], ids=["new", "replaced"])
def test_the_written_files_reach_the_disk_before_the_switch_and_the_switch_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: bool
) -> None:
    out = tmp_path / "out"
    if not first:
        _old_tree(out)
    events: list[str] = []
    rename, fsync = switch.rename, os.fsync

    def renamed(source: Path, target: Path) -> None:
        events.append(f"rename {Path(source).name} -> {Path(target).name}")
        rename(source, target)

    def synced(handle: int) -> None:
        assert os.path.samestat(os.fstat(handle), os.stat(out))
        events.append("fsync out")
        fsync(handle)

    monkeypatch.setattr(os, "sync", lambda: events.append("sync"))
    monkeypatch.setattr(os, "fsync", synced)
    monkeypatch.setattr(switch, "rename", renamed)
    write_tree(out, NEW)
    switching = ["rename .pkg.staging -> pkg", "fsync out"]
    if not first:
        switching.insert(0, "rename pkg -> .pkg.previous")
    assert events == ["sync", *switching]
    assert read_tree(out).items() >= NEW.items()
