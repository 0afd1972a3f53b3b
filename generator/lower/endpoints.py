"""Operations as the client calls them: arguments, the body sent, and what each status returns.

Types come from the schema builder, so a body or a response that refers to a named schema is
that schema's model; an inline object schema becomes a model in a module named after the
operation. Parameters and headers are scalars or lists of them on the wire, so they get plain
types and never a class of their own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from generator import naming
from generator.errors import join_pointer
from generator.formats import string_model
from generator.ir import (
    BodyEncoding,
    Header,
    ListOf,
    MapOf,
    Nullable,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Scalar,
    TypeRef,
)
from generator.lower.media import body_encoding, choose_media_type
from generator.lower.operations import IGNORED_HEADERS, METHODS, argument_name
from generator.lower.schema_facts import ANY, split_null
from generator.lower.schemas import SchemaBuilder
from generator.spec.findings import json_text
from generator.spec.resolve import ref_target, schema_name

# Idempotency headers: the OCI SDKs send opc-retry-token, Stripe and the IETF draft Idempotency-Key.
RETRY_TOKEN_HEADERS = ("opc-retry-token", "idempotency-key")
# Request ids a client makes up when the API echoes them back (OCI's, and the common one).
REQUEST_ID_HEADERS = ("opc-request-id", "x-request-id")
_LOCATIONS = ("path", "query", "header", "cookie")
_FIELD_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_PLAIN = {"integer": "int", "number": "float", "boolean": "bool"}  # strings: string_model


def build_operations(builder: SchemaBuilder) -> tuple[Operation, ...]:
    index = builder.index
    paths = index.document.data.get("paths") or {}
    found = []
    for path, item in paths.items():
        item, item_pointer = index.follow(item, join_pointer("/paths", path))
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                pointer = join_pointer(item_pointer, method)
                found.append(_operation(builder, path, method, item, operation, pointer))
    return tuple(found)


def _operation(
    builder: SchemaBuilder,
    path: str,
    method: str,
    item: dict[str, Any],
    operation: dict[str, Any],
    pointer: str,
) -> Operation:
    operation_id = operation.get("operationId")
    if not isinstance(operation_id, str) or not operation_id:
        operation_id = f"{method} {path}"
    python_name = naming.method_name(operation_id)
    hint = naming.pascal_case(operation_id)
    module = naming.module_name(operation_id)
    merged: dict[tuple[str, str], Parameter] = {}
    for owner, owner_pointer in ((item, pointer.rsplit("/", 1)[0]), (operation, pointer)):
        for parameter in _parameters(builder, owner, join_pointer(owner_pointer, "parameters")):
            merged[(parameter.location, parameter.name)] = parameter
    parameters = _distinct_arguments(builder, list(merged.values()))
    responses = _responses(builder, operation, pointer, hint, module)
    headers = {p.name.lower(): p.name for p in parameters if p.location == "header"}
    declared = {h.name.lower() for r in responses for h in r.headers}
    return Operation(
        operation_id=operation_id,
        python_name=python_name,
        method=method.upper(),
        path=path,
        pointer=pointer,
        summary=text(operation.get("summary")),
        description=text(operation.get("description")),
        deprecated=operation.get("deprecated") is True,
        parameters=parameters,
        body=request_body(builder, operation, pointer, hint + "Request", module),
        responses=responses,
        retry_token=next((headers[h] for h in RETRY_TOKEN_HEADERS if h in headers), None),
        request_id=next((h for h in REQUEST_ID_HEADERS if h in declared), None),
    )


def _parameters(builder: SchemaBuilder, owner: dict[str, Any], pointer: str) -> list[Parameter]:
    result = []
    for position, node in enumerate(owner.get("parameters") or ()):
        node, where = builder.index.follow(node, join_pointer(pointer, position))
        if not isinstance(node, dict) or node.get("in") not in _LOCATIONS:
            continue
        if node["in"] == "header" and str(node.get("name")).lower() in IGNORED_HEADERS:
            continue
        name = str(node.get("name"))
        location = node["in"]
        explode = node.get("explode")
        style = node.get("style")
        if not isinstance(style, str):
            style = "form" if location in ("query", "cookie") else "simple"
        result.append(
            Parameter(
                name=name,
                location=location,
                python_name=argument_name(name),
                type=_plain_type(builder, node.get("schema"), join_pointer(where, "schema")),
                required=node.get("required") is True or location == "path",
                description=text(node.get("description")),
                deprecated=node.get("deprecated") is True,
                style=style,
                # OpenAPI: the form style explodes unless told otherwise, no other style does.
                explode=explode if isinstance(explode, bool) else style == "form",
                pointer=where,
                schema_pointer=join_pointer(where, "schema") if "schema" in node else None,
            )
        )
    return result


def _distinct_arguments(
    builder: SchemaBuilder, parameters: list[Parameter]
) -> tuple[Parameter, ...]:
    """The parameters with an argument name each, by this rule: parameters in different places
    whose names give the same argument (a path ``type`` and a query ``type``) each take their
    place as a suffix (``type_path``, ``type_query``); two in the same place that still agree
    (``DateCreated<`` and ``DateCreated_before``) are numbered in spec order, with a warning."""
    places: dict[str, set[str]] = {}
    for parameter in parameters:
        places.setdefault(parameter.python_name, set()).add(parameter.location)
    renamed = [
        (
            replace(p, python_name=argument_name(f"{p.python_name}_{p.location}"))
            if len(places[p.python_name]) > 1
            else p
        )
        for p in parameters
    ]
    result = []
    for parameter, name in zip(
        renamed, naming.numbered_apart([p.python_name for p in renamed]), strict=True
    ):
        if name != parameter.python_name:
            first = next(p for p in renamed if p.python_name == parameter.python_name)
            builder.warn(
                parameter.pointer,
                f"parameters {json_text(first.name)} and {json_text(parameter.name)} both "
                f"become the argument {parameter.python_name!r}; this one is {name!r}",
            )
            parameter = replace(parameter, python_name=name)
        result.append(parameter)
    return tuple(result)


def _plain_type(builder: SchemaBuilder, schema: Any, pointer: str) -> TypeRef:
    """The type of a parameter or header: a named schema's type, or a plain scalar or list."""
    if not isinstance(schema, dict):
        return ANY
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = schema_name(ref_target(ref))
        if name is not None:
            return builder.named_type(name)
        target = ref_target(ref)
        return _plain_type(builder, builder.index.lookup(target), target)
    nullable, core = split_null(schema)
    kind = core.get("type")
    if kind == "array":
        result: TypeRef = ListOf(
            _plain_type(builder, core.get("items"), join_pointer(pointer, "items"))
        )
    elif kind == "object":
        result = MapOf(ANY)
    elif kind == "string":
        result = Scalar(string_model(core.get("format")))
    elif isinstance(kind, str) and kind in _PLAIN:
        result = Scalar(_PLAIN[kind])  # type: ignore[arg-type]
    else:
        result = ANY
    return Nullable(result) if nullable and result != ANY else result


