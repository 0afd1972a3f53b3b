"""Helpers shared by the generated models: RFC 3339 dates, open enums, the UNSET marker and
unions decoded by the validators.

Standard library only, so the generated package has no runtime dependencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")

_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# The UTC singleton, spelled so that it also reads right on Python 3.10 (no datetime.UTC).
_UTC = timezone(timedelta(0))


class Unset(Enum):
    """The type of UNSET: a property that is absent, as opposed to present and null."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET = Unset.UNSET


def maybe(convert: Callable[[Any], T], value: Any) -> Any:
    """``convert(value)``, except that None and UNSET pass through unchanged."""
    if value is None or value is UNSET:
        return value
    return convert(value)


def dispatch(
    value: Any, key: str, parsers: Mapping[str, Callable[[Any], T]]
) -> T | Any:
    """The model that ``value[key]`` names (a discriminator); other values stay as they are.

    A discriminator value the spec does not list leaves the object a plain dict, so nothing
    the service adds later is lost or misread.
    """
    tag = value.get(key) if isinstance(value, dict) else None
    parse = parsers.get(tag) if isinstance(tag, str) else None
    return value if parse is None else parse(value)


def decode_choice(
    chooser: Callable[[Any], int],
    value: Any,
    converters: tuple[Callable[[Any], Any] | None, ...],
) -> Any:
    """``value`` as the alternative of a union that ``chooser`` (a ``choose_*`` function of
    the validators) finds it matches; None among ``converters`` keeps the value as it is.

    The chooser raises ``ValidationFailed`` naming each alternative's first failure when
    none matches (or, for a oneOf, when several do): guessing could build the wrong class.
    """
    convert = converters[chooser(value)]
    return value if convert is None else convert(value)


def encode_value(value: Any) -> Any:
    """Any value the models hold as wire data: models by ``to_dict()``, enums by their value,
    date-times as RFC 3339, dates as ISO 8601, lists and dicts item by item."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [encode_value(item) for item in value]
    if isinstance(value, dict):
        return {key: encode_value(item) for key, item in value.items()}
    return value


def parse_datetime(value: str) -> datetime:
    """An RFC 3339 date-time as an aware datetime.

    Accepts ``Z`` or ``z``, ``T``, ``t`` or a space, numeric offsets and 1 to 9 fractional
    digits (kept to the microsecond, which is all a datetime holds). A leap second (``:60``)
    becomes the last microsecond of its minute.
    """
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    year, month, day, hour, minute, second = (
        int(g) for g in match.group(1, 2, 3, 4, 5, 6)
    )
    fraction = match.group(7) or ""
    microsecond = int(fraction[:6].ljust(6, "0"))
    if match.group(8):
        zone = _UTC
    else:
        offset = timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
        if offset >= timedelta(hours=24):
            raise ValueError(f"not an RFC 3339 date-time (offset too large): {value!r}")
        zone = timezone(-offset if match.group(9) == "-" else offset)
    if second == 60:
        second, microsecond = 59, 999999
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)


def format_datetime(value: datetime) -> str:
    """An aware datetime as RFC 3339, with ``Z`` for UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"a date-time on the wire needs a time zone: {value!r}")
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_date(value: str) -> date:
    """An RFC 3339 full-date (``2024-05-01``)."""
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an RFC 3339 date: {value!r}")
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


class OpenStrEnum(str, Enum):
    """A string enum that keeps values the spec does not list.

    Services add values (a new lifecycle state) before clients are regenerated, so an unknown
    value becomes a member of its own instead of an error; ``value`` gives it back unchanged.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether the spec lists this value."""
        return type(self).__members__.get(self._name_) is self


class OpenIntEnum(int, Enum):
    """An integer enum that keeps values the spec does not list (see ``OpenStrEnum``)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
        member._name_ = f"VALUE_{value}"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether the spec lists this value."""
        return type(self).__members__.get(self._name_) is self
