"""Stage 3: index the named components and check every ``$ref`` by name, without inlining.

References stay references all the way to the IR, so a recursive schema needs no special case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from generator.errors import (
    GenerationError,
    Problem,
    escape_pointer_token,
    join_pointer,
    unescape_pointer_token,
)
from generator.spec.load import Document
from generator.spec.shape import is_data

SCHEMAS = "/components/schemas/"


@dataclass(frozen=True, slots=True)
class Index:
    """Where every reference points, checked once so later stages can follow them blindly."""

    document: Document

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
    """Check every ``$ref`` in the document; raise with all dangling ones at once."""
    index = Index(document)
    problems: list[Problem] = []
    # Each node with the two keys above it: whether a key is a keyword depends on them.
    stack: list[tuple[Any, str, str, str]] = [(document.data, "", "", "")]
    seen: set[int] = set()
    while stack:
        node, pointer, parent, grandparent = stack.pop()
        if isinstance(node, dict):
            if id(node) in seen:  # YAML aliases share nodes
                continue
            seen.add(id(node))
            ref = node.get("$ref")
            if isinstance(ref, str):
                problem = _check_ref(index, ref, pointer + "/$ref")
                if problem:
                    problems.append(problem)
            stack.extend(
                (v, join_pointer(pointer, k), str(k), parent)
                for k, v in node.items()
                if not is_data(parent, grandparent, str(k), v)
            )
        elif isinstance(node, list):
            stack.extend(
                (v, join_pointer(pointer, i), parent, grandparent) for i, v in enumerate(node)
            )
    if problems:
        raise GenerationError(problems)
    return index


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
