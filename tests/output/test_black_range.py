"""The output does not depend on black's version within the range pyproject.toml allows: the
oldest black of the range changes nothing in what the generator wrote with the newest.

The layout pass writes black's layout itself, so a project can install the generator beside its
own black. Black's stable style changes once a year (the 2024 style came with 24.1.0); this
test installs the range's lower bound beside the suite and runs it over the seed's output and
every golden case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

OLDEST = "24.1.0"


def test_the_range_starts_where_this_test_looks() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    black = next(Requirement(e) for e in project["dependencies"] if e.startswith("black"))
    assert black.specifier.contains(OLDEST)
    assert not black.specifier.contains("23.12.1")


def test_the_oldest_black_of_the_range_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "oldest"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*install, "--target", str(target), f"black=={OLDEST}"], check=True)
    outputs = tmp_path / "outputs"  # outside the repository: its pyproject excludes them
    shutil.copytree(ROOT / "generated", outputs / "seed")
    for case in sorted((ROOT / "tests" / "golden" / "cases").iterdir()):
        if (case / "expected").is_dir():
            shutil.copytree(case / "expected", outputs / case.name)
    env = dict(os.environ, PYTHONPATH=str(target))
    black = [sys.executable, "-m", "black"]
    version = subprocess.run([*black, "--version"], env=env, capture_output=True, text=True)
    assert f"black, {OLDEST}" in version.stdout
    checked = subprocess.run(
        [*black, "--check", "--line-length", "88", "--target-version", "py310", str(outputs)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
