"""The models' runtime (``_runtime.py``): RFC 3339 date-times and dates, both ways."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from generator.runtime._runtime import format_datetime, parse_date, parse_datetime

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:30:45Z", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01t12:30:45z", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01 12:30:45Z", datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)),
        ("2024-05-01T12:30:45.5Z", datetime(2024, 5, 1, 12, 30, 45, 500000, tzinfo=UTC)),
        # Nanoseconds are cut to the microsecond a datetime holds, not rounded.
        ("2024-05-01T12:30:45.123456789Z", datetime(2024, 5, 1, 12, 30, 45, 123456, tzinfo=UTC)),
        (
            "2024-05-01T12:30:45+05:30",
            datetime(2024, 5, 1, 12, 30, 45, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        (
            "2024-05-01T12:30:45-00:30",
            datetime(2024, 5, 1, 12, 30, 45, tzinfo=timezone(-timedelta(minutes=30))),
        ),
        # A leap second is the last microsecond of its minute.
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_parse_datetime(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-05-01T12:30:45", "not an RFC 3339 date-time: '2024-05-01T12:30:45'"),
        ("2024-05-01", "not an RFC 3339 date-time: '2024-05-01'"),
        ("2024-05-01T12:30:45+0530", "not an RFC 3339 date-time: '2024-05-01T12:30:45+0530'"),
        (
            "2024-05-01T12:30:45+24:00",
            "not an RFC 3339 date-time (offset too large): '2024-05-01T12:30:45+24:00'",
        ),
    ],
)
def test_parse_datetime_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_datetime(text)
    assert str(raised.value) == message


def test_format_datetime_writes_z_for_utc_and_keeps_other_offsets() -> None:
    assert format_datetime(datetime(2024, 5, 1, 12, 30, 45, tzinfo=UTC)) == "2024-05-01T12:30:45Z"
    assert (
        format_datetime(datetime(2024, 5, 1, 12, 30, 45, 120000, tzinfo=UTC))
        == "2024-05-01T12:30:45.120000Z"
    )
    plus_two = timezone(timedelta(hours=2))
    assert format_datetime(datetime(2024, 5, 1, 1, 2, 3, tzinfo=plus_two)) == (
        "2024-05-01T01:02:03+02:00"
    )
    with pytest.raises(ValueError, match="needs a time zone"):
        format_datetime(datetime(2024, 5, 1))


def test_a_formatted_datetime_parses_back_to_itself() -> None:
    value = datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=timezone(-timedelta(hours=9)))
    assert parse_datetime(format_datetime(value)) == value


def test_parse_date() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    with pytest.raises(ValueError, match="not an RFC 3339 date: '2024-5-1'"):
        parse_date("2024-5-1")
    with pytest.raises(ValueError, match="day is out of range"):
        parse_date("2023-02-29")
