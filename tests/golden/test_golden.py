"""Golden cases: one small spec per feature, its generated tree compared byte for byte.

The files every package gets unchanged (the static runtime: ``_runtime.py``, ``_validation.py``,
``client/_transport.py``...) are kept once, in ``shared/``, with the banner's spec line made
neutral; each case's ``expected/`` holds the rest. A file is shared when ``shared/`` has it.

`pytest --update-golden` rewrites `expected/` and `shared/`; review that diff and commit it on
its own.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path, PurePosixPath

import pytest

from generator import generate

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "spec.yaml").exists())
SHARED = Path(__file__).parent / "shared"
_SPEC_LINE = 2  # the banner's third line names the spec, the one line a shared file varies in


def _read_tree(folder: Path) -> dict[PurePosixPath, str]:
    if not folder.is_dir():
        return {}
    return {
        PurePosixPath(p.relative_to(folder).as_posix()): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def neutral(text: str) -> str:
    """``text`` with its banner's spec line made the same for every case."""
    lines = text.split("\n")
    if len(lines) > _SPEC_LINE and lines[_SPEC_LINE].startswith("# Spec: "):
        lines[_SPEC_LINE] = "# Spec: (each case's spec)"
    return "\n".join(lines)


def split_shared(
    files: dict[PurePosixPath, str],
) -> tuple[dict[PurePosixPath, str], dict[PurePosixPath, str]]:
    """A generated tree as (the case's own files, the shared ones by package-relative path)."""
    shared_paths = set(_read_tree(SHARED))
    own: dict[PurePosixPath, str] = {}
    shared: dict[PurePosixPath, str] = {}
    for path, text in files.items():
        inner = PurePosixPath(*path.parts[1:])
        if inner in shared_paths:
            shared[inner] = neutral(text)
        else:
            own[path] = text
    return own, shared


def golden_tree(name: str) -> dict[PurePosixPath, str]:
    """A case's whole expected package: its own files and the shared ones it lists."""
    tree = _read_tree(CASES / name / "expected")
    shared = _read_tree(SHARED)
    for inner in _shared_list(name):
        tree[PurePosixPath(name) / inner] = shared[inner]
    return tree


def _shared_list(name: str) -> list[PurePosixPath]:
    """The shared files a case's package has (``shared.txt``, one path a line)."""
    listing = CASES / name / "shared.txt"
    if not listing.exists():
        return []
    return [PurePosixPath(line) for line in listing.read_text(encoding="utf-8").split()]


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
    actual, shared = split_shared(generate(case / "spec.yaml", name, display="spec.yaml"))
    if update_golden:
        shutil.rmtree(case / "expected", ignore_errors=True)
        for folder, files in ((case / "expected", actual), (SHARED, shared)):
            for path, text in files.items():
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8", newline="")
        listing = "".join(f"{path}\n" for path in sorted(shared))
        (case / "shared.txt").write_text(listing, encoding="utf-8", newline="")
        return
    expected = _read_tree(case / "expected")
    assert expected, f"{name} has no expected/ tree: run pytest --update-golden and review it"
    difference = _diff(expected, actual)
    every_shared = _read_tree(SHARED)
    shared_expected = {path: every_shared[path] for path in _shared_list(name)}
    difference += _diff(shared_expected, shared)
    assert not difference, f"{name} differs from its golden files:\n{difference}"


def test_every_case_is_collected() -> None:
    """A case folder without spec.yaml would silently test nothing."""
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == CASE_NAMES
