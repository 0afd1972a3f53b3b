"""What the generated validators share: the error type, messages, formats and JSON equality.

Standard library only. Formats are checked strictly, by their RFCs: RFC 3339 for ``date-time``,
``date`` and ``time`` (leap seconds only at 23:59:60 UTC), RFC 4122 for ``uuid``, RFC 5321 for
``email``, RFC 1123 for ``hostname``, RFC 3986 for ``uri`` and ``uri-reference``, dotted quads
without leading zeros for ``ipv4``, RFC 4291 text without a zone for ``ipv6``.
"""

from __future__ import annotations

import binascii
import ipaddress
import re
import sys
from base64 import b64decode
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache
from typing import Literal, TypeAlias, TypeGuard

Direction: TypeAlias = Literal["request", "response"]


@dataclass(frozen=True, slots=True)
class ValidationError:
    """One broken rule: where in the data (a JSON pointer, "" for the whole value), which
    schema keyword, and a sentence that names the limit and the value."""

    pointer: str
    keyword: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '(root)'}: {self.message}"


# The frozen dataclass's own __init__ goes through object.__setattr__ once per field; setting the
# slots directly builds the same object in half the time, which is most of an error's cost.
_new = object.__new__
_set_pointer = vars(ValidationError)["pointer"].__set__
_set_keyword = vars(ValidationError)["keyword"].__set__
_set_message = vars(ValidationError)["message"].__set__


def _error(pointer: str, keyword: str, message: str) -> ValidationError:
    error: ValidationError = _new(ValidationError)
    _set_pointer(error, pointer)
    _set_keyword(error, keyword)
    _set_message(error, message)
    return error


class ValidationFailed(ValueError):
    """Raised by the ``check_*`` functions; ``errors`` holds every problem found."""

    def __init__(self, schema: str, errors: Sequence[ValidationError]) -> None:
        self.schema = schema
        self.errors = tuple(errors)
        count = "1 problem" if len(self.errors) == 1 else f"{len(self.errors)} problems"
        lines = "".join(f"\n  {error}" for error in self.errors)
        super().__init__(f"{count} with {schema}:{lines}")


Check: TypeAlias = Callable[
    [object, str, list[ValidationError], "Direction | None"], None
]


def escape_token(key: str) -> str:
    """A property name as one JSON pointer token (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")


# -- messages ---------------------------------------------------------------------------------


def describe(value: object) -> str:
    """A short description of a JSON value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, int):
        return f"the integer {_number(value)}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return f"an array of {_count(len(value), 'item')}"
    if isinstance(value, dict):
        return f"an object with {_count(len(value), 'property', 'properties')}"
    return f"a Python {type(value).__name__}"


def _number(value: float) -> str:
    """A number as a message shows it. Past about 3,000 digits an integer is described, not
    written: Python refuses to write one of more than 4,300 digits (ValueError)."""
    if isinstance(value, int) and value.bit_length() > _LONG_INT_BITS:
        return f"an integer of about {int(value.bit_length() * _DIGITS_PER_BIT)} digits"
    return repr(value)


_LONG_INT_BITS = 10_000
_DIGITS_PER_BIT = 0.30103


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def wrong_type(at: str, value: object, expected: str) -> ValidationError:
    return _error(at, "type", f"expected {expected}, got {describe(value)}")


def never_valid(at: str, value: object) -> ValidationError:
    return _error(at, "false", f"no value is allowed here, got {describe(value)}")


def read_only(at: str) -> ValidationError:
    return _error(at, "readOnly", "this property is read-only: a request cannot set it")


def write_only(at: str) -> ValidationError:
    message = "this property is write-only: a response cannot carry it"
    return _error(at, "writeOnly", message)


def too_short(at: str, value: str, limit: int) -> ValidationError:
    message = f"{describe(value)} has {_count(len(value), 'character')}; the minimum is {limit}"
    return _error(at, "minLength", message)


def too_long(at: str, value: str, limit: int) -> ValidationError:
    message = f"{describe(value)} has {_count(len(value), 'character')}; the maximum is {limit}"
    return _error(at, "maxLength", message)


def no_match(at: str, value: str, pattern: str) -> ValidationError:
    message = f"{describe(value)} does not match the pattern {pattern!r}"
    return _error(at, "pattern", message)


