"""``[tool.generator]`` and the command line: mistakes are usage errors (exit 3) naming the key
and the file, before anything is read or written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "spec" / "oci_core.yaml"


def _project(tmp_path: Path, table: str) -> Path:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.generator]\n" + table, encoding="utf-8")
    return pyproject


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return main(list(argv))


def test_an_unknown_key_is_named_with_the_close_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = _project(tmp_path, f'spec = "{SEED.as_posix()}"\npackage = "p"\noutput = "src"\n')
    assert _run(tmp_path, monkeypatch) == 3
    assert capsys.readouterr().err == (
        f"error: {pyproject}: [tool.generator] unknown key 'output' (did you mean 'out'?); "
        "the keys are spec, out, package, strict, ref_root, cache, templates, project, format\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pyproject.toml"]


def test_every_wrong_value_is_reported_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = _project(
        tmp_path,
        'spec = 3\nout = ""\npackage = ["p"]\nstrict = "yes"\ncache = 0\nref_root = {}\n'
        'format = "prettier"\n',
    )
    assert _run(tmp_path, monkeypatch) == 3
    prefix = f"{pyproject}: [tool.generator] "
    assert capsys.readouterr().err.splitlines() == [
        f"error: {prefix}spec must be a file path, not 3",
        f"{prefix}out must be a folder path, not ''",
        f"{prefix}package must be a package name, not an array",
        f"{prefix}strict must be true or false, not 'yes'",
        f"{prefix}cache must be true or false, not 0",
        f"{prefix}ref_root must be a folder path, not a table",
        f'{prefix}format must be "layout" or "black", not \'prettier\'',
    ]


def test_a_table_that_is_not_a_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\ngenerator = "x"\n', encoding="utf-8")
    assert _run(tmp_path, monkeypatch) == 3
    assert "tool.generator must be a table, not 'x'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("class", "is a Python keyword"),
        ("json", "is the name of a standard-library module"),
        ("httpx", "is the name of a package the generated code imports"),
        ("Pets", "is not a lower-case Python identifier"),
        ("café", "is not a lower-case Python identifier"),
    ],
)
def test_package_names_python_cannot_import_as_ours_are_refused(
    name: str,
    reason: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(tmp_path, monkeypatch, "--spec", str(SEED), "--package", name) == 3
    assert capsys.readouterr().err.startswith(f"error: --package {name!r} {reason}")
    pyproject = _project(tmp_path, f'spec = "{SEED.as_posix()}"\npackage = "{name}"\n')
    assert _run(tmp_path, monkeypatch) == 3
    assert capsys.readouterr().err.startswith(f"error: {pyproject}: package name {name!r} {reason}")
    assert not (tmp_path / "generated").exists()


def test_cache_false_in_the_table_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, f'spec = "{SEED.as_posix()}"\npackage = "core"\ncache = false\n')
    assert _run(tmp_path, monkeypatch) == 0
    assert (tmp_path / "generated" / "core" / "__init__.py").is_file()
    assert not (tmp_path / "cache").exists()


def test_usage_errors_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--bogus"])
    assert stopped.value.code == 3
    assert "error: unrecognized arguments: --bogus" in capsys.readouterr().err


def test_version_and_help_say_what_a_user_needs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.split()[-1][0].isdigit()
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "--check              in CI: fail if the output is stale" in shown
    for line in ("0  generated", "1  --check: the output is stale", "2  the spec has problems"):
        assert line in shown
    assert "3  a usage or configuration error" in shown


def test_the_console_script_calls_itself_by_its_name() -> None:
    launcher = (
        "import sys; sys.argv[0] = '/usr/bin/generator'; "
        "from generator.cli import main; main(['-h'])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", launcher], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert shown.startswith("usage: generator ")
