"""allOf for fixtures: branches' rules merged into what a value must follow."""

from __future__ import annotations

import pytest

from generator.fixtures.examples import Sampler
from generator.fixtures.intersect import Unsupported, merge_all_of
from generator.ir import Required, Rules, Target

BASE = Rules(
    "/components/schemas/Base",
    types=("object",),
    properties=(
        ("size", Rules("/b/size", types=("integer",), minimum=5)),
        ("note", Rules("/b/note", types=("string",))),
    ),
)
TARGETS = {BASE.pointer: Target(BASE.pointer, "Base", "Base", BASE)}


def test_a_property_required_by_one_branch_and_declared_by_another_gets_its_type() -> None:
    sized = Rules(
        "/s",
        all_of=(
            Rules("/s/0", ref=BASE.pointer),
            Rules("/s/1", required=(Required("size", ("",)),)),
        ),
    )
    assert Sampler(TARGETS).value(sized, "sized", full=False) == {"size": 5}


def test_bounds_tighten_and_enums_meet() -> None:
    merged = merge_all_of(
        Rules(
            "/x",
            all_of=(
                Rules("/x/0", types=("number",), minimum=1, maximum=10, enum=(2, 3, 4)),
                Rules("/x/1", types=("integer",), minimum=3, maximum=20, enum=(4, 3, 9)),
            ),
        ),
        {},
    )
    assert (merged.types, merged.minimum, merged.maximum, merged.enum) == (
        ("integer",),
        3,
        10,
        (3, 4),
    )


def test_a_closed_branch_leaves_the_other_branchs_optional_properties_out() -> None:
    closed = Rules(
        "/c/1",
        properties=(("size", Rules("/c/1/size")),),
        additional=Rules("/f", always_fails=True),
    )
    value = Sampler(TARGETS).value(
        Rules("/c", all_of=(Rules("/c/0", ref=BASE.pointer), closed)), "c", full=True
    )
    assert value == {"size": 5}


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (Rules("/a", types=("string",)), Rules("/b", types=("integer",)), "of different types"),
        (Rules("/a", enum=("x",)), Rules("/b", enum=("y",)), "share no value"),
        (Rules("/a", format="uuid"), Rules("/b", format="email"), "both set format"),
    ],
)
def test_what_no_merge_can_express_is_unsupported(first: Rules, second: Rules, reason: str) -> None:
    with pytest.raises(Unsupported, match=reason):
        merge_all_of(Rules("/x", all_of=(first, second)), {})
