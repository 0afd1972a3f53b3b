"""One logical line of generated code as black sees it: leaves, and the facts about each leaf
that black reads from its syntax tree (``parens.py`` adds the tree's invisible parentheses).

Black decides where to split a line from its syntax tree; the layout pass (``layout.py``) has
only the line's tokens. Generated code uses a small part of Python, so the tree facts that
matter can be read off the tokens: whether a bracket opens a call or a subscript (a trailer)
or a display (an atom), whether an operator is binary, whether ``if`` belongs to a
comprehension or a conditional expression. A line with anything outside that part (comments,
non-ASCII text, tabs, multi-line strings, imports, ``with``, a magic trailing comma, brackets
black would remove) raises ``Unsupported``, and black formats that file instead.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator

OPENING = frozenset("([{")
CLOSING = frozenset(")]}")
MATCHING = {"(": ")", "[": "]", "{": "}"}

COMPREHENSION_PRIORITY = 20
COMMA_PRIORITY = 18
TERNARY_PRIORITY = 16
LOGIC_PRIORITY = 14
STRING_PRIORITY = 12
COMPARATOR_PRIORITY = 10
MATH_PRIORITIES = {
    "|": 9,
    "^": 8,
    "&": 7,
    "<<": 6,
    ">>": 6,
    "+": 5,
    "-": 5,
    "*": 4,
    "/": 4,
    "//": 4,
    "%": 4,
    "@": 4,
    "~": 3,
    "**": 2,
}
DOT_PRIORITY = 1
_COMPARATORS = frozenset({"<", ">", "==", "!=", "<=", ">="})
# What a statement starts with, when its line is ours to lay out; the rest go to black.
_UNSUPPORTED_STARTS = frozenset(
    {"import", "from", "with", "del", "assert", "except", "global", "nonlocal"}
)
# Keywords after which an opening bracket starts a display, not a call or subscript.
VALUE_KEYWORDS = frozenset({"None", "True", "False"})


class Unsupported(Exception):
    """The line uses something the layout pass leaves to black."""


class Leaf:
    """A token of the line; mutable, as black's leaves are, since its splits rely on that."""

    __slots__ = (
        "kind",
        "value",
        "prefix",
        "source_prefix",
        "bracket",
        "role",
        "opening",
        "depth",
        "static_priority",
        "synthetic",
        "annotation",
        "is_opening",
        "is_closing",
    )

    def __init__(self, kind: str, value: str, prefix: str = "", bracket: str = "") -> None:
        self.kind = kind  # "name", "keyword", "string", "number", "op"
        self.value = value  # "" for invisible parentheses
        self.prefix = prefix
        self.source_prefix = prefix
        self.bracket = bracket  # "(" ... "}" for brackets, visible or not; else ""
        self.role = ""  # opening brackets: "atom", "trailer" or "invisible"
        self.opening: Leaf | None = None  # closing brackets: their opening one
        self.depth = 0
        self.static_priority = 0  # split-before priority that the tree would decide
        self.synthetic = False  # made by a split (a trailing comma), not by the tokenizer
        self.annotation = ""  # in a def: "param" or "return" when inside an annotation
        self.is_opening = bracket in OPENING
        self.is_closing = bracket in CLOSING

    def __str__(self) -> str:
        return self.prefix + self.value

    def copy(self) -> Leaf:
        twin = Leaf(self.kind, self.value, self.source_prefix, self.bracket)
        for name in ("role", "static_priority", "synthetic", "annotation"):
            setattr(twin, name, getattr(self, name))
        return twin