def bad_format(at: str, value: object, name: str) -> ValidationError:
    return _error(at, "format", f"{describe(value)} is not a valid {name}")


def below_minimum(at: str, value: float, limit: float) -> ValidationError:
    message = f"{_number(value)} is less than the minimum of {_number(limit)}"
    return _error(at, "minimum", message)


def above_maximum(at: str, value: float, limit: float) -> ValidationError:
    message = f"{_number(value)} is more than the maximum of {_number(limit)}"
    return _error(at, "maximum", message)


def not_above(at: str, value: float, limit: float) -> ValidationError:
    shown = f"{_number(value)} is not greater than {_number(limit)}"
    message = f"{shown} (the exclusive minimum)"
    return _error(at, "exclusiveMinimum", message)


def not_below(at: str, value: float, limit: float) -> ValidationError:
    shown = f"{_number(value)} is not less than {_number(limit)}"
    message = f"{shown} (the exclusive maximum)"
    return _error(at, "exclusiveMaximum", message)


def not_multiple(at: str, value: float, factor: float) -> ValidationError:
    message = f"{_number(value)} is not a multiple of {_number(factor)}"
    return _error(at, "multipleOf", message)


def too_few_items(at: str, value: list[object], limit: int) -> ValidationError:
    message = f"the array has {_count(len(value), 'item')}; the minimum is {limit}"
    return _error(at, "minItems", message)


def too_many_items(at: str, value: list[object], limit: int) -> ValidationError:
    message = f"the array has {_count(len(value), 'item')}; the maximum is {limit}"
    return _error(at, "maxItems", message)


def not_unique(at: str, value: list[object]) -> ValidationError:
    first, second = _duplicate_pair(value)
    message = f"items {first} and {second} are equal; every item must be unique"
    return _error(at, "uniqueItems", message)


def too_few_contained(at: str, count: int, limit: int) -> ValidationError:
    message = (
        f"{_count(count, 'item')} match the 'contains' schema; the minimum is {limit}"
    )
    return _error(at, "contains", message)


def too_many_contained(at: str, count: int, limit: int) -> ValidationError:
    message = (
        f"{_count(count, 'item')} match the 'contains' schema; the maximum is {limit}"
    )
    return _error(at, "maxContains", message)


def missing(at: str, name: str) -> ValidationError:
    return _error(at, "required", f"the required property {name!r} is missing")


def missing_dependency(at: str, name: str, because: str) -> ValidationError:
    message = f"the property {name!r} is required when {because!r} is present"
    return _error(at, "dependentRequired", message)


def too_few_properties(
    at: str, value: dict[str, object], limit: int
) -> ValidationError:
    message = f"the object has {_count(len(value), 'property', 'properties')}; the minimum is {limit}"
    return _error(at, "minProperties", message)


def too_many_properties(
    at: str, value: dict[str, object], limit: int
) -> ValidationError:
    message = f"the object has {_count(len(value), 'property', 'properties')}; the maximum is {limit}"
    return _error(at, "maxProperties", message)


def unexpected(at: str, key: str) -> ValidationError:
    message = f"the property {key!r} is not allowed here"
    return _error(at, "additionalProperties", message)


def not_in_enum(at: str, value: object, options: tuple[object, ...]) -> ValidationError:
    return _error(at, "enum", f"{describe(value)} is not one of {_listing(options)}")


def _listing(options: tuple[object, ...]) -> str:
    """The options as a message lists them, kept per tuple: the generated code passes the same
    module constant every time. Keyed by identity, since (True, 2) == (1, 2)."""
    cached = _LISTINGS.get(id(options))
    if cached is not None and cached[0] is options:
        return cached[1]
    shown = ", ".join([_shown(option) for option in options[:10]])
    shown += f" and {len(options) - 10} more" if len(options) > 10 else ""
    if len(_LISTINGS) < 1024:
        _LISTINGS[id(options)] = (options, shown)
    return shown


_LISTINGS: dict[int, tuple[tuple[object, ...], str]] = {}


def _shown(option: object) -> str:
    return _number(option) if isinstance(option, int) else repr(option)


def too_deep(at: str) -> ValidationError:
    """The value nests deeper than the interpreter's recursion limit lets a check follow."""
    limit = sys.getrecursionlimit()
    message = f"the value nests too deeply to check (the recursion limit is {limit})"
    return _error(at, "nesting", message)


