"""Which patterns keep ``re`` and which get the linear-time matcher, and that the matcher's
programs find exactly what ``re`` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.lower.ecma_regex import translate
from generator.lower.regex_linear import NotLinear, linear_program, program_of
from generator.lower.regex_tree import parse_python, tree_of
from generator.runtime._linear_regex import LinearPattern

# Anchored and unambiguous, or without a repetition of varying count: re stays.
SAFE = [
    r"^[a-z]+$",
    r"^\d{3}-\d{4}$",
    r"abc",
    r"\d{3}",
    r"^ocid1\.[a-z]+\.[a-z0-9]*$",
    r"^(\d{3}-)+$",
    r"^(a|b)*c$",
    r"^[^\D]+$",
    r"^.{1,100}$",
    r"^(a)?\1b$",  # a backreference, but no repetition of varying count
]
# Nested or ambiguous repetitions, empty loops, or unanchored repetitions (quadratic in re).
UNSAFE = [
    r"^(a+)+$",
    r"(a|a)*b",
    r"(a*)*b",
    r"(\w+\s?)*$",
    r"^(x|x)*y$",  # re's parser folds this into x followed by a choice of two empties
    r"^(?:x(?:a?)?)+$",
    r"^[\D_]+$",  # [^0-9] and _ overlap under the repetition
    r"[a-z]+\d",
    r"^\d+\d+$",
    r"^(?:[a-z]+-)*[a-z]+$",
]


@pytest.mark.parametrize("pattern", SAFE)
def test_patterns_re_is_safe_on_keep_re(pattern: str) -> None:
    assert linear_program(translate(pattern)) is None


@pytest.mark.parametrize("pattern", UNSAFE)
def test_patterns_re_could_be_slow_on_get_a_program(pattern: str) -> None:
    assert linear_program(translate(pattern)) is not None


def test_the_program_of_a_nested_repetition() -> None:
    assert linear_program(translate(r"^(a+)+$")) == (
        "^ c61 s3,5 c61 j2 s6,11 c61 s8,10 c61 j7 j5 $ m"
    )


def test_an_unsafe_pattern_no_automaton_can_match_is_refused_with_what_it_uses() -> None:
    with pytest.raises(NotLinear) as error:
        linear_program(translate(r"^(a+)+\1$"))
    assert str(error.value) == (
        "Python's re could take more than linear time on it, and the linear-time matcher "
        "cannot express a backreference"
    )
    with pytest.raises(NotLinear, match="a lookahead or lookbehind"):
        linear_program(translate(r"^(?=a+b)(a|b)+$"))


def test_counted_repetitions_past_the_matchers_size_are_refused_without_writing_them() -> None:
    with pytest.raises(NotLinear, match="longer than the linear-time matcher's 20000"):
        linear_program(translate(r"((a{65535}){65535}){65535}x*"))


# Every construct the programs have: classes, negated and ECMA-translated ones, alternatives,
# counted, lazy and nested repetitions, empty loops and every assertion.
AGREEMENT = sorted(
    {*SAFE, *UNSAFE} - {r"^(a)?\1b$"}
    | {
        r"^a{2,3}b?$",
        r"(ab|a)*?b",
        r"\bab\b",
        r"a\B",
        r"^(?:|a|ab)+$",
        r"^[^a]$",
        r"[\s\S]b",
        r"^.$",
        r"^a{0,2}$",
        r"(?:a|b-){2}$",
    }
)
TEXT = st.text(alphabet="ab-x_0 \n!é", max_size=12)


@pytest.mark.parametrize("pattern", AGREEMENT)
@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_programs_find_what_re_finds(pattern: str, text: str) -> None:
    python = translate(pattern)
    program = LinearPattern(program_of(tree_of(parse_python(python))))
    found = re.search(python, text, re.ASCII) is not None
    assert (program.search(text) is not None) is found
