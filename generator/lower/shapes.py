"""Request and response shapes of the models whose ``readOnly``/``writeOnly`` properties
make them differ.

A server never returns a write-only property, so the response shape (the class a schema
always has) never requires one. A client never sends a read-only property, so where a request
body reaches a model that has one (itself, or through the models its properties, items, map
values and union alternatives hold), or a required write-only one, that model also gets a
request shape: the same schema, pointer and module, named ``naming.request_class`` (numbered
apart when the name is taken), without the read-only properties and holding the request
shapes of the models it reaches. The request body's type refers to those classes; the
validators check both shapes with the one function per schema, given the direction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator import naming
from generator.ir import (
    Definition,
    Model,
    ModelRef,
    Operation,
    TypeRef,
    map_types,
    walk_types,
)

Key = tuple[str, str]  # a model's class name and module
Claim = Callable[[str, str], str]  # a wanted class name and a pointer -> the name it gets


def apply_shapes(
    definitions: list[Definition], operations: tuple[Operation, ...], claim: Claim
) -> tuple[list[Definition], tuple[Operation, ...]]:
    """``definitions`` with each request shape after its response shape, and ``operations``
    whose request bodies refer to the request shapes."""
    models = {(d.name, d.module): d for d in definitions if isinstance(d, Model)}
    differing = _differing(models)
    sent: dict[Key, None] = {}
    for operation in operations:
        if operation.body is not None:
            _reach(operation.body.type, models, sent)
    names = {
        (d.name, d.module): claim(naming.request_class(d.name), d.pointer)
        for d in definitions
        if isinstance(d, Model) and (d.name, d.module) in sent and (d.name, d.module) in differing
    }
    result: list[Definition] = []
    for definition in definitions:
        if not isinstance(definition, Model):
            result.append(definition)
            continue
        result.append(_response_shape(definition))
        name = names.get((definition.name, definition.module))
        if name is not None:
            result.append(_request_shape(definition, name, names))
    shaped = tuple(
        (
            replace(op, body=replace(op.body, type=_shaped(op.body.type, names)))
            if op.body is not None
            else op
        )
        for op in operations
    )
    return result, shaped


def _own_difference(model: Model) -> bool:
    return any(p.read_only or (p.write_only and p.required) for p in model.properties)


def _held(model: Model) -> list[ModelRef]:
    """The models that ``model``'s properties and extra properties hold, directly or in
    lists, maps and unions (a recursive alias is a name, and is not followed)."""
    types = [p.type for p in model.properties] + [model.extra]
    return [t for held in types for t in walk_types(held) if isinstance(t, ModelRef)]


def _differing(models: dict[Key, Model]) -> set[Key]:
    """The models whose request shape differs from their response shape."""
    found = {key for key, model in models.items() if _own_difference(model)}
    changed = True
    while changed:
        changed = False
        for key, model in models.items():
            if key not in found and any((r.name, r.module) in found for r in _held(model)):
                found.add(key)
                changed = True
    return found


def _reach(type_ref: TypeRef, models: dict[Key, Model], seen: dict[Key, None]) -> None:
    """Every model ``type_ref`` holds and every model those hold, in the order met."""
    stack = [t for t in reversed(walk_types(type_ref)) if isinstance(t, ModelRef)]
    while stack:
        ref = stack.pop()
        key = (ref.name, ref.module)
        if key in seen or key not in models:
            continue
        seen[key] = None
        stack.extend(reversed(_held(models[key])))


def _response_shape(model: Model) -> Model:
    """The model with its write-only properties optional: a server does not send them."""
    if not any(p.write_only and p.required for p in model.properties):
        return model
    properties = tuple(replace(p, required=False) if p.write_only else p for p in model.properties)
    return replace(model, properties=properties)


def _request_shape(model: Model, name: str, names: dict[Key, str]) -> Model:
    return replace(
        model,
        name=name,
        properties=tuple(
            replace(p, type=_shaped(p.type, names)) for p in model.properties if not p.read_only
        ),
        extra=_shaped(model.extra, names),
        request_of=model.name,
    )


def _shaped(type_ref: TypeRef, names: dict[Key, str]) -> TypeRef:
    """``type_ref`` with every model that has a request shape replaced by it."""
    return map_types(
        type_ref,
        lambda inner: _shaped_model(inner, names) if isinstance(inner, ModelRef) else inner,
    )


def _shaped_model(ref: ModelRef, names: dict[Key, str]) -> ModelRef:
    name = names.get((ref.name, ref.module))
    return ref if name is None else ModelRef(name, ref.module)
