"""Where a spec's keys are keywords, where they are names its author chose, and where its
values are data.

``properties: {description: ...}`` declares a property named ``description``: the key is a
name, not the annotation keyword. An ``example``, a ``default`` or an Example Object's
``value`` is instance data, where ``{"$ref": ...}`` is an object like any other.
"""

from __future__ import annotations

from typing import Any

from generator.errors import unescape_pointer_token

# Objects whose keys are names, not keywords.
NAMED_MEMBERS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
    | {"schemas", "responses", "parameters", "examples", "requestBodies", "headers"}
    | {"securitySchemes", "links", "callbacks", "pathItems", "webhooks", "paths", "content"}
    | {"variables", "mapping", "encoding", "scopes"}
)
_DATA_KEYWORDS = frozenset({"enum", "const", "default", "example"})


def is_data(parent: str, grandparent: str, key: str, value: Any) -> bool:
    """Whether ``value``, under ``key`` of an object that is itself under ``parent`` (and that
    under ``grandparent``), is instance data rather than part of the spec."""
    if parent in NAMED_MEMBERS:
        return False  # ``key`` is a name: a property called "default" is a schema
    if key in _DATA_KEYWORDS or key.startswith("x-"):
        return True
    if key == "examples" and isinstance(value, list):
        return True  # JSON Schema's examples: a list of instances
    # An Example Object (in an examples map) holds its instance under "value".
    return key == "value" and grandparent == "examples"


def data_refs(document: Any) -> list[list[str | int]]:
    """The paths of the objects inside instance data that have a ``$ref`` key."""
    found: list[list[str | int]] = []
    stack: list[tuple[Any, list[str | int], str, str, bool]] = [(document, [], "", "", False)]
    seen: set[int] = set()
    while stack:
        node, path, parent, grandparent, in_data = stack.pop()
        if isinstance(node, dict):
            if id(node) in seen:
                continue
            seen.add(id(node))
            if in_data and "$ref" in node:
                found.append(path)
            for key, value in node.items():
                data = in_data or is_data(parent, grandparent, str(key), value)
                stack.append((value, [*path, key], str(key), parent, data))
        elif isinstance(node, list):
            stack.extend(
                (value, [*path, i], parent, grandparent, in_data) for i, value in enumerate(node)
            )
    return found


def name_positions(pointer: str) -> list[tuple[str, bool]]:
    """Each token of ``pointer`` (unescaped), and whether it is a name rather than a keyword."""
    found: list[tuple[str, bool]] = []
    previous = ""
    for raw in pointer.split("/")[1:]:
        token = unescape_pointer_token(raw)
        is_name = previous in NAMED_MEMBERS or token.isdigit() and previous != ""
        found.append((token, is_name))
        previous = "" if is_name else token
    return found
