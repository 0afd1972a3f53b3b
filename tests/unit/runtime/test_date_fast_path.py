"""The fast path of ``parse_datetime``/``parse_date`` (``datetime.fromisoformat`` behind a
shape check) gives what the strict parser gives, value or error, on every input; and
``format_datetime`` writes "Z" exactly where it did when it looked at the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.runtime import _runtime
from generator.runtime._runtime import format_datetime, parse_date, parse_datetime

Outcome = tuple[object, ...]


def outcome(parse: Callable[[str], object], text: object) -> Outcome:
    """The result as something comparable: the exact value and its zone, or the error."""
    try:
        value = parse(text)  # type: ignore[arg-type]
    except ValueError as error:
        return ("error", type(error), str(error))
    if isinstance(value, datetime):
        return ("datetime", repr(value), value.tzinfo, value.utcoffset())
    return ("date", repr(value))


def two_digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda number: f"{number:02d}")


# Every field in its range (days up to 31 in every month), then each field's edges and
# beyond: one field at a time is drawn off its range, so most strings are near-valid.
VALID_FIELDS = {
    "year": st.sampled_from(["0001", "1970", "2000", "2023", "2024", "2100", "9999"]),
    "month": two_digits(1, 12),
    "day": two_digits(1, 31),
    "sep": st.sampled_from(["T", "t", " "]),
    "hour": two_digits(0, 23),
    "minute": two_digits(0, 59),
    "second": two_digits(0, 59),
    "fraction": st.sampled_from(["", ".000", ".123456"])
    | st.from_regex(r"\.[0-9]{1,9}", fullmatch=True),
    "zone": st.sampled_from(["Z", "z", "+00:00", "-00:00"])
    | st.builds(
        lambda sign, hour, minute: f"{sign}{hour}:{minute}",
        st.sampled_from("+-"),
        two_digits(0, 23),
        two_digits(0, 59),
    ),
}
OFF_FIELDS = {
    "year": st.sampled_from(["0000", "999", "12024", "２０２４"]),
    "month": st.sampled_from(["00", "13", "1", "W18"]),
    "day": st.sampled_from(["00", "32", "1", "٣1"]),
    "sep": st.sampled_from(["x", "", "TT", "_"]),
    "hour": st.sampled_from(["24", "25", "1"]),
    "minute": st.sampled_from(["60", "61", "1"]),
    "second": st.sampled_from(["60", "61", "", "1"]),
    "fraction": st.sampled_from([".", ",5", ".1234567890", ".12345678901"]),
    "zone": st.sampled_from(["", "+0530", "+05", "+05:30:00", "+24:00", "-23:60", "+99:99"]),
}


@st.composite
def rfc3339ish(draw: st.DrawFn) -> str:
    # Half of them all in range (None: no field off).
    off = draw(st.sampled_from([*[None] * len(OFF_FIELDS), *OFF_FIELDS]))
    part = {
        name: draw(OFF_FIELDS[name] if name == off else strategy)
        for name, strategy in VALID_FIELDS.items()
    }
    seconds = f":{part['second']}" if part["second"] else ""
    return (
        f"{part['year']}-{part['month']}-{part['day']}{part['sep']}"
        f"{part['hour']}:{part['minute']}{seconds}{part['fraction']}{part['zone']}"
    )


# Characters a mutation puts in: ISO 8601's other forms, other digits, whitespace.
NOISE = st.sampled_from(list("0123456789-:.,+TtZzW \n\t") + ["\u0663", "\uff10", "\u00b9"])


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    text = draw(base)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert":
            text = text[:at] + draw(NOISE) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + draw(NOISE) + text[at + 1 :]
    return text


DATE_TIMES = st.one_of(
    rfc3339ish(), rfc3339ish(), mutated(rfc3339ish()), st.text(NOISE, max_size=40)
)
VALID_DATES = st.builds(
    lambda y, m, d: f"{y}-{m}-{d}",
    VALID_FIELDS["year"],
    VALID_FIELDS["month"],
    VALID_FIELDS["day"],
)
DATES = st.one_of(
    VALID_DATES,
    VALID_DATES,
    mutated(VALID_DATES),
    st.builds(
        lambda y, m, d: f"{y}-{m}-{d}",
        VALID_FIELDS["year"] | OFF_FIELDS["year"],
        VALID_FIELDS["month"] | OFF_FIELDS["month"],
        VALID_FIELDS["day"] | OFF_FIELDS["day"],
    ),
    st.text(NOISE, max_size=12),
)


@settings(max_examples=600, deadline=None)
@given(DATE_TIMES)
@example("2024-02-30T10:00:00Z")  # the one range the pattern leaves to fromisoformat
@example("2023-02-29 23:59:59.999999999-23:59")
@example("2024-05-01T12:30:45.123456789Z")
@example("2016-12-31T23:59:60Z")
@example("2024-05-01T12:30:45+24:00")
@example("2024-W18-3T12:30:45Z")
@example("20240501T123045Z")
def test_parse_datetime_is_the_strict_parser(text: str) -> None:
    assert outcome(parse_datetime, text) == outcome(_runtime._parse_datetime_strictly, text)


@settings(max_examples=300, deadline=None)
@given(DATE_TIMES)
@example("2024-05-01T12:30:45.123Z")
@example("2024-02-30T10:00:00Z")
def test_the_python_3_10_fast_path_is_the_strict_parser(text: str) -> None:
    """3.10's variant (3 or 6 fractional digits; "Z" read by hand), run here on 3.11+'s
    fromisoformat, which reads everything 3.10's reads, the same way."""
    pattern = re.compile(
        _runtime._ISO_FULL_DATE
        + _runtime._ISO_TIME
        + _runtime._ISO_FRACTION_310
        + _runtime._ISO_ZONE,
        re.ASCII,
    )

    def parse_310(value: str) -> datetime:
        if pattern.fullmatch(value) is not None:
            try:
                return _runtime._from_isoformat_310(value)
            except ValueError:
                pass
        return _runtime._parse_datetime_strictly(value)

    assert outcome(parse_310, text) == outcome(_runtime._parse_datetime_strictly, text)


@settings(max_examples=300, deadline=None)
@given(DATES)
@example("2024-02-30")
@example("0000-01-01")
@example("2024-W18-3")
@example("20240501")
def test_parse_date_is_the_strict_parser(text: str) -> None:
    assert outcome(parse_date, text) == outcome(_runtime._parse_date_strictly, text)


def test_the_fast_path_takes_the_common_shapes() -> None:
    """What services send goes through fromisoformat, not the strict parser's regex."""
    common = [
        "2024-05-01T12:30:45Z",
        "2024-05-01T12:30:45.123Z",
        "2024-05-01T12:30:45.123456+05:30",
        "2024-05-01T12:30:45.123456789Z",
        "2024-05-01 12:30:45-08:00",
    ]
    assert all(_runtime._ISO_DATETIME.fullmatch(text) for text in common)
    assert _runtime._ISO_DATE.fullmatch("2024-05-01")
    assert parse_date("2024-05-01") == date(2024, 5, 1)


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        timezones=st.timedeltas(
            min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
        ).map(timezone)
    )
)
@example(datetime(2024, 5, 1, tzinfo=timezone(timedelta(microseconds=1))))
@example(datetime(2024, 5, 1, tzinfo=timezone(-timedelta(0))))
def test_format_datetime_writes_z_exactly_where_isoformat_writes_a_zero_offset(
    value: datetime,
) -> None:
    text = value.isoformat()
    assert format_datetime(value) == (text[:-6] + "Z" if text.endswith("+00:00") else text)
