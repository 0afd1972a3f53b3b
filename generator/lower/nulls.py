"""Null among a schema's values, however the spec says it, and the type of a constant.

3.0 says ``nullable: true``; 3.1 says ``type: [X, "null"]`` or ``anyOf: [X, {type: null}]``:
models read them all as a nullable type.
"""

from __future__ import annotations

from typing import Any

from generator.ir import Scalar

ANY = Scalar("any")


def split_null(schema: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    """Whether ``schema`` admits null, and the schema without that alternative.

    3.0 says ``nullable: true``; 3.1 says ``type: [X, "null"]`` or ``anyOf: [X, {type: null}]``.
    """
    nullable = schema.get("nullable") is True
    core = schema
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        rest = [t for t in types if t != "null"]
        nullable = True
        core = {**schema, "type": rest[0] if len(rest) == 1 else rest}
        if not rest:
            core = {k: v for k, v in schema.items() if k != "type"}
            core["type"] = "null"
            return True, core
    for key in ("anyOf", "oneOf"):
        branches = core.get(key)
        if isinstance(branches, list):
            rest = [b for b in branches if not _is_null_schema(b)]
            if len(rest) < len(branches):
                nullable = True
                core = {**core, key: rest}
    if isinstance(core.get("enum"), list) and None in core["enum"]:
        nullable = True
    return nullable, core


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null" and len(schema) <= 2


def scalar_of_value(value: Any) -> Scalar:
    if isinstance(value, bool):
        return Scalar("bool")
    if isinstance(value, int):
        return Scalar("int")
    if isinstance(value, float):
        return Scalar("float")
    if isinstance(value, str):
        return Scalar("str")
    return ANY
