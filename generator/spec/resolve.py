"""Stage 3: index the named components and check every ``$ref`` by name, without inlining.

References stay references all the way to the IR, so a recursive schema needs no special case.
Two kinds of node are rewritten here, before any later stage reads them, so that every later
stage sees only plain ``$ref``s:

- Draft 2019-09's ``$recursiveRef: "#"`` (OpenAI's ``CompoundFilter``) becomes a ``$ref`` to
  the component schema it sits in, when that schema says ``$recursiveAnchor: true``. That is a
  simplification: the keyword means the outermost schema resource, in the dynamic scope, that
  has a recursive anchor, and a document without ``$id``s has no resource but the component
  schema the reference sits in; extending such a schema from another resource is not read.
- A ``$ref`` that points at nothing, where its place can honestly fall back (a schema, a
  request body, a response): the node is read as any JSON value, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote

from generator.errors import (
    GenerationError,
    Problem,
    escape_pointer_token,
    join_pointer,
    split_severity,
    unescape_pointer_token,
)
from generator.spec.load import Document
from generator.spec.shape import is_data

SCHEMAS = "/components/schemas/"


@dataclass(frozen=True, slots=True)
class Index:
    """Where every reference points, checked once so later stages can follow them blindly."""

    document: Document
    warnings: tuple[Problem, ...] = ()

    def lookup(self, pointer: str) -> Any:
        return lookup_pointer(self.document.data, pointer)

    def follow(self, node: Any, pointer: str) -> tuple[Any, str]:
        """The node a chain of ``$ref``s ends at, and its pointer."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            pointer = ref_target(node["$ref"])
            node = self.lookup(pointer)
        return node, pointer

    def schema_names(self) -> list[str]:
        components = self.document.data.get("components") or {}
        return list((components.get("schemas") or {}).keys())


def lookup_pointer(data: Any, pointer: str) -> Any:
    """The node at ``pointer`` in ``data``; ``KeyError``/``IndexError``/``ValueError`` when it
    points at nothing."""
    node = data
    for token in pointer.split("/")[1:]:
        token = unescape_pointer_token(token)
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def ref_target(ref: str) -> str:
    """The JSON pointer of a local ``$ref``; its fragment is percent-encoded (RFC 6901, 6)."""
    return unquote(ref[1:])


def schema_pointer(name: str) -> str:
    return SCHEMAS + escape_pointer_token(name)


def schema_name(pointer: str | None) -> str | None:
    """``X`` for ``/components/schemas/X`` (a named schema itself); None for anything else."""
    if pointer is None or not pointer.startswith(SCHEMAS):
        return None
    token = pointer[len(SCHEMAS) :]
    return None if "/" in token else unescape_pointer_token(token)


def resolve_document(document: Document) -> Index:
    """Check every ``$ref`` in the document; raise with all dangling ones that cannot fall back
    at once (see the module's docstring for what is rewritten)."""
    index = Index(document)
    problems: list[Problem] = []
    fallbacks: list[tuple[dict[str, Any], str]] = []
    # Each node with the two keys above it: whether a key is a keyword depends on them.
    stack: list[tuple[Any, str, str, str]] = [(document.data, "", "", "")]
    seen: set[int] = set()
    while stack:
        node, pointer, parent, grandparent = stack.pop()
        if isinstance(node, dict):
            if id(node) in seen:  # YAML aliases share nodes
                continue
            seen.add(id(node))
            if "$recursiveRef" in node and "$ref" not in node:
                problems += _read_recursive_ref(document, node, pointer)
            ref = node.get("$ref")
            if isinstance(ref, str):
                problem = _check_ref(index, ref, pointer + "/$ref")
                if problem:
                    dangling = problem.message.endswith(_NOTHING)
                    fallback = _fallback_of(ref, parent, grandparent) if dangling else None
                    if fallback is None:
                        problems.append(problem)
                    else:
                        fallbacks.append((node, fallback))
                        message = f"{problem.message}; {_FALLBACKS[fallback][0]}"
                        problems.append(replace(problem, message=message, severity="warning"))
            stack.extend(
                (v, join_pointer(pointer, k), str(k), parent)
                for k, v in node.items()
                if not is_data(parent, grandparent, str(k), v)
            )
        elif isinstance(node, list):
            stack.extend(
                (v, join_pointer(pointer, i), parent, grandparent) for i, v in enumerate(node)
            )
    errors, warnings = split_severity(problems)
    if errors:
        raise GenerationError(problems)
    # Rewritten only now: a node shared by YAML aliases is read the same at every use.
    for node, fallback in fallbacks:
        del node["$ref"]
        node.update(_FALLBACKS[fallback][1])
    return Index(document, tuple(warnings))