def not_decoded(failure: Exception) -> ValidationError:
    """A body its validator passed that conversion could not follow (``DecodeError``: data
    nested past the recursion limit), as the error a webhook's parser raises it with."""
    pointer = getattr(failure, "pointer", "")
    reason = getattr(failure, "reason", str(failure))
    return _error(pointer if isinstance(pointer, str) else "", "decode", str(reason))


def not_const(at: str, value: object, expected: object) -> ValidationError:
    return _error(at, "const", f"{describe(value)} is not {describe(expected)}")


def matches_not(at: str, value: object) -> ValidationError:
    message = f"{describe(value)} matches the schema under 'not', which it must not"
    return _error(at, "not", message)


# -- combinators ------------------------------------------------------------------------------


def matches(check: Check, value: object, direction: Direction | None) -> bool:
    found: list[ValidationError] = []
    check(value, "", found, direction)
    return not found


def count_matches(
    check: Check, items: list[object], direction: Direction | None
) -> int:
    return sum(1 for item in items if matches(check, item, direction))


def match_any_of(
    value: object,
    at: str,
    errors: list[ValidationError],
    direction: Direction | None,
    branches: tuple[Check, ...],
    tag: tuple[str, dict[str, int]] | None = None,
) -> None:
    failures: list[list[ValidationError]] = []
    for branch in branches:
        found: list[ValidationError] = []
        branch(value, at, found, direction)
        if not found:
            return
        failures.append(found)
    _none_matched(value, at, errors, failures, tag, "anyOf")


def match_one_of(
    value: object,
    at: str,
    errors: list[ValidationError],
    direction: Direction | None,
    branches: tuple[Check, ...],
    tag: tuple[str, dict[str, int]] | None = None,
) -> None:
    failures: list[list[ValidationError]] = []
    passed: list[int] = []
    for index, branch in enumerate(branches):
        found: list[ValidationError] = []
        branch(value, at, found, direction)
        if found:
            failures.append(found)
        else:
            passed.append(index)
    if len(passed) == 1:
        return
    if passed:
        which = ", ".join(str(index) for index in passed)
        message = (
            f"{describe(value)} matches alternatives {which}; exactly one must match"
        )
        errors.append(_error(at, "oneOf", message))
        return
    _none_matched(value, at, errors, failures, tag, "oneOf")


def choose_branch(
    value: object,
    branches: tuple[Check, ...],
    direction: Direction | None,
    what: str,
    *,
    one_of: bool,
) -> int:
    """Which alternative ``value`` is: for a oneOf the one that matches, for an anyOf the
    first that does. Raise ``ValidationFailed`` when none does (naming each alternative's
    first failure) or, for a oneOf, when several do (naming them)."""
    failures: list[list[ValidationError]] = []
    passed: list[int] = []
    for index, branch in enumerate(branches):
        found: list[ValidationError] = []
        try:
            branch(value, "", found, direction)
        except RecursionError:
            raise ValidationFailed(what, [too_deep("")]) from None
        if found:
            failures.append(found)
        elif not one_of:
            return index
        else:
            passed.append(index)
    if len(passed) == 1:
        return passed[0]
    keyword = "oneOf" if one_of else "anyOf"
    if passed:
        which = ", ".join(str(index) for index in passed)
        message = (
            f"{describe(value)} matches alternatives {which}; exactly one must match"
        )
    else:
        reasons = "; ".join(f"#{i}: {found[0]}" for i, found in enumerate(failures))
        count = len(failures)
        message = (
            f"{describe(value)} matches none of the {count} alternatives ({reasons})"
        )
    raise ValidationFailed(what, [_error("", keyword, message)])


def match_tagged(
    value: object,
    at: str,
    errors: list[ValidationError],
    direction: Direction | None,
    name: str,
    branches: dict[str, Check],
    keyword: str,
) -> None:
    """OpenAPI 3.0's discriminator as openapi-schema-validator applies it: the schema the
    tag names decides alone, and its errors keep their own pointers."""
    if not isinstance(value, dict):
        errors.append(wrong_type(at, value, "an object"))
        return
    chosen = value.get(name)
    if not chosen:
        message = f"the discriminator property {name!r} is missing or empty"
        errors.append(_error(at, keyword, message))
        return
    check = branches.get(chosen) if isinstance(chosen, str) else None
    if check is None:
        options = ", ".join(repr(option) for option in branches)
        message = f"{name!r} is {describe(chosen)}, which names none of {options}"
        errors.append(_error(at, keyword, message))
        return
    found: list[ValidationError] = []
    check(value, at, found, direction)
    for error in found:
        message = f"{error.message} (as {chosen!r}, chosen by {name!r})"
        errors.append(_error(error.pointer, error.keyword, message))


