"""The format table agrees with the runtime: every checker exists there, and each format's
valid sample passes its checker and its invalid sample fails it."""

from __future__ import annotations

import ast
import sys
from functools import cache
from types import ModuleType

import pytest

from generator.formats import STRING_FORMATS
from tests.conftest import ROOT


@cache
def runtime_source() -> str:
    """The generated package's ``_validation.py`` as Python: its template without the Jinja
    lines (the banner's include and the raw markers)."""
    template = ROOT / "templates" / "validators" / "validation.py.jinja"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("{%"))


@cache
def runtime_module() -> ModuleType:
    """That source run as a module (dataclasses look their module up in ``sys.modules``)."""
    module = ModuleType("_runtime_validation")
    sys.modules[module.__name__] = module
    exec(compile(runtime_source(), "_validation.py", "exec"), module.__dict__)
    return module


def test_every_checker_is_a_function_of_the_runtime() -> None:
    defined = {
        node.name for node in ast.parse(runtime_source()).body if isinstance(node, ast.FunctionDef)
    }
    assert {f.checker for f in STRING_FORMATS.values()} <= defined


@pytest.mark.parametrize("name", list(STRING_FORMATS))
def test_the_samples_pass_and_fail_the_checker(name: str) -> None:
    known = STRING_FORMATS[name]
    check = getattr(runtime_module(), known.checker)
    assert check(known.valid) is True
    assert check(known.invalid) is False
