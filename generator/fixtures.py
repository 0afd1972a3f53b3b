"""Test fixtures for every named object schema, made from the validators' rules.

Valid ones: ``valid_minimal`` (required properties only), ``valid_full`` (every property, the
spec's examples where it gives them) and boundary cases (exactly at each length and bound, each
enum value). Invalid ones break one rule of one top-level property, just across its boundary,
and record the pointer and keyword they break. Values are made to look real and never random:
an OCID where the description says OCID, a plausible date-time, words from property names.

A schema whose values cannot be made with certainty (a pattern, ``not``, ``if``, a union of
objects) gets no fixtures; the manifest lists it with the reason.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from generator.ir import Rules, Target
from generator.naming import snake_case, words

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
        if rules.pattern is not None or rules.pattern_properties or rules.property_names:
            raise Unsupported("patterns")
        if rules.ref is not None:
            target = self.targets[rules.ref].rules
            if _own_rules(rules):
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
        required = {r.name for r in rules.required if "" in r.directions}
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
    if rules.properties or rules.required or rules.additional is not None:
        return "object"
    if rules.items is not None or rules.prefix_items:
        return "array"
    if rules.min_length is not None or rules.max_length is not None or rules.format:
        return "string"
    if rules.minimum is not None or rules.maximum is not None or rules.multiple_of is not None:
        return "number"
    return "null" if rules.types == ("null",) else "string"


def string_value(rules: Rules, hint: str, length: int | None = None) -> str:
    """A readable string for the rules; ``length`` forces an exact length."""
    if rules.format in _FORMATS:
        text = _FORMATS[rules.format][0]
    elif _is_ocid(rules, hint):
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


def number_value(rules: Rules, *, integer: bool, at_least: float | None = None) -> float:
    low = rules.minimum
    if rules.exclusive_minimum is not None:
        low = rules.exclusive_minimum + (1 if integer else 0.5)
    start = low if low is not None else (at_least if at_least is not None else 1)
    value = _next_multiple(start, rules.multiple_of)
    high = rules.maximum if rules.maximum is not None else rules.exclusive_maximum
    if high is not None and value > high:
        raise Unsupported("no number fits the bounds")
    return int(value) if integer and float(value).is_integer() else value


def _next_multiple(value: float, factor: float | None) -> float:
    if not factor:
        return value
    steps = -(-value // factor)  # ceiling
    result = steps * factor
    return int(result) if float(result).is_integer() else result


def fixtures_for(target: Target, sampler: Sampler) -> list[Fixture] | Skipped:
    """Every fixture of one named schema (an object schema), or why it has none."""
    name = target.name or ""
    rules = sampler.targets[target.pointer].rules
    while rules.ref is not None and not _own_rules(rules):
        rules = sampler.targets[rules.ref].rules
    if _kind(rules) != "object" or rules.all_of:
        return Skipped(name, "fixtures are made for object schemas")
    try:
        minimal = sampler.value(rules, name, full=False)
        full = sampler.value(rules, name, full=True)
        fixtures = [Fixture(name, "valid_minimal", minimal, True)]
        fixtures.append(Fixture(name, "valid_full", _with_examples(rules, full), True))
        fixtures += _boundaries(rules, full, sampler, name)
        fixtures += _breakers(rules, full, minimal, sampler, name)
    except Unsupported as reason:
        return Skipped(name, str(reason))
    return _unique_names(fixtures)


def _with_examples(rules: Rules, full: dict[str, Any]) -> dict[str, Any]:
    result = dict(full)
    for example in rules.examples:
        if isinstance(example, dict):
            result |= {k: v for k, v in example.items() if k in result}
            break
    for name, sub in rules.properties:
        if sub.examples and name in result and sub.ref is None:
            result[name] = sub.examples[0]
    return result


def _boundaries(rules: Rules, full: dict[str, Any], sampler: Sampler, schema: str) -> list[Fixture]:
    found = []
    for name, sub in _properties(rules, sampler):
        label = snake_case(name)
        kind = _kind(sub)
        if sub.enum is not None:
            for value in sub.enum[1:]:
                text = snake_case(str(value)) if isinstance(value, str) else "value"
                found.append(Fixture(schema, f"valid_{label}_{text}", full | {name: value}, True))
            continue
        if kind == "string" and sub.format is None:
            for keyword, length in (("min_length", sub.min_length), ("max_length", sub.max_length)):
                if length is not None:
                    value = string_value(sub, f"{schema} {name}", length)
                    found.append(
                        Fixture(schema, f"valid_{label}_{keyword}", full | {name: value}, True)
                    )
        if kind in ("integer", "number"):
            for keyword, bound in (("minimum", sub.minimum), ("maximum", sub.maximum)):
                if bound is not None and (not sub.multiple_of or bound % sub.multiple_of == 0):
                    found.append(
                        Fixture(schema, f"valid_{label}_{keyword}", full | {name: bound}, True)
                    )
    return found


def _breakers(
    rules: Rules, full: dict[str, Any], minimal: dict[str, Any], sampler: Sampler, schema: str
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
    for name, sub in _properties(rules, sampler):
        where = "/" + name.replace("~", "~0").replace("/", "~1")

        def broken(
            suffix: str, value: Any, keyword: str, name: str = name, where: str = where
        ) -> None:
            data = full | {name: value}
            label = f"invalid_{snake_case(name)}_{suffix}"
            found.append(Fixture(schema, label, data, False, where, keyword))

        kind = _kind(sub)
        if sub.types:
            allowed = set(sub.types) | ({"integer"} if "number" in sub.types else set())
            wrong = next(value for kind_, value in _OF_TYPE if kind_ not in allowed)
            broken("type", wrong, "type")
        if sub.enum is not None and all(isinstance(v, str) for v in sub.enum):
            broken(
                "enum", "NOT_" + "_".join(str(v) for v in sub.enum[:1]).upper() + "_VALUE", "enum"
            )
        if kind == "string":
            if sub.format in _FORMATS:
                broken("format", _FORMATS[sub.format][1], "format")
            if sub.min_length:
                broken("min_length", string_value(sub, name, sub.min_length - 1), "minLength")
            if sub.max_length is not None and sub.format is None:
                broken("max_length", string_value(sub, name, sub.max_length + 1), "maxLength")
        if kind in ("integer", "number"):
            factor = sub.multiple_of
            step = factor or (1 if kind == "integer" else 0.5)
            if sub.minimum is not None:
                broken("minimum", _below(sub.minimum, factor, step), "minimum")
            if sub.maximum is not None:
                broken(
                    "maximum",
                    (
                        _next_multiple(sub.maximum + step / 2, factor)
                        if factor
                        else sub.maximum + step
                    ),
                    "maximum",
                )
            if factor and isinstance(full.get(name), int | float):
                off = full[name] + (1 if kind == "integer" and factor != 1 else factor / 2)
                broken("multiple_of", off, "multipleOf")
    return found


def _below(bound: float, factor: float | None, step: float) -> float:
    if not factor:
        return bound - step
    below = (-(-bound // factor) - 1) * factor
    return int(below) if float(below).is_integer() else below


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