def _none_matched(
    value: object,
    at: str,
    errors: list[ValidationError],
    failures: list[list[ValidationError]],
    tag: tuple[str, dict[str, int]] | None,
    keyword: str,
) -> None:
    """With a discriminator, the errors of the alternative its value names; else a summary."""
    if tag is not None and isinstance(value, dict):
        name, branches = tag
        chosen = value.get(name)
        if isinstance(chosen, str) and chosen in branches:
            for error in failures[branches[chosen]]:
                message = f"{error.message} (as {chosen!r}, chosen by {name!r})"
                errors.append(_error(error.pointer, error.keyword, message))
            return
        if name not in value:
            message = f"the discriminator property {name!r} is missing"
        else:
            options = ", ".join(repr(option) for option in branches)
            message = f"{name!r} is {describe(chosen)}, which names none of {options}"
        errors.append(_error(at, keyword, message))
        return
    reasons = "; ".join(f"#{index}: {found[0]}" for index, found in enumerate(failures))
    message = f"{describe(value)} matches none of the {len(failures)} alternatives ({reasons})"
    errors.append(_error(at, keyword, message))


# -- JSON values ------------------------------------------------------------------------------


def is_integer(value: object) -> TypeGuard[int | float]:
    """JSON Schema 2020-12's integer: a number with no fraction, 1.0 included."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def is_multiple_of(value: float, factor: float) -> bool:
    """Exact for decimals (0.3 is a multiple of 0.1), as the JSON text reads, not as floats do."""
    if isinstance(value, int) and isinstance(factor, int):
        return value % factor == 0
    number, divisor = _decimal(value), _decimal(factor)
    if not number.is_finite():
        return False
    with localcontext() as context:
        context.prec = max(28, number.adjusted() - divisor.adjusted() + 3)
        try:
            return number % divisor == 0
        except InvalidOperation:
            return False


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def json_equal(left: object, right: object) -> bool:
    """JSON equality: 1 equals 1.0, but true is not 1 and false is not 0."""
    return _canonical(left) == _canonical(right)


def json_in(value: object, options: tuple[object, ...]) -> bool:
    key = _canonical(value)
    return any(key == _canonical(option) for option in options)


def has_duplicates(items: list[object]) -> bool:
    return len({_canonical(item) for item in items}) != len(items)


def _duplicate_pair(items: list[object]) -> tuple[int, int]:
    seen: dict[object, int] = {}
    for index, item in enumerate(items):
        key = _canonical(item)
        if key in seen:
            return seen[key], index
        seen[key] = index
    return -1, -1


def _canonical(value: object) -> object:
    """A hashable key that is equal exactly when the JSON values are."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(item) for item in value))
    if isinstance(value, dict):
        return (
            "object",
            frozenset((key, _canonical(item)) for key, item in value.items()),
        )
    return (type(value).__name__, value)


# -- formats ----------------------------------------------------------------------------------

# Ranges are in the patterns, so a valid value needs one match; only days after the 28th and
# leap seconds need arithmetic.
_FULL_DATE = r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_FULL_TIME = (
    r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(?:\.[0-9]+)?"
    r"(?:[Zz]|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))"
)
_DATE = re.compile(_FULL_DATE, re.ASCII)
_TIME = re.compile(_FULL_TIME, re.ASCII)
_DATE_TIME = re.compile(_FULL_DATE + "[Tt]" + _FULL_TIME, re.ASCII)
# Most date-times: a day every month has and no leap second, so no arithmetic to do; without
# capturing groups, the engine matches a quarter faster.
_PLAIN_DATE_TIME = re.compile(
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])[Tt]"
    r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])",
    re.ASCII,
)
_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", re.ASCII)
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(_OCTET + r"(?:\." + _OCTET + r"){3}", re.ASCII)
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?", re.ASCII)
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_PART = re.compile(
    rf'{_ATOM}(?:\.{_ATOM})*|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"',
    re.ASCII,
)
# RFC 3986, appendix A.
_HEX = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|{_HEX})"
_SEGMENT_NC = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|{_HEX})+"
_AUTHORITY = (
    rf"(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|{_HEX})*@)?"
    rf"(?P<host>\[[^\]/?#@]*\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|{_HEX})*)"
    r"(?::[0-9]*)?"
)
_TAIL = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
_URI_PATTERN = (
    rf"[A-Za-z][A-Za-z0-9+\-.]*:"
    rf"(?://{_AUTHORITY}(?:/{_PCHAR}*)*|/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?|{_PCHAR}+(?:/{_PCHAR}*)*|)"
    rf"{_TAIL}"
)
_RELATIVE_REF_PATTERN = (
    rf"(?://{_AUTHORITY}(?:/{_PCHAR}*)*|/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?"
    rf"|{_SEGMENT_NC}(?:/{_PCHAR}*)*|){_TAIL}"
)


