"""The models' IR: Python types, and the named schemas (models, enums, aliases) they refer to.

Every named thing keeps its wire name, its Python name and the JSON pointer it came from.
OpenAPI 3.0 and 3.1 differences (``nullable`` versus ``type: [..., "null"]``) are gone by here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from generator.ir.rules import JsonType

ScalarKind = Literal["str", "int", "float", "bool", "any", "none", "datetime", "date"]


@dataclass(frozen=True, slots=True)
class Scalar:
    kind: ScalarKind


@dataclass(frozen=True, slots=True, eq=False)
class LiteralOf:
    """Values the schema fixes (``const``, or the discriminator values that name a model):
    ``Literal[...]``. Only strings, integers and booleans, the values ``Literal`` can spell."""

    values: tuple[str | int | bool, ...]

    def _key(self) -> tuple[tuple[str, str | int | bool], ...]:
        # True == 1 in Python, but Literal[True] and Literal[1] are different types.
        return tuple((type(v).__name__, v) for v in self.values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LiteralOf) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


@dataclass(frozen=True, slots=True)
class ListOf:
    item: TypeRef


@dataclass(frozen=True, slots=True)
class MapOf:
    value: TypeRef


@dataclass(frozen=True, slots=True)
class ModelRef:
    name: str
    module: str


@dataclass(frozen=True, slots=True)
class EnumRef:
    name: str
    module: str
    base: Literal["str", "int"]


@dataclass(frozen=True, slots=True)
class AliasRef:
    """A named alias that its own type refers to (through arrays, maps or unions, where no
    class breaks the cycle), referred to by name. ``kinds`` are the JSON types of its wire
    data; ``converts`` says whether wire data becomes other Python objects somewhere inside it,
    in which case the alias's module has a function converting it."""

    name: str
    module: str
    kinds: frozenset[JsonType]
    converts: bool


@dataclass(frozen=True, slots=True)
class UnionOf:
    """Alternatives that need no conversion (scalars, lists and maps of them)."""

    options: tuple[TypeRef, ...]


@dataclass(frozen=True, slots=True)
class Nullable:
    inner: TypeRef


@dataclass(frozen=True, slots=True)
class Tagged:
    """Objects told apart by a discriminator property: ``tags`` maps its values to models.

    A value the spec does not list stays a plain dict, as an unknown enum value stays itself.
    """

    key: str
    tags: tuple[tuple[str, ModelRef], ...]

    @property
    def models(self) -> tuple[ModelRef, ...]:
        return tuple(dict.fromkeys(model for _, model in self.tags))


@dataclass(frozen=True, slots=True)
class Choice:
    """Alternatives that neither JSON types nor a discriminator tell apart: the validators
    package's ``chooser`` function returns the index of the one that wire data matches
    (``one_of``: exactly one must; else the first that does, in spec order), and that
    alternative's conversion follows. ``options`` are the spec's alternatives, in its order."""

    options: tuple[TypeRef, ...]
    chooser: str
    one_of: bool


TypeRef = (
    Scalar
    | LiteralOf
    | ListOf
    | MapOf
    | ModelRef
    | EnumRef
    | AliasRef
    | UnionOf
    | Nullable
    | Tagged
    | Choice
)


@dataclass(frozen=True, slots=True)
class Property:
    wire_name: str
    python_name: str
    type: TypeRef
    required: bool
    description: str | None
    deprecated: bool
    pointer: str
    default: str | None = None  # the spec's default, as JSON text
    pattern: str | None = None
    read_only: bool = False  # never sent in a request: the request shape leaves it out
    write_only: bool = False  # never sent in a response: the response shape never requires it


@dataclass(frozen=True, slots=True)
class Model:
    """An object schema: a dataclass."""

    name: str
    module: str
    source_name: str
    description: str | None
    deprecated: bool
    properties: tuple[Property, ...]
    extra: TypeRef
    pointer: str
    request_of: str | None = None
    """For a request shape (``lower/shapes.py``), the name of the class it is the request
    shape of (the response shape, whose schema, pointer and module it shares)."""


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: str | int


@dataclass(frozen=True, slots=True)
class Enum:
    """A string or integer enum: an open Enum class."""

    name: str
    module: str
    source_name: str
    description: str | None
    base: Literal["str", "int"]
    members: tuple[EnumMember, ...]
    pointer: str


@dataclass(frozen=True, slots=True)
class Alias:
    """A named schema that is not an object or an enum (an array, a string...): a type alias."""

    name: str
    module: str
    source_name: str
    description: str | None
    type: TypeRef
    pointer: str
    recursive: bool = False
    """Whether ``type`` refers back to this alias (an ``AliasRef``)."""
    converts: bool = False
    """Whether wire data of ``type`` becomes other Python objects somewhere inside it."""
    request_of: str | None = None
    """For a recursive alias's request shape (``lower/shapes.py``), the name of the alias it
    is the request shape of (whose schema, pointer and module it shares)."""


Definition = Model | Enum | Alias


def map_types(type_ref: TypeRef, change: Callable[[TypeRef], TypeRef]) -> TypeRef:
    """``type_ref`` rebuilt with ``change`` applied to every type that holds no other (a
    model, an alias, a scalar...) and to a tagged union's models."""
    if isinstance(type_ref, ListOf):
        return ListOf(map_types(type_ref.item, change))
    if isinstance(type_ref, MapOf):
        return MapOf(map_types(type_ref.value, change))
    if isinstance(type_ref, Nullable):
        return Nullable(map_types(type_ref.inner, change))
    if isinstance(type_ref, UnionOf | Choice):
        return replace(type_ref, options=tuple(map_types(o, change) for o in type_ref.options))
    if isinstance(type_ref, Tagged):
        tags = tuple((tag, _model(change(model), model)) for tag, model in type_ref.tags)
        return replace(type_ref, tags=tags)
    return change(type_ref)


def _model(changed: TypeRef, model: ModelRef) -> ModelRef:
    return changed if isinstance(changed, ModelRef) else model


def walk_types(type_ref: TypeRef) -> list[TypeRef]:
    """``type_ref`` and every type inside it (an ``AliasRef`` is not followed: it is a name)."""
    found: list[TypeRef] = [type_ref]
    if isinstance(type_ref, ListOf):
        found += walk_types(type_ref.item)
    elif isinstance(type_ref, MapOf):
        found += walk_types(type_ref.value)
    elif isinstance(type_ref, Nullable):
        found += walk_types(type_ref.inner)
    elif isinstance(type_ref, UnionOf | Choice):
        for option in type_ref.options:
            found += walk_types(option)
    elif isinstance(type_ref, Tagged):
        found += type_ref.models
    return found
