"""Which required properties a request or a response must hold, where ``readOnly`` and
``writeOnly`` are declared away from the ``required`` list: through a ``$ref``, in an
``allOf`` branch the object builds on, or in a sibling branch of the one that requires them.
The models' request and response shapes read the same declarations (``objects.access_of``,
``objects.collect_objects``), so a typed request body is one its validator accepts."""

from __future__ import annotations

from typing import Any, Literal

from generator.errors import join_pointer
from generator.ir import Direction, Required
from generator.lower.objects import access_of, collect_objects
from generator.spec.resolve import Index

# Each property's access by name: (read-only, write-only).
Access = dict[str, tuple[bool, bool]]


def required_of(
    index: Index,
    dialect: Literal["3.0", "3.1"],
    schema: dict[str, Any],
    properties: dict[str, Any],
    pointer: str,
    group: Access,
) -> tuple[Required, ...]:
    """The schema's ``required`` names, each with the directions it must be present in.
    ``group`` is the access the object this schema is an ``allOf`` branch of declares."""
    names = [n for n in dict.fromkeys(schema.get("required") or ()) if isinstance(n, str)]
    if not names:
        return ()
    # A property is read-only (or write-only) in the object as the models read it: by its
    # declaration here or by one in what the object builds on (Cloudflare's schemas-rule
    # requires allowed_modes, which its allOf branch rule declares read-only).
    roots = [
        (branch, join_pointer(pointer, "allOf", i))
        for i, branch in enumerate(schema.get("allOf") or ())
    ]
    if dialect == "3.1" and isinstance(schema.get("$ref"), str):
        roots.append(({"$ref": schema["$ref"]}, pointer))
    access = collect_objects(index, roots).access if roots else {}
    required = []
    for name in names:
        read_only, write_only = access_of(index, properties.get(name))
        inherited = access.get(name, (False, False))
        beside = group.get(name, (False, False))  # a sibling branch's, or the object's
        directions = _directions(
            dialect, read_only or inherited[0] or beside[0], write_only or inherited[1] or beside[1]
        )
        required.append(Required(name, directions))
    return tuple(required)


def _directions(
    dialect: Literal["3.0", "3.1"], read_only: bool, write_only: bool
) -> tuple[Direction, ...]:
    """Where a required property must be present. A read-only one is never sent in a
    request and a write-only one never returned (as the models' request and response
    shapes read them: ``objects.access_of``); OpenAPI 3.0 (as openapi-schema-validator
    reads it) also excuses them when the direction is unknown."""
    directions: list[Direction] = []
    if not (dialect == "3.0" and (read_only or write_only)):
        directions.append("")
    if not read_only:
        directions.append("request")
    if not write_only:
        directions.append("response")
    return tuple(directions)


def group_access(index: Index, schema: dict[str, Any], pointer: str, group: Access) -> Access:
    """What the ``allOf`` branches of ``schema`` are told: the access of every property the
    object and its branches declare, with that of the object it is itself a branch of."""
    access = dict(group)
    for name, (read, write) in collect_objects(index, [(schema, pointer)]).access.items():
        before = access.get(name, (False, False))
        access[name] = (before[0] or read, before[1] or write)
    return access


def excused_there(index: Index, target: dict[str, Any], pointer: str, access: Access) -> bool:
    """Whether ``target`` requires a name that ``access`` makes read-only or write-only and
    that ``target`` itself (with what it builds on) does not."""
    names = [n for n in target.get("required") or () if isinstance(n, str) and n in access]
    if not any(access[n][0] or access[n][1] for n in names):
        return False
    own = collect_objects(index, [(target, pointer)]).access
    return any(
        (access[n][0] and not own.get(n, (False, False))[0])
        or (access[n][1] and not own.get(n, (False, False))[1])
        for n in names
    )
