"""A line being laid out, and the measures black's splitting rules take of it.

This follows black's ``Line`` and ``BracketTracker`` (``black/lines.py``, ``black/brackets.py``)
for the leaves ``leaves.py`` reads, so that ``split.py`` can make the decisions black makes.
Leaves are shared and mutated between lines, as in black: a split that makes invisible
parentheses visible changes them for every later attempt too.
"""

from __future__ import annotations

from generator.output.leaves import (
    COMMA_PRIORITY,
    DOT_PRIORITY,
    MATCHING,
    STRING_PRIORITY,
    Leaf,
)

LINE_LENGTH = 88


class Line:
    __slots__ = (
        "leaves",
        "depth",
        "inside_brackets",
        "should_split_rhs",
        "magic_trailing_comma",
        "delimiters",
        "invisible",
        "_depth",
        "_match",
        "_previous",
        "_for_depths",
        "_lambda_depths",
    )

    def __init__(self, depth: int, inside_brackets: bool = False) -> None:
        self.leaves: list[Leaf] = []
        self.depth = depth
        self.inside_brackets = inside_brackets
        self.should_split_rhs = False
        self.magic_trailing_comma: Leaf | None = None
        self.delimiters: dict[int, int] = {}  # id(leaf) -> priority of a split after it
        self.invisible: list[Leaf] = []
        self._depth = 0
        self._match: dict[tuple[int, str], Leaf] = {}
        self._previous: Leaf | None = None
        self._for_depths: list[int] = []
        self._lambda_depths: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.leaves)

    def __str__(self) -> str:
        if not self.leaves:
            return ""
        first = self.leaves[0]
        rest = "".join([leaf.prefix + leaf.value for leaf in self.leaves[1:]])
        return f"{first.prefix}{'    ' * self.depth}{first.value}{rest}"

    def append(self, leaf: Leaf, preformatted: bool = False, track: bool = False) -> None:
        """Black's ``Line.append``: a leaf's own prefix unless ``preformatted`` (none on the
        line's first leaf), and its brackets and delimiters marked inside brackets, when not
        preformatted, or when ``track``ed."""
        if not preformatted:
            leaf.prefix = leaf.source_prefix if self.leaves else ""
        if self.inside_brackets or not preformatted or track:
            self.extend_marked([leaf])
        else:
            self.leaves.append(leaf)

    def extend(self, leaves: list[Leaf]) -> None:
        """``append(leaf)`` for each leaf: their own prefixes (none on the line's first), and
        every leaf marked."""
        first = not self.leaves
        for leaf in leaves:
            leaf.prefix = "" if first else leaf.source_prefix
            first = False
        self.extend_marked(leaves)

    def extend_marked(self, leaves: list[Leaf]) -> None:
        """The leaves appended as they are, each marked as black's ``BracketTracker.mark``
        does (depths, bracket pairs, delimiters), and a closing bracket after a comma taken
        for a magic trailing comma. Only commas a split added can stand there (``leaves.py``
        refuses lines that have them), so no subscript exception applies. One loop for a
        whole line, since the splits build most of their lines this way."""
        own = self.leaves
        match = self._match
        delimiters = self.delimiters
        invisible = self.invisible
        for_depths = self._for_depths
        lambda_depths = self._lambda_depths
        depth = self._depth
        previous = self._previous
        for leaf in leaves:
            is_closing = leaf.is_closing
            if depth == 0 and is_closing and (0, leaf.bracket) not in match:
                # A bracket opened on another line: not marked, but it may follow a comma.
                if own and own[-1].value == "," and leaf.role != "one-tuple":
                    self.magic_trailing_comma = leaf
                own.append(leaf)
                continue
            value = leaf.value
            if for_depths and for_depths[-1] == depth and value == "in":
                depth -= 1
                for_depths.pop()
            if lambda_depths and lambda_depths[-1] == depth and value == ":":
                depth -= 1
                lambda_depths.pop()
            if is_closing:
                depth -= 1
                leaf.opening = match.pop((depth, leaf.bracket))
                if not value:
                    invisible.append(leaf)
            leaf.depth = depth
            if depth == 0:
                before = _split_before(leaf, previous)
                if before and previous is not None:
                    delimiters[id(previous)] = before
                elif value == ",":
                    delimiters[id(leaf)] = COMMA_PRIORITY
            if leaf.is_opening:
                match[depth, MATCHING[leaf.bracket]] = leaf
                depth += 1
                if not value:
                    invisible.append(leaf)
            previous = leaf
            if leaf.kind == "keyword":
                if value == "lambda":
                    depth += 1
                    lambda_depths.append(depth)
                elif value == "for":
                    depth += 1
                    for_depths.append(depth)
            if is_closing and own and own[-1].value == "," and leaf.role != "one-tuple":
                self.magic_trailing_comma = leaf
            own.append(leaf)
        self._depth = depth
        self._previous = previous

    def clone(self) -> Line:
        twin = Line(self.depth, self.inside_brackets)
        twin.should_split_rhs = self.should_split_rhs
        twin.magic_trailing_comma = self.magic_trailing_comma
        return twin

    @property
    def is_def(self) -> bool:
        values = [leaf.value for leaf in self.leaves[:2]]
        return values[:1] == ["def"] or values == ["async", "def"]

    @property
    def is_chained_assignment(self) -> bool:
        return sum(1 for leaf in self.leaves if leaf.value == "=") > 1

    def max_priority(self, exclude: frozenset[int] = frozenset()) -> int:
        """The highest delimiter priority; ``ValueError`` when there is none."""
        return max(v for k, v in self.delimiters.items() if k not in exclude)

    def count_priority(self, priority: int = 0) -> int:
        if not self.delimiters:
            return 0
        priority = priority or self.max_priority()
        return sum(1 for p in self.delimiters.values() if p == priority)

    def lengths(self, reverse: bool = False) -> list[tuple[int, Leaf, int]]:
        indexed = list(enumerate(self.leaves))
        if reverse:
            indexed.reverse()
        return [(i, leaf, len(leaf.prefix) + len(leaf.value)) for i, leaf in indexed]


