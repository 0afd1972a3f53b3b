"""Which patterns Python's backtracking ``re`` may take more than linear time on, and the
linear-time matcher's program (``runtime/_linear_regex.py``) for those.

``re`` is kept where it provably backtracks only a bounded amount per character: a pattern
whose repetitions are optional parts or fixed counts of parts without choices (each start
costs a bounded number of steps), or one that is anchored at the start (``^``, so only one
start can match) whose repetitions are not nested, no part of which can match empty in two
ways, and which leaves no choice: at every point, the characters each way on may take are
disjoint (the expression is deterministic in Brüggemann-Klein's sense, over the positions of
a Glushkov automaton in which a count ``{m,n}`` is read as a loop), and no two ways lead to
the same position. The check errs towards "unsafe": what it cannot read is unsafe.

Every other pattern gets a program. A pattern that is unsafe and that no automaton can match
(a backreference, a lookaround) raises ``NotLinear``: it is reported and not checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.lower.regex_tree import (
    Alt,
    Assert,
    Char,
    Node,
    NotRegular,
    Ranges,
    Repeat,
    Seq,
    overlap,
    parse_python,
    tree_of,
)

# Past this many instructions (counted repetitions are written out) the matcher's steps per
# character would make even a short text slow; such a pattern is reported instead.
MAX_INSTRUCTIONS = 20_000


class NotLinear(ValueError):
    """The pattern needs the linear-time matcher and the matcher cannot express it."""


def linear_program(python: str) -> str | None:
    """The matcher's program for a translated pattern ``re`` may be slow on, ``None`` where
    ``re`` is safe, or ``NotLinear``."""
    parsed = parse_python(python)
    try:
        tree = tree_of(parsed)
    except NotRegular as error:
        if not _varies(parsed):
            return None
        raise NotLinear(
            "Python's re could take more than linear time on it, and the linear-time matcher "
            f"cannot express {error}"
        ) from None
    return None if is_safe(tree) else program_of(tree)


def program_of(tree: Node) -> str:
    """The matcher's program for ``tree``, or ``NotLinear`` when it would be too long."""
    program = _Program()
    program.emit(tree)
    program.lines.append("m")
    if len(program.lines) > MAX_INSTRUCTIONS:
        raise NotLinear(
            "Python's re could take more than linear time on it, and with its counted repetitions "
            f"written out it is longer than the linear-time matcher's {MAX_INSTRUCTIONS} "
            "instructions"
        )
    return " ".join(program.lines)


def _varies(parsed: Any) -> bool:
    """Whether ``re``'s parse has, anywhere, a repetition other than an optional part or a
    fixed count of a part without choices (what ``_bounded`` allows)."""
    for op, value in parsed:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            fixed = value[1] <= 1 or (value[0] == value[1] and not _chooses(value[2]))
            inner = [value[2]]
        elif name in ("SUBPATTERN", "ASSERT", "ASSERT_NOT"):
            fixed, inner = True, [value[-1]]
        elif name == "BRANCH":
            fixed, inner = True, list(value[1])
        elif name == "GROUPREF_EXISTS":
            fixed, inner = True, [option for option in value[1:] if option is not None]
        else:
            continue
        if not fixed or any(_varies(part) for part in inner):
            return True
    return False


def _chooses(parsed: Any) -> bool:
    """Whether ``re``'s parse has a repetition or an alternative anywhere."""
    for op, value in parsed:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "BRANCH"):
            return True
        if name in ("SUBPATTERN", "ASSERT", "ASSERT_NOT") and _chooses(value[-1]):
            return True
    return False


def is_safe(tree: Node) -> bool:
    """Whether ``re`` backtracks on ``tree`` no more than a bounded amount per character."""
    if _bounded(tree):
        return True
    if not _anchored(tree):
        return False
    automaton = _Glushkov()
    try:
        root = automaton.add(tree, nested=False)
    except _Ambiguous:
        return False
    return all(automaton.deterministic(follow) for follow in (root.first, *automaton.follow))


def _bounded(tree: Node) -> bool:
    """Whether each start costs ``re`` a bounded number of steps: every repetition is an
    optional part or a fixed count of a part without choices (``\\d{3}``, ``(ab){2}``)."""
    if isinstance(tree, Repeat):
        if tree.high is not None and tree.high <= 1:
            return _bounded(tree.item)
        return tree.low == tree.high and not _has_choices(tree.item)
    if isinstance(tree, Seq):
        return all(_bounded(item) for item in tree.items)
    if isinstance(tree, Alt):
        return all(_bounded(option) for option in tree.options)
    return True


def _has_choices(tree: Node) -> bool:
    if isinstance(tree, Repeat | Alt):
        return True
    if isinstance(tree, Seq):
        return any(_has_choices(item) for item in tree.items)
    return False


