"""ECMA-262 patterns translated for Python's re mean what regress (an ECMA-262 engine) says."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regress import Regex

from generator.lower.ecma_regex import PatternError, translate

PATTERNS = [
    r"^\d+$",
    r"^\w+$",
    r"\bcat\b",
    r"^\s*$",
    r"^.+$",
    r"^[^]$",
    r"^[]$",
    r"^[ -\w]$",
    r"^[\w-.]+@[\w.-]+$",
    r"^[a-z\d-]{2,4}$",
    r"^(a)?\1b$",
    r"^(?<tag>[a-c])\k<tag>$",
    r"^(?:ab|cd)+$",
    r"(?<=a)b",
    r"(?<!a)b",
    r"^a(?=b)",
    r"^\uD83D\uDE00$",
    r"^\u00e9\x41$",
    r"^[\u0041-\u005a]+$",
    r"x{,2}",
    r"^a{2,}$",
    r"^\cJ$",
    r"^[\b]$",
    r"^\/path\/$",
    r"^AC[0-9a-fA-F]{32}$",
    r"^[^\s@]+@[^\s@]+$",
    r"a|b|",
    r"^\$\d+\.\d{2}$",
    # Negated sets inside classes, which Python cannot write there.
    r"^[\s\S]*$",
    r"^[\D_]+$",
    r"^[^\D_]+$",
    r"^[\W\d]$",
    r"^[^\S ]$",
    r"^[\Sa]+$",
]
# Patterns that need ECMA-262's unicode mode (the u flag), which JSON Schema validators use.
UNICODE_PATTERNS = [
    r"^\u{1F600}$",
    r"^\p{L}+$",
    r"^\p{Letter}+$",
    r"^[\p{Lu}\d]+$",
    r"^\P{L}$",
    r"^[^\p{Ll}]$",
    r"^[\P{L}a]+$",
    r"^\p{gc=Nd}$",
]

TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdAB09_-.@ /$x{},\n\r\t\x08\x0b")
        + ["\u00a0", "\u2028", "\ufeff", "\u0663", "é", "😀", "J", "\n"]
    ),
    max_size=8,
)


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_translation_agrees_with_an_ecma_262_engine(pattern: str, text: str) -> None:
    ours = re.search(translate(pattern), text, re.ASCII) is not None
    theirs = Regex(pattern).find(text) is not None
    assert ours == theirs, f"{pattern!r} on {text!r}: ours {ours}, ECMA-262 {theirs}"


@pytest.mark.parametrize("pattern", UNICODE_PATTERNS)
@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_unicode_properties_agree_with_an_ecma_262_engine(pattern: str, text: str) -> None:
    ours = re.search(translate(pattern), text, re.ASCII) is not None
    theirs = Regex(pattern, "u").find(text) is not None
    assert ours == theirs, f"{pattern!r} on {text!r}: ours {ours}, ECMA-262 {theirs}"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"\p{Script=Greek}", "not a General_Category"),
        (r"\p", "property name in braces"),
        (r"a*+", "possessive"),
        (r"(?i)a", "not ECMA-262"),
        (r"\a", "reads differently"),
        (r"[", "never closed"),
        (r"\01", "octal"),
    ],
)
def test_what_cannot_mean_the_same_is_refused(pattern: str, reason: str) -> None:
    with pytest.raises(PatternError, match=re.escape(reason)):
        translate(pattern)
