"""The intermediate representation: frozen, plain data with no back-pointers.

Every named thing keeps its wire name, its Python name and the JSON pointer it came from.
OpenAPI 3.0 and 3.1 differences (``nullable`` versus ``type: [..., "null"]``) are gone by here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ScalarKind = Literal["str", "int", "float", "bool", "any", "none", "datetime", "date"]


@dataclass(frozen=True, slots=True)
class Scalar:
    kind: ScalarKind


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


TypeRef = Scalar | ListOf | MapOf | ModelRef | EnumRef | UnionOf | Nullable | Tagged


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


Definition = Model | Enum | Alias


@dataclass(frozen=True, slots=True)
class Api:
    source: str
    title: str
    version: str
    description: str | None
    openapi: str
    definitions: tuple[Definition, ...]
    validators: Validators
    operations: tuple[Operation, ...]
    base_url: str | None  # the first server's URL with its variables' defaults, when absolute

    def modules(self) -> dict[str, tuple[Definition, ...]]:
        """Definitions grouped by module, modules in order of first appearance."""
        grouped: dict[str, list[Definition]] = {}
        for definition in self.definitions:
            grouped.setdefault(definition.module, []).append(definition)
        return {module: tuple(items) for module, items in grouped.items()}


def walk_types(type_ref: TypeRef) -> list[TypeRef]:
    """``type_ref`` and every type inside it."""
    found: list[TypeRef] = [type_ref]
    if isinstance(type_ref, ListOf):
        found += walk_types(type_ref.item)
    elif isinstance(type_ref, MapOf):
        found += walk_types(type_ref.value)
    elif isinstance(type_ref, Nullable):
        found += walk_types(type_ref.inner)
    elif isinstance(type_ref, UnionOf):
        for option in type_ref.options:
            found += walk_types(option)
    elif isinstance(type_ref, Tagged):
        found += type_ref.models
    return found


# The validators' IR: what a schema demands of a JSON value, in JSON Schema's own terms. Unlike
# the model IR above it keeps every keyword that constrains data; references stay references.

JsonType = Literal["null", "boolean", "integer", "number", "string", "array", "object"]
Direction = Literal["", "request", "response"]
Number = int | float


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str  # as the spec wrote it (ECMA-262)
    python: str  # the same meaning for Python's re, compiled with re.ASCII


@dataclass(frozen=True, slots=True)
class Required:
    name: str
    directions: tuple[Direction, ...]  # where the property must be present


@dataclass(frozen=True, slots=True)
class Discriminator:
    """Which ``oneOf``/``anyOf`` branch a tag value names, so errors can speak of that branch."""

    property: str
    tags: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """Every assertion of one schema; an absent keyword is ``None`` or empty."""

    pointer: str
    always_fails: bool = False
    types: tuple[JsonType, ...] | None = None
    enum: tuple[object, ...] | None = None
    const: tuple[object] | None = None  # a 1-tuple, so that ``const: null`` is expressible
    ref: str | None = None  # the pointer of the schema it refers to
    read_only: bool = False
    write_only: bool = False
    # strings
    min_length: int | None = None
    max_length: int | None = None
    pattern: Pattern | None = None
    format: str | None = None
    # numbers
    minimum: Number | None = None
    maximum: Number | None = None
    exclusive_minimum: Number | None = None
    exclusive_maximum: Number | None = None
    multiple_of: Number | None = None
    # arrays
    items: Rules | None = None
    prefix_items: tuple[Rules, ...] = ()
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    contains: Rules | None = None
    min_contains: int | None = None
    max_contains: int | None = None
    # objects
    properties: tuple[tuple[str, Rules], ...] = ()
    required: tuple[Required, ...] = ()
    additional: Rules | None = None
    pattern_properties: tuple[tuple[Pattern, Rules], ...] = ()
    property_names: Rules | None = None
    min_properties: int | None = None
    max_properties: int | None = None
    dependent_required: tuple[tuple[str, tuple[str, ...]], ...] = ()
    dependent_schemas: tuple[tuple[str, Rules], ...] = ()
    # combinators
    all_of: tuple[Rules, ...] = ()
    any_of: tuple[Rules, ...] = ()
    one_of: tuple[Rules, ...] = ()
    discriminator: Discriminator | None = None
    not_: Rules | None = None
    if_: Rules | None = None
    then: Rules | None = None
    else_: Rules | None = None
    # annotations, for fixtures: not rules, so no check depends on them
    examples: tuple[object, ...] = ()  # the spec's example, examples and default, in that order
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """A schema the validators give a function: a named schema, or one a ``$ref`` points at."""

    pointer: str
    schema: str  # the named schema it is part of, or "" outside components/schemas
    name: str | None  # the schema's own name when it is a named schema
    rules: Rules


@dataclass(frozen=True, slots=True)
class ParameterRules:
    name: str
    location: str  # path, query, header or cookie
    python_name: str
    required: bool
    rules: Rules


@dataclass(frozen=True, slots=True)
class OperationRules:
    operation_id: str
    python_name: str
    pointer: str
    path: str
    parameters: tuple[ParameterRules, ...]
    body: Rules | None = None  # a request body schema written inline (a named one has its own)


@dataclass(frozen=True, slots=True)
class Validators:
    dialect: Literal["3.0", "3.1"]
    targets: tuple[Target, ...]
    operations: tuple[OperationRules, ...]
    not_checked: tuple[tuple[str, str], ...]  # (pointer, what is not enforced there)


# The client's IR: each operation as a call, with the types its arguments and results carry.

BodyEncoding = Literal["json", "form", "text", "bytes"]


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str  # the wire name
    location: Literal["path", "query", "header", "cookie"]
    python_name: str
    type: TypeRef
    required: bool
    description: str | None
    deprecated: bool
    style: str  # OpenAPI's serialisation style: form, simple, deepObject, pipeDelimited...
    explode: bool  # a list goes out as repeated query parameters rather than joined
    pointer: str  # the parameter object's
    schema_pointer: str | None  # None when ``content`` describes it instead of ``schema``


@dataclass(frozen=True, slots=True)
class RequestBody:
    media_type: str
    encoding: BodyEncoding
    type: TypeRef
    required: bool
    description: str | None
    schema: str | None  # the named schema it refers to, whose validator checks it
    schema_pointer: str | None  # where its schema is, if it has one


@dataclass(frozen=True, slots=True)
class Header:
    name: str
    python_name: str
    type: TypeRef
    description: str | None


@dataclass(frozen=True, slots=True)
class Response:
    status: str  # "200", "4XX" or "default"
    description: str | None
    media_type: str | None  # None: the response has no body
    encoding: BodyEncoding
    type: TypeRef | None
    headers: tuple[Header, ...]


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    python_name: str
    method: str  # upper case
    path: str
    pointer: str
    summary: str | None
    description: str | None
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    retry_token: str | None  # the header parameter carrying the idempotency token
    request_id: str | None  # the header naming the request, declared by a response

    @property
    def successes(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.status[:1] in "123")

    @property
    def failures(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.status[:1] not in "123")
