"""Discriminators: which model a oneOf/anyOf object is, told by one of its properties.

Declared (``discriminator: {propertyName, mapping}``) or implied: a property that every object
alternative fixes to a different constant tells them apart just as surely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.errors import Problem, join_pointer
from generator.ir import ModelRef, Nullable, Scalar, Tagged, TypeRef
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
