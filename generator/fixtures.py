"""Test fixtures for every named schema, made from the validators' rules.

Valid ones: ``valid_minimal`` (required properties only), ``valid_full`` (every property, the
spec's examples where they plainly fit) and boundary cases (exactly at each length and bound,
each enum value). Invalid ones break one rule of one top-level property (or of the value itself
when the schema is not an object), just across its boundary and nothing else, and record the
pointer and keyword they break. Values look real and are never random: an OCID where the
description says OCID, a plausible date-time, words from property names. Numbers are Decimal
until they are written, so bounds and multiples are exact.

A schema whose values cannot be made with certainty (a pattern, ``not``, ``if``, a union, a
format with a length it cannot have) gets no fixtures; the manifest lists it with the reason.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

try:  # the parser behind re: public as sre_parse until 3.11, re._parser since
    from re import _parser as re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover (Python 3.10)
    import sre_parse as re_parser
from typing import Any

from generator.errors import escape_pointer_token
from generator.ir import Rules, Target
from generator.naming import snake_case, words
from generator.validator_code import is_empty

_FORMATS: dict[str, tuple[str, str]] = {  # format: (a valid value, an invalid one)
    "date-time": ("2024-05-14T10:30:00Z", "2024-05-14 10:30"),
    "date": ("2024-05-14", "2024-02-30"),
    "time": ("10:30:00Z", "10:30"),
    "uuid": ("6a1c7e2e-3b5d-4f0a-9c8e-2d4b6f8a0c1e", "6a1c7e2e3b5d4f0a9c8e2d4b6f8a0c1e"),
    "email": ("jane.doe@example.com", "jane.doe.example.com"),
    "hostname": ("db1.example.com", "db1..example.com"),
    "ipv4": ("192.0.2.10", "192.0.2.256"),
    "ipv6": ("2001:db8::10", "2001:db8:::10"),
    "uri": ("https://example.com/resources/1", "example.com/resources/1"),
    "uri-reference": ("/resources/1", "/resources/1 2"),
    "byte": (base64.b64encode(b"example").decode(), "not base64!"),
}
# Values of every JSON type, in the order a wrong-typed value is picked from.
_OF_TYPE: tuple[tuple[str, Any], ...] = (
    ("integer", 12345),
    ("string", "12345"),
    ("boolean", True),
    ("object", {"unexpected": "object"}),
    ("array", ["unexpected"]),
    ("number", 1.5),
)


class Unsupported(Exception):
    """A value for these rules cannot be made with certainty."""


@dataclass(frozen=True, slots=True)
class Fixture:
    schema: str
    name: str
    data: Any
    valid: bool
    pointer: str | None = None
    keyword: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    schema: str
    reason: str


class Sampler:
    """Makes values that follow rules, deterministic and readable."""

    def __init__(self, targets: dict[str, Target]) -> None:
        self.targets = targets

    def value(self, rules: Rules, hint: str, *, full: bool, depth: int = 0) -> Any:
        if depth > 8:
            raise Unsupported("the schema nests (or recurses) too deeply for fixtures")
        if rules.always_fails or rules.not_ is not None or rules.if_ is not None:
            raise Unsupported("'not', 'if' and false schemas")
        if rules.one_of or rules.any_of or rules.contains is not None:
            raise Unsupported("unions and 'contains'")
        if rules.pattern_properties or rules.property_names:
            raise Unsupported("patternProperties and propertyNames")
        if rules.ref is not None:
            target = self.targets[rules.ref].rules
            if not is_empty(replace(rules, ref=None)):
                raise Unsupported("a $ref with rules beside it")
            return self.value(target, hint, full=full, depth=depth + 1)
        if rules.all_of:
            merged: dict[str, Any] = {}
            for part in rules.all_of:
                sample = self.value(part, hint, full=full, depth=depth + 1)
                if not isinstance(sample, dict):
                    raise Unsupported("allOf over schemas that are not objects")
                merged |= sample
            own = self._typed(rules, hint, full=full, depth=depth) if _own_rules(rules) else {}
            if not isinstance(own, dict):
                raise Unsupported("allOf beside a non-object type")
            return merged | own
        if rules.const is not None:
            return rules.const[0]
        if rules.enum is not None:
            return rules.enum[0]
        return self._typed(rules, hint, full=full, depth=depth)

    def _typed(self, rules: Rules, hint: str, *, full: bool, depth: int) -> Any:
        kind = _kind(rules)
        if kind == "object":
            return self.object(rules, hint, full=full, depth=depth)
        if kind == "array":
            count = max(rules.min_items or 0, 1 if full else 0)
            if rules.max_items is not None:
                count = min(count, rules.max_items)
            if rules.unique_items and count > 1:
                raise Unsupported("several unique items")
            item = rules.items or Rules(rules.pointer)
            return [self.value(item, hint, full=full, depth=depth + 1) for _ in range(count)]
        if kind == "string":
            return string_value(rules, hint)
        if kind in ("integer", "number"):
            return number_value(rules, integer=kind == "integer")
        if kind == "boolean":
            return True
        return None

    def object(self, rules: Rules, hint: str, *, full: bool, depth: int) -> dict[str, Any]:
        # Read-only and write-only required properties too: the model's from_dict wants them.
        required = {r.name for r in rules.required}
        result: dict[str, Any] = {}
        for name, sub in rules.properties:
            if name in required or full:
                result[name] = self.value(sub, f"{hint} {name}", full=full, depth=depth + 1)
        for name in sorted(required - set(result)):
            result[name] = "value"  # required but not described: any value
        extra = rules.additional
        if full and not rules.properties and extra is not None and not extra.always_fails:
            key = "example"
            result[key] = self.value(extra, f"{hint} {key}", full=full, depth=depth + 1)
        if rules.min_properties is not None and len(result) < rules.min_properties:
            raise Unsupported("minProperties beyond the declared properties")
        return result


def _own_rules(rules: Rules) -> bool:
    return any(
        getattr(rules, name) not in (None, (), False)
        for name in ("types", "properties", "required", "additional", "items", "enum", "const")
    )


def _kind(rules: Rules) -> str:
    types = [t for t in (rules.types or ()) if t != "null"]
    if types:
        return types[0]
    return implied_type(rules) or ("null" if rules.types == ("null",) else "string")


def implied_type(rules: Rules) -> str | None:
    """The JSON type the rules' keywords speak of when ``type`` says nothing."""
    if rules.properties or rules.required or rules.additional is not None:
        return "object"
    if rules.items is not None or rules.prefix_items:
        return "array"
    if rules.min_length is not None or rules.max_length is not None:
        return "string"
    if rules.pattern is not None or rules.format:
        return "string"
    if rules.minimum is not None or rules.maximum is not None or rules.multiple_of is not None:
        return "number"
    return None