def _anchored(tree: Node) -> bool:
    if isinstance(tree, Assert):
        return tree.kind == "^"
    if isinstance(tree, Seq):
        return bool(tree.items) and _anchored(tree.items[0])
    if isinstance(tree, Alt):
        return all(_anchored(option) for option in tree.options)
    return False


class _Ambiguous(Exception):
    """What the check refuses outright: a repetition inside a repetition, or a part of the
    pattern that can match empty in more than one way."""


@dataclass
class _Part:
    nullable: bool
    first: list[int]
    last: list[int]


@dataclass
class _Glushkov:
    """Positions (one per character of the pattern) and, for each, the positions that can
    come next, one entry per way of getting there."""

    chars: list[Ranges] = field(default_factory=list)
    follow: list[list[int]] = field(default_factory=list)

    def add(self, node: Node, *, nested: bool) -> _Part:
        if isinstance(node, Char):
            self.chars.append(node.ranges)
            self.follow.append([])
            position = len(self.chars) - 1
            return _Part(False, [position], [position])
        if isinstance(node, Assert):
            return _Part(True, [], [])
        if isinstance(node, Alt):
            parts = [self.add(option, nested=nested) for option in node.options]
            if sum(part.nullable for part in parts) > 1:
                raise _Ambiguous  # two ways to match empty: (x|)(|)
            return _Part(
                any(part.nullable for part in parts),
                [p for part in parts for p in part.first],
                [p for part in parts for p in part.last],
            )
        if isinstance(node, Seq):
            whole = _Part(True, [], [])
            for item in node.items:
                part = self.add(item, nested=nested)
                for position in whole.last:
                    self.follow[position] += part.first
                whole = _Part(
                    whole.nullable and part.nullable,
                    whole.first + (part.first if whole.nullable else []),
                    part.last + (whole.last if part.nullable else []),
                )
            return whole
        varies = node.low != node.high
        if varies and nested:
            raise _Ambiguous  # a repetition inside a repetition: (a+)+
        part = self.add(node.item, nested=nested or varies)
        if node.high is not None and node.high <= 1:
            if part.nullable:
                raise _Ambiguous  # two ways to match empty: (a?)?
            return _Part(part.nullable or node.low == 0, part.first, part.last)
        if part.nullable:
            raise _Ambiguous  # a repetition of what can match empty: (a*)*
        for position in part.last:
            self.follow[position] += part.first
        return _Part(node.low == 0, part.first, part.last)

    def deterministic(self, follow: list[int]) -> bool:
        """No position twice, and no two positions that share a character."""
        if len(set(follow)) != len(follow):
            return False
        return not any(
            overlap(self.chars[a], self.chars[b])
            for i, a in enumerate(follow)
            for b in follow[i + 1 :]
        )


@dataclass
class _Program:
    """Thompson's construction, written as the matcher's instructions."""

    lines: list[str] = field(default_factory=list)

    def emit(self, node: Node) -> None:
        if len(self.lines) > MAX_INSTRUCTIONS:
            return  # the caller reports the size
        if isinstance(node, Char):
            self.lines.append("c" + ",".join(_hex_range(low, high) for low, high in node.ranges))
        elif isinstance(node, Assert):
            self.lines.append(node.kind)
        elif isinstance(node, Seq):
            for item in node.items:
                self.emit(item)
        elif isinstance(node, Alt):
            self._alternatives(node.options)
        else:
            self._repeat(node)

    def _alternatives(self, options: tuple[Node, ...]) -> None:
        jumps: list[int] = []
        for option in options[:-1]:
            split = self._hole()
            self.emit(option)
            jumps.append(self._hole())
            self.lines[split] = f"s{split + 1},{len(self.lines)}"
        self.emit(options[-1])
        for jump in jumps:
            self.lines[jump] = f"j{len(self.lines)}"

    def _repeat(self, node: Repeat) -> None:
        for _ in range(node.low):
            if len(self.lines) > MAX_INSTRUCTIONS:
                return
            self.emit(node.item)
        if node.high is None:
            split = self._hole()
            self.emit(node.item)
            self.lines.append(f"j{split}")
            self.lines[split] = f"s{split + 1},{len(self.lines)}"
            return
        splits = []
        for _ in range(node.high - node.low):
            if len(self.lines) > MAX_INSTRUCTIONS:
                return
            splits.append(self._hole())
            self.emit(node.item)
        for split in splits:
            self.lines[split] = f"s{split + 1},{len(self.lines)}"

    def _hole(self) -> int:
        self.lines.append("")
        return len(self.lines) - 1


def _hex_range(low: int, high: int) -> str:
    return f"{low:x}" if low == high else f"{low:x}-{high:x}"
