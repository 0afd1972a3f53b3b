"""CI runs the README's test command, and that command runs every test: the ``slow`` marker
only serves a local ``-m "not slow"`` loop, and nothing is skipped or deselected by default."""

from __future__ import annotations

import re
import shlex
import sys

from tests.conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_SELECTING = ("-m", "-k", "--deselect", "--ignore", "--ignore-glob", "-x", "--exitfirst")


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
    commands = [line for block in blocks for line in block.splitlines() if "pytest" in line]
    return commands[0]


def test_ci_runs_the_readme_s_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == _readme_test_command()


def test_neither_the_command_nor_the_default_options_leave_tests_out() -> None:
    command = shlex.split(_readme_test_command().rsplit("&&", 1)[-1])
    assert command == ["python", "-m", "pytest"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    options = shlex.split(pyproject["tool"]["pytest"]["ini_options"]["addopts"])
    assert not [option for option in options if option.split("=")[0] in _SELECTING]


def test_no_test_is_skipped_or_expected_to_fail() -> None:
    marks = re.compile(r"pytest\.(skip|importorskip)\(|mark\.(skip|skipif|xfail)\b")
    here = ROOT / "tests"
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(here.rglob("*.py"))
        if path.name != "test_ci_runs_everything.py"
        and marks.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
