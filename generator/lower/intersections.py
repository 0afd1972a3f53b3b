"""allOf as an intersection: which of several declarations of one value gives its type.

Every branch of an ``allOf`` (and every declaration of a property that two ``allOf`` branches
both declare) is checked by the validators; the model needs one type. Branches that only
annotate (a description, ``nullable``, ``readOnly`` beside a ``$ref``) or only constrain
(``maxLength``) say nothing about the type and are set aside. Of the rest the most specific
gives the type: an enum or a constant before a format, a format before a plain type, a plain
type before a union. Objects are not chosen between but merged (by the caller). Only when no
value can satisfy two declarations is there nothing right to choose; that is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.spec.resolve import Index

# Keywords that describe a value without deciding what Python type carries it.
_ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "readOnly",
        "writeOnly",
        "nullable",
        "default",
        "example",
        "examples",
        "deprecated",
        "externalDocs",
        "xml",
        "$comment",
    }
)

# Keywords that decide the type; a branch with none of them only constrains.
_SHAPING = frozenset(
    {
        "$ref",
        "type",
        "format",
        "enum",
        "const",
        "properties",
        "additionalProperties",
        "items",
        "prefixItems",
        "allOf",
        "oneOf",
        "anyOf",
    }
)

_ALL_KINDS = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})


Declaration = tuple[Any, str]  # a schema (maybe a $ref) and its pointer


def is_annotation_only(schema: Any) -> bool:
    """A schema of descriptive keywords only (``{nullable: true}``, ``{description: ...}``)."""
    return isinstance(schema, dict) and all(
        key in _ANNOTATIONS or key.startswith("x-") for key in schema
    )


def shaping(declarations: list[Declaration]) -> list[Declaration]:
    """The declarations that decide the type; all of them when none does."""
    kept = [d for d in declarations if not isinstance(d[0], dict) or _SHAPING & d[0].keys()]
    return kept or declarations[:1]


def meaningful(declarations: list[Declaration]) -> list[Declaration]:
    """The declarations that are not annotations only (those change no value)."""
    kept = [d for d in declarations if not is_annotation_only(d[0])]
    return kept or declarations[:1]


@dataclass(frozen=True, slots=True)
class Choice:
    """The declaration whose type is the intersection's, or why none is."""

    chosen: Declaration
    conflict: tuple[Declaration, Declaration, str] | None = None  # two that share no value


def choose(index: Index, declarations: list[Declaration]) -> Choice:
    """The most specific declaration (the later one of equals: it narrows the earlier)."""
    best = declarations[0]
    for declaration in declarations[1:]:
        if _specificity(index, declaration[0]) >= _specificity(index, best[0]):
            best = declaration
    for i, first in enumerate(declarations):
        for second in declarations[i + 1 :]:
            reason = _disjoint(index, first[0], second[0])
            if reason is not None:
                # The later declaration is the one meant to override (a derived schema
                # redeclaring what its base says): real data follows it.
                return Choice(declarations[-1], (first, second, reason))
    return Choice(best)


def kinds_of(index: Index, schema: Any, depth: int = 0) -> frozenset[str]:
    """The JSON types a schema admits, read from its keywords (``integer`` within ``number``)."""
    schema, _ = index.follow(schema, "")
    if not isinstance(schema, dict) or depth > 16:
        return _ALL_KINDS if schema is not False else frozenset()
    found = _ALL_KINDS
    types = schema.get("type")
    if isinstance(types, str):
        types = [types]
    if isinstance(types, list):
        found = _widen(frozenset(t for t in types if isinstance(t, str)))
        if schema.get("nullable") is True:
            found |= {"null"}
    for key in ("enum", "const"):
        if key in schema:
            values = schema[key] if key == "enum" else [schema[key]]
            if isinstance(values, list):
                found &= _widen(frozenset(_kind_of_value(v) for v in values))
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            found &= frozenset().union(*(kinds_of(index, b, depth + 1) for b in branches))
    for branch in schema.get("allOf") or ():
        found &= kinds_of(index, branch, depth + 1)
    return found


def describe_kinds(kinds: frozenset[str]) -> str:
    """``a string``, ``an object or an array``: for messages."""
    names = [f"an {k}" if k[0] in "aeiou" else f"a {k}" for k in sorted(kinds - {"null"})]
    if "null" in kinds or not names:
        names.append("null")
    return " or ".join(names)


def _specificity(index: Index, schema: Any) -> int:
    schema, _ = index.follow(schema, "")
    if not isinstance(schema, dict):
        return 0
    if "enum" in schema or "const" in schema:
        return 4
    if "format" in schema:
        return 3
    if isinstance(schema.get("type"), str):
        return 2
    if any(k in schema for k in ("oneOf", "anyOf", "allOf", "type")):
        return 1
    return 0


def _disjoint(index: Index, first: Any, second: Any) -> str | None:
    """Why no value satisfies both schemas, when their types or enums say so plainly."""
    a, b = kinds_of(index, first), kinds_of(index, second)
    if not (a & b):
        return f"{describe_kinds(a)} against {describe_kinds(b)}"
    values_a, values_b = _enum_values(index, first), _enum_values(index, second)
    if values_a is not None and values_b is not None and not (values_a & values_b):
        return "enums with no value in common"
    return None


def _enum_values(index: Index, schema: Any) -> frozenset[str] | None:
    schema, _ = index.follow(schema, "")
    if not isinstance(schema, dict):
        return None
    if "const" in schema:
        return frozenset({_json(schema["const"])})
    values = schema.get("enum")
    if isinstance(values, list):
        return frozenset(_json(v) for v in values)
    return None


def _json(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1 and 1.0 are one JSON number
    return json.dumps(value, sort_keys=True, default=str)


def _widen(kinds: frozenset[str]) -> frozenset[str]:
    """An integer is a number too: ``number`` admits both, ``integer`` only integers."""
    return kinds | {"integer"} if "number" in kinds else kinds


def _kind_of_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
