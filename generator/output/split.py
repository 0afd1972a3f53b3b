"""Black's line splitting, for the lines ``leaves.py`` accepts.

A port of the part of ``black/linegen.py`` (black 26, stable style, magic trailing commas on,
no preview features) that lays out a logical line too long for 88 columns: the right-hand
split with its optional-parentheses rules, the left-hand split of a ``def``, the delimiter
split of a bracket's body, and black's "second opinion" with the optional parentheses forced.
Functions keep black's names and order of decisions so the two can be read side by side;
what black reads from its syntax tree comes from the leaves' facts instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.output.leaves import COMMA_PRIORITY, DOT_PRIORITY, Leaf
from generator.output.line import (
    LINE_LENGTH,
    Line,
    can_be_split,
    can_omit_invisible_parens,
    is_short_enough,
    leaves_inside_matching_brackets,
)


class CannotSplit(Exception):
    pass


Transform = Callable[[Line, bool], list[Line]]


def transform_line(line: Line, forced: bool = False) -> list[Line]:
    """The lines black makes of ``line``; ``forced`` is black's FORCE_OPTIONAL_PARENTHESES."""
    if not line.should_split_rhs and not line.magic_trailing_comma and is_short_enough(line):
        return [line]
    line_str = str(line)
    transforms: list[Transform]
    if line.is_def:
        transforms = [left_hand_split]
    elif line.inside_brackets:
        transforms = [delimiter_split, right_hand_split_with_omits]
    else:
        transforms = [right_hand_split_with_omits]
    for transform in transforms:
        try:
            return _run(line, transform, forced, line_str)
        except CannotSplit:
            continue
    return [line]


def _run(line: Line, transform: Transform, forced: bool, line_str: str) -> list[Line]:
    optional = [bracket for bracket in line.invisible if bracket.depth == 0]
    result: list[Line] = []
    for transformed in transform(line, forced):
        if str(transformed) == line_str:
            raise CannotSplit("the transform returned the line unchanged")
        result.extend(transform_line(transformed, forced))
    if (
        forced
        or transform is not right_hand_split_with_omits
        or not line.invisible
        or any(bracket.value for bracket in optional)
        or is_short_enough(result[0])
        or any(leaf.synthetic for leaf in line.leaves)
    ):
        return result
    twin = line.clone()
    twin.extend([leaf.copy() for leaf in line.leaves])
    second_opinion = _run(twin, transform, True, line_str)
    if all(is_short_enough(candidate) for candidate in second_opinion):
        return second_opinion
    return result


def left_hand_split(line: Line, forced: bool) -> list[Line]:
    """Split a ``def`` at its parameters' parenthesis."""
    head: list[Leaf] = []
    body: list[Leaf] = []
    tail: list[Leaf] = []
    current = head
    matching: Leaf | None = None
    for leaf in line.leaves:
        if current is body and leaf.is_closing and leaf.opening is matching:
            assert matching is not None
            leaf.value, matching.value = leaf.bracket, matching.bracket  # black's ensure_visible
            current = tail if body else head
        current.append(leaf)
        if current is head and leaf.bracket == "(":
            matching = leaf
            current = body
    if matching is None or not tail:
        raise CannotSplit("no brackets found")
    lines = [
        _build_line(head, line, matching, "head"),
        _build_line(body, line, matching, "body"),
        _build_line(tail, line, matching, "tail"),
    ]
    _succeeded_or_raise(*lines)
    return [result for result in lines if result]


@dataclass
class _RHS:
    head: Line
    body: Line
    tail: Line
    opening: Leaf
    closing: Leaf


def right_hand_split_with_omits(line: Line, forced: bool) -> list[Line]:
    """Split at the last bracket pair; failing a short enough first line, at earlier ones,
    gluing the trailers after them to the tail."""
    first_lines: list[Line] | None = None
    prefix_lengths: dict[int, int] = {}
    length = 4 * line.depth
    for leaf in line.leaves:
        prefix_lengths[id(leaf)] = length
        length += len(leaf.prefix) + len(leaf.value)
    for omit in _trailers_to_omit(line):
        if omit:
            target = next(
                (
                    leaf.opening
                    for leaf in reversed(line.leaves)
                    if leaf.is_closing and id(leaf) not in omit
                ),
                None,
            )
            if target is not None and target.value and prefix_lengths[id(target)] > LINE_LENGTH:
                continue
        lines = _right_hand_split(line, forced, omit)
        if first_lines is None and not omit:
            first_lines = lines
        if is_short_enough(lines[0]):
            return lines
    if first_lines is not None:
        return first_lines
    return _right_hand_split(line, forced, frozenset())