# The two URI patterns take most of this module's import time to compile (about 7 ms), and
# few schemas have a uri format: compiled on first use.
@cache
def _uri() -> re.Pattern[str]:
    return re.compile(_URI_PATTERN, re.ASCII)


@cache
def _relative_ref() -> re.Pattern[str]:
    return re.compile(_RELATIVE_REF_PATTERN, re.ASCII)


_IP_FUTURE = re.compile(r"v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+", re.ASCII)


def is_date(value: str) -> bool:
    match = _DATE.fullmatch(value)
    return match is not None and (
        match[3] <= "28" or _valid_day(match[1], match[2], match[3])
    )


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_day(year: str, month: str, day: str) -> bool:
    number, days = int(year), _DAYS_IN_MONTH[int(month) - 1]
    if month == "02" and number % 4 == 0 and (number % 100 != 0 or number % 400 == 0):
        days = 29
    return int(day) <= days


def is_time(value: str) -> bool:
    match = _TIME.fullmatch(value)
    return match is not None and (match[3] != "60" or _leap_second(*match.groups()))


def is_date_time(value: str) -> bool:
    if _PLAIN_DATE_TIME.fullmatch(value) is not None:
        return True
    return _is_date_time_strictly(value)


def _is_date_time_strictly(value: str) -> bool:
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        return False
    if match[3] > "28" and not _valid_day(match[1], match[2], match[3]):
        return False
    return match[6] != "60" or _leap_second(*match.groups()[3:])


def _leap_second(
    hour: str,
    minute: str,
    second: str,
    sign: str | None,
    offset_hour: str,
    offset_minute: str,
) -> bool:
    """A leap second happens at 23:59:60 UTC only."""
    offset = 0
    if sign:
        offset = (int(offset_hour) * 60 + int(offset_minute)) * (
            1 if sign == "+" else -1
        )
    return (int(hour) * 60 + int(minute) - offset) % 1440 == 1439


def is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


def is_ipv4(value: str) -> bool:
    return _IPV4.fullmatch(value) is not None


def is_ipv6(value: str) -> bool:
    if not value.isascii() or "%" in value or value.strip() != value:
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def is_hostname(value: str) -> bool:
    name = value.removesuffix(".")
    if not name or len(name) > 253:
        return False
    return all(_LABEL.fullmatch(label) for label in name.split("."))


def is_email(value: str) -> bool:
    local, at, domain = value.rpartition("@")
    if not at or len(local) > 64 or _LOCAL_PART.fullmatch(local) is None:
        return False
    if domain.startswith("[") and domain.endswith("]"):
        literal = domain[1:-1]
        if literal[:5].lower() == "ipv6:":
            return is_ipv6(literal[5:])
        return is_ipv4(literal)
    return is_hostname(domain) and not domain.endswith(".")


def is_uri(value: str) -> bool:
    match = _uri().fullmatch(value)
    return match is not None and _valid_host(match["host"])


def is_uri_reference(value: str) -> bool:
    match = _uri().fullmatch(value) or _relative_ref().fullmatch(value)
    return match is not None and _valid_host(match["host"])


def _valid_host(host: str | None) -> bool:
    if not host or not host.startswith("["):
        return True
    inner = host[1:-1]
    return is_ipv6(inner) or _IP_FUTURE.fullmatch(inner) is not None


def is_byte(value: str) -> bool:
    """OpenAPI 3.0's ``byte``: base64 (RFC 4648), padded, nothing else."""
    try:
        b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        return False
    return True
