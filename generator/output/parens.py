"""Black's invisible parentheses: where its syntax tree puts an optional pair that a split may
make visible (``normalize_invisible_parens``, ``visit_tname``, ``visit_test`` in black's
``linegen.py``), for the statements the layout pass reads."""

from __future__ import annotations

from generator.output.leaves import (
    TERNARY_PRIORITY,
    VALUE_KEYWORDS,
    Leaf,
    Unsupported,
    backwards,
    mark_annotations,
    read_tokens,
    top_level,
)

_ASSIGNMENT_OPS = frozenset(
    {"=", "+=", "-=", "*=", "@=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**=", "//="}
)
# Statements without invisible parentheses (black leaves their children as they are).
_PLAIN_STATEMENTS = frozenset(
    {"raise", "await", "yield", "class", "else", "try", "finally", "pass", "break"}
    | {"continue", "lambda"}
)
# What cannot be inside a conditional expression (outside brackets), and the keywords
# after which one starts.
_EXPRESSION_ENDS = frozenset({",", ":", "=", ":=", "->"} | _ASSIGNMENT_OPS)
_STARTERS = frozenset({"return", "else", "lambda", "in", "yield", "raise", "if", "elif"})


def read_statement(text: str, element: bool = False) -> list[Leaf]:
    """The leaves of one logical line with black's invisible parentheses added (see
    ``leaves.read_tokens``)."""
    leaves = read_tokens(text, element)
    leaves = _wrap_parameter_annotation(leaves) if element else _add_invisible_parens(leaves)
    leaves = _wrap_conditional_expressions(leaves)
    if "def" in {leaf.value for leaf in leaves[:2]}:
        mark_annotations(leaves)
    return leaves


def _add_invisible_parens(leaves: list[Leaf]) -> list[Leaf]:
    """Wrap what black's ``normalize_invisible_parens`` wraps, for the statements we lay
    out: a return value, each side of an assignment after ``=`` or an annotation's ``:``,
    an ``if``/``elif``/``while`` condition, a ``for`` target and iterable, and a def's
    return annotation."""
    is_async = leaves[0].value == "async"
    if is_async and (len(leaves) < 2 or leaves[1].value != "def"):
        raise Unsupported("async statement")
    first = "def" if is_async else leaves[0].value
    top = top_level(leaves)
    spans: list[tuple[int, int]] = []
    if first == "return" and len(leaves) > 1:
        spans.append((1, len(leaves)))
    elif first == "raise" and any(leaves[i].value == "from" for i in top):
        pass
    elif first in {"if", "elif", "while"}:
        spans.append((1, len(leaves) - 1))
    elif first == "for":
        split = next(i for i in top if leaves[i].value == "in")
        spans += [(1, split), (split + 1, len(leaves) - 1)]
    elif first == "def":
        arrow = next((i for i in top if leaves[i].value == "->"), None)
        if arrow is not None:
            spans.append((arrow + 1, len(leaves) - 1))
        spans = _parameter_annotations(leaves) + spans
    elif first in _PLAIN_STATEMENTS:
        pass
    elif leaves[0].kind == "keyword" and first not in VALUE_KEYWORDS:
        raise Unsupported(f"statement {first!r}")
    else:
        spans += _assignment_spans(leaves, top)
    for start, end in reversed(spans):
        leaves = _wrap(leaves, start, end)
    return leaves


def _assignment_spans(leaves: list[Leaf], top: list[int]) -> list[tuple[int, int]]:
    marks = [i for i in top if leaves[i].value in _ASSIGNMENT_OPS]
    if not marks:
        if len(leaves) > 2 and leaves[0].kind == "name" and leaves[1].value == ":":
            return [(2, len(leaves))]  # an annotation without a value
        if any(leaves[i].value in {",", ":", ":="} for i in top):
            raise Unsupported("tuple, annotation or walrus statement")
        return []
    colon = next((i for i in top if leaves[i].value == ":" and i < marks[0]), None)
    if any(leaves[i].value in {",", ":="} for i in top) or len(marks) > 1:
        raise Unsupported("tuple or chained assignment")
    if leaves[0].is_opening:
        raise Unsupported("parenthesised assignment target")
    spans = [(marks[0] + 1, len(leaves))]
    if colon is not None:
        spans.insert(0, (colon + 1, marks[0]))
    return spans