def _right_hand_split(line: Line, forced: bool, omit: frozenset[int]) -> list[Line]:
    return _maybe_split_omitting_optional_parens(
        _first_right_hand_split(line, omit), line, forced, omit
    )


def _first_right_hand_split(line: Line, omit: frozenset[int]) -> _RHS:
    tail: list[Leaf] = []
    body: list[Leaf] = []
    head: list[Leaf] = []
    current = tail
    opening: Leaf | None = None
    closing: Leaf | None = None
    for leaf in reversed(line.leaves):
        if current is body and leaf is opening:
            current = head if body else tail
        current.append(leaf)
        if current is tail and leaf.is_closing and id(leaf) not in omit:
            opening = leaf.opening
            closing = leaf
            current = body
    if opening is None or closing is None or not head:
        raise CannotSplit("no brackets found")
    tail.reverse()
    body.reverse()
    head.reverse()
    rhs = _RHS(
        _build_line(head, line, opening, "head"),
        _build_line(body, line, opening, "body"),
        _build_line(tail, line, opening, "tail"),
        opening,
        closing,
    )
    _succeeded_or_raise(rhs.head, rhs.body, rhs.tail)
    return rhs


def _maybe_split_omitting_optional_parens(
    rhs: _RHS, line: Line, forced: bool, omit: frozenset[int]
) -> list[Line]:
    if (
        not forced
        and rhs.opening.bracket == "("
        and not rhs.opening.value
        and rhs.closing.bracket == ")"
        and not rhs.closing.value
        and can_omit_invisible_parens(rhs.body)
    ):
        omit = omit | {id(rhs.closing)}
        try:
            rhs_oop = _first_right_hand_split(line, omit)
            if _prefer_split_rhs_oop(rhs_oop, rhs):
                return _maybe_split_omitting_optional_parens(rhs_oop, line, forced, omit)
        except CannotSplit as error:
            if line.is_chained_assignment:
                pass
            elif not can_be_split(rhs.body) and not is_short_enough(rhs.body):
                raise CannotSplit("the body is still too long and cannot be split") from error
    if not rhs.opening.value:  # black's ensure_visible: the optional pair is used
        rhs.opening.value = "("
        rhs.closing.value = ")"
    return [result for result in (rhs.head, rhs.body, rhs.tail) if result]


def _prefer_split_rhs_oop(rhs_oop: _RHS, rhs: _RHS) -> bool:
    head = rhs.head.leaves
    if not (len(head) >= 2 and head[-2].value == "="):
        return True
    if not any(leaf.bracket for leaf in head[:-1]):
        return True
    if not is_short_enough(rhs.head, LINE_LENGTH - 1):
        return True
    if rhs.head.magic_trailing_comma is not None:
        return True
    equals = sum(1 for leaf in head if leaf.value == "=")
    oop_equals = sum(1 for leaf in rhs_oop.head.leaves if leaf.value == "=")
    if equals > 1 and equals > oop_equals:
        return False
    closing_after_assign = False
    for leaf in reversed(rhs_oop.head.leaves):
        if leaf.value == "=":
            break
        if leaf.is_closing:
            closing_after_assign = True
            break
    return closing_after_assign or (oop_equals > 0 and is_short_enough(rhs_oop.head))


def _succeeded_or_raise(head: Line, body: Line, tail: Line) -> None:
    tail_length = len(str(tail).strip())
    if not body:
        if tail_length == 0:
            raise CannotSplit("splitting brackets produced the same line")
        if tail_length < 3:
            raise CannotSplit("splitting on an empty body is not worth it")


