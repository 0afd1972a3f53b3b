"""Operations: the parameters each one takes, with the rules their values must follow."""

from __future__ import annotations

from typing import Any

from generator import naming
from generator.build.media import body_encoding, choose_media_type
from generator.build.rules import RulesBuilder
from generator.errors import join_pointer
from generator.ir import OperationRules, ParameterRules, Rules
from generator.resolve import ref_target, schema_name

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Names the parameter validators use themselves (the error list, the helper for a missing one),
# and the client's: ``self``, the body's argument, the locals of the functions that build a
# request, and the modules and classes their code names.
RESERVED_ARGUMENTS = frozenset(
    {"errors", "missing", "self", "details", "request", "body", "models", "validators"}
    | {"httpx", "datetime", "date", "format_datetime"}
)
# Header parameters OpenAPI says to ignore: the media types and the security schemes set them.
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def operation_rules(builder: RulesBuilder) -> tuple[OperationRules, ...]:
    index = builder.index
    paths = index.document.data.get("paths") or {}
    found = []
    for path, item in paths.items():
        item_pointer = join_pointer("/paths", path)
        item, item_pointer = index.follow(item, item_pointer)
        if not isinstance(item, dict):
            continue
        shared = _parameters(
            builder, item.get("parameters"), join_pointer(item_pointer, "parameters")
        )
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            pointer = join_pointer(item_pointer, method)
            own = _parameters(
                builder, operation.get("parameters"), join_pointer(pointer, "parameters")
            )
            merged = {(p.location, p.name): p for p in shared}
            merged.update({(p.location, p.name): p for p in own})
            _check_names(builder, list(merged.values()), pointer)
            operation_id = operation.get("operationId")
            if not isinstance(operation_id, str) or not operation_id:
                operation_id = f"{method} {path}"
            found.append(
                OperationRules(
                    operation_id=operation_id,
                    python_name=naming.method_name(operation_id),
                    pointer=pointer,
                    path=path,
                    parameters=tuple(merged.values()),
                    body=_inline_body(builder, operation, pointer),
                )
            )
    return tuple(found)


def _inline_body(builder: RulesBuilder, operation: dict[str, Any], pointer: str) -> Rules | None:
    """The rules of a JSON or form request body whose schema is not a named schema."""
    node, where = builder.index.follow(
        operation.get("requestBody"), join_pointer(pointer, "requestBody")
    )
    content = node.get("content") if isinstance(node, dict) else None
    media_type = choose_media_type(content) if isinstance(content, dict) else None
    if media_type is None or body_encoding(media_type) not in ("json", "form"):
        return None
    media = content[media_type]  # type: ignore[index]
    schema = media.get("schema") if isinstance(media, dict) else None
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if schema is None or (isinstance(ref, str) and schema_name(ref_target(ref)) is not None):
        return None
    return builder.rules(schema, join_pointer(where, "content", media_type, "schema"))


def _check_names(builder: RulesBuilder, parameters: list[ParameterRules], pointer: str) -> None:
    first: dict[str, str] = {}
    for parameter in parameters:
        if parameter.python_name in first:
            builder.problems.append(
                builder.document.problem(
                    join_pointer(pointer, "parameters"),
                    f"parameters {first[parameter.python_name]!r} and {parameter.name!r} both "
                    f"become the argument {parameter.python_name!r}",
                )
            )
        first.setdefault(parameter.python_name, parameter.name)


def _parameters(builder: RulesBuilder, nodes: Any, pointer: str) -> list[ParameterRules]:
    result = []
    for position, node in enumerate(nodes or ()):
        node, where = builder.index.follow(node, join_pointer(pointer, position))
        if not isinstance(node, dict) or not isinstance(node.get("name"), str):
            continue
        if node.get("in") == "header" and node["name"].lower() in IGNORED_HEADERS:
            continue
        name = node["name"]
        schema_at = join_pointer(where, "schema")
        if "schema" in node:
            rules = builder.rules(node["schema"], schema_at)
        else:
            builder.not_checked.append((where, f"parameter {name!r} (described by content)"))
            rules = builder.rules({}, schema_at)
        result.append(
            ParameterRules(
                name=name,
                location=str(node.get("in")),
                python_name=argument_name(name),
                required=node.get("required") is True,
                rules=rules,
            )
        )
    return result


def argument_name(name: str) -> str:
    """The keyword argument a parameter becomes, in the validators and the client alike."""
    python_name = naming.parameter_name(name)
    return python_name + "_" if python_name in RESERVED_ARGUMENTS else python_name
