"""The runtime's fast paths for decoding: enum members looked up by value, and undeclared
properties collected, each with exactly the results of the slow path they replace."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.runtime._runtime import OpenIntEnum, OpenStrEnum, undeclared


class Colour(OpenStrEnum):
    RED = "red"
    EMPTY = ""


class Level(OpenIntEnum):
    ONE = 1
    TWO = 2


def test_known_values_are_their_members_and_unknown_ones_are_kept() -> None:
    assert Colour("red") is Colour.RED
    assert Colour("") is Colour.EMPTY
    assert Colour(Colour.RED) is Colour.RED
    assert Level(2) is Level.TWO
    blue = Colour("blue")
    assert blue.value == "blue" and not blue.is_known
    assert Level(7).value == 7 and not Level(7).is_known


@pytest.mark.parametrize("value", [[1], {"a": 1}, 1.5, None])
def test_values_no_member_can_have_fail_as_enum_fails_them(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        Colour(value)


def test_the_functional_api_is_left_to_enum() -> None:
    made = OpenStrEnum("Made", {"A": "a"})
    assert made("a").name == "A"


@given(
    data=st.dictionaries(st.sampled_from(["a", "b", "c", "x", "y"]), st.integers()),
    declared=st.frozensets(st.sampled_from(["a", "b", "c"])),
)
def test_undeclared_is_every_other_property_in_order(
    data: dict[str, int], declared: frozenset[str]
) -> None:
    expected = {key: value for key, value in data.items() if key not in declared}
    found = undeclared(data, declared)
    assert found == expected and list(found) == list(expected)
