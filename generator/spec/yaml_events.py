"""YAML text to plain data, built from libyaml's parser events with an explicit stack.

PyYAML's composer recurses (in C, with the C loader) and crashes the process on a document
nested deeply enough; its parser is a state machine, so building from its events is safe at any
depth, and faster too. Along the way every value's line is noted by JSON pointer, duplicate keys
are problems, and aliases that expand the document past a bound are refused ("billion laughs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import Problem, join_pointer

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.SafeLoader("")  # its tag resolver and scalar constructors only
_resolve: Any = _RESOLVER.resolve
_KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str")}
_MERGE = "tag:yaml.org,2002:merge"
_FRAMING = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
# Far deeper than any real spec; JSON's decoder stops at about the same depth.
MAX_NESTING = 1_000
# Aliases share values; a document whose aliases expand it past this many nodes is refused
# before any later stage walks the expansion.
MAX_EXPANDED_NODES = 5_000_000
# Every later stage pays for an alias's expansion (the code generated for 3M aliased nodes keeps
# black busy for minutes), so aliases may add no more nodes than the document has of its own
# plus this allowance: a large spec may reuse its parts, a small one cannot grow large.
ALIAS_ALLOWANCE = 100_000


class TooDeep(Exception):
    """The document nests deeper than ``MAX_NESTING``."""


@dataclass
class _Frame:
    pointer: str
    value: dict[str, Any] | list[Any]
    anchor: str | None
    size: int = 1
    key: str | None = None  # a mapping's key waiting for its value
    drop: bool = False  # that key was reported (a duplicate, a merge key): drop its value


@dataclass
class YamlBuild:
    shown: str
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    own_nodes: int = 0  # nodes the text writes out
    aliased_nodes: int = 0  # nodes aliases repeat

    def run(self, text: str) -> Any:
        """The document's data; raises ``yaml.YAMLError`` for text that is not YAML."""
        anchors: dict[str, tuple[Any, int]] = {}
        stack: list[_Frame] = []
        root: list[Any] = []
        documents = 0
        event: Any
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)  # libyaml makes these exact classes: one identity test each
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    self._problem(event, "", "the file holds more than one YAML document")
                continue
            if documents > 1 or kind in _FRAMING:
                continue
            expecting_key = bool(stack) and stack[-1].key is None and type(stack[-1].value) is dict
            if expecting_key and kind is not yaml.ScalarEvent and kind is not yaml.MappingEndEvent:
                self._problem(event, stack[-1].pointer, "a mapping key must be a string")
                raise Malformed
            if kind is yaml.ScalarEvent:
                if expecting_key:
                    self._key(stack[-1], event)
                    continue
                pointer = self._child_pointer(stack, event)
                value = self._scalar(event, pointer)
                self.own_nodes += 1
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                self._add(stack, root, value, 1)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_NESTING:
                    raise TooDeep
                pointer = self._child_pointer(stack, event)
                container: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
                stack.append(_Frame(pointer, container, event.anchor))
                self.own_nodes += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.value, frame.size)
                self._add(stack, root, frame.value, frame.size)
            elif kind is yaml.AliasEvent:
                pointer = self._child_pointer(stack, event)
                if event.anchor not in anchors:
                    message = f"alias *{event.anchor} names no finished anchor"
                    self._problem(event, pointer, message)
                value, size = anchors.get(str(event.anchor), (None, 1))
                self.aliased_nodes += size
                if self.aliased_nodes > self.own_nodes + ALIAS_ALLOWANCE:
                    raise AliasesTooLarge(pointer)
                self._add(stack, root, value, size)
        return root[0] if root else None

    def _child_pointer(self, stack: list[_Frame], event: Any) -> str:
        if not stack:
            pointer = ""
        elif isinstance(stack[-1].value, dict):
            pointer = join_pointer(stack[-1].pointer, stack[-1].key or "")
        else:
            pointer = join_pointer(stack[-1].pointer, len(stack[-1].value))
        self.lines.setdefault(pointer, event.start_mark.line + 1)
        return pointer

    def _add(self, stack: list[_Frame], root: list[Any], value: Any, size: int) -> None:
        if not stack:
            root.append(value)
            return
        frame = stack[-1]
        frame.size += size
        if frame.size > MAX_EXPANDED_NODES:
            raise ExpansionTooLarge(frame.pointer)
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        key, drop = frame.key, frame.drop
        frame.key, frame.drop = None, False
        if key is not None and not drop:
            frame.value[key] = value

    def _key(self, frame: _Frame, event: Any) -> None:
        # OpenAPI keys are strings; `200:` and `yes:` mean the text the author wrote.
        key = str(event.value)
        frame.key = key
        # Only the plain key << resolves to the merge tag: one comparison, not the resolver.
        if key == "<<" and _resolve(yaml.ScalarNode, key, event.implicit) == _MERGE:
            self._problem(event, frame.pointer, "YAML merge keys (<<) are not supported")
            frame.drop = True
        elif key in frame.value:
            self._problem(event, join_pointer(frame.pointer, key), f"duplicate key {key!r}")
            frame.drop = True

    def _scalar(self, event: Any, pointer: str) -> Any:
        tag = event.tag
        if tag is None and event.implicit[0]:
            try:
                return plain_scalar(event.value)
            except ValueError as exc:  # an integer past Python's digit limit for int()
                self._problem(event, pointer, f"invalid YAML value: {exc}")
                return None
        if tag is None:
            # Quoted, or a block scalar (| or >): text, whatever it says (the resolver's
            # answer; most of a spec's descriptions come this way).
            return event.value
        if tag is None or tag == "!":
            tag = _resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in _KEEP_AS_TEXT:
            return event.value
        if tag not in _SCALAR_TAGS:
            self._problem(event, pointer, f"unsupported YAML tag {tag}")
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _RESOLVER.yaml_constructors[tag](_RESOLVER, node)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            self._problem(event, pointer, f"invalid YAML value: {exc}")
            return None

    def _problem(self, event: Any, pointer: str, message: str) -> None:
        self.problems.append(Problem(self.shown, event.start_mark.line + 1, pointer, message))


# YAML 1.2's core schema, as JSON reads values: PyYAML resolves plain scalars by YAML 1.1, where
# 9e+07 is a string (no dot), yes/no/on/off are booleans, 0777 is octal and 12:30 is 750.
_NULL = re.compile(r"null|Null|NULL|~|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


def plain_scalar(text: str) -> Any:
    """An untagged, unquoted scalar as YAML 1.2's core schema reads it."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _OCTAL.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    infinity = _INFINITY.fullmatch(text)
    if infinity:
        return float(f"{infinity.group(1)}inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return text


class Malformed(Exception):
    """A problem after which the document's shape cannot be followed (already recorded)."""


class ExpansionTooLarge(Exception):
    """Aliases expand the document past ``MAX_EXPANDED_NODES``; ``pointer`` is where."""

    def __init__(self, pointer: str) -> None:
        self.pointer = pointer


class AliasesTooLarge(Exception):
    """Aliases add more nodes than ``ALIAS_ALLOWANCE`` past the document's own; ``pointer``
    is the alias that crossed it."""

    def __init__(self, pointer: str) -> None:
        self.pointer = pointer
