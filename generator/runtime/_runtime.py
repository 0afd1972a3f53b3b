"""Helpers shared by the generated models: RFC 3339 dates, open enums, the UNSET marker,
unions decoded by the validators, and ``DecodeError``.

Standard library only, so the generated package has no runtime dependencies.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from enum import Enum, EnumMeta
from types import TracebackType
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")

_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# The UTC singleton, spelled so that it also reads right on Python 3.10 (no datetime.UTC).
_UTC = timezone(timedelta(0))

# The fast path: strings of these shapes are read by datetime.fromisoformat (C, ten times
# faster than the regex above and its arithmetic) exactly as the strict parser reads them.
# Every field's range is in the pattern, so only a day the month lacks is left for
# fromisoformat to refuse (the strict parser then says why); lower-case "t" and "z", leap
# seconds, other digits than ASCII and longer offsets take the strict parser. Python 3.10's
# fromisoformat reads 3 or 6 fractional digits and no "Z"; 3.11+ cuts a fraction to 6.
_ISO_FULL_DATE = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_ISO_TIME = r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
_ISO_FRACTION = r"(?:\.[0-9]{1,9})?"
_ISO_FRACTION_310 = r"(?:\.[0-9]{3}(?:[0-9]{3})?)?"
_ISO_ZONE = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
_ISO_DATE = re.compile(_ISO_FULL_DATE, re.ASCII)


def _from_isoformat_310(text: str) -> datetime:
    """``datetime.fromisoformat`` for Python 3.10, which does not read "Z"."""
    if text.endswith("Z"):
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=_UTC)
    return datetime.fromisoformat(text)


if sys.version_info >= (3, 11):
    _ISO_DATETIME = re.compile(
        _ISO_FULL_DATE + _ISO_TIME + _ISO_FRACTION + _ISO_ZONE, re.ASCII
    )
    _from_isoformat = datetime.fromisoformat
else:
    _ISO_DATETIME = re.compile(
        _ISO_FULL_DATE + _ISO_TIME + _ISO_FRACTION_310 + _ISO_ZONE, re.ASCII
    )
    _from_isoformat = _from_isoformat_310


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
    if isinstance(value, str) and _ISO_DATETIME.fullmatch(value) is not None:
        try:
            return _from_isoformat(value)
        except ValueError:
            pass  # a day its month does not have: the strict parser words the error
    return _parse_datetime_strictly(value)


def _parse_datetime_strictly(value: str) -> datetime:
    """``parse_datetime`` on any input: the rules themselves, and every error message."""
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an RFC 3339 date-time: {_describe(value)}")
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
    offset = value.utcoffset()  # None for a naive datetime
    if offset is None:
        raise ValueError(f"a date-time on the wire needs a time zone: {value!r}")
    text = value.isoformat()
    # A zero offset is written "+00:00", and only a zero offset is.
    return text if offset else text[:-6] + "Z"


def parse_date(value: str) -> date:
    """An RFC 3339 full-date (``2024-05-01``)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # a day its month does not have: the strict parser words the error
    return _parse_date_strictly(value)


def undeclared(data: Mapping[str, Any], declared: frozenset[str]) -> dict[str, Any]:
    """The properties of ``data`` that its schema does not declare, in their order: a model
    keeps them in ``additional_properties``. Most objects have none, which one set test
    finds."""
    if declared.issuperset(data):
        return {}
    return {key: value for key, value in data.items() if key not in declared}


def _parse_date_strictly(value: str) -> date:
    """``parse_date`` on any input: the rules themselves, and every error message."""
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an RFC 3339 date: {_describe(value)}")
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


