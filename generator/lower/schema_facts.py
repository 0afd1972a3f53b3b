"""What a schema's keywords say, read without building anything: whether it admits null,
whether it is a model, its Python name and its description."""

from __future__ import annotations

import json
from typing import Any

from generator import naming
from generator.ir import LiteralOf, Scalar, TypeRef
from generator.lower.intersections import is_annotation_only
from generator.lower.objects import is_object_schema
from generator.spec.resolve import Index

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
            rest = [b for b in branches if not is_null_schema(b)]
            if len(rest) < len(branches):
                nullable = True
                core = {**core, key: rest}
    if isinstance(core.get("enum"), list) and None in core["enum"]:
        nullable = True
    return nullable, core


def is_null_schema(schema: Any) -> bool:
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


def constant_type(value: Any) -> TypeRef:
    """The type of a ``const``: ``Literal`` for what it can spell (a string, an integer, a
    boolean), ``None`` for null, else the value's plain type (a float, an object or an array
    keeps today's annotation; the validators still check the value)."""
    if isinstance(value, str | int):  # bool is an int
        return LiteralOf((value,))
    if value is None:
        return Scalar("none")
    return scalar_of_value(value)


def is_model(index: Index, schema: dict[str, Any]) -> bool:
    """An object schema with properties of its own or from allOf, not a lone allOf wrapper."""
    if is_single_all_of(schema):
        return False
    types = schema.get("type")
    if isinstance(types, list) and len([t for t in types if t != "null"]) > 1:
        return False  # an object or something else: a union that holds a model
    return is_object_schema(schema) and has_properties(index, schema)


def is_single_all_of(schema: dict[str, Any]) -> bool:
    """``allOf: [{$ref: X}]`` beside a description, or ``allOf: [{$ref: X}, {nullable: true}]``:
    X itself, not a copy of it (branches that only annotate change no value)."""
    branches = schema.get("allOf")
    if not isinstance(branches, list) or schema.get("properties"):
        return False
    return len([b for b in branches if not is_annotation_only(b)]) == 1


def has_shape(index: Index, schema: Any) -> bool:
    """Whether an object schema says anything about its properties."""
    schema, _ = index.follow(schema, "")
    return isinstance(schema, dict) and (
        has_properties(index, schema) or "additionalProperties" in schema
    )


def has_properties(index: Index, schema: dict[str, Any]) -> bool:
    """Whether an object schema declares properties (itself or through allOf)."""
    if schema.get("properties"):
        return True
    for branch in schema.get("allOf") or ():
        branch, _ = index.follow(branch, "")
        if isinstance(branch, dict) and has_properties(index, branch):
            return True
    return False


def get(schema: Any, key: str) -> Any:
    return schema.get(key) if isinstance(schema, dict) else None


def string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def default_text(schema: Any) -> str | None:
    if not isinstance(schema, dict) or "default" not in schema:
        return None
    return json.dumps(schema["default"], ensure_ascii=False, sort_keys=True, default=str)


def class_and_module(schema: Any, name: str) -> tuple[str, str]:
    """The class and module a named schema gets (``x-python-name`` chooses both)."""
    chosen = python_name(schema, name)
    return naming.pascal_case(chosen), naming.module_name(chosen)


def python_name(schema: Any, default: str) -> str:
    if isinstance(schema, dict) and isinstance(schema.get("x-python-name"), str):
        return str(schema["x-python-name"])
    return default


def description(schema: Any) -> str | None:
    if isinstance(schema, dict):
        text = schema.get("description") or schema.get("title")
        if isinstance(text, str) and text.strip():
            return text
    return None