def string_value(rules: Rules, hint: str, length: int | None = None) -> str:
    """A readable string for the rules; ``length`` forces an exact length."""
    if rules.format in _FORMATS:
        text = _FORMATS[rules.format][0]
        if length is not None or not _length_fits(rules, len(text)):
            raise Unsupported(f"a {rules.format} value of the length the schema asks for")
        return text
    if rules.pattern is not None:
        return _matching(rules, length)
    if _is_ocid(rules, hint):
        text = _ocid(hint)
    else:
        text = "-".join(w.lower() for w in words(hint)[-3:]) or "value"
    low, high = rules.min_length or 0, rules.max_length
    if length is None:
        length = len(text)
        length = max(length, low)
        if high is not None:
            length = min(length, high)
    return _fit(text, length)


def _matching(rules: Rules, length: int | None) -> str:
    """The shortest plain string the pattern's regular expression accepts, checked."""
    assert rules.pattern is not None
    compiled = re.compile(rules.pattern.python, re.ASCII)
    try:
        text = _shortest(re_parser.parse(rules.pattern.python, re.ASCII))
    except Unsupported:
        raise
    except Exception:  # a construct _shortest does not know
        raise Unsupported("a value for this pattern") from None
    if length is not None and len(text) != length:
        raise Unsupported("a pattern's value of an exact length")
    if compiled.search(text) is None or not _length_fits(rules, len(text)):
        raise Unsupported("a value for this pattern")
    return text


def _shortest(parsed: Any) -> str:
    out = []
    for op, value in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(value))
        elif name == "IN":
            out.append(_member(value))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, item = value
            out.append(_shortest(item) * max(low, 0))
        elif name == "SUBPATTERN":
            out.append(_shortest(value[-1]))
        elif name == "BRANCH":
            out.append(_shortest(value[1][0]))
        elif name == "ANY":
            out.append("a")
        elif name == "AT":
            continue
        else:
            raise Unsupported("a value for this pattern")
    return "".join(out)


