"""Python source for types: annotations, and the expressions that convert to and from the wire.

Everything here is built from names that ``generator.naming`` made and literals that
``generator.encode`` made, so it can be placed in a template as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator import naming
from generator.encode import identifier, literal
from generator.ir import (
    AliasRef,
    Choice,
    EnumRef,
    ListOf,
    LiteralOf,
    MapOf,
    ModelRef,
    Nullable,
    Property,
    Scalar,
    Tagged,
    TypeRef,
    UnionOf,
)
from generator.json_types import type_test
from generator.lower.unions import json_kinds
from generator.reserved import RUNTIME_NAMES

_ANNOTATIONS = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "any": "Any",
    "none": "None",
    "datetime": "datetime",
    "date": "date",
}


def annotation(type_ref: TypeRef, q: str = "") -> str:
    """The annotation of ``type_ref``; ``q`` qualifies class names (``models.``)."""
    if isinstance(type_ref, Scalar):
        return _ANNOTATIONS[type_ref.kind]
    if isinstance(type_ref, LiteralOf):
        return f"Literal[{', '.join(literal(v) for v in type_ref.values)}]"
    if isinstance(type_ref, ListOf):
        return f"list[{annotation(type_ref.item, q)}]"
    if isinstance(type_ref, MapOf):
        return f"dict[str, {annotation(type_ref.value, q)}]"
    if isinstance(type_ref, ModelRef | EnumRef | AliasRef):
        return q + identifier(type_ref.name)
    if isinstance(type_ref, UnionOf):
        return " | ".join(annotation(option, q) for option in type_ref.options)
    if isinstance(type_ref, Tagged):
        return " | ".join([*(q + identifier(m.name) for m in type_ref.models), "dict[str, Any]"])
    if isinstance(type_ref, Choice):
        # null is tested before the chooser runs, by the Nullable around the choice
        options = [annotation(o, q) for o in type_ref.options if o != Scalar("none")]
        return " | ".join(dict.fromkeys(m for o in options for m in _members(o)))
    inner = annotation(type_ref.inner, q)
    return inner if inner == "Any" else f"{inner} | None"


def _members(text: str) -> list[str]:
    """The members of a union annotation (``A | list[B | C]`` -> ``A``, ``list[B | C]``), so
    that an alternative that is itself a union adds no member twice."""
    members, depth, start = [], 0, 0
    for position, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "|" and depth == 0:
            members.append(text[start:position].strip())
            start = position + 1
    return [*members, text[start:].strip()]


def from_wire(type_ref: TypeRef, value: str, depth: int = 0, q: str = "") -> str | None:
    """An expression turning wire data ``value`` into ``type_ref``; None when it is the same."""
    if isinstance(type_ref, LiteralOf):
        return None
    if isinstance(type_ref, Scalar):
        if type_ref.kind == "datetime":
            return f"parse_datetime({value})"
        if type_ref.kind == "date":
            return f"parse_date({value})"
        return None
    if isinstance(type_ref, ModelRef):
        return f"{q}{identifier(type_ref.name)}.from_dict({value})"
    if isinstance(type_ref, EnumRef):
        return f"{q}{identifier(type_ref.name)}({value})"
    if isinstance(type_ref, AliasRef):
        decoder = identifier(naming.alias_decoder(type_ref.name))
        return f"{q}{decoder}({value})" if type_ref.converts else None
    if isinstance(type_ref, ListOf):
        item = _var("item", depth)
        inner = from_wire(type_ref.item, item, depth + 1, q)
        return None if inner is None else f"[{inner} for {item} in {value}]"
    if isinstance(type_ref, MapOf):
        key, item = _var("key", depth), _var("value", depth)
        inner = from_wire(type_ref.value, item, depth + 1, q)
        return None if inner is None else f"{{{key}: {inner} for {key}, {item} in {value}.items()}}"
    if isinstance(type_ref, Nullable):
        inner = from_wire(type_ref.inner, value, depth, q)
        return None if inner is None else f"None if {value} is None else {inner}"
    if isinstance(type_ref, Tagged):
        parsers = ", ".join(
            f"{literal(tag)}: {q}{identifier(model.name)}.from_dict" for tag, model in type_ref.tags
        )
        return f"dispatch({value}, {literal(type_ref.key)}, {{{parsers}}})"
    if isinstance(type_ref, Choice):
        converters = [_converter(o, depth + 1, q) for o in type_ref.options]
        chooser = f"validators.{identifier(type_ref.chooser)}"
        listed = ", ".join(converters) + ("," if len(converters) == 1 else "")
        return f"decode_choice({chooser}, {value}, ({listed}))"
    return _union_from_wire(type_ref, value, depth, q)


def _union_from_wire(union: UnionOf, value: str, depth: int, q: str) -> str | None:
    """Each alternative that converts is the only one of its JSON type: test that type."""
    result = value
    for option in reversed(union.options):
        converted = from_wire(option, value, depth, q)
        if converted is not None:
            result = f"{converted} if {_wire_test(option, value)} else {result}"
    return None if result == value else result


def _converter(type_ref: TypeRef, depth: int, q: str) -> str:
    """A callable converting wire data to ``type_ref``, or ``None`` when it is kept as it is."""
    expression = from_wire(type_ref, "value", depth, q)
    if expression is None:
        return "None"
    if expression.endswith("(value)") and expression.count("(") == 1:
        return expression[: -len("(value)")]
    return f"lambda value: {expression}"


def _wire_test(type_ref: TypeRef, value: str) -> str:
    """Whether wire data ``value`` has the JSON type of ``type_ref`` (a bool is no integer)."""
    kinds = json_kinds(type_ref)
    if "object" in kinds:
        return type_test("object", value)
    if "array" in kinds:
        return type_test("array", value)
    if "integer" in kinds:
        return type_test("integer", value)
    return type_test("string", value)


def to_wire(type_ref: TypeRef, value: str, depth: int = 0, q: str = "") -> str | None:
    """An expression turning ``value`` of ``type_ref`` into wire data; None when it is the same."""
    if isinstance(type_ref, LiteralOf):
        return None
    if isinstance(type_ref, Scalar):
        if type_ref.kind == "datetime":
            return f"format_datetime({value})"
        if type_ref.kind == "date":
            return f"{value}.isoformat()"
        return None
    if isinstance(type_ref, ModelRef):
        return f"{value}.to_dict()"
    if isinstance(type_ref, EnumRef):
        return f"{value}.value"
    if isinstance(type_ref, AliasRef):
        # Its values hold no class of their own to ask, and may nest without end: the
        # runtime's encoder walks them.
        return f"encode_value({value})" if type_ref.converts else None
    if isinstance(type_ref, ListOf):
        item = _var("item", depth)
        inner = to_wire(type_ref.item, item, depth + 1, q)
        return None if inner is None else f"[{inner} for {item} in {value}]"
    if isinstance(type_ref, MapOf):
        key, item = _var("key", depth), _var("value", depth)
        inner = to_wire(type_ref.value, item, depth + 1, q)
        return None if inner is None else f"{{{key}: {inner} for {key}, {item} in {value}.items()}}"
    if isinstance(type_ref, Nullable):
        inner = to_wire(type_ref.inner, value, depth, q)
        return None if inner is None else f"None if {value} is None else {inner}"
    options = type_ref.options if isinstance(type_ref, UnionOf) else (type_ref,)
    if any(isinstance(o, Choice) or isinstance(o, AliasRef) and o.converts for o in options):
        # The alternatives' classes may not tell them apart (two lists, or a recursive
        # alias, which is no class): the value says what it is, item by item.
        return f"encode_value({value})"
    result = value
    for option in reversed(options):
        converted = (
            f"{value}.to_dict()" if isinstance(option, Tagged) else to_wire(option, value, depth, q)
        )
        if converted is not None:
            result = f"{converted} if isinstance({value}, {_python_class(option, q)}) else {result}"
    return None if result == value else result


def _python_class(type_ref: TypeRef, q: str) -> str:
    if isinstance(type_ref, Tagged):
        return f"({', '.join(q + identifier(m.name) for m in type_ref.models)})"
    if isinstance(type_ref, ModelRef | EnumRef):
        return q + identifier(type_ref.name)
    if isinstance(type_ref, Scalar):
        return type_ref.kind  # datetime or date, the only scalars that convert
    return "list" if isinstance(type_ref, ListOf) else "dict"


@dataclass(frozen=True, slots=True)
class FieldCode:
    """What a template needs to declare one property and move it across the wire."""

    name: str
    key: str
    annotation: str
    default: str | None
    from_wire: str
    guard: str | None
    to_wire: str

    @property
    def declaration(self) -> str:
        declared = f"{self.name}: {self.annotation}"
        return declared if self.default is None else f"{declared} = {self.default}"

    @property
    def helpers(self) -> set[str]:
        """The ``_runtime`` names this field's code uses."""
        code = f"{self.annotation} {self.default} {self.from_wire} {self.to_wire} {self.guard}"
        return set(mentioned(code, RUNTIME_NAMES))


