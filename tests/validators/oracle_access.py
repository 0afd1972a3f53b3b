"""The document as openapi-schema-validator must be given it to see every read-only and
write-only property the spec declares (``oracle.Oracle`` uses it)."""

from __future__ import annotations

import copy
from typing import Any


def access_made_plain(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with ``readOnly``/``writeOnly`` written beside each required property that
    the spec makes read-only or write-only elsewhere, where openapi-schema-validator looks.

    Its ``required`` excuses a read-only property in a request (a write-only one in a
    response) only when ``properties[name]`` of the same schema says so itself. OpenAPI 3.0
    makes a property read-only by its schema, and a ``$ref`` is that schema: Cloudflare's
    ``tsig.id`` is a ``$ref`` to a schema that says ``readOnly``, ``Ruleset.id`` an ``allOf``
    with a ``readOnly`` branch, and ``schemas-rule`` requires ``allowed_modes``, which its
    ``allOf`` branch ``rule`` declares read-only; the test spec's ``group`` requires ``id`` in
    one ``allOf`` branch and declares it read-only in another. Its ``readOnly`` keyword
    refuses those values in a request wherever it meets them, so without this no request
    could satisfy such a schema. The flags written here mean nothing new to it: a value they
    refuse, the schema they were copied from refuses too. The README lists this among the
    known differences."""
    out = copy.deepcopy(document)
    # Each node with the schema whose allOf it is a branch of, if it is one: a branch that
    # requires a name another branch declares read-only (group's id) is told so too.
    stack: list[tuple[Any, Any]] = [(out, None)]
    while stack:
        node, owner = stack.pop()
        if isinstance(node, list):
            stack.extend((item, owner) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        _copy_excused_branches(out, node)
        stack.extend((value, node if key == "allOf" else None) for key, value in node.items())
        required = node.get("required")
        if isinstance(required, list) and required:
            _write_access(out, node, [n for n in required if isinstance(n, str)], owner)
    return out


def _copy_excused_branches(document: dict[str, Any], node: dict[str, Any]) -> None:
    """An ``allOf`` branch that is only a ``$ref`` to a schema requiring a name the other
    branches declare read-only (``thing``: ``allOf: [{$ref: base}, {properties: {id:
    {readOnly: true}}}]``) becomes a copy of that schema, which the flags are then written
    into, as the generator's validators copy it; ``base`` itself keeps requiring ``id``."""
    branches = node.get("allOf")
    if not isinstance(branches, list):
        return
    for index, branch in enumerate(branches):
        if not (isinstance(branch, dict) and list(branch) == ["$ref"]):
            continue
        target = _resolve(document, branch["$ref"])
        required = target.get("required") if isinstance(target, dict) else None
        if not isinstance(target, dict) or not isinstance(required, list):
            continue
        for name in (n for n in required if isinstance(n, str)):
            beside = [_access(document, d) for d in _declarations(document, node, name, set())]
            own = [_access(document, d) for d in _declarations(document, target, name, set())]
            if any(
                any(flags[flag] for flags in beside) and not any(flags[flag] for flags in own)
                for flag in ("readOnly", "writeOnly")
            ):
                branches[index] = copy.deepcopy(target)
                break


def _write_access(
    document: dict[str, Any], schema: dict[str, Any], names: list[str], owner: Any
) -> None:
    properties = schema.get("properties", {})
    if not isinstance(properties, dict):
        return
    for name in names:
        own = properties.get(name)
        if not (own is None or isinstance(own, dict)):
            continue
        flags = {"readOnly": False, "writeOnly": False}
        declarations = _declarations(document, schema, name, set())
        declarations += _declarations(document, owner, name, set()) if owner else []
        for declaration in declarations:
            for flag, value in _access(document, declaration).items():
                flags[flag] |= value
        wanted = [
            flag for flag, value in flags.items() if value and (own or {}).get(flag) is not True
        ]
        if wanted:
            declared = schema.setdefault("properties", properties).setdefault(name, {})
            declared.update(dict.fromkeys(wanted, True))


def _resolve(document: dict[str, Any], ref: str) -> Any:
    """A local reference's target (a bundled document has no other kind), or None."""
    if not ref.startswith("#"):
        return None
    node: Any = document
    for part in ref[1:].split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _declarations(document: dict[str, Any], schema: Any, name: str, seen: set[int]) -> list[Any]:
    """Every declaration of property ``name`` in ``schema`` and in what it builds on: its
    ``allOf`` branches and its ``$ref``, followed."""
    if not isinstance(schema, dict) or id(schema) in seen:
        return []
    seen.add(id(schema))
    found = []
    properties = schema.get("properties")
    if isinstance(properties, dict) and name in properties:
        found.append(properties[name])
    if isinstance(schema.get("$ref"), str):
        found += _declarations(document, _resolve(document, schema["$ref"]), name, seen)
    for branch in schema.get("allOf") or ():
        found += _declarations(document, branch, name, seen)
    return found


def _access(document: dict[str, Any], schema: Any) -> dict[str, bool]:
    """Whether a property's schema says ``readOnly``/``writeOnly``: itself, through a
    ``$ref`` or in an ``allOf`` branch."""
    flags = {"readOnly": False, "writeOnly": False}
    seen: set[int] = set()
    stack = [schema]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict) or id(current) in seen:
            continue
        seen.add(id(current))
        for flag in flags:
            flags[flag] |= current.get(flag) is True
        if isinstance(current.get("$ref"), str):
            stack.append(_resolve(document, current["$ref"]))
        stack.extend(current.get("allOf") or ())
    return flags
