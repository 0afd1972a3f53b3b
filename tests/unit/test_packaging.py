"""The wheel ships every subpackage (pyproject.toml lists packages by hand), and no dependency
can move to a release nobody has tried (every one is pinned or bounded above)."""

from __future__ import annotations

import sys
from typing import Any

from packaging.requirements import Requirement

from tests.conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "generator").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed


def test_every_dependency_has_an_upper_bound() -> None:
    project = _pyproject()["project"]
    entries = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        entries += extra
    unbounded = [
        entry
        for entry in entries
        if not any(
            spec.operator in ("==", "<", "<=", "~=") for spec in Requirement(entry).specifier
        )
    ]
    assert unbounded == []