class _OpenEnumType(EnumMeta):
    """Looks a member up by its value directly: ``Cls(value)`` runs for every enum field a
    model decodes, and ``Enum``'s own call path costs several times the lookup."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:
            try:
                member = cls._value2member_map_.get(value)
            except TypeError:  # an unhashable value: Enum's own path words the error
                member = None
            if member is not None:
                return member
        return super().__call__(value, *args, **kwargs)


class OpenStrEnum(str, Enum, metaclass=_OpenEnumType):
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


class OpenIntEnum(int, Enum, metaclass=_OpenEnumType):
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


# -- decoding failures ------------------------------------------------------------------------

DECODE_FAILURES = (
    ArithmeticError,
    AttributeError,
    LookupError,
    RecursionError,
    TypeError,
    ValueError,
)
"""What building a model from data of another shape raises; ``from_dict`` turns each into a
``DecodeError`` (``MemoryError`` and interrupts pass through)."""


class DecodeError(ValueError):
    """Raised by ``from_dict`` when the data cannot become the model: a required property is
    missing, a value has a type its property cannot convert (a number for a date-time, a
    list for an object), a union's value matches no alternative, or the data nests deeper
    than the interpreter's recursion limit allows.

    ``schema`` names the class ``from_dict`` was called on, ``pointer`` is where in the data
    the problem is (a JSON pointer, "" for the whole value) and ``reason`` says what it is;
    ``__cause__`` is the exception the conversion raised.
    """

    def __init__(self, schema: str, pointer: str, reason: str) -> None:
        super().__init__(schema, pointer, reason)
        self.schema = schema
        self.pointer = pointer
        self.reason = reason
        # The data of the from_dict the problem is relative to, found again in the data of
        # each enclosing from_dict as the error passes through it.
        self._within: object = None

    def __str__(self) -> str:
        return f"cannot decode {self.schema}: {self.pointer or '(root)'}: {self.reason}"


def raise_decode_error(failure: Exception, model: type | str, data: object) -> NoReturn:
    """Raise the ``DecodeError`` for ``failure``, raised while ``model.from_dict(data)`` ran
    (or a recursive alias's decoder, named by ``model``).

    Only the failure path pays: where the problem is, is worked out from the data and the
    traceback after the fact, so decoding itself checks nothing it did not check before.
    """
    # From a nested from_dict: put the path to its data before the pointer.
    if isinstance(failure, DecodeError):
        inner, failure._within = failure._within, data
        failure.pointer = (_find(data, inner) or "") + failure.pointer
        failure.schema = model if isinstance(model, str) else model.__name__
        raise failure
    pointer, reason = _explain(failure, data)
    error = DecodeError(
        model if isinstance(model, str) else model.__name__, pointer, reason
    )
    error._within = data
    raise error from failure


def _explain(failure: Exception, data: object) -> tuple[str, str]:
    """Where in ``data`` the conversion failed, and why."""
    if isinstance(failure, RecursionError):
        limit = sys.getrecursionlimit()
        return "", f"the data nests too deeply (Python's recursion limit is {limit})"
    if not isinstance(data, Mapping):
        return "", f"expected an object, got {_describe(data)}"
    if isinstance(failure, KeyError) and failure.args and failure.args[0] not in data:
        name = failure.args[0]
        return _token(name), f"the required property {name!r} is missing"
    pointer = ""
    for culprit in _arguments(failure.__traceback__):
        found = _find(data, culprit)
        if found is not None:
            pointer = found
            break
    # A union's ValidationFailed, from its chooser: one problem.
    problems = getattr(failure, "errors", None)
    if isinstance(problems, tuple) and len(problems) == 1:
        return pointer + problems[0].pointer, problems[0].message
    if isinstance(failure, ValueError):
        return pointer, str(failure)
    return pointer, f"{type(failure).__name__}: {failure}"


def _arguments(trace: TracebackType | None) -> list[object]:
    """The arguments of the calls below from_dict's own frame, outermost first: one of them
    is the value whose conversion failed (``maybe``'s value, the enum's, the date's)."""
    found: list[object] = []
    trace = trace.tb_next if trace is not None else None
    while trace is not None:
        frame = trace.tb_frame
        names = frame.f_code.co_varnames[: frame.f_code.co_argcount]
        found += [frame.f_locals.get(name) for name in names]
        trace = trace.tb_next
    return [item for item in found if item is not None and not isinstance(item, bool)]


def _find(data: object, target: object) -> str | None:
    """The JSON pointer of ``target`` within ``data``, found by identity.

    By identity, iteratively (the data may nest deeper than Python recurses) and visiting
    each container once (data built in Python may contain itself).
    """
    stack: list[tuple[str, object]] = [("", data)]
    seen: set[int] = set()
    while stack:
        pointer, value = stack.pop()
        if value is target:
            return pointer
        if id(value) in seen:
            continue
        if isinstance(value, Mapping):
            seen.add(id(value))
            items = [(pointer + _token(k), v) for k, v in value.items()]
        elif isinstance(value, list | tuple):
            seen.add(id(value))
            items = [(f"{pointer}/{i}", v) for i, v in enumerate(value)]
        else:
            continue
        stack.extend(reversed(items))
    return None


def _token(key: object) -> str:
    text = key if isinstance(key, str) else _describe(key)
    return "/" + text.replace("~", "~0").replace("/", "~1")


# Past about 3,000 digits an integer is described, not written: Python refuses to write one of
# more than 4,300 digits as text (ValueError), and no message needs that many.
_LONG_INT_BITS = 10_000
_DIGITS_PER_BIT = 0.30103


def _describe(value: object) -> str:
    """A short description of a value for messages; never the digits of a huge integer
    (Python refuses to write an int of more than 4,300 digits as text)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > _LONG_INT_BITS:
        return f"an integer of about {int(value.bit_length() * _DIGITS_PER_BIT)} digits"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return f"an array of {len(value)} items"
    if isinstance(value, Mapping):
        return f"an object with {len(value)} properties"
    return f"a Python {type(value).__name__}"
