"""The validators' runtime (``_validation.py``) as ordinary code: the format checks, pointer
tokens and value descriptions the generated validators call."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime import _validation
from generator.runtime._validation import (
    describe,
    escape_token,
    is_byte,
    is_date,
    is_date_time,
    is_ipv4,
    is_ipv6,
    is_time,
)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-05-01T12:30:45Z", True),
        ("2024-05-01t12:30:45.123456789z", True),
        ("2024-05-01T12:30:45+05:30", True),
        ("2024-02-29T00:00:00Z", True),  # a leap year
        ("2023-02-29T00:00:00Z", False),
        ("1900-02-29T00:00:00Z", False),  # divisible by 100, not by 400
        ("2000-02-29T00:00:00Z", True),
        ("2024-04-31T00:00:00Z", False),
        ("2024-05-01 12:30:45Z", False),  # RFC 3339 allows the space; JSON Schema does not
        ("2024-05-01T12:30:45", False),  # no offset
        ("2024-05-01T12:30:45+0530", False),
        ("2024-05-01T24:00:00Z", False),
        ("2024-05-01T12:30:45.Z", False),
        ("2024-12-31T23:59:60Z", True),  # the leap second, at 23:59:60 UTC
        ("2024-12-31T23:59:60+01:00", False),  # 22:59:60 UTC
        ("2025-01-01T00:59:60+01:00", True),  # 23:59:60 UTC
        ("2024-12-31T18:29:60-05:30", True),
        ("２０２４-05-01T12:30:45Z", False),  # non-ASCII digits
    ],
)
def test_date_time_is_rfc_3339_strictly(value: str, valid: bool) -> None:
    assert is_date_time(value) is valid


def test_dates_and_times_alone() -> None:
    assert [is_date(v) for v in ("2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01")] == [
        True,
        False,
        False,
        False,
    ]
    assert [is_time(v) for v in ("23:59:60Z", "23:59:60+00:00", "12:00:60Z", "12:00:00")] == [
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("192.168.0.1", True),
        ("0.0.0.0", True),
        ("255.255.255.255", True),
        ("256.1.1.1", False),
        ("01.2.3.4", False),  # a leading zero reads as octal in some parsers
        ("1.2.3", False),
        ("1.2.3.4.", False),
        ("1.2.3.4\n", False),
        ("١.2.3.4", False),
    ],
)
def test_ipv4_is_a_dotted_quad_without_leading_zeros(value: str, valid: bool) -> None:
    assert is_ipv4(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("::1", True),
        ("2001:db8::8a2e:370:7334", True),
        ("::ffff:192.0.2.1", True),
        ("fe80::1%eth0", False),  # a zone is not part of the format
        (" ::1", False),
        ("::1 ", False),
        ("2001:db8::1::2", False),
        ("1:2:3:4:5:6:7:8:9", False),
        ("١::", False),
    ],
)
def test_ipv6_is_rfc_4291_text_without_a_zone(value: str, valid: bool) -> None:
    assert is_ipv6(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("", True),
        ("aGVsbG8=", True),
        ("aGk=", True),
        ("aGVsbG8", False),  # padding is required
        ("aGVs bG8=", False),
        ("aGVsbG8=\n", False),
        ("aGVsbG8_", False),  # the URL-safe alphabet is not byte's
        ("é", False),
    ],
)
def test_byte_is_padded_standard_base64(value: str, valid: bool) -> None:
    assert is_byte(value) is valid


def test_escape_token_escapes_tilde_before_slash() -> None:
    assert escape_token("a/b~c") == "a~1b~0c"
    # Escaping "~" first keeps a literal "~1" from reading back as "/".
    assert escape_token("~1") == "~01"
    assert escape_token("") == ""


def test_describe_names_the_json_type_and_shortens_long_strings() -> None:
    assert [describe(v) for v in (None, True, 3, 2.5, [1], {}, {"a": 1, "b": 2})] == [
        "null",
        "true",
        "the integer 3",
        "the number 2.5",
        "an array of 1 item",
        "an object with 0 properties",
        "an object with 2 properties",
    ]
    assert describe("x" * 41) == f"the string '{'x' * 37}...'"
    assert describe("x" * 40) == f"the string '{'x' * 40}'"
    assert describe(b"") == "a Python bytes"


# Each field of a date-time in its range, or one of them just past it: the near misses.
_NEAR_MISSES: dict[int, list[Any]] = {
    # month and day together: days some months lack (the year decides February 29th)
    1: [(0, 1), (13, 1), (1, 0), (1, 32), (2, 29), (2, 30), (4, 31), (11, 31)],
    3: [" "],
    4: [24, 25],
    5: [60],
    6: [60, 61],
    7: ["."],
    8: ["+24:00", "+05:60", "+0530", ""],
}


@st.composite
def _near_date_times(draw: st.DrawFn) -> str:
    parts: list[Any] = [
        draw(st.sampled_from([1900, 2000, 2023, 2024]) | st.integers(0, 9999)),
        draw(st.integers(1, 12)),
        draw(st.integers(1, 31)),
        draw(st.sampled_from("Tt")),
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 60)),
        draw(st.sampled_from(["", ".5", ".123456789"])),
        draw(st.sampled_from(["Z", "z", "+05:30", "-23:59"])),
    ]
    which = draw(st.sampled_from([None, *_NEAR_MISSES]))
    if which == 1:
        parts[1:3] = draw(st.sampled_from(_NEAR_MISSES[1]))
    elif which in _NEAR_MISSES:
        parts[which] = draw(st.sampled_from(_NEAR_MISSES[which]))
    return "{:04d}-{:02d}-{:02d}{}{:02d}:{:02d}:{:02d}{}{}".format(*parts)


@settings(max_examples=300, deadline=None)
@given(value=_near_date_times())
def test_the_date_time_fast_path_agrees_with_the_strict_rules(value: str) -> None:
    """The capture-free pattern that spares most date-times the arithmetic says yes only
    where the strict rules do."""
    assert is_date_time(value) is _validation._is_date_time_strictly(value)