_NOTHING = "points at nothing"
_ANY_JSON: dict[str, Any] = {"application/json": {"schema": {}}}
# What a dangling $ref falls back to, by the place it stands in: the warning and the keys the
# node gets instead.
_FALLBACKS: dict[str, tuple[str, dict[str, Any]]] = {
    "schema": ("read as any JSON value, unchecked", {}),
    "requestBody": (
        "the request body is read as any JSON value, unchecked",
        {"content": _ANY_JSON},
    ),
    "response": (
        "the response is read as any JSON value, unchecked",
        {"description": "", "content": _ANY_JSON},
    ),
}


def _fallback_of(ref: str, key: str, parent: str) -> str | None:
    """Where a dangling ``ref`` (in a node under ``key``, in an object under ``parent``) can
    fall back: a reference meant for a schema, an operation's request body, one of its
    responses; None elsewhere (a parameter's name and place cannot be guessed)."""
    target = ref_target(ref)
    if target.startswith(SCHEMAS):
        return "schema"
    if target.startswith("/components/requestBodies/") and key == "requestBody":
        return "requestBody"
    if target.startswith("/components/responses/") and parent == "responses":
        return "response"
    return None


def _read_recursive_ref(document: Document, node: dict[str, Any], pointer: str) -> list[Problem]:
    """Rewrite ``$recursiveRef: "#"`` inside a component schema with ``$recursiveAnchor: true``
    as a ``$ref`` to that schema; anything else is read as any JSON value, with a warning."""
    value = node["$recursiveRef"]
    where = pointer + "/$recursiveRef"
    name = pointer[len(SCHEMAS) :].split("/")[0] if pointer.startswith(SCHEMAS) else None
    if value == "#" and name is not None:
        anchor = lookup_pointer(document.data, SCHEMAS + name)
        if isinstance(anchor, dict) and anchor.get("$recursiveAnchor") is True:
            del node["$recursiveRef"]
            node["$ref"] = "#" + SCHEMAS + name
            return []
    del node["$recursiveRef"]
    problem = document.problem(
        where,
        '$recursiveRef is read only as "#" inside a component schema with '
        "$recursiveAnchor: true; this one is read as any JSON value, unchecked",
    )
    return [replace(problem, severity="warning")]


def _check_ref(index: Index, ref: str, where: str) -> Problem | None:
    document = index.document
    if not ref.startswith("#"):
        return document.problem(where, f"references to other files are not supported yet: {ref!r}")
    if ref != "#" and not ref.startswith("#/"):
        return document.problem(where, f"not a JSON pointer reference: {ref!r}")
    chain = [ref]
    target = ref_target(ref)
    while True:
        try:
            node = index.lookup(target)
        except (KeyError, IndexError, ValueError, TypeError):
            return document.problem(where, f"$ref {ref!r} points at nothing")
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return None
        nxt = node["$ref"]
        if not nxt.startswith("#/"):
            return None  # reported where that $ref stands
        if nxt in chain:
            return document.problem(
                where, f"$ref {ref!r} is a cycle of references: {' -> '.join(chain + [nxt])}"
            )
        chain.append(nxt)
        target = ref_target(nxt)
