"""A translated pattern (Python ``re`` syntax, from ``ecma_regex.translate``) as a small tree of
characters, assertions, sequences, alternatives and repetitions: what ``regex_linear`` reads to
decide whether ``re`` may backtrack on it and to compile it for the linear-time matcher.

The tree is read from ``re``'s own parser, so it means exactly what ``re`` makes of the
pattern. Constructs no finite automaton has (backreferences, lookarounds other than the ones
``translate`` writes for negated classes) raise ``NotRegular`` with what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:  # the parser behind re: public as sre_parse until 3.11, re._parser since
    from re import _parser as re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover (Python 3.10)
    import sre_parse as re_parser

Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint, not touching: (low, high) inclusive
_LAST = 0x10FFFF
_NEWLINE: Ranges = ((0x0A, 0x0A),)
# re.ASCII's meaning of the category escapes (translate writes none, but re's parser may).
_CATEGORIES: dict[str, Ranges] = {
    "CATEGORY_DIGIT": ((0x30, 0x39),),
    "CATEGORY_WORD": ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)),
    "CATEGORY_SPACE": ((0x09, 0x0D), (0x20, 0x20)),
}
_ANCHORS = {
    "AT_BEGINNING": "^",
    "AT_BEGINNING_STRING": "^",
    "AT_END_STRING": "$",
    "AT_END": "Z",
    "AT_BOUNDARY": "b",
    "AT_NON_BOUNDARY": "B",
}


class NotRegular(ValueError):
    """The pattern uses something a finite automaton cannot do; the message says what."""


@dataclass(frozen=True, slots=True)
class Char:
    ranges: Ranges


@dataclass(frozen=True, slots=True)
class Assert:
    kind: str  # one of the matcher's assertions: ^ $ Z b B


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Alt:
    options: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Repeat:
    low: int
    high: int | None  # None: no upper bound
    item: Node


Node = Char | Assert | Seq | Alt | Repeat


def parse_python(python: str) -> Any:
    """``re``'s parse of a translated pattern (compiled with ``re.ASCII``)."""
    return re_parser.parse(python, re.ASCII)


def tree_of(parsed: Any, dotall: bool = False) -> Node:
    """The tree of ``re``'s parse of a pattern, or ``NotRegular``."""
    items: list[Node] = []
    entries = list(parsed)
    i = 0
    while i < len(entries):
        op, value = entries[i]
        name = str(op)
        if name == "ASSERT_NOT" and value[0] == 1:
            # translate's negated class with a negated set inside: (?!X)(?s:.), or (?!) alone.
            excluded = _chars_of(value[1], dotall)
            if not list(value[1]):
                items.append(Char(()))
                i += 1
                continue
            following = tree_of(entries[i + 1 : i + 2], dotall) if i + 1 < len(entries) else None
            if excluded is None or not isinstance(following, Char):
                raise NotRegular("a lookahead")
            items.append(Char(subtract(following.ranges, excluded)))
            i += 2
            continue
        items.append(_node_of(name, value, dotall))
        i += 1
    return items[0] if len(items) == 1 else Seq(tuple(items))


def _node_of(name: str, value: Any, dotall: bool) -> Node:
    if name == "LITERAL":
        return Char(((value, value),))
    if name == "NOT_LITERAL":
        return Char(complement(((value, value),)))
    if name == "ANY":
        return Char(((0, _LAST),) if dotall else complement(_NEWLINE))
    if name == "IN":
        return Char(_class_ranges(value))
    if name == "BRANCH":
        return Alt(tuple(tree_of(option, dotall) for option in value[1]))
    if name == "SUBPATTERN":
        _group, add_flags, del_flags, inner = value
        flag = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
        return tree_of(inner, flag)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, inner = value
        return Repeat(low, None if high == re_parser.MAXREPEAT else high, tree_of(inner, dotall))
    if name == "AT" and str(value) in _ANCHORS:
        return Assert(_ANCHORS[str(value)])
    if name in ("GROUPREF", "GROUPREF_EXISTS"):
        raise NotRegular("a backreference")
    if name in ("ASSERT", "ASSERT_NOT"):
        raise NotRegular("a lookahead or lookbehind")
    raise NotRegular(f"the construct {name}")


def _chars_of(parsed: Any, dotall: bool) -> Ranges | None:
    """The characters a pattern that matches exactly one character matches, else None."""
    try:
        node = tree_of(parsed, dotall) if list(parsed) else None
    except NotRegular:
        return None
    if isinstance(node, Char):
        return node.ranges
    if isinstance(node, Alt) and all(isinstance(option, Char) for option in node.options):
        return union(*(option.ranges for option in node.options if isinstance(option, Char)))
    return None


def _class_ranges(items: Any) -> Ranges:
    parts: list[Ranges] = []
    negated = False
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name == "LITERAL":
            parts.append(((value, value),))
        elif name == "RANGE":
            parts.append(((value[0], value[1]),))
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            parts.append(_CATEGORIES[str(value)])
        elif name == "CATEGORY" and str(value).replace("NOT_", "") in _CATEGORIES:
            parts.append(complement(_CATEGORIES[str(value).replace("NOT_", "")]))
        else:
            raise NotRegular(f"the class item {name}")
    ranges = union(*parts)
    return complement(ranges) if negated else ranges


def union(*parts: Ranges) -> Ranges:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(pair for part in parts for pair in part):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def complement(ranges: Ranges) -> Ranges:
    out: list[tuple[int, int]] = []
    start = 0
    for low, high in ranges:
        if low > start:
            out.append((start, low - 1))
        start = high + 1
    if start <= _LAST:
        out.append((start, _LAST))
    return tuple(out)


def subtract(ranges: Ranges, excluded: Ranges) -> Ranges:
    return complement(union(complement(ranges), excluded))


def overlap(first: Ranges, second: Ranges) -> bool:
    i = j = 0
    while i < len(first) and j < len(second):
        if first[i][1] < second[j][0]:
            i += 1
        elif second[j][1] < first[i][0]:
            j += 1
        else:
            return True
    return False
