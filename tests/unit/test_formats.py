"""The format table agrees with the runtime: every checker exists there, and each format's
valid sample passes its checker and its invalid sample fails it."""

from __future__ import annotations

import inspect

import pytest

from generator.formats import STRING_FORMATS
from generator.runtime import _validation


def test_every_checker_is_a_function_of_the_runtime() -> None:
    defined = {name for name, _ in inspect.getmembers(_validation, inspect.isfunction)}
    assert {f.checker for f in STRING_FORMATS.values()} <= defined


@pytest.mark.parametrize("name", list(STRING_FORMATS))
def test_the_samples_pass_and_fail_the_checker(name: str) -> None:
    known = STRING_FORMATS[name]
    check = getattr(_validation, known.checker)
    assert check(known.valid) is True
    assert check(known.invalid) is False
