"""Unions decoded by validating their alternatives: the validators' ``choose_branch`` and the
models' ``decode_choice`` and ``encode_value``, as ordinary code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import pytest

from generator.runtime._runtime import OpenStrEnum, decode_choice, encode_value
from generator.runtime._validation import (
    Direction,
    ValidationError,
    ValidationFailed,
    choose_branch,
    missing,
)


def _requires(name: str) -> Any:
    def check(
        value: object, at: str, errors: list[ValidationError], direction: Direction | None
    ) -> None:
        if not isinstance(value, dict) or name not in value:
            errors.append(missing(at, name))

    return check


BRANCHES = (_requires("meow"), _requires("bark"))


def test_one_of_picks_the_only_alternative_that_matches() -> None:
    assert choose_branch({"bark": 1}, BRANCHES, None, "Pet", one_of=True) == 1


def test_any_of_picks_the_first_that_matches_in_order() -> None:
    assert choose_branch({"bark": 1, "meow": 1}, BRANCHES, None, "Pet", one_of=False) == 0


def test_none_matching_names_each_alternatives_first_failure() -> None:
    with pytest.raises(ValidationFailed) as raised:
        choose_branch({}, BRANCHES, None, "Pet", one_of=False)
    assert str(raised.value) == (
        "1 problem with Pet:\n  (root): an object with 0 properties matches none of the 2 "
        "alternatives (#0: (root): the required property 'meow' is missing; "
        "#1: (root): the required property 'bark' is missing)"
    )
    assert raised.value.errors[0].keyword == "anyOf"


def test_several_matching_a_one_of_names_them() -> None:
    with pytest.raises(ValidationFailed) as raised:
        choose_branch({"bark": 1, "meow": 1}, BRANCHES, None, "Pet", one_of=True)
    (error,) = raised.value.errors
    assert (error.pointer, error.keyword) == ("", "oneOf")
    assert error.message == (
        "an object with 2 properties matches alternatives 0, 1; exactly one must match"
    )


def test_decode_choice_converts_with_the_chosen_alternative() -> None:
    def chooser(value: Any) -> int:
        return 0 if isinstance(value, str) else 1

    converters = (None, lambda value: sorted(value))
    assert decode_choice(chooser, "kept", converters) == "kept"
    assert decode_choice(chooser, [3, 1, 2], converters) == [1, 2, 3]


class Colour(OpenStrEnum):
    RED = "red"


@dataclass
class Point:
    x: int

    def to_dict(self) -> dict[str, Any]:
        return {"x": self.x}


def test_encode_value_writes_whatever_the_models_hold() -> None:
    value = {
        "point": Point(1),
        "points": [Point(2), {"nested": [Colour.RED, Colour("blue")]}],
        "when": datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc),
        "day": date(2024, 5, 1),
        "plain": [1, "a", None, True, 1.5],
    }
    assert encode_value(value) == {
        "point": {"x": 1},
        "points": [{"x": 2}, {"nested": ["red", "blue"]}],
        "when": "2024-05-01T12:00:00Z",
        "day": "2024-05-01",
        "plain": [1, "a", None, True, 1.5],
    }