def _member(items: Any) -> str:
    """A character of a character class (a plain letter or digit when there is one)."""
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            raise Unsupported("a value for a negated class")
        if name == "LITERAL":
            return chr(value)
        if name == "RANGE":
            return chr(value[0])
        if name == "CATEGORY":
            return {"CATEGORY_DIGIT": "0", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " "}.get(
                str(value), "a"
            )
    raise Unsupported("a value for this pattern")


def _length_fits(rules: Rules, length: int) -> bool:
    low, high = rules.min_length or 0, rules.max_length
    return low <= length and (high is None or length <= high)


def _fit(text: str, length: int) -> str:
    if len(text) >= length:
        return text[:length]
    filler = (text + "-") if text else "x"
    return (filler * (length // len(filler) + 1))[:length]


def _is_ocid(rules: Rules, hint: str) -> bool:
    return "OCID" in (rules.description or "") and hint.lower().endswith("id")


def _ocid(hint: str) -> str:
    """``hint`` is "<schema> <property>": the resource is the property's words before "Id",
    or the schema's for a bare ``id``."""
    schema, _, prop = hint.partition(" ")
    parts = [w.lower() for w in words(prop.rsplit(" ", 1)[-1])][:-1] or [
        w.lower() for w in words(schema)
    ]
    resource = "".join(parts) or "resource"
    digest = base64.b32encode(hashlib.sha256(hint.encode()).digest()).decode().lower()
    return f"ocid1.{resource}.oc1.phx.{digest[:52]}"


def number_value(rules: Rules, *, integer: bool) -> int | float:
    """The smallest value the bounds allow (1 when there is no lower bound, or the upper
    bound's side when 1 is too big), on a multiple; exact for decimal factors."""
    low, low_open = _lower(rules)
    high, high_open = _upper(rules)
    start = low if low is not None else Decimal(1)
    if high is not None and low is None and start > high:
        start = high - 1  # walk down from under the upper bound
    candidate = _first_at_or_above(start, low_open, rules.multiple_of, integer)
    if high is not None and (candidate > high or (high_open and candidate == high)):
        raise Unsupported("no number fits the bounds")
    return _number(candidate, integer)


def _lower(rules: Rules) -> tuple[Decimal | None, bool]:
    bounds = [(_decimal(rules.minimum), False), (_decimal(rules.exclusive_minimum), True)]
    known = [(b, open_) for b, open_ in bounds if b is not None]
    if not known:
        return None, False
    return max(known, key=lambda pair: (pair[0], pair[1]))


def _upper(rules: Rules) -> tuple[Decimal | None, bool]:
    bounds = [(_decimal(rules.maximum), False), (_decimal(rules.exclusive_maximum), True)]
    known = [(b, open_) for b, open_ in bounds if b is not None]
    if not known:
        return None, False
    return min(known, key=lambda pair: (pair[0], not pair[1]))


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value))


def _first_at_or_above(start: Decimal, open_: bool, factor: float | None, integer: bool) -> Decimal:
    step = _decimal(factor) or Decimal(1)
    if integer and step % 1:
        step = step * _denominator(step)  # a multiple of both 1 and the factor
    unit = step if (factor or integer) else Decimal("0.5")
    if factor or integer:
        count = (start / unit).to_integral_value(rounding="ROUND_CEILING")
        value = count * unit
        if open_ and value == start:
            value += unit
        whole = value.to_integral_value(rounding="ROUND_CEILING")
        if value % 1 and whole % unit == 0:
            # A whole number is a multiple that even a float-dividing reader agrees with
            # (0.3 / 0.1 is 2.9999999999999996, 1 / 0.1 is 10.0).
            return whole
        return value
    return start + unit if open_ else start


def _denominator(step: Decimal) -> int:
    exponent = step.as_tuple().exponent
    return 10 ** -exponent if isinstance(exponent, int) and exponent < 0 else 1


def _number(value: Decimal, integer: bool) -> int | float:
    if integer or value == value.to_integral_value():
        return int(value)
    return float(value)


