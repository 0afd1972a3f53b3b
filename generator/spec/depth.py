"""How deep inline schemas may nest.

Every later stage (the lowering, the validators' emitter, the strategies' expressions, Python's
own parser of the generated code, which stops at 100 indented blocks and 200 open brackets)
follows a schema's nesting, so a few kilobytes of ``properties`` in ``properties`` would crash
them. Real specs nest a dozen levels; past ``MAX_SCHEMA_NESTING`` the spec is refused where
the limit is crossed, with the way out (a named schema and a ``$ref`` nest nothing).
"""

from __future__ import annotations

from typing import Any

from generator.errors import Problem, join_pointer
from generator.spec.load import Document
from generator.spec.shape import is_data

MAX_SCHEMA_NESTING = 50

# A member of these maps, lists or keywords is a schema inside its parent.
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_SCHEMA_VALUES = frozenset(
    {"items", "additionalProperties", "not", "if", "then", "else", "contains"}
    | {"propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems"}
    | {"contentSchema"}
)


def check_schema_nesting(document: Document) -> list[Problem]:
    """A problem at the first schema of each chain nested past the limit."""
    problems: list[Problem] = []
    # Each node with its pointer, the two keys above it and how many schemas hold it.
    stack: list[tuple[Any, str, str, str, int]] = [(document.data, "", "", "", 0)]
    while stack:
        node, pointer, parent, grandparent, level = stack.pop()
        if level > MAX_SCHEMA_NESTING:
            message = (
                f"inline schemas nest more than {MAX_SCHEMA_NESTING} deep here; name an"
                " outer one under components/schemas and $ref it"
            )
            problems.append(document.problem(pointer, message))
            continue
        # YAML aliases are walked where they stand: their expansion is bounded by the loader.
        if isinstance(node, dict):
            for key, value in node.items():
                if is_data(parent, grandparent, str(key), value):
                    continue
                inner = level + (parent in _SCHEMA_MAPS or key in _SCHEMA_VALUES)
                stack.append((value, join_pointer(pointer, key), str(key), parent, inner))
        elif isinstance(node, list):
            inner = level + (parent in _SCHEMA_LISTS)
            stack.extend(
                (value, join_pointer(pointer, i), parent, grandparent, inner)
                for i, value in enumerate(node)
            )
    return problems
