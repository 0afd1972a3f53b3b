"""Discriminators: which model a oneOf/anyOf object is, told by one of its properties.

Declared (``discriminator: {propertyName, mapping}``) or implied: a property that every object
alternative fixes to a different constant tells them apart just as surely.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from generator.errors import Problem, join_pointer
from generator.ir import (
    Definition,
    Enum,
    EnumRef,
    LiteralOf,
    Model,
    ModelRef,
    Nullable,
    Scalar,
    Tagged,
    TypeRef,
    walk_types,
)
from generator.lower.objects import collect_object
from generator.spec.resolve import Index, ref_target, schema_name, schema_pointer


@dataclass
class Tagging:
    options: list[TypeRef]
    problems: list[Problem]


def implied_discriminator(
    index: Index, options: list[TypeRef], branches: list[Any], pointer: str
) -> dict[str, Any] | None:
    """A property that every object alternative fixes to a different constant (OpenAI's
    ``type: {enum: [function]}``) tells them apart as surely as a declared discriminator."""
    targets = [
        index.follow(branch, join_pointer(pointer, i))[0]
        for i, (option, branch) in enumerate(zip(options, branches, strict=True))
        if _model_of(option) is not None
    ]
    if len(targets) < 2:
        return None
    first = targets[0] if isinstance(targets[0], dict) else {}
    for key in collect_object(index, first, "").properties:
        values = [_constant(index, target, key) for target in targets]
        if all(values) and len(set(values)) == len(values):
            return {"propertyName": key}
    return None


def tag_models(
    index: Index,
    options: list[TypeRef],
    branches: list[Any],
    discriminator: dict[str, Any],
    pointer: str,
) -> Tagging:
    """The models among ``options`` as one ``Tagged`` alternative, keyed by the
    discriminator's values: its mapping, else the alternative's constant for the property,
    else the name of the schema it references (as OpenAPI defines the implicit mapping)."""
    key: str = discriminator["propertyName"]
    where = join_pointer(pointer.rsplit("/", 1)[0], "discriminator", "mapping")
    problems: list[Problem] = []
    mapped: dict[str, list[str]] = {}
    for tag, target in mapping_targets(discriminator):
        mapped.setdefault(target, []).append(tag)
    claimed: set[str] = set()
    tags: dict[str, ModelRef] = {}
    rest: list[TypeRef] = []
    for i, (option, branch) in enumerate(zip(options, branches, strict=True)):
        model = _model_of(option)
        if model is None:
            rest.append(option)
            continue
        if model != option:
            rest.append(Scalar("none"))  # a nullable alternative makes the union nullable
        # The mapping may name the alternative's own $ref or where a chain of them ends.
        own = ref_target(branch["$ref"]) if isinstance(branch, dict) and "$ref" in branch else None
        target, end = index.follow(branch, join_pointer(pointer, i))
        names = [p for p in dict.fromkeys((own, end)) if p is not None and p in mapped]
        claimed.update(names)
        values = [tag for p in names for tag in mapped[p]]
        if not values:
            implicit = _constant(index, target, key) or schema_name(own)
            if implicit is None:
                message = f"an inline alternative needs a mapping entry or a constant {key!r}"
                problems.append(index.document.problem(join_pointer(pointer, i), message))
                continue
            values = [implicit]
        for value in values:
            if tags.get(value, model) != model:
                message = f"discriminator value {value!r} names two alternatives"
                problems.append(index.document.problem(join_pointer(pointer, i), message))
            tags[value] = model
    for target, names in mapped.items():
        if target not in claimed:
            message = f"mapping {', '.join(map(repr, names))} names no alternative: {target}"
            problems.append(index.document.problem(where, message))
    if not tags:
        return Tagging(options, problems)
    return Tagging([Tagged(key, tuple(tags.items())), *rest], problems)


def mapping_targets(discriminator: dict[str, Any]) -> list[tuple[str, str]]:
    """The discriminator's mapping as (tag, pointer of the schema it names), in spec order;
    a value is a reference or the name of a schema in ``components/schemas``. Models and
    validators both read it here; what an unmapped alternative's tag is, each decides."""
    return [
        (str(tag), ref_target(value) if value.startswith("#") else schema_pointer(value))
        for tag, value in (discriminator.get("mapping") or {}).items()
        if isinstance(value, str)
    ]


