"""The shape of an object schema: its properties, required names and extra properties,
gathered from the schema itself and from every ``allOf`` branch it builds on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem, join_pointer
from generator.spec.resolve import Index


@dataclass
class ObjectShape:
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    extra: tuple[Any, str] | None = None
    problems: list[Problem] = field(default_factory=list)


def is_object_schema(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "object" or (isinstance(kind, list) and "object" in kind):
        return True
    return kind is None and any(
        k in schema for k in ("properties", "additionalProperties", "allOf")
    )


def collect_object(index: Index, schema: dict[str, Any], pointer: str) -> ObjectShape:
    """Properties in spec order: allOf branches first (as inherited), then the schema's own."""
    shape = ObjectShape()
    _collect(index, schema, pointer, shape, set())
    return shape


def _collect(
    index: Index, schema: dict[str, Any], pointer: str, shape: ObjectShape, seen: set[str]
) -> None:
    if pointer in seen:
        shape.problems.append(index.document.problem(pointer, "allOf includes itself"))
        return
    seen = seen | {pointer}
    for i, branch in enumerate(schema.get("allOf") or ()):
        target, target_pointer = index.follow(branch, join_pointer(pointer, "allOf", i))
        if isinstance(target, dict):
            _collect(index, target, target_pointer, shape, seen)
    properties = schema.get("properties") or {}
    for wire, prop in properties.items():
        prop_pointer = join_pointer(pointer, "properties", wire)
        earlier = shape.properties.get(wire)
        if earlier is not None and not _same_type(index, earlier[0], prop):
            shape.problems.append(
                index.document.problem(
                    prop_pointer,
                    f"property {wire!r} is declared with another type at {earlier[1]}",
                )
            )
            continue
        if earlier is None:
            shape.properties[wire] = (prop, prop_pointer)
    required = schema.get("required")
    if isinstance(required, list):
        shape.required.update(r for r in required if isinstance(r, str))
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and shape.extra is None:
        shape.extra = (extra, join_pointer(pointer, "additionalProperties"))


def _same_type(index: Index, first: Any, second: Any) -> bool:
    """Two declarations agree when they resolve to the same type keywords; allOf may narrow
    a property (add constraints, a description) but not change what it is."""
    a, _ = index.follow(first, "")
    b, _ = index.follow(second, "")
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return True
    keys = ("type", "format", "items", "properties", "enum")
    return all(a.get(k) == b.get(k) for k in keys if k in a and k in b)
