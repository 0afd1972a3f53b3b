"""Stage 1: read a spec file (YAML or JSON, told apart by content) into plain data.

Every node's line is kept so that later stages can point at the problem; duplicate keys, which
both PyYAML and ``json`` silently accept, are errors here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import GenerationError, Problem, join_pointer
from generator.positions import JsonPositions

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used
_KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str")}
# Aliases share nodes; a document whose aliases expand it past this many nodes is rejected
# before any later stage walks the expansion ("billion laughs").
MAX_EXPANDED_NODES = 5_000_000
# Far deeper than any real spec, far shallower than what overflows libyaml's C stack (~20,000).
MAX_YAML_NESTING = 5_000
_QUOTED_OR_COMMENT = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?<!\S)#[^\n]*""")
_BRACKETS = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"^ *", re.MULTILINE)


@dataclass
class Document:
    """A loaded spec: its data and where each JSON pointer sits in the file."""

    path: str
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    json_text: str | None = None

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
        return Problem(self.path, self.line_of(pointer), pointer, message)


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
        return _load_json(text, shown)
    return _load_yaml(text, shown)


def _load_json(text: str, shown: str) -> Document:
    try:
        data = json.loads(text, object_pairs_hook=_JsonObject.from_pairs)
    except json.JSONDecodeError as exc:
        raise GenerationError(
            [Problem(shown, exc.lineno, "", f"invalid JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise GenerationError(
            [Problem(shown, None, "", "the document is nested too deeply")]
        ) from None
    document = Document(shown, data, json_text=text)
    if _JsonObject.saw_duplicate(data):
        scan = JsonPositions(text).scan()
        document.lines = scan.lines
        raise GenerationError(
            Problem(shown, line, pointer, f"duplicate key {key!r}")
            for pointer, key, line in scan.duplicates
        )
    return document


class _JsonObject(dict[str, Any]):
    """A dict that remembers whether its source repeated a key."""

    duplicate = False

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            marked = cls(result)
            marked.duplicate = True
            return marked
        return result

    @staticmethod
    def saw_duplicate(data: Any) -> bool:
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, _JsonObject):
                return True
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return False


def _load_yaml(text: str, shown: str) -> Document:
    if _too_deep(text):
        # libyaml recurses in C and crashes the process on a deep enough document.
        raise GenerationError([Problem(shown, None, "", "the document is nested too deeply")])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise GenerationError([Problem(shown, line, "", f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise GenerationError([Problem(shown, None, "", f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise GenerationError(
            [Problem(shown, None, "", "the document is nested too deeply")]
        ) from None
    if root is None:
        raise GenerationError([Problem(shown, 1, "", "the spec is empty")])
    builder = _YamlBuilder(shown)
    try:
        builder.check_expansion(root)
        data = builder.build(root, "")
    except RecursionError:
        raise GenerationError(
            [Problem(shown, None, "", "the document is nested too deeply")]
        ) from None
    if builder.problems:
        raise GenerationError(builder.problems)
    return Document(shown, data, builder.lines)


def _too_deep(text: str) -> bool:
    """Whether the document nests deeper than ``MAX_YAML_NESTING``.

    A cheap upper bound clears nearly every document; one it cannot clear (brackets in prose
    inflate it) is measured exactly from libyaml's events, which come from a state machine
    rather than recursion and so are safe at any depth.
    """
    if _nesting_bound(text) <= MAX_YAML_NESTING:
        return False
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_YAML_NESTING:
                    return True
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False  # composing stops at the same error, before it is any deeper
    return False


def _nesting_bound(text: str) -> int:
    """An upper bound on a YAML text's nesting: flow brackets plus indentation columns."""
    bare = _QUOTED_OR_COMMENT.sub("", text)
    depth = deepest = 0
    for match in _BRACKETS.finditer(bare):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    indent = max((len(m.group()) for m in _INDENT.finditer(text)), default=0)
    return deepest + indent


class _YamlBuilder:
    """Turns composed YAML nodes into plain data, noting lines and duplicate keys."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._built: dict[int, Any] = {}

    def check_expansion(self, root: yaml.Node) -> None:
        sizes: dict[int, int] = {}

        def size(node: yaml.Node) -> int:
            known = sizes.get(id(node))
            if known is not None:
                return known
            sizes[id(node)] = 1  # a cycle counts once; the builder reports it
            if isinstance(node, yaml.MappingNode):
                total = 1 + sum(size(k) + size(v) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                total = 1 + sum(size(item) for item in node.value)
            else:
                total = 1
            sizes[id(node)] = total
            return total

        total = size(root)
        if total > MAX_EXPANDED_NODES:
            raise GenerationError(
                [Problem(self.shown, 1, "", f"YAML aliases expand the document to {total} nodes")]
            )

    def build(self, node: yaml.Node, pointer: str) -> Any:
        self.lines.setdefault(pointer, node.start_mark.line + 1)
        if id(node) in self._built:
            return self._built[id(node)]
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            self._built[id(node)] = result
            for key_node, value_node in node.value:
                key = self._key(key_node, pointer)
                if key is None:
                    continue
                child = join_pointer(pointer, key)
                if key in result:
                    self.problems.append(
                        Problem(
                            self.shown,
                            key_node.start_mark.line + 1,
                            child,
                            f"duplicate key {key!r}",
                        )
                    )
                    continue
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self._built[id(node)] = items
            items.extend(
                self.build(item, join_pointer(pointer, i)) for i, item in enumerate(node.value)
            )
            return items
        return self._scalar(node, pointer)

    def _key(self, node: yaml.Node, pointer: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(
                Problem(
                    self.shown, node.start_mark.line + 1, pointer, "a mapping key must be a string"
                )
            )
            return None
        if node.tag == "tag:yaml.org,2002:merge":
            self.problems.append(
                Problem(
                    self.shown,
                    node.start_mark.line + 1,
                    pointer,
                    "YAML merge keys (<<) are not supported",
                )
            )
            return None
        # OpenAPI keys are strings; `200:` and `yes:` mean the text the author wrote.
        return str(node.value)

    def _scalar(self, node: yaml.Node, pointer: str) -> Any:
        if node.tag in _KEEP_AS_TEXT:
            return node.value
        construct = _SCALARS.yaml_constructors.get(node.tag) if node.tag in _SCALAR_TAGS else None
        if construct is None:
            self.problems.append(
                Problem(
                    self.shown,
                    node.start_mark.line + 1,
                    pointer,
                    f"unsupported YAML tag {node.tag}",
                )
            )
            return None
        try:
            return construct(_SCALARS, node)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            self.problems.append(
                Problem(self.shown, node.start_mark.line + 1, pointer, f"invalid YAML value: {exc}")
            )
            return None
