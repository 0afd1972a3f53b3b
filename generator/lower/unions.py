"""oneOf/anyOf as a union type, told apart at run time by the JSON type of the value.

An alternative that needs conversion (an object, an enum, a date-time) must be the only one of
its JSON type, so that ``isinstance`` picks it without guessing; two objects would need their
discriminator, which is not supported yet and is reported, never guessed.
"""

from __future__ import annotations

from generator.ir import (
    EnumRef,
    JsonType,
    ListOf,
    MapOf,
    ModelRef,
    Nullable,
    Scalar,
    Tagged,
    TypeRef,
    UnionOf,
    walk_types,
)
from generator.json_types import wire_types

ANY = Scalar("any")


def needs_conversion(type_ref: TypeRef) -> bool:
    """Whether wire data of this type (or inside it) becomes another Python object."""
    return any(_converts(t) for t in walk_types(type_ref))


def _converts(type_ref: TypeRef) -> bool:
    if isinstance(type_ref, Scalar):
        return type_ref.kind in ("datetime", "date")
    return isinstance(type_ref, ModelRef | EnumRef | Tagged)


def json_kinds(type_ref: TypeRef) -> frozenset[JsonType]:
    """The JSON types wire data of ``type_ref`` may have."""
    if isinstance(type_ref, Scalar):
        return wire_types(type_ref.kind)
    if isinstance(type_ref, ListOf):
        return frozenset({"array"})
    if isinstance(type_ref, MapOf | ModelRef | Tagged):
        return frozenset({"object"})
    if isinstance(type_ref, EnumRef):
        return frozenset({"integer" if type_ref.base == "int" else "string"})
    if isinstance(type_ref, Nullable):
        return json_kinds(type_ref.inner) | {"null"}
    return frozenset().union(*(json_kinds(o) for o in type_ref.options))


def union_of(options: list[TypeRef]) -> TypeRef | str:
    """The union of ``options``, or a sentence saying why they cannot be told apart."""
    flat: list[TypeRef] = []
    nullable = False
    for option in options:
        if isinstance(option, Nullable):
            nullable, option = True, option.inner
        if option == Scalar("none"):
            nullable = True
            continue
        for item in option.options if isinstance(option, UnionOf) else (option,):
            if item not in flat:
                flat.append(item)
    if ANY in flat or not flat:
        return ANY if flat else Scalar("none")
    flat = _simplify(flat)
    problem = _ambiguity(flat)
    if problem:
        return problem
    result: TypeRef = flat[0] if len(flat) == 1 else UnionOf(tuple(flat))
    return Nullable(result) if nullable else result


def _simplify(flat: list[TypeRef]) -> list[TypeRef]:
    # An open enum already accepts any value of its base type.
    for base, scalar in (("str", Scalar("str")), ("int", Scalar("int"))):
        if scalar in flat and any(isinstance(o, EnumRef) and o.base == base for o in flat):
            flat = [o for o in flat if o != scalar]
    # A date-time beside another string cannot be told apart from it: keep it a string.
    strings = [o for o in flat if "string" in json_kinds(o)]
    if len(strings) > 1:
        flat = [Scalar("str") if o in (Scalar("datetime"), Scalar("date")) else o for o in flat]
        flat = list(dict.fromkeys(flat))
    return flat


def _ambiguity(flat: list[TypeRef]) -> str | None:
    for i, option in enumerate(flat):
        if not needs_conversion(option):
            continue
        mine = json_kinds(option)
        for j, other in enumerate(flat):
            shared = mine & json_kinds(other) if i != j else frozenset()
            if shared:
                kind = sorted(shared)[0]
                first, second = sorted((i + 1, j + 1))
                remedy = (
                    "declare a discriminator, or give each a different constant for one property"
                    if kind == "object"
                    else "they cannot be told apart at run time"
                )
                return (
                    f"oneOf/anyOf alternatives {first} and {second} are both JSON {kind}s: {remedy}"
                )
    return None
