"""Stage 1: read a spec file (YAML or JSON, told apart by content) into plain data.

Every node's line is kept so that later stages can point at the problem; duplicate keys, which
both PyYAML and ``json`` silently accept, are errors here. YAML is built from parser events
(``yaml_events.py``), never by PyYAML's recursive composer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import GenerationError, Problem
from generator.spec.positions import JsonPositions
from generator.spec.yaml_events import (
    ALIAS_ALLOWANCE,
    MAX_EXPANDED_NODES,
    AliasesTooLarge,
    ExpansionTooLarge,
    Malformed,
    TooDeep,
    YamlBuild,
)


@dataclass(frozen=True, slots=True)
class Mount:
    """Where a part of another file sits in a bundled document: at ``at`` here, ``origin``
    there."""

    at: str
    source: Document
    origin: str


@dataclass
class Document:
    """A loaded spec: its data and where each JSON pointer sits in the file.

    A document bundled from several files keeps, in ``mounts``, where each part came from, so
    that a problem in it is reported in its own file, at its own line and pointer.
    """

    path: str
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    json_text: str | None = None
    mounts: tuple[Mount, ...] = ()

    def line_of(self, pointer: str) -> int | None:
        """The line of ``pointer``, or of its nearest ancestor that has one."""
        if self.json_text is not None and not self.lines:
            self.lines = JsonPositions(self.json_text).scan().lines
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]

    def problem(self, pointer: str, message: str) -> Problem:
        mount = self._mount_of(pointer)
        if mount is not None:
            return mount.source.problem(mount.origin + pointer[len(mount.at) :], message)
        return Problem(self.path, self.line_of(pointer), pointer, message)

    def _mount_of(self, pointer: str) -> Mount | None:
        """The innermost part brought in from another file that holds ``pointer``."""
        found: Mount | None = None
        for mount in self.mounts:
            inside = pointer == mount.at or pointer.startswith(mount.at + "/")
            if inside and (found is None or len(mount.at) > len(found.at)):
                found = mount
        return found


def load_document(path: Path, display: str | None = None) -> Document:
    """Read ``path``; raise ``GenerationError`` listing every problem with the text itself."""
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GenerationError(
            [Problem(shown, None, "", f"cannot read the spec: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GenerationError(
            [Problem(shown, None, "", f"the spec is not UTF-8: {exc.reason}")]
        ) from None
    if text.lstrip()[:1] in ("{", "["):
        try:
            return _load_json(text, shown)
        except _NotJson as not_json:
            # YAML's flow style also starts with a brace: if the text is YAML, it is a spec.
            try:
                return _load_yaml(text, shown)
            except GenerationError:
                raise GenerationError(not_json.problems) from None
    return _load_yaml(text, shown)


class _NotJson(GenerationError):
    """The text starts like JSON but does not parse as JSON."""


def _load_json(text: str, shown: str) -> Document:
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(items)
        repeated = repeated or len(result) != len(items)
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise _NotJson([Problem(shown, exc.lineno, "", f"invalid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise GenerationError(
            [Problem(shown, None, "", "the document is nested too deeply")]
        ) from None
    if repeated:
        # json keeps the last of repeated keys silently; the scanner names each one.
        raise GenerationError(
            Problem(shown, line, pointer, f"duplicate key {key!r}")
            for pointer, key, line in JsonPositions(text).scan().duplicates
        )
    return Document(shown, data, json_text=text)


def _load_yaml(text: str, shown: str) -> Document:
    build = YamlBuild(shown)
    try:
        data = build.run(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "nesting depth" in message:  # newer libyaml stops deep documents itself
            message = "the document is nested too deeply"
        else:
            message = f"invalid YAML: {message}"
        build.problems.append(Problem(shown, line, "", message))
    except yaml.YAMLError as exc:
        build.problems.append(Problem(shown, None, "", f"invalid YAML: {exc}"))
    except TooDeep:
        build.problems.append(Problem(shown, None, "", "the document is nested too deeply"))
    except AliasesTooLarge as exc:
        message = (
            f"YAML aliases repeat {build.aliased_nodes:,} nodes; they may repeat at most as many"
            f" as the document has of its own ({build.own_nodes:,}) and {ALIAS_ALLOWANCE:,} more"
        )
        build.problems.append(Problem(shown, build.lines.get(exc.pointer), exc.pointer, message))
    except ExpansionTooLarge as exc:
        message = f"YAML aliases expand the document past {MAX_EXPANDED_NODES:,} nodes"
        build.problems.append(Problem(shown, build.lines.get(exc.pointer), exc.pointer, message))
    except Malformed:
        pass  # its problem is recorded
    if build.problems:
        raise GenerationError(build.problems)
    if data is None:
        raise GenerationError([Problem(shown, 1, "", "the spec is empty")])
    return Document(shown, data, build.lines)