def read_tokens(text: str, element: bool = False) -> list[Leaf]:
    """The leaves of one logical line (without its indentation), brackets matched and
    operators given the priorities black's tree would give them; ``Unsupported`` if it is
    not ours to lay out. An ``element`` is one item of a bracket already exploded one item a
    line (it ends with its comma)."""
    if not text.isascii() or "\t" in text or '"""' in text or "'''" in text:
        raise Unsupported("tab, non-ASCII text or a triple-quoted string")
    leaves = _tokenize(text)
    if not leaves or leaves[0].value in _UNSUPPORTED_STARTS or leaves[0].value == "@":
        raise Unsupported(f"statement {leaves[0].value if leaves else ''!r}")
    if element and leaves[-1].value == ",":
        leaves[-1].role = "element"  # not a trailing comma before a bracket on this line
    _classify_brackets(leaves)
    _classify_operators(leaves)
    return leaves


def top_level(leaves: list[Leaf]) -> list[int]:
    """The positions of the leaves outside every bracket."""
    depth = 0
    indexes = []
    for index, leaf in enumerate(leaves):
        if leaf.is_closing:
            depth -= 1
        if depth == 0:
            indexes.append(index)
        if leaf.is_opening:
            depth += 1
    return indexes


# Python's tokens as generated code writes them on one line. A comment, a backslash or a
# triple-quoted string matches nothing, which makes the line black's to lay out. (Python's own
# tokenize module would do, at several times the cost.)
_TOKEN = re.compile(
    r"""(?P<space>[ ]*)(?:
    (?P<string>[rRbBuUfF]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))
    |(?P<number>0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<op>\*\*=|//=|>>=|<<=|->|:=|\*\*|//|<<|>>|<=|>=|==|!=|[-+*/%@&|^]=|\.\.\.
        |[-+*/%@&|^~<>()\[\]{},:;.=])
    )""",
    re.VERBOSE,
)


def _tokenize(text: str) -> list[Leaf]:
    leaves: list[Leaf] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:  # finditer skipped what no token reads
            break
        kind = match.lastgroup or ""
        if kind == "space":
            raise Unsupported("trailing spaces")
        value = match.group(kind)
        if kind == "name" and keyword.iskeyword(value):
            kind = "keyword"
        leaves.append(_leaf(kind, value, match.group("space")))
        position = match.end()
    if position < len(text):
        raise Unsupported(f"cannot read {text[position:position + 10]!r}")
    return leaves


def _leaf(kind: str, value: str, prefix: str) -> Leaf:
    if prefix not in {"", " "}:
        raise Unsupported("spacing black would change")
    bracket = value if value in OPENING or value in CLOSING else ""
    return Leaf(kind, value, prefix, bracket)


def _classify_brackets(leaves: list[Leaf]) -> None:
    """Match brackets; an opening one is a trailer (call, subscript, parameters) when it
    follows a name, a string or a closing bracket, else an atom (a display or a group)."""
    stack: list[Leaf] = []
    previous: Leaf | None = None
    for leaf in leaves:
        if leaf.is_opening:
            follows_value = previous is not None and (
                previous.kind in {"name", "string"}
                or previous.is_closing
                or previous.value in VALUE_KEYWORDS
            )
            leaf.role = "trailer" if follows_value and leaf.value != "{" else "atom"
            stack.append(leaf)
        elif leaf.is_closing:
            if not stack or MATCHING[stack[-1].value] != leaf.value:
                raise Unsupported("unbalanced brackets")
            opening = stack.pop()
            leaf.opening = opening
            if previous is not None and previous.value == ",":
                if not _is_one_tuple(leaves, opening, leaf):
                    raise Unsupported("trailing comma before a closing bracket")
                leaf.role = "one-tuple"
            if previous is opening and opening.role == "atom" and opening.value == "(":
                raise Unsupported("empty tuple")
        previous = leaf
    if stack:
        raise Unsupported("unbalanced brackets")


