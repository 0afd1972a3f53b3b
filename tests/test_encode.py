"""The encoders, attacked with arbitrary text: whatever a spec holds, the output is one token
that evaluates back to the data (literals, docstrings) or one harmless comment line."""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.encode import comment, docstring, literal
from generator.naming import (
    constant_case,
    is_valid_identifier,
    module_name,
    pascal_case,
    snake_case,
)
from generator.output.format import black_mode

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_PEP263 = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_a_literal_evaluates_back_to_its_value(value: object) -> None:
    source = literal(value)
    result = eval(
        compile(ast.parse(source, mode="eval"), "<literal>", "eval"),
        {"__builtins__": {"float": float}},
    )
    assert _same(result, value)


# Quotes, backslashes and escapes, mixed: the cases where the choice of quotes is close.
_QUOTED = st.text(alphabet=st.sampled_from(["'", '"', "\\", "a", "\n", "\x00", "\u200b"]))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_QUOTED, st.text()))
def test_a_string_literal_is_in_the_quotes_black_writes(value: str) -> None:
    # Black prefers double quotes unless they take more backslashes; what literal() writes
    # is what black would write, so black has nothing to change in it.
    source = literal(value)
    assert ast.literal_eval(source) == value
    formatted = black.format_str(f"x = {source}\n", mode=black_mode())
    assert formatted == f"x = {source}\n"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=12))
def test_a_docstring_is_one_string_token_holding_the_text(text: str, indent: int) -> None:
    source = docstring(text, indent)
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)
    ]
    assert [t.type for t in tokens] == [tokenize.STRING]
    value = ast.literal_eval(source)
    expected = "".join(f"\\u{ord(c):04x}" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert value.split() == expected.split()
    source.encode("utf-8")  # a lone surrogate never reaches the file


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_comment_is_one_harmless_line(text: str) -> None:
    line = "# " + comment(text)
    assert len(line.splitlines()) == 1
    assert not _PEP263.match(line)
    tokens = list(tokenize.generate_tokens(io.StringIO(line + "\n").readline))
    assert [t.type for t in tokens[:2]] == [tokenize.COMMENT, tokenize.NL]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_names_are_identifiers_or_empty(text: str) -> None:
    for name in (snake_case(text), module_name(text), pascal_case(text)):
        assert name == "" or is_valid_identifier(name), repr(name)
    member = constant_case(text)
    assert member == "" or is_valid_identifier(member)


def test_a_google_style_entry_wraps_four_columns_in() -> None:
    text = "Args:\n    token: " + "word " * 30
    lines = eval(docstring(text)).splitlines()  # noqa: S307 - our own literal
    assert lines[1].startswith("    token: word")
    assert all(line.startswith("        word") for line in lines[2:])