def _build_line(leaves: list[Leaf], original: Line, opening: Leaf, component: str) -> Line:
    result = Line(original.depth)
    if component == "body":
        result.inside_brackets = True
        result.depth += 1
        if _ensure_trailing_comma(leaves, original, opening):
            comma = Leaf("op", ",")
            comma.synthetic = True
            leaves.append(comma)
    if component == "body":
        result.extend_marked(leaves)
        if _should_split(result, opening):
            result.should_split_rhs = True
        return result
    # Outside brackets a preformatted leaf is marked only where tracked (``Line.append``).
    tracked = leaves_inside_matching_brackets(leaves) if component == "head" else set()
    for leaf in leaves:
        if id(leaf) in tracked:
            result.append(leaf, preformatted=True, track=True)
        else:
            result.leaves.append(leaf)
    return result


def _ensure_trailing_comma(leaves: list[Leaf], original: Line, opening: Leaf) -> bool:
    if not leaves or not original.is_def or opening.value != "(":
        return False
    if any(leaf.value == "," and not leaf.annotation for leaf in leaves):
        return False
    return leaves[0].annotation != "return"


def _should_split(line: Line, opening: Leaf) -> bool:
    """Black's ``should_split_line``: explode a body delimited by commas right away when it
    has a trailing comma or belongs to a display or a pair of parentheses of its own."""
    trailing_comma = bool(line.leaves) and line.leaves[-1].value == ","
    exclude = frozenset({id(line.leaves[-1])}) if trailing_comma else frozenset()
    try:
        max_priority = line.max_priority(exclude)
    except ValueError:
        return False
    return max_priority == COMMA_PRIORITY and (trailing_comma or opening.role != "trailer")


def delimiter_split(line: Line, forced: bool) -> list[Line]:
    """One line per element, split at the delimiters of the highest priority."""
    if not line.leaves:
        raise CannotSplit("empty line")
    last = line.leaves[-1]
    try:
        priority = line.max_priority(frozenset({id(last)}))
    except ValueError:
        raise CannotSplit("no delimiters") from None
    if priority == DOT_PRIORITY and line.count_priority(priority) == 1:
        raise CannotSplit("splitting a single attribute from its owner looks wrong")
    groups: list[list[Leaf]] = []
    current: list[Leaf] = []
    delimiters = line.delimiters
    for leaf in line.leaves:
        current.append(leaf)
        if delimiters.get(id(leaf)) == priority:
            groups.append(current)
            current = []
    if current:
        if priority == COMMA_PRIORITY and current[-1].value != ",":
            comma = Leaf("op", ",")
            comma.synthetic = True
            current.append(comma)
        groups.append(current)
    lines: list[Line] = []
    for group in groups:
        # Built one line after another, as black does: marking a line's leaves mutates them.
        result = Line(line.depth, line.inside_brackets)
        result.append(group[0])  # not preformatted: the first leaf loses its prefix
        if line.inside_brackets:
            result.extend_marked(group[1:])
        else:
            for leaf in group[1:]:
                result.append(leaf, preformatted=True)
        lines.append(result)
    return lines


def _trailers_to_omit(line: Line) -> Iterator[frozenset[int]]:
    """Black's ``generate_trailers_to_omit``: growing sets of closing brackets to leave in
    the tail, for trailers that fit on the line."""
    omit: set[int] = set()
    if not line.magic_trailing_comma:
        yield frozenset(omit)
    length = 4 * line.depth
    opening: Leaf | None = None
    closing: Leaf | None = None
    inner: set[int] = set()
    for index, leaf, leaf_length in line.lengths(reverse=True):
        length += leaf_length
        if length > LINE_LENGTH:
            break
        previous = line.leaves[index - 1] if index > 0 else None
        if opening is not None:
            if leaf is opening:
                opening = None
            elif leaf.is_closing:
                if previous is not None and previous.value == "," and leaf.role != "one-tuple":
                    break
                inner.add(id(leaf))
        elif leaf.is_closing:
            if previous is not None and previous.is_opening:
                inner.add(id(leaf))
                continue
            if closing is not None:
                omit.add(id(closing))
                omit.update(inner)
                inner.clear()
                yield frozenset(omit)
            if previous is not None and previous.value == "," and leaf.role != "one-tuple":
                break
            if leaf.value:
                opening = leaf.opening
                closing = leaf