def _classify_operators(leaves: list[Leaf]) -> None:
    """The priorities black reads from the tree: binary operators, comparisons, logic,
    conditional expressions and comprehensions. Dots and string concatenation depend on
    the line a leaf ends up in, so ``Line`` decides those."""
    comprehension: list[bool] = [False]  # per bracket level: a comprehension ``for`` seen
    previous: Leaf | None = None
    for index, leaf in enumerate(leaves):
        value = leaf.value
        if leaf.is_opening:
            comprehension.append(False)
        elif leaf.is_closing:
            comprehension.pop()
        elif leaf.kind == "op" and value in MATH_PRIORITIES:
            if _is_unary(previous):
                if value == "~" or value == "**" and previous is None:
                    raise Unsupported("unary operator")
            elif value == "**":
                raise Unsupported("power operator")  # black hugs simple operands
            else:
                leaf.static_priority = MATH_PRIORITIES[value]
        elif leaf.kind == "op" and value in _COMPARATORS:
            leaf.static_priority = COMPARATOR_PRIORITY
        elif leaf.kind == "keyword" and index > 0:
            leaf.static_priority = _keyword_priority(leaf, leaves, index, comprehension)
        previous = leaf


def _is_unary(previous: Leaf | None) -> bool:
    if previous is None:
        return True
    if previous.kind == "keyword":
        return previous.value not in VALUE_KEYWORDS
    return previous.kind == "op" and not previous.is_closing


def _keyword_priority(leaf: Leaf, leaves: list[Leaf], index: int, comprehension: list[bool]) -> int:
    value = leaf.value
    before = leaves[index - 1].value
    after = leaves[index + 1].value if index + 1 < len(leaves) else ""
    if value == "for":
        comprehension[-1] = True
        return 0 if before == "async" else COMPREHENSION_PRIORITY
    if value == "async" and after == "for":
        return COMPREHENSION_PRIORITY
    if value == "if":
        return COMPREHENSION_PRIORITY if comprehension[-1] else TERNARY_PRIORITY
    if value == "else":
        return TERNARY_PRIORITY
    if value == "is":
        return COMPARATOR_PRIORITY
    if value == "in":
        # The ``in`` of a comprehension's ``for`` is not a comparison.
        return 0 if before == "not" or _in_of_for(leaves, index) else COMPARATOR_PRIORITY
    if value == "not":
        return COMPARATOR_PRIORITY if after == "in" and before != "is" else 0
    if value in {"and", "or"}:
        return LOGIC_PRIORITY
    if value in {"lambda", "await", "def", "as"} or value in VALUE_KEYWORDS:
        return 0  # "as" reaches here only in an exploded import's names
    if value == "from" and leaves[0].value == "raise":
        return 0
    raise Unsupported(f"keyword {value!r} inside a statement")


def _in_of_for(leaves: list[Leaf], index: int) -> bool:
    for position in backwards(leaves, index):
        if leaves[position].is_opening or leaves[position].value == "in":
            return False
        if leaves[position].value == "for":
            return True
    return False


def backwards(leaves: list[Leaf], index: int) -> Iterator[int]:
    """The positions before ``index`` at its bracket level, nearest first, up to and with the
    bracket that encloses it."""
    depth = 0
    for position in range(index - 1, -1, -1):
        leaf = leaves[position]
        if leaf.is_closing:
            depth += 1
        elif leaf.is_opening and depth:
            depth -= 1
        elif depth == 0:
            yield position
            if leaf.is_opening:
                return


def mark_annotations(leaves: list[Leaf]) -> None:
    """Which leaves of a def are inside a parameter's or the return annotation: black adds
    a trailing comma to exploded parameters only when no comma outside them exists."""
    depth = 0
    state = ""
    for leaf in leaves:
        if leaf.is_closing:
            depth -= 1
        if (depth == 1 and leaf.value in {",", "="}) or (depth == 0 and leaf.value == ":"):
            state = ""
        leaf.annotation = state if leaf.value else ""
        if depth == 1 and leaf.value == ":":
            state = "param"
        elif depth == 0 and leaf.value == "->":
            state = "return"
        if leaf.is_opening:
            depth += 1


def _is_one_tuple(leaves: list[Leaf], opening: Leaf, closing: Leaf) -> bool:
    if opening.value != "(" or opening.role != "atom":
        return False
    inside = leaves[leaves.index(opening) + 1 : leaves.index(closing)]
    return sum(1 for i in top_level(inside) if inside[i].value == ",") == 1