def _split_before(leaf: Leaf, previous: Leaf | None) -> int:
    if leaf.value == "." and (previous is None or previous.is_closing):
        return DOT_PRIORITY
    if leaf.static_priority:
        return leaf.static_priority
    if leaf.kind == "string" and previous is not None and previous.kind == "string":
        return STRING_PRIORITY
    return 0


def is_short_enough(line: Line, line_length: int = LINE_LENGTH) -> bool:
    """``len(str(line)) <= line_length``, measured leaf by leaf so that a long line is
    given up on at the first leaf past the limit instead of being joined whole."""
    leaves = line.leaves
    if not leaves:
        return line_length >= 0
    first = leaves[0]
    length = len(first.prefix) + 4 * line.depth + len(first.value)
    if length > line_length:
        return False
    for leaf in leaves[1:]:
        length += len(leaf.prefix) + len(leaf.value)
        if length > line_length:
            return False
    return True


def can_be_split(line: Line) -> bool:
    """Black's cheap test that a line cannot be split for sure (a string's method chain)."""
    leaves = line.leaves
    if len(leaves) < 2:
        return False
    if leaves[0].kind == "string" and leaves[1].value == ".":
        calls = dots = 0
        following = leaves[-1]
        for leaf in leaves[-2::-1]:
            if leaf.is_opening:
                if not following.is_closing:
                    return False
                calls += 1
            elif leaf.value == ".":
                dots += 1
            elif leaf.kind == "name":
                if not (following.value == "." or following.is_opening):
                    return False
            elif not leaf.is_closing:
                return False
            if dots > 1 and calls > 1:
                return False
            following = leaf
    return True


def can_omit_invisible_parens(body: Line, line_length: int = LINE_LENGTH) -> bool:
    """Black's ``can_omit_invisible_parens``: may the split skip the optional parentheses
    around ``body`` and use a bracket inside it instead?"""
    if not body.delimiters:
        return True
    max_priority = body.max_priority()
    if body.count_priority(max_priority) > 1:
        return False
    if max_priority == DOT_PRIORITY:
        return True
    first, second = body.leaves[0], body.leaves[1]
    if (
        first.is_opening
        and not second.is_closing
        and _can_omit_opening_paren(body, first, line_length)
    ):
        return True
    penultimate, last = body.leaves[-2], body.leaves[-1]
    closes_display = (
        last.bracket == "]" and last.opening is not None and (last.opening.role != "trailer")
    )
    if last.bracket in {")", "}"} or closes_display:
        if penultimate.is_opening:
            return False
        if _can_omit_closing_paren(body, last, line_length):
            return True
    return False


def _can_omit_opening_paren(line: Line, first: Leaf, line_length: int) -> bool:
    remainder = False
    length = 4 * line.depth
    for _, leaf, leaf_length in line.lengths():
        if leaf.is_closing and leaf.opening is first:
            remainder = True
        if remainder:
            length += leaf_length
            if length > line_length:
                return False
            if leaf.is_opening:
                remainder = False
    return True  # the whole line was measured (black stops early only at multi-line strings)


def _can_omit_closing_paren(line: Line, last: Leaf, line_length: int) -> bool:
    length = 4 * line.depth
    seen_other_brackets = False
    for _, leaf, leaf_length in line.lengths():
        length += leaf_length
        if leaf is last.opening:
            if seen_other_brackets or length <= line_length:
                return True
        elif leaf.is_opening:
            seen_other_brackets = True
    return False


def leaves_inside_matching_brackets(leaves: list[Leaf]) -> set[int]:
    ids: set[int] = set()
    start = next((i for i, leaf in enumerate(leaves) if leaf.is_opening), None)
    if start is None:
        return ids
    stack: list[tuple[str, list[int]]] = []
    for leaf in leaves[start:]:
        if leaf.is_opening:
            stack.append((MATCHING[leaf.bracket], [id(leaf)]))
        elif leaf.is_closing:
            if stack and leaf.bracket == stack[-1][0]:
                _, level = stack.pop()
                level.append(id(leaf))
                ids.update(level)
            else:
                break
        elif stack:
            stack[-1][1].append(id(leaf))
    return ids
