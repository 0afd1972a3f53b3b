"""The validators' IR: what a schema demands of a JSON value, in JSON Schema's own terms.

Unlike the models' IR it keeps every keyword that constrains data; references stay references.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, Literal

JsonType = Literal["null", "boolean", "integer", "number", "string", "array", "object"]
Direction = Literal["", "request", "response"]
Number = int | float


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str  # as the spec wrote it (ECMA-262)
    python: str  # the same meaning for Python's re, compiled with re.ASCII
    # The linear-time matcher's program (runtime/_linear_regex.py) where re could backtrack
    # for more than linear time on it; None where re is safe.
    program: str | None = None


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


# The fields of ``Rules`` that hold rules: one, a tuple of them, and (key, rules) pairs. Walks
# over every schema of a multi-MB spec read these instead of asking ``dataclasses.fields``.
ONE_RULES = ("items", "contains", "additional", "property_names", "not_", "if_", "then", "else_")
MANY_RULES = ("prefix_items", "all_of", "any_of", "one_of")
KEYED_RULES = ("properties", "pattern_properties", "dependent_schemas")


def changed(rules: Rules, **changes: Any) -> Rules:
    """``dataclasses.replace(rules, **changes)`` at half its cost (it asks each of the 46
    fields about itself on every call; fixtures make 21,000 such copies on Stripe)."""
    values = dict(zip(_FIELD_NAMES, _field_values(rules), strict=True))
    values.update(changes)
    return Rules(**values)


_FIELD_NAMES = tuple(field.name for field in fields(Rules))
_field_values = attrgetter(*_FIELD_NAMES)


def sub_rules(rules: Rules) -> list[Rules]:
    """The rules directly inside ``rules``, in field order within each kind."""
    found = [sub for name in ONE_RULES if (sub := getattr(rules, name)) is not None]
    for name in MANY_RULES:
        found += getattr(rules, name)
    for name in KEYED_RULES:
        found += [sub for _, sub in getattr(rules, name)]
    return found


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
class PayloadRules:
    """The rules of a webhook's or callback's body written inline (a named one has its own)."""

    name: str  # the webhook's name, for docstrings
    kind: Literal["webhook", "callback"]
    python_name: str
    pointer: str  # the operation object's
    body: Rules


@dataclass(frozen=True, slots=True)
class ChoiceRules:
    """The alternatives of a ``oneOf``/``anyOf`` that models decode by validating them: a
    public ``function`` (``choose_<name>``) returns the index of the one that data matches."""

    function: str
    pointer: str  # of the oneOf/anyOf keyword
    schema: str  # the named schema it is part of, or "" outside components/schemas
    one_of: bool
    branches: tuple[Rules, ...]


@dataclass(frozen=True, slots=True)
class Validators:
    dialect: Literal["3.0", "3.1"]
    targets: tuple[Target, ...]
    operations: tuple[OperationRules, ...]
    not_checked: tuple[tuple[str, str], ...]  # (pointer, what is not enforced there)
    payloads: tuple[PayloadRules, ...] = ()  # webhooks' and callbacks' inline bodies
    choices: tuple[ChoiceRules, ...] = ()
    linear_patterns: bool = False  # whether a pattern needs the linear-time matcher
