"""Request and response shapes of the models whose ``readOnly``/``writeOnly`` properties
make them differ.

A server never returns a write-only property, so the response shape (the class a schema
always has) never requires one. A client never sends a read-only property, so where a request
body reaches a model that has one (itself, or through the models its properties, items, map
values and union alternatives hold, recursive aliases included; never through a read-only
property, which the request leaves out), or a required write-only one, that model also gets a
request shape: the same schema, pointer and module, named
``naming.request_class`` (numbered apart when the name is taken), without the read-only
properties and holding the request shapes of the models it reaches. A recursive alias
(``Outline``, a list of sections and outlines) is a name the models refer to, not a type
written out in place, so one that holds such a model gets a request shape too
(``OutlineRequest``, referring to itself by that name). The request body's type refers to
those shapes; the validators check both shapes with the one function per schema, given the
direction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator import naming
from generator.ir import (
    Alias,
    AliasRef,
    Definition,
    Model,
    ModelRef,
    Operation,
    TypeRef,
    map_types,
    walk_types,
)

Key = tuple[str, str]  # a model's or alias's name and module
Claim = Callable[[str, str], str]  # a wanted class name and a pointer -> the name it gets
Shaped = Model | Alias  # what may have a request shape: a model, a recursive alias


def apply_shapes(
    definitions: list[Definition], operations: tuple[Operation, ...], claim: Claim
) -> tuple[list[Definition], tuple[Operation, ...]]:
    """``definitions`` with each request shape after its response shape, and ``operations``
    whose request bodies refer to the request shapes."""
    nodes: dict[Key, Shaped] = {
        (d.name, d.module): d
        for d in definitions
        if isinstance(d, Model) or isinstance(d, Alias) and d.recursive
    }
    differing = _differing(nodes)
    sent: dict[Key, None] = {}
    for operation in operations:
        if operation.body is not None:
            _reach(operation.body.type, nodes, sent)
    names = {
        key: claim(naming.request_class(nodes[key].name), nodes[key].pointer)
        for key in nodes
        if key in sent and key in differing
    }
    result: list[Definition] = []
    for definition in definitions:
        if isinstance(definition, Model):
            result.append(_response_shape(definition))
        else:
            result.append(definition)
        name = names.get((definition.name, definition.module))
        if isinstance(definition, Model) and name is not None:
            result.append(_request_shape(definition, name, names))
        elif isinstance(definition, Alias) and name is not None:
            shaped = _shaped(definition.type, names)
            result.append(replace(definition, name=name, type=shaped, request_of=definition.name))
    shaped_operations = tuple(
        (
            replace(op, body=replace(op.body, type=_shaped(op.body.type, names)))
            if op.body is not None
            else op
        )
        for op in operations
    )
    return result, shaped_operations


def _own_difference(definition: Shaped) -> bool:
    if isinstance(definition, Alias):
        return False
    return any(p.read_only or (p.write_only and p.required) for p in definition.properties)


def _held(definition: Shaped) -> list[ModelRef | AliasRef]:
    """The models and recursive aliases that a model's properties and extra properties (or
    an alias's type) hold, directly or in lists, maps and unions. Not through a read-only
    property: the request shape leaves it out, so what it holds is never sent (Cloudflare's
    railgun has a read-only activation, whose schema needs no request shape)."""
    if isinstance(definition, Alias):
        types = [definition.type]
    else:
        kept = [p.type for p in definition.properties if not p.read_only]
        types = kept + [definition.extra]
    return [t for held in types for t in walk_types(held) if isinstance(t, ModelRef | AliasRef)]


def _differing(nodes: dict[Key, Shaped]) -> set[Key]:
    """The models and recursive aliases whose request shape differs from their response
    shape: their own properties, or what they hold."""
    found = {key for key, node in nodes.items() if _own_difference(node)}
    changed = True
    while changed:
        changed = False
        for key, node in nodes.items():
            if key not in found and any((r.name, r.module) in found for r in _held(node)):
                found.add(key)
                changed = True
    return found


def _reach(type_ref: TypeRef, nodes: dict[Key, Shaped], seen: dict[Key, None]) -> None:
    """Every model and recursive alias ``type_ref`` holds and every one those hold, in the
    order met."""
    stack = [t for t in reversed(walk_types(type_ref)) if isinstance(t, ModelRef | AliasRef)]
    while stack:
        ref = stack.pop()
        key = (ref.name, ref.module)
        if key in seen or key not in nodes:
            continue
        seen[key] = None
        stack.extend(reversed(_held(nodes[key])))


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
    """``type_ref`` with every model and recursive alias that has a request shape replaced
    by it."""
    return map_types(type_ref, lambda inner: _shaped_ref(inner, names))


def _shaped_ref(ref: TypeRef, names: dict[Key, str]) -> TypeRef:
    if not isinstance(ref, ModelRef | AliasRef):
        return ref
    name = names.get((ref.name, ref.module))
    return ref if name is None else replace(ref, name=name)
