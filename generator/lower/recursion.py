"""Aliases that refer to themselves: which of them convert wire data, settled once every named
schema is built.

An ``AliasRef`` is made while its alias is still being built, before its whole type is known,
so it is first taken to convert (the careful guess when union alternatives are told apart:
one that converts must be the only one of its JSON type). Once every type is known, the least
fixed point says which really do: an alias converts when something inside it converts, a
reference to itself adding nothing.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ir import (
    Alias,
    AliasRef,
    Choice,
    Definition,
    EnumRef,
    Model,
    ModelRef,
    Nullable,
    Scalar,
    Tagged,
    TypeRef,
    UnionOf,
    map_types,
    walk_types,
)

_Key = tuple[str, str]  # an alias's (name, module)


def alias_conversions(definitions: list[Definition]) -> dict[_Key, bool]:
    """Whether each recursive alias's wire data converts (the least fixed point)."""
    types = {
        (d.name, d.module): d.type for d in definitions if isinstance(d, Alias) and d.recursive
    }
    converts = dict.fromkeys(types, False)
    changed = True
    while changed:
        changed = False
        for key, type_ref in types.items():
            if not converts[key] and any(_converts(t, converts) for t in walk_types(type_ref)):
                converts[key] = changed = True
    return converts


def _converts(type_ref: TypeRef, known: dict[_Key, bool]) -> bool:
    if isinstance(type_ref, AliasRef):
        return known.get((type_ref.name, type_ref.module), False)
    if isinstance(type_ref, Scalar):
        return type_ref.kind in ("datetime", "date")
    return isinstance(type_ref, ModelRef | EnumRef | Tagged | Choice)


def settle_definition(definition: Definition, converts: dict[_Key, bool]) -> Definition:
    """``definition`` with each ``AliasRef`` saying whether it converts."""
    if isinstance(definition, Model):
        properties = tuple(
            replace(p, type=settle_type(p.type, converts)) for p in definition.properties
        )
        extra = settle_type(definition.extra, converts)
        return replace(definition, properties=properties, extra=extra)
    if isinstance(definition, Alias):
        own = converts.get((definition.name, definition.module), False)
        return replace(definition, type=settle_type(definition.type, converts), converts=own)
    return definition


def settle_type(type_ref: TypeRef, converts: dict[_Key, bool]) -> TypeRef:
    """``type_ref`` with each ``AliasRef`` saying whether it converts."""

    def settle(inner: TypeRef) -> TypeRef:
        if not isinstance(inner, AliasRef):
            return inner
        return replace(inner, converts=converts.get((inner.name, inner.module), False))

    return map_types(type_ref, settle)


def is_its_own_alternative(type_ref: TypeRef, name: str, module: str) -> bool:
    """Whether the alias ``name`` is ``type_ref`` itself or one of its union's alternatives:
    recursion that reaches no array item, map value or property, so that checking a value
    against it would check the same value again, without end."""
    if isinstance(type_ref, AliasRef):
        return (type_ref.name, type_ref.module) == (name, module)
    if isinstance(type_ref, Nullable):
        return is_its_own_alternative(type_ref.inner, name, module)
    if isinstance(type_ref, UnionOf | Choice):
        return any(is_its_own_alternative(o, name, module) for o in type_ref.options)
    return False
