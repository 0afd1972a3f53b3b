"""Webhooks (OpenAPI 3.1's top-level ``webhooks``) and callbacks (an operation's ``callbacks``):
the requests an API makes to its users' servers, lowered to the JSON body each delivers.

Each webhook or callback operation with a JSON body becomes a ``Webhook``: its body's type comes
from the schema builder, so a named schema is that schema's model and an inline one becomes a
model named ``<Name>Payload``. What cannot be read (no body, a body that is not JSON, a path
item that is not an object) is a warning, never a silent drop. Only the body is read: a
webhook's parameters and responses describe the receiving server, not the data it is given.

Names, by this rule: a webhook is named by its key; a callback by its operationId, else by its
operation's operationId and the callback's key. When a path item holds more than one
operation, the method is added. Names that still agree are numbered in spec order, with a
warning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from generator import naming
from generator.errors import join_pointer
from generator.ir import Operation, PayloadRules, Rules, Webhook
from generator.lower.endpoints import request_body, text
from generator.lower.media import body_encoding, choose_media_type
from generator.lower.operations import METHODS
from generator.lower.rules import RulesBuilder
from generator.lower.schemas import SchemaBuilder
from generator.spec.findings import json_text

Kind = Literal["webhook", "callback"]


@dataclass(frozen=True, slots=True)
class _Found:
    """A webhook or callback operation with a JSON body, before its body is built."""

    kind: Kind
    name: str
    python_name: str
    method: str
    expression: str | None
    pointer: str
    operation: dict[str, Any]


def build_webhooks(
    builder: SchemaBuilder, operations: tuple[Operation, ...]
) -> tuple[Webhook, ...]:
    """The spec's webhooks, then each operation's callbacks, in spec order."""
    index = builder.index
    found: list[_Found] = []
    webhooks = index.document.data.get("webhooks")
    if isinstance(webhooks, dict):
        for key, item in webhooks.items():
            pointer = join_pointer("/webhooks", str(key))
            found += _path_item(builder, item, pointer, "webhook", str(key), None)
    for operation in operations:
        callbacks, callbacks_at = index.follow(
            index.lookup(operation.pointer).get("callbacks"),
            join_pointer(operation.pointer, "callbacks"),
        )
        if not isinstance(callbacks, dict):
            continue
        for key, callback in callbacks.items():
            callback, where = index.follow(callback, join_pointer(callbacks_at, str(key)))
            if not isinstance(callback, dict):
                builder.warn(where, "this callback is not an object: it is not read")
                continue
            for expression, item in callback.items():
                if str(expression).startswith("x-"):
                    continue
                name = f"{operation.operation_id} {key}"
                pointer = join_pointer(where, str(expression))
                found += _path_item(builder, item, pointer, "callback", name, str(expression))
    return tuple(_webhook(builder, each) for each in _distinct_names(builder, found))


def _path_item(
    builder: SchemaBuilder,
    item: Any,
    pointer: str,
    kind: Kind,
    name: str,
    expression: str | None,
) -> list[_Found]:
    item, item_pointer = builder.index.follow(item, pointer)
    if not isinstance(item, dict):
        builder.warn(pointer, f"this {kind}'s path item is not an object: it is not read")
        return []
    methods = [str(m) for m, node in item.items() if m in METHODS and isinstance(node, dict)]
    if not methods:
        builder.warn(pointer, f"this {kind} has no operation: there is nothing to receive")
    found = []
    for method in methods:
        operation = item[method]
        at = join_pointer(item_pointer, method)
        own = operation.get("operationId") if kind == "callback" else None
        wanted = own if isinstance(own, str) and own else name
        if len(methods) > 1 and wanted == name:
            wanted = f"{name} {method}"
        python_name = naming.webhook_name(wanted)
        if not python_name:
            builder.warn(
                at,
                f"no Python name can be made from the {kind} name {json_text(wanted)}: "
                "no function reads its body",
            )
        elif _has_json_body(builder, operation, at, kind):
            found.append(_Found(kind, wanted, python_name, method, expression, at, operation))
    return found


def _has_json_body(
    builder: SchemaBuilder, operation: dict[str, Any], pointer: str, kind: Kind
) -> bool:
    """Whether the operation's body is one the package reads; a warning when it is not."""
    node, where = builder.index.follow(
        operation.get("requestBody"), join_pointer(pointer, "requestBody")
    )
    content = node.get("content") if isinstance(node, dict) else None
    media_type = choose_media_type(content) if isinstance(content, dict) else None
    if media_type is None:
        builder.warn(pointer, f"this {kind} has no request body: there is nothing to parse")
        return False
    if body_encoding(media_type) != "json":
        builder.warn(
            join_pointer(where, "content", media_type),
            f"this {kind}'s body is {json_text(media_type)}, not JSON: no function reads it",
        )
        return False
    return True


def _distinct_names(builder: SchemaBuilder, found: list[_Found]) -> list[_Found]:
    """Names that agree (``order.created`` and ``order_created``) numbered in spec order."""
    result = []
    for each, name in zip(
        found, naming.numbered_apart([f.python_name for f in found]), strict=True
    ):
        if name != each.python_name:
            first = next(f for f in found if f.python_name == each.python_name)
            builder.warn(
                each.pointer,
                f"{first.kind} {json_text(first.name)} and {each.kind} {json_text(each.name)} "
                f"both make the name {each.python_name!r}; this one is {name!r}",
            )
            each = replace(each, python_name=name)
        result.append(each)
    return result


def _webhook(builder: SchemaBuilder, found: _Found) -> Webhook:
    """The webhook, its body's type built (an inline schema becomes ``<Name>Payload``)."""
    hint = naming.pascal_case(found.python_name) + "Payload"
    module = naming.module_name(found.python_name)
    body = request_body(builder, found.operation, found.pointer, hint, module)
    assert body is not None  # _has_json_body found the media type it reads
    operation = found.operation
    return Webhook(
        name=found.name,
        kind=found.kind,
        python_name=found.python_name,
        method=found.method.upper(),
        expression=found.expression,
        pointer=found.pointer,
        summary=text(operation.get("summary")),
        description=text(operation.get("description")),
        deprecated=operation.get("deprecated") is True,
        body=body,
    )


def payload_rules(builder: RulesBuilder, webhooks: tuple[Webhook, ...]) -> tuple[PayloadRules, ...]:
    """The rules of each body whose schema is written inline (a named schema has a validator
    of its own)."""
    found = []
    for webhook in webhooks:
        body = webhook.body
        if body.schema is not None or body.schema_pointer is None:
            continue
        rules: Rules = builder.rules(builder.index.lookup(body.schema_pointer), body.schema_pointer)
        found.append(
            PayloadRules(webhook.name, webhook.kind, webhook.python_name, webhook.pointer, rules)
        )
    return tuple(found)
