"""Golden cases: one small spec per feature, its generated tree compared byte for byte.

`pytest --update-golden` rewrites `expected/`; review that diff and commit it on its own.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path, PurePosixPath

import pytest

from generator import generate

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "spec.yaml").exists())


def _expected(case: Path) -> dict[PurePosixPath, str]:
    folder = case / "expected"
    if not folder.is_dir():
        return {}
    return {
        PurePosixPath(p.relative_to(folder).as_posix()): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _diff(expected: dict[PurePosixPath, str], actual: dict[PurePosixPath, str]) -> str:
    lines: list[str] = []
    for path in sorted(set(expected) | set(actual)):
        old, new = expected.get(path), actual.get(path)
        if old == new:
            continue
        lines.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"expected/{path}" if old is not None else "/dev/null",
                tofile=f"actual/{path}" if new is not None else "/dev/null",
            )
        )
    return "".join(lines)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden(name: str, update_golden: bool) -> None:
    case = CASES / name
    actual = generate(case / "spec.yaml", name, display="spec.yaml")
    if update_golden:
        shutil.rmtree(case / "expected", ignore_errors=True)
        for path, text in actual.items():
            target = case / "expected" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        return
    expected = _expected(case)
    assert expected, f"{name} has no expected/ tree: run pytest --update-golden and review it"
    difference = _diff(expected, actual)
    assert not difference, f"{name} differs from its golden files:\n{difference}"


def test_every_case_is_collected() -> None:
    """A case folder without spec.yaml would silently test nothing."""
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == CASE_NAMES