def fixtures_for(target: Target, sampler: Sampler) -> list[Fixture] | Skipped:
    """Every fixture of one named schema, or why it has none."""
    name = target.name or ""
    rules = sampler.targets[target.pointer].rules
    while rules.ref is not None and not _own_rules(rules):
        rules = sampler.targets[rules.ref].rules
    try:
        minimal = sampler.value(rules, name, full=False)
        full = sampler.value(rules, name, full=True)
        fixtures = [Fixture(name, "valid_minimal", minimal, True)]
        is_object = isinstance(full, dict) and _kind(rules) == "object" and not rules.all_of
        if is_object:
            fixtures.append(Fixture(name, "valid_full", _with_examples(rules, full), True))
            places = [_Place.of_property(full, n, sub) for n, sub in _properties(rules, sampler)]
            fixtures += _object_breakers(rules, full, minimal, name)
        else:
            if rules.examples and rules.examples[0] != full:
                fixtures.append(Fixture(name, "valid_full", rules.examples[0], True))
            elif full != minimal:
                fixtures.append(Fixture(name, "valid_full", full, True))
            places = [_Place(rules, "", "", lambda value: value, full)]
        for place in places:
            fixtures += _boundaries(place, name)
            fixtures += _breakers(place, name)
    except Unsupported as reason:
        return Skipped(name, str(reason))
    return _unique_names(fixtures)


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a value sits in the full example: the root, or one top-level property."""

    rules: Rules
    label: str  # "" at the root, else the property's snake_case name
    pointer: str
    put: Callable[[Any], Any]  # the full example with this value here
    current: Any

    @classmethod
    def of_property(cls, full: dict[str, Any], name: str, rules: Rules) -> _Place:
        pointer = "/" + escape_pointer_token(name)
        return cls(
            rules, snake_case(name), pointer, lambda value: full | {name: value}, full.get(name)
        )

    def named(self, *parts: str) -> str:
        return "_".join(p for p in (parts[0], self.label, *parts[1:]) if p)


def _with_examples(rules: Rules, full: dict[str, Any]) -> dict[str, Any]:
    """The spec's examples where they surely follow the rules (checked plainly here; the
    tests check every fixture against the validators)."""
    result = dict(full)
    declared = dict(rules.properties)
    for example in rules.examples:
        if isinstance(example, dict):
            for key, value in example.items():
                if key in result and key in declared and _fits(declared[key], value):
                    result[key] = value
            break
    for name, sub in rules.properties:
        if sub.examples and name in result and _fits(sub, sub.examples[0]):
            result[name] = sub.examples[0]
    return result


def _fits(rules: Rules, value: Any) -> bool:
    """Only the simplest values: strings (no format or pattern) within their lengths and
    enum, and maps of such strings."""
    if rules.ref is not None or rules.format or rules.pattern or rules.const is not None:
        return False
    if isinstance(value, str):
        return (
            _kind(rules) == "string"
            and (rules.types is None or "string" in rules.types)
            and _length_fits(rules, len(value))
            and (rules.enum is None or value in rules.enum)
        )
    if isinstance(value, dict) and _kind(rules) == "object" and not rules.properties:
        extra = rules.additional
        if extra is None or extra.always_fails or rules.required or rules.min_properties:
            return False
        return all(isinstance(k, str) and _fits(extra, v) for k, v in value.items())
    return False


def _boundaries(place: _Place, schema: str) -> list[Fixture]:
    found = []
    rules = place.rules
    kind = _kind(rules)
    if rules.enum is not None:
        for value in rules.enum[1:]:
            text = snake_case(value) if isinstance(value, str) else f"value_{value}"
            if not text.replace("_", "").isalnum():
                text = "value"
            found.append(Fixture(schema, place.named("valid", text), place.put(value), True))
        return found
    if kind == "string" and rules.format is None and rules.pattern is None:
        for keyword, length in (("min_length", rules.min_length), ("max_length", rules.max_length)):
            if length is not None:
                value = string_value(rules, f"{schema} {place.label}", length)
                found.append(Fixture(schema, place.named("valid", keyword), place.put(value), True))
    if kind in ("integer", "number"):
        factor = _decimal(rules.multiple_of)
        for keyword, (bound, open_) in (("minimum", _lower(rules)), ("maximum", _upper(rules))):
            if (
                bound is None
                or open_
                or (factor and bound % factor)
                or (kind == "integer" and bound % 1)
            ):
                continue
            if factor and not (float(bound) / float(factor)).is_integer():
                continue  # a reader that divides floats would call it no multiple
            value = place.put(_number(bound, kind == "integer"))
            found.append(Fixture(schema, place.named("valid", keyword), value, True))
    return found


def _object_breakers(
    rules: Rules, full: dict[str, Any], minimal: dict[str, Any], schema: str
) -> list[Fixture]:
    found = [Fixture(schema, "invalid_not_an_object", ["not", "an", "object"], False, "", "type")]
    for required in rules.required:
        if "" in required.directions and required.name in minimal:
            data = {k: v for k, v in minimal.items() if k != required.name}
            label = f"invalid_missing_{snake_case(required.name)}"
            found.append(Fixture(schema, label, data, False, "", "required"))
    if rules.additional is not None and rules.additional.always_fails:
        data = full | {"unexpectedProperty": "surprise"}
        found.append(
            Fixture(schema, "invalid_undeclared_property", data, False, "", "additionalProperties")
        )
    return found


def _breakers(place: _Place, schema: str) -> list[Fixture]:
    found = []
    rules = place.rules

    def broken(suffix: str, value: Any, keyword: str) -> None:
        name = place.named("invalid", suffix)
        found.append(Fixture(schema, name, place.put(value), False, place.pointer, keyword))

    kind = _kind(rules)
    if rules.types and rules.enum is None and rules.const is None:  # else enum's job
        allowed = set(rules.types) | ({"integer"} if "number" in rules.types else set())
        wrong = next((value for t, value in _OF_TYPE if t not in allowed), None)
        if wrong is not None:
            broken("type", wrong, "type")
    if rules.enum is not None and all(isinstance(v, str) for v in rules.enum):
        outside = "NOT_" + "_".join(str(v) for v in rules.enum[:1]).upper() + "_VALUE"
        while outside in rules.enum:
            outside += "_"
        broken("enum", outside, "enum")
    if kind == "string":
        hint = f"{schema} {place.label}"
        if rules.format in _FORMATS:
            broken("format", _FORMATS[rules.format][1], "format")
        if rules.pattern is not None:
            size = max(rules.min_length or 0, 1)
            text = "!" * size
            fits = rules.max_length is None or size <= rules.max_length
            if fits and re.search(rules.pattern.python, text, re.ASCII) is None:
                broken("pattern", text, "pattern")
        if rules.min_length and rules.pattern is None:
            broken("min_length", string_value(rules, hint, rules.min_length - 1), "minLength")
        if rules.max_length is not None and rules.format is None and rules.pattern is None:
            broken("max_length", string_value(rules, hint, rules.max_length + 1), "maxLength")
    if kind in ("integer", "number"):
        _number_breakers(rules, place, kind == "integer", broken)
    if kind == "array" and isinstance(place.current, list) and place.current:
        if rules.max_items is not None and not rules.unique_items:
            broken("max_items", place.current * (rules.max_items + 1), "maxItems")
        if rules.min_items:
            broken("min_items", place.current[: rules.min_items - 1], "minItems")
    return found


def _number_breakers(
    rules: Rules, place: _Place, integer: bool, broken: Callable[[str, Any, str], None]
) -> None:
    """One past each bound, on a multiple when there is one, and one off a multiple."""
    step = _decimal(rules.multiple_of) or Decimal(1 if integer else "0.5")
    if integer and step % 1:
        step *= _denominator(step)
    low, low_open = _lower(rules)
    if low is not None:
        below = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
        if below == low and not low_open:
            below -= step
        if float(below) != float(low) or low_open:
            keyword = "exclusiveMinimum" if low_open else "minimum"
            broken(snake_case(keyword), _number(below, integer), keyword)
    high, high_open = _upper(rules)
    if high is not None:
        above = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
        if above == high and not high_open:
            above += step
        if float(above) != float(high) or high_open:
            keyword = "exclusiveMaximum" if high_open else "maximum"
            broken(snake_case(keyword), _number(above, integer), keyword)
    factor = _decimal(rules.multiple_of)
    if factor and isinstance(place.current, int | float) and not isinstance(place.current, bool):
        off = Decimal(repr(place.current)) + (Decimal(1) if factor > 1 else factor / 2)
        if integer and off % 1:
            return  # every non-multiple here would be no integer either
        if (high is None or off < high) and off % factor:
            broken("multiple_of", _number(off, integer), "multipleOf")


def _properties(rules: Rules, sampler: Sampler) -> list[tuple[str, Rules]]:
    """Top-level properties with the rules their values follow (references followed)."""
    result = []
    for name, sub in rules.properties:
        while sub.ref is not None and not _own_rules(sub):
            sub = sampler.targets[sub.ref].rules
        result.append((name, sub))
    return result


def _unique_names(fixtures: list[Fixture]) -> list[Fixture]:
    seen: dict[str, int] = {}
    result = []
    for fixture in fixtures:
        count = seen.get(fixture.name, 0) + 1
        seen[fixture.name] = count
        name = fixture.name if count == 1 else f"{fixture.name}_{count}"
        result.append(
            Fixture(
                fixture.schema, name, fixture.data, fixture.valid, fixture.pointer, fixture.keyword
            )
        )
    return result