def _wrap(leaves: list[Leaf], start: int, end: int) -> list[Leaf]:
    child = leaves[start:end]
    if not child:
        raise Unsupported("empty expression")
    if child[0].value == "(" and child[-1].opening is child[0]:
        inside = top_level(child[1:-1])
        if any(child[1 + i].value == "," for i in inside):
            return leaves  # a tuple keeps its parentheses, and black adds none
        raise Unsupported("parentheses black would make invisible")
    opening = Leaf("op", "", child[0].prefix, "(")
    opening.role = "invisible"
    closing = Leaf("op", "", "", ")")
    closing.opening = opening
    child[0].prefix = child[0].source_prefix = ""
    return [*leaves[:start], opening, *child, closing, *leaves[end:]]


def _wrap_conditional_expressions(leaves: list[Leaf]) -> list[Leaf]:
    """Black gives a conditional expression invisible parentheses (``visit_test``) unless it
    is all that is inside a pair of parentheses already."""
    index = len(leaves)
    while index > 0:
        index -= 1
        leaf = leaves[index]
        if leaf.value != "if" or leaf.static_priority != TERNARY_PRIORITY:
            continue
        start, end = _expression_start(leaves, index), _expression_end(leaves, index)
        before = leaves[start - 1] if start > 0 else None
        after = leaves[end] if end < len(leaves) else None
        alone = before is not None and before.bracket == "(" and after is not None
        if not (alone and after is not None and after.opening is before):
            leaves = _wrap(leaves, start, end)
    return leaves


def _expression_start(leaves: list[Leaf], index: int) -> int:
    """Where the conditional expression whose ``if`` is at ``index`` begins."""
    for position in backwards(leaves, index):
        leaf = leaves[position]
        if leaf.is_opening or leaf.value in _EXPRESSION_ENDS or leaf.value in _STARTERS:
            return position + 1
    return 0


def _expression_end(leaves: list[Leaf], index: int) -> int:
    """Where the conditional expression whose ``if`` is at ``index`` ends. A lambda in its
    ``else`` branch takes the rest of the expression: its parameters' colon ends nothing."""
    depth = 0
    lambdas = 0  # lambdas opened at this level whose colon is still to come
    for position in range(index + 1, len(leaves)):
        leaf = leaves[position]
        if leaf.is_opening:
            depth += 1
        elif leaf.is_closing:
            if depth == 0:
                return position
            depth -= 1
        elif depth == 0 and leaf.value == "lambda":
            lambdas += 1
        elif depth == 0 and leaf.value == ":" and lambdas:
            lambdas -= 1
        elif depth == 0 and (
            leaf.value in _EXPRESSION_ENDS
            or (leaf.value == "for" and leaf.static_priority)
            or (leaf.value == "if" and leaf.static_priority != TERNARY_PRIORITY)
        ):
            return position
    return len(leaves)


def _parameter_annotations(leaves: list[Leaf]) -> list[tuple[int, int]]:
    """Black gives a parameter's annotation invisible parentheses when it is a union written
    with ``|`` (``visit_tname`` wraps an ``expr`` node, not a name or a subscript)."""
    spans = []
    depth = 0
    start = -1
    for index, leaf in enumerate(leaves):
        if leaf.is_closing:
            depth -= 1
        if depth == 1 and leaf.value == ":":
            start = index + 1
        elif start >= 0 and (depth == 0 or depth == 1 and leaf.value in {",", "="}):
            if _is_union(leaves[start:index]):
                spans.append((start, index))
            start = -1
        if leaf.is_opening:
            depth += 1
    return spans


def _wrap_parameter_annotation(leaves: list[Leaf]) -> list[Leaf]:
    """An exploded parameter (``name: T = default,``) has its annotation wrapped, as in a
    ``def`` line; an element that starts with a name and a colon can only be one."""
    if len(leaves) < 3 or leaves[0].kind != "name" or leaves[1].value != ":":
        return leaves
    end = next(
        (i for i in top_level(leaves) if i > 1 and leaves[i].value in {",", "="}), len(leaves)
    )
    return _wrap(leaves, 2, end) if _is_union(leaves[2:end]) else leaves


def _is_union(annotation: list[Leaf]) -> bool:
    return any(annotation[i].value == "|" for i in top_level(annotation))
