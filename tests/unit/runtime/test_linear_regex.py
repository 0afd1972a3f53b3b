"""The linear-time matcher's instructions, read from hand-written programs."""

from __future__ import annotations

import pytest

from generator.runtime._linear_regex import LinearPattern


def _finds(program: str, text: str) -> bool:
    return LinearPattern(program).search(text) is not None


def test_a_character_class_takes_one_character_from_any_of_its_ranges() -> None:
    digits_or_x = "c30-39,78 m"
    assert [_finds(digits_or_x, t) for t in ("7", "x", "y", "", "ab7")] == [
        True,
        True,
        False,
        False,
        True,
    ]


def test_an_empty_class_never_matches() -> None:
    assert not _finds("c m", "anything")


def test_split_and_jump_make_a_loop_that_an_empty_body_cannot_hang() -> None:
    # ^(a*)*$ : a loop around a loop that can match empty.
    program = "^ s2,6 s3,5 c61 j2 j1 $ m"
    assert _finds(program, "")
    assert _finds(program, "aaaa")
    assert not _finds(program, "aab")


def test_the_search_is_unanchored_unless_the_program_starts_with_a_caret() -> None:
    assert _finds("c62 m", "aab")
    assert not _finds("^ c62 m", "aab")
    assert _finds("^ c61 m", "ab")


@pytest.mark.parametrize(
    ("program", "text", "found"),
    [
        ("c61 $ m", "a\n", False),  # $ is the very end, as \Z
        ("c61 Z m", "a\n", True),  # Z also matches before a final newline, as re's $
        ("c61 Z m", "a\n\n", False),
        ("b c61 b m", "a", True),
        ("b c61 b m", "ba", False),
        ("B c61 m", "ba", True),
        ("B c61 m", "a", False),
        ("c61 b m", "a\u00e9", True),  # only ASCII letters are word characters
    ],
)
def test_assertions(program: str, text: str, found: bool) -> None:
    assert _finds(program, text) is found


def test_code_points_past_the_basic_plane() -> None:
    assert _finds("^ c1f600 $ m", "\U0001f600")
    assert not _finds("^ c1f600 $ m", "\U0001f601")


def test_a_hostile_text_costs_one_pass() -> None:
    # ^(a+)+$ as the generator compiles it; re would not finish on this text.
    nested = LinearPattern("^ c61 s3,5 c61 j2 s6,11 c61 s8,10 c61 j7 j5 $ m")
    assert nested.search("a" * 10_000 + "!") is None
    assert nested.search("a" * 10_000) is True


@pytest.mark.parametrize("program", ["x1", "c62-61 m", "s1 m", "j1,2 m", "j5 m", "c61"])
def test_a_malformed_program_is_refused(program: str) -> None:
    with pytest.raises(ValueError):
        LinearPattern(program)
