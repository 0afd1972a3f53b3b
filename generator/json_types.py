"""The seven JSON types, in one place: their order, how generated code tests a wire value for
each, how messages name them, and which Python types carry them.

JSON has no integers of its own: an integer is a number whose value is whole, so ``number``
includes ``integer``; and Python's ``bool`` is an ``int``, so the tests keep booleans out of the
numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.formats import STRING_FORMATS
from generator.ir import JsonType, ScalarKind


@dataclass(frozen=True, slots=True)
class JsonTypeInfo:
    name: JsonType
    described: str  # how a message names a value of it
    test: str  # an expression true when ``{value}`` is of this type
    failed: str  # the same test negated, written as a person would
    carrier: ScalarKind | None  # the plain Python type a model holds it in (None: a container)
    includes: tuple[JsonType, ...] = ()  # narrower types whose every value is one of these


JSON_TYPES: dict[JsonType, JsonTypeInfo] = {
    t.name: t
    for t in (
        JsonTypeInfo("null", "null", "{value} is None", "{value} is not None", "none"),
        JsonTypeInfo(
            "boolean",
            "a boolean",
            "isinstance({value}, bool)",
            "not isinstance({value}, bool)",
            "bool",
        ),
        JsonTypeInfo(
            "integer",
            "an integer",
            "(isinstance({value}, int) and not isinstance({value}, bool))",
            "isinstance({value}, bool) or not isinstance({value}, int)",
            "int",
        ),
        JsonTypeInfo(
            "number",
            "a number",
            "(isinstance({value}, (int, float)) and not isinstance({value}, bool))",
            "isinstance({value}, bool) or not isinstance({value}, (int, float))",
            "float",
            includes=("integer",),
        ),
        JsonTypeInfo(
            "string", "a string", "isinstance({value}, str)", "not isinstance({value}, str)", "str"
        ),
        JsonTypeInfo(
            "array", "an array", "isinstance({value}, list)", "not isinstance({value}, list)", None
        ),
        JsonTypeInfo(
            "object",
            "an object",
            "isinstance({value}, dict)",
            "not isinstance({value}, dict)",
            None,
        ),
    )
}


def type_test(name: JsonType, value: str) -> str:
    """Code that is true when wire data ``value`` is of JSON type ``name``."""
    return JSON_TYPES[name].test.format(value=value)


def failed_type_test(name: JsonType, value: str) -> str:
    return JSON_TYPES[name].failed.format(value=value)


def accepted(name: JsonType) -> frozenset[JsonType]:
    """The types whose values a schema of type ``name`` accepts."""
    return frozenset({name, *JSON_TYPES[name].includes})


def broadest(types: tuple[JsonType, ...]) -> tuple[JsonType, ...]:
    """``types`` without those another of them includes (``integer`` beside ``number``)."""
    return tuple(t for t in types if not any(t in JSON_TYPES[o].includes for o in types))


def wire_types(kind: ScalarKind) -> frozenset[JsonType]:
    """The JSON types a value held as Python ``kind`` may arrive as."""
    if kind == "any":
        return frozenset(JSON_TYPES)
    for info in JSON_TYPES.values():
        if info.carrier == kind:
            return accepted(info.name)
    if any(f.model == kind for f in STRING_FORMATS.values()):
        return frozenset({"string"})
    raise ValueError(f"no JSON type is carried as {kind!r}")


def carrier(name: JsonType) -> ScalarKind | None:
    """The plain Python type a model holds a value of ``name`` in (None for containers)."""
    return JSON_TYPES[name].carrier
