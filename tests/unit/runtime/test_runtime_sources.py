"""The runtime's sources are what the pipeline copies: in the output's black layout, all listed
in the plan's table, and the source of the validators' reserved names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path, PurePosixPath

import black
import pytest

from generator.output.format import black_mode
from generator.output.planned import CopiedFile
from generator.output.render import render_files
from generator.plan import RUNTIME_FILES
from generator.reserved import VALIDATION_NAMES
from generator.runtime import _validation, exported_names, source_text

RUNTIME = Path(__file__).resolve().parents[3] / "generator" / "runtime"


@pytest.mark.parametrize("path", [path for path, _ in RUNTIME_FILES], ids=str)
def test_black_leaves_each_module_under_its_banner_unchanged(path: PurePosixPath) -> None:
    copied = CopiedFile(PurePosixPath("package") / path, path, {"spec": "spec.yaml (A, 1)"})
    text = render_files([copied])[copied.path]
    assert text.endswith(source_text(path))
    assert black.format_str(text, mode=black_mode()) == text


def test_the_table_lists_every_module_of_the_runtime_folder() -> None:
    modules = {
        PurePosixPath(p.relative_to(RUNTIME).as_posix())
        for p in RUNTIME.rglob("*.py")
        if p.name != "__init__.py"
    }
    assert modules == {path for path, _ in RUNTIME_FILES}


def test_exported_names_are_the_public_names_a_module_defines(tmp_path: Path) -> None:
    (tmp_path / "sample.py").write_text(
        "import re\n"
        "from typing import TypeAlias\n"
        "Pair: TypeAlias = tuple[int, int]\n"
        "LIMIT = 3\n"
        "_hidden = 4\n"
        "def check() -> None: ...\n"
        "async def fetch() -> None: ...\n"
        "class Thing: ...\n"
        "def _helper() -> None: ...\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("sample", tmp_path / "sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules.pop("sample", None)
    assert exported_names(module) == {"Pair", "LIMIT", "check", "fetch", "Thing"}


def test_the_validators_reserve_what_the_validation_module_defines() -> None:
    defined_here = {
        name
        for name, value in vars(_validation).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == _validation.__name__
    }
    # The type aliases are the two names whose values do not know their module.
    assert defined_here | {"Check", "Direction"} == VALIDATION_NAMES
    assert {"match_tagged", "is_byte", "ValidationFailed"} <= VALIDATION_NAMES