def field_code(prop: Property) -> FieldCode:
    name = identifier(prop.python_name)
    key = literal(prop.wire_name)
    allows_null = isinstance(prop.type, Nullable)
    core = prop.type.inner if isinstance(prop.type, Nullable) else prop.type
    attribute = f"self.{name}"
    outgoing = to_wire(prop.type, attribute) or attribute
    convert = _function(core)
    if prop.required:
        raw = f"data[{key}]"
        if convert is None:
            incoming = raw
        elif allows_null:
            incoming = f"maybe({convert}, {raw})"
        else:
            incoming = from_wire(core, raw) or raw
            if incoming.count(raw) > 1:  # a union tests the value before converting it
                incoming = f"maybe({convert}, {raw})"
        # A required property that allows one value only (a const, or the discriminator value
        # naming this model) defaults to it: the constructor need not repeat it.
        fixed = None
        if isinstance(core, LiteralOf) and len(core.values) == 1:
            fixed = literal(core.values[0])
        return FieldCode(name, key, annotation(prop.type), fixed, incoming, None, outgoing)
    if allows_null or core == Scalar("any"):
        # Optional and able to hold null: UNSET (absent) and None (null) are different things.
        raw = f"data.get({key}, UNSET)"
        incoming = raw if convert is None else f"maybe({convert}, {raw})"
        declared = annotation(prop.type)
        return FieldCode(
            name,
            key,
            declared if declared == "Any" else f"{declared} | Unset",
            "UNSET",
            incoming,
            f"not isinstance({attribute}, Unset)",
            outgoing,
        )
    raw = f"data.get({key})"
    incoming = raw if convert is None else f"maybe({convert}, {raw})"
    outgoing = to_wire(core, attribute) or attribute
    return FieldCode(
        name,
        key,
        f"{annotation(core)} | None",
        "None",
        incoming,
        f"{attribute} is not None",
        outgoing,
    )


def extra_code(type_ref: TypeRef) -> tuple[str, str]:
    """The value conversions for undeclared properties kept in ``additional_properties``."""
    incoming = from_wire(type_ref, "value") or "value"
    outgoing = to_wire(type_ref, "value") or "value"
    return incoming, outgoing


def _function(type_ref: TypeRef) -> str | None:
    """A callable for ``maybe()``: the converter itself when it is one call, else a lambda."""
    converter = _converter(type_ref, 0, "")
    return None if converter == "None" else converter


def mentions(code: str, name: str) -> bool:
    """Whether generated ``code`` uses the name ``name``: not inside a string literal (a wire
    name) and not as an attribute (``self.dispatch``)."""
    return bool(mentioned(code, (name,)))


def mentioned(code: str, names: Iterable[str]) -> list[str]:
    """Those of ``names`` that generated ``code`` uses (as ``mentions`` reads it), in their
    order: the code is read once, however many names are asked about."""
    used = set(_NAMES.findall(_STRINGS.sub("", code)))
    return [name for name in names if name in used]


_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_NAMES = re.compile(r"(?<![.\w])([A-Za-z_]\w*)")


def _var(name: str, depth: int) -> str:
    return name if depth == 0 else f"{name}{depth}"
