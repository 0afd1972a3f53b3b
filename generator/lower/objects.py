"""The shape of an object schema: its properties, required names and extra properties,
gathered from the schema itself and from every ``allOf`` branch it builds on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem, join_pointer
from generator.spec.resolve import Index, ref_target


@dataclass
class ObjectShape:
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    extra: tuple[Any, str] | None = None
    problems: list[Problem] = field(default_factory=list)
    # Every declaration of a property declared more than once (by allOf branches), in order:
    # all of them are checked, and the intersection gives the type.
    redeclared: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)
    # Whether each property is read-only and whether write-only, by any of its declarations:
    # the validators refuse its value in that direction wherever one says so.
    access: dict[str, tuple[bool, bool]] = field(default_factory=dict)


def is_object_schema(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "object" or (isinstance(kind, list) and "object" in kind):
        return True
    return kind is None and any(
        k in schema for k in ("properties", "additionalProperties", "allOf")
    )


def collect_object(index: Index, schema: dict[str, Any], pointer: str) -> ObjectShape:
    """Properties in spec order: allOf branches first (as inherited), then the schema's own."""
    return collect_objects(index, [(schema, pointer)])


def collect_objects(index: Index, roots: list[tuple[Any, str]]) -> ObjectShape:
    """The shape of several object schemas that one value must satisfy at once."""
    shape = ObjectShape()
    for schema, pointer in roots:
        target, target_pointer = index.follow(schema, pointer)
        if isinstance(target, dict):
            _collect(index, target, target_pointer, shape, set())
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
        read, write = access_of(index, prop)
        before = shape.access.get(wire, (False, False))
        shape.access[wire] = (before[0] or read, before[1] or write)
        earlier = shape.properties.get(wire)
        if earlier is None:
            shape.properties[wire] = (prop, prop_pointer)
        elif not _same_type(index, earlier[0], prop):
            shape.redeclared.setdefault(wire, [earlier]).append((prop, prop_pointer))
    required = schema.get("required")
    if isinstance(required, list):
        shape.required.update(r for r in required if isinstance(r, str))
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and shape.extra is None:
        shape.extra = (extra, join_pointer(pointer, "additionalProperties"))


def _same_type(index: Index, first: Any, second: Any) -> bool:
    """Whether the second declaration only repeats the first's type keywords, adding
    constraints or a description at most (then the first declaration's type stands)."""
    a, _ = index.follow(first, "")
    b, _ = index.follow(second, "")
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return True
    keys = ("type", "format", "items", "properties", "enum", "const", "oneOf", "anyOf", "allOf")
    return all(k in a and a[k] == b[k] for k in keys if k in b)


def access_of(index: Index, schema: Any) -> tuple[bool, bool]:
    """Whether a property's schema is read-only and whether it is write-only: by its own
    ``readOnly``/``writeOnly``, or by those of the schemas it is made of (a ``$ref``'s target,
    ``allOf`` branches: ``allOf: [{$ref: Owner}, {readOnly: true}]``), wherever the
    validators would refuse the value in that direction."""
    read_only = write_only = False
    seen: set[int] = set()
    stack = [schema]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict) or id(current) in seen:
            continue
        seen.add(id(current))
        read_only |= current.get("readOnly") is True
        write_only |= current.get("writeOnly") is True
        ref = current.get("$ref")
        if isinstance(ref, str):
            stack.append(index.lookup(ref_target(ref)))
        branches = current.get("allOf")
        if isinstance(branches, list):
            stack.extend(branches)
    return read_only, write_only