def _model_of(option: TypeRef) -> ModelRef | None:
    if isinstance(option, Nullable):
        option = option.inner
    return option if isinstance(option, ModelRef) else None


def _constant(index: Index, schema: Any, key: str) -> str | None:
    """The one string value an object schema allows for property ``key``, if it fixes one."""
    if not isinstance(schema, dict):
        return None
    shape = collect_object(index, schema, "")
    prop, _ = index.follow(shape.properties.get(key, (None, ""))[0], "")
    if not isinstance(prop, dict):
        return None
    values = [prop["const"]] if "const" in prop else prop.get("enum")
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    return None


@dataclass
class TagRecord:
    """The discriminator values that name each model, over every discriminated union: the
    model's discriminator property is typed ``Literal`` of them (with the value as its
    default where there is one), so that a constructor needs no tag and a wrong one fails
    type checking. A model used outside its unions too is the same class, holding the same
    values: the ones the spec's discriminators give it."""

    tags: dict[tuple[str, str], dict[str, list[str]]] = field(default_factory=dict)

    def add(self, options: list[TypeRef]) -> None:
        """Record the tags of the ``Tagged`` alternative among a union's ``options``."""
        for tagged in (o for o in options if isinstance(o, Tagged)):
            for tag, model in tagged.tags:
                keys = self.tags.setdefault((model.name, model.module), {})
                values = keys.setdefault(tagged.key, [])
                if tag not in values:
                    values.append(tag)

    def apply(self, definitions: list[Definition]) -> list[Definition]:
        """``definitions`` with each tagged property a ``Literal``; an inline enum that was
        its type, and that nothing else refers to, is gone with it."""
        result: list[Definition] = []
        replaced: list[EnumRef] = []
        for definition in definitions:
            keys = self.tags.get((definition.name, definition.module))
            if isinstance(definition, Model) and keys:
                properties = []
                for prop in definition.properties:
                    typed = _tagged_type(prop.type, keys.get(prop.wire_name))
                    if typed is not None:
                        core = prop.type.inner if isinstance(prop.type, Nullable) else prop.type
                        if isinstance(core, EnumRef):
                            replaced.append(core)
                        prop = replace(prop, type=typed)
                    properties.append(prop)
                definition = replace(definition, properties=tuple(properties))
            result.append(definition)
        return _without_unused_enums(result, replaced)


def _tagged_type(type_ref: TypeRef, tags: list[str] | None) -> TypeRef | None:
    """``Literal`` of ``tags`` in place of the property's type, where that type holds every
    tag (a string, an open string enum, or constants among which they are); else None, and
    the property keeps its type."""
    if not tags:
        return None
    if isinstance(type_ref, Nullable):
        inner = _tagged_type(type_ref.inner, tags)
        return None if inner is None else Nullable(inner)
    holds = (
        type_ref in (Scalar("str"), Scalar("any"))
        or isinstance(type_ref, EnumRef)
        and type_ref.base == "str"
        or isinstance(type_ref, LiteralOf)
        and set(tags) <= set(type_ref.values)
    )
    return LiteralOf(tuple(tags)) if holds else None


def _without_unused_enums(
    definitions: list[Definition], replaced: list[EnumRef]
) -> list[Definition]:
    """Only inline enums that a tagged property was typed with can have lost their last use
    (a named enum stays: it is the spec's own, and users may name it)."""
    used = {
        (t.name, t.module)
        for d in definitions
        for root in _types_of(d)
        for t in walk_types(root)
        if isinstance(t, EnumRef)
    }
    gone = {(e.name, e.module) for e in replaced} - used
    return [
        d
        for d in definitions
        if not (
            isinstance(d, Enum) and (d.name, d.module) in gone and schema_name(d.pointer) is None
        )
    ]


def _types_of(definition: Definition) -> list[TypeRef]:
    if isinstance(definition, Model):
        return [*(p.type for p in definition.properties), definition.extra]
    return [definition.type] if not isinstance(definition, Enum) else []