def request_body(
    builder: SchemaBuilder, operation: dict[str, Any], pointer: str, hint: str, module: str
) -> RequestBody | None:
    """The body of the operation at ``pointer`` in the media type the package speaks best;
    ``hint`` names the class an inline JSON or form schema becomes."""
    node, where = builder.index.follow(
        operation.get("requestBody"), join_pointer(pointer, "requestBody")
    )
    if not isinstance(node, dict) or not isinstance(node.get("content"), dict):
        return None
    media_type = choose_media_type(node["content"])
    if media_type is None:
        return None
    encoding = body_encoding(media_type)
    media = node["content"][media_type]
    schema = media.get("schema") if isinstance(media, dict) else None
    schema_at = join_pointer(where, "content", media_type, "schema")
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    named = schema_name(ref_target(ref)) if isinstance(ref, str) else None
    if encoding in ("json", "form"):
        body_type = builder.type_of(schema, schema_at, hint, module)
    else:
        body_type = Scalar("str") if encoding == "text" else ANY
    return RequestBody(
        media_type=media_type,
        encoding=encoding,
        type=body_type,
        required=node.get("required") is True,
        description=text(node.get("description")),
        schema=named,
        schema_pointer=schema_at if schema is not None else None,
    )


def _responses(
    builder: SchemaBuilder, operation: dict[str, Any], pointer: str, hint: str, module: str
) -> tuple[Response, ...]:
    nodes = operation.get("responses") or {}
    result = []
    for key, node in nodes.items():
        status = "default" if str(key).lower() == "default" else str(key).upper()
        node, where = builder.index.follow(node, join_pointer(pointer, "responses", str(key)))
        if not isinstance(node, dict):
            continue
        content = node.get("content")
        media_type = choose_media_type(content) if isinstance(content, dict) else None
        encoding: BodyEncoding = "bytes"
        body_type: TypeRef | None = None
        if media_type is not None:
            encoding = body_encoding(media_type)
            media = content[media_type]  # type: ignore[index]
            schema = media.get("schema") if isinstance(media, dict) else None
            schema_at = join_pointer(where, "content", media_type, "schema")
            if encoding == "json":
                suffix = "Response" if status.startswith("2") else f"Response{status.title()}"
                body_type = builder.type_of(schema, schema_at, hint + suffix, module)
            elif encoding == "text":
                body_type = Scalar("str")
        result.append(
            Response(
                status=status,
                description=text(node.get("description")),
                media_type=media_type,
                encoding=encoding,
                type=body_type,
                headers=_headers(builder, node.get("headers"), join_pointer(where, "headers")),
            )
        )
    return tuple(result)


def _headers(builder: SchemaBuilder, nodes: Any, pointer: str) -> tuple[Header, ...]:
    if not isinstance(nodes, dict):
        return ()
    result = []
    for name, node in nodes.items():
        if str(name).lower() == "content-type":  # OpenAPI: described by the media type instead
            continue
        if not _FIELD_NAME.fullmatch(str(name)):  # no server can send it (RFC 9110, 5.1)
            continue
        node, where = builder.index.follow(node, join_pointer(pointer, name))
        if not isinstance(node, dict):
            continue
        result.append(
            Header(
                name=str(name),
                python_name=naming.snake_case(str(name)),
                type=_plain_type(builder, node.get("schema"), join_pointer(where, "schema")),
                description=text(node.get("description")),
            )
        )
    return tuple(result)


def text(value: object) -> str | None:
    """A description or summary worth showing: a string that is not blank."""
    return value if isinstance(value, str) and value.strip() else None
