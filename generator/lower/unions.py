"""oneOf/anyOf as a union type, told apart at run time by the JSON type of the value, or else
by the validators.

An alternative that needs conversion (an object, an enum, a date-time) that is the only one of
its JSON type is picked by ``isinstance`` on the wire value. Where two share a JSON type and no
discriminator tells them apart (Stripe's ``price`` and ``deleted_price``), the union is a
``Choice``: the generated validators say which alternative the data matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import naming
from generator.errors import join_pointer
from generator.ir import (
    AliasRef,
    Choice,
    EnumRef,
    JsonType,
    ListOf,
    LiteralOf,
    MapOf,
    ModelRef,
    Nullable,
    Scalar,
    ScalarKind,
    Tagged,
    TypeRef,
    UnionOf,
    walk_types,
)
from generator.json_types import wire_types
from generator.spec.resolve import Index

ANY = Scalar("any")


def needs_conversion(type_ref: TypeRef) -> bool:
    """Whether wire data of this type (or inside it) becomes another Python object."""
    return any(_converts(t) for t in walk_types(type_ref))


def _converts(type_ref: TypeRef) -> bool:
    if isinstance(type_ref, AliasRef):
        return type_ref.converts
    if isinstance(type_ref, Scalar):
        return type_ref.kind in ("datetime", "date")
    return isinstance(type_ref, ModelRef | EnumRef | Tagged | Choice)


def json_kinds(type_ref: TypeRef) -> frozenset[JsonType]:
    """The JSON types wire data of ``type_ref`` may have."""
    if isinstance(type_ref, Scalar):
        return wire_types(type_ref.kind)
    if isinstance(type_ref, LiteralOf):
        return frozenset().union(*(wire_types(literal_kind(v)) for v in type_ref.values))
    if isinstance(type_ref, ListOf):
        return frozenset({"array"})
    if isinstance(type_ref, MapOf | ModelRef | Tagged):
        return frozenset({"object"})
    if isinstance(type_ref, EnumRef):
        return frozenset({"integer" if type_ref.base == "int" else "string"})
    if isinstance(type_ref, AliasRef):
        return type_ref.kinds
    if isinstance(type_ref, Nullable):
        return json_kinds(type_ref.inner) | {"null"}
    if isinstance(type_ref, Choice):
        return frozenset().union(*(json_kinds(o) for o in type_ref.options))
    return frozenset().union(*(json_kinds(o) for o in type_ref.options))


def literal_kind(value: str | int | bool) -> ScalarKind:
    """The plain Python type of one ``Literal`` value."""
    if isinstance(value, bool):
        return "bool"
    return "int" if isinstance(value, int) else "str"


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
    flat = _merge_literals(flat)
    # A date-time beside another string cannot be told apart from it: keep it a string.
    strings = [o for o in flat if "string" in json_kinds(o)]
    if len(strings) > 1:
        flat = [Scalar("str") if o in (Scalar("datetime"), Scalar("date")) else o for o in flat]
        flat = list(dict.fromkeys(flat))
    return flat


def _merge_literals(flat: list[TypeRef]) -> list[TypeRef]:
    """Constants as one ``Literal`` in the place of the first, less the values a plain type
    beside them already holds (``str | Literal["a"]`` is ``str``)."""
    plain = {o.kind for o in flat if isinstance(o, Scalar)}
    kept = [
        (literal_kind(v), v)
        for o in flat
        if isinstance(o, LiteralOf)
        for v in o.values
        if literal_kind(v) not in plain and not (literal_kind(v) == "int" and "float" in plain)
    ]
    # Keyed by kind too, since True == 1 and a dict would keep only one of them.
    merged = LiteralOf(tuple(v for _, v in dict.fromkeys(kept)))
    result: list[TypeRef] = []
    for option in flat:
        if not isinstance(option, LiteralOf):
            result.append(option)
        elif merged.values and merged not in result:
            result.append(merged)
    return result


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


@dataclass(frozen=True, slots=True)
class ChoiceSite:
    """Where a ``Choice`` was made: the validators give it a chooser over these branches."""

    function: str
    pointer: str  # of the oneOf/anyOf keyword
    branches: tuple[str, ...]  # each alternative's pointer, in spec order
    one_of: bool


class Choices:
    """The ``Choice`` unions of one spec, one chooser per oneOf/anyOf keyword."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.sites: dict[str, ChoiceSite] = {}

    def choice(
        self, options: list[TypeRef], branches: tuple[str, ...], pointer: str, hint: str
    ) -> TypeRef:
        """``options`` (one per branch of the keyword at ``pointer``) as a ``Choice``; a
        nullable alternative makes the whole union nullable, as null is tested first."""
        site = self.sites.get(pointer)
        if site is None:
            site = ChoiceSite(
                naming.chooser_name(hint),
                pointer,
                branches,
                pointer.endswith("/oneOf"),
            )
            self.sites[pointer] = site
        nullable = any(isinstance(o, Nullable) or o == Scalar("none") for o in options)
        inner = tuple(o.inner if isinstance(o, Nullable) else o for o in options)
        result: TypeRef = Choice(inner, site.function, site.one_of)
        return Nullable(result) if nullable else result

    def branch_pointers(self, branches: list[Any], pointer: str) -> tuple[str, ...]:
        """Where each branch is written: a null alternative taken out before (3.1's
        ``anyOf: [X, {type: null}]``) shifts the others' positions."""
        try:
            written = self.index.lookup(pointer)
        except (KeyError, IndexError, TypeError):
            written = None
        found = []
        for i, branch in enumerate(branches):
            spot = i
            if isinstance(written, list):
                spot = next((j for j, b in enumerate(written) if b is branch), i)
            found.append(join_pointer(pointer, spot))
        return tuple(found)
