"""Stage 8a: lay out the rendered code as black would, without running black.

Templates write every statement on one line (or a bracket already exploded one item a line);
the lines longer than 88 columns are split here by ``split.py``, black's own splitting rules
ported for the part of Python the generated code uses. A file is *vouched for* when every
long line was laid out (a line black cannot shorten either, such as a name longer than the
line, stays as long as black leaves it); the format stage runs black on the others, and the
test suite runs black over every output to hold this module to black.
"""

from __future__ import annotations

import keyword
import re
from functools import lru_cache

from generator.output.leaves import Unsupported
from generator.output.line import LINE_LENGTH, Line
from generator.output.parens import read_statement
from generator.output.split import transform_line


def lay_out(text: str) -> str | None:
    """``text`` with its long lines split as black splits them, or ``None`` when a long line
    is not one the layout pass can vouch for."""
    lines = text.split("\n")
    if all(len(line) <= LINE_LENGTH for line in lines):
        return text
    out: list[str] = []
    in_docstring = False
    lines.reverse()  # a stack: a wrapped call's lines go back on it, to be laid out in turn
    while lines:
        line = lines.pop()
        if len(line) <= LINE_LENGTH and '"""' not in line and "'''" not in line:
            out.append(line)  # most lines: short, and no docstring starts or ends on them
            continue
        stripped = line.lstrip(" ")
        if "'''" in line:
            return None
        if '"""' in line:
            # Any triple quote but a docstring's opening or closing (in a string's value) is
            # black's to judge.
            opens, closes = _docstring_edges(line, in_docstring)
            if not opens and not (in_docstring and closes):
                return None
            out.append(line)  # black leaves a docstring's lines as they are
            in_docstring = (opens or in_docstring) and not closes
            continue
        if (
            in_docstring
            or len(line) <= LINE_LENGTH
            or stripped.startswith("#")  # black never wraps a comment
            or _is_unsplittable_head(stripped, len(line) - len(stripped))
        ):
            out.append(line)
            continue
        if stripped.startswith(") -> ") and stripped.endswith(":"):
            annotated = _return_annotation(line)
            if annotated is None:
                return None
            out.extend(annotated)
            continue
        if stripped.startswith("return ") and stripped.endswith("("):
            wrapped = _wrapped_return(line, lines)
            if wrapped is None:
                return None
            lines.extend(reversed(wrapped))
            continue
        laid_out = lay_out_shape(line) if stripped[-1] not in "[{" else _display_head(line)
        if laid_out is None:
            return None
        out.extend(laid_out)
    return "\n".join(out)


def _docstring_edges(line: str, in_docstring: bool) -> tuple[bool, bool]:
    """Whether a line holding a triple quote opens a docstring, and whether it closes one:
    our docstrings open at the start of a line and close at the end of one."""
    stripped = line.lstrip(" ")
    opens = not in_docstring and stripped.startswith(('"""', 'r"""'))
    closes = line.endswith('"""') and (in_docstring or len(stripped) > 5)
    return opens, closes


def _return_annotation(line: str) -> tuple[str, ...] | None:
    """``) -> Name:`` closing a ``def`` a template exploded, too long: black puts the name in
    parentheses on a line of its own, unless it is a plain name too long for that line too."""
    indent = line[: len(line) - len(line.lstrip(" "))]
    name = line.strip()[len(") -> ") : -1]
    if not _dotted(name):
        return None
    if "." not in name and len(indent) + 4 + len(name) > LINE_LENGTH:
        return (line,)  # black wraps a dotted name even so: it might split at its dots
    return (f"{indent}) -> (", f"{indent}    {name}", f"{indent}):")


def _wrapped_return(head: str, rest: list[str]) -> list[str] | None:
    """``return Name(`` over arguments a template exploded, too long, where ``Name(`` fits a
    line of its own: black puts the call in parentheses (``return (``, the call one level in,
    ``)``). Takes the call's lines off ``rest`` (a stack) and gives them back so wrapped."""
    indent = head[: len(head) - len(head.lstrip(" "))]
    called = head.strip()[len("return ") : -1]
    if not _dotted(called):
        return None
    closing = next(
        (i for i in range(len(rest) - 1, -1, -1) if not rest[i].startswith(indent + " ")), None
    )
    if closing is None or rest[closing] != indent + ")":
        return None
    body = [rest.pop() for _ in range(len(rest) - 1 - closing)]
    rest.pop()  # the closing parenthesis, written below one level in
    inner = indent + "    "
    return [
        f"{indent}return (",
        f"{inner}{called}(",
        *(f"    {line}" if line else line for line in body),
        f"{inner})",
        f"{indent})",
    ]


def lay_out_shape(text: str) -> tuple[str, ...] | None:
    """``lay_out_line``, by way of the line's shape: black's splits depend on the length of a
    name, a string or a number, never on its text (only keywords and operators are read), so
    lines that differ only there are split alike. Stripe's 35,000 long lines have 12,600
    shapes; each is laid out once, and a line of that shape gets its values put back."""
    if not text.isascii() or "\t" in text or '"""' in text or "'''" in text:
        return lay_out_line(text)  # refused on what the shape would hide
    pieces = _VALUE.split(text)
    values = pieces[1::2]
    pieces[1::2] = map(_stand_in, values)
    shape = _shaped("".join(pieces))
    if shape is None:
        return None
    filled: list[str] = []
    taken = iter(values)
    for line in shape:
        parts = [line[0]]
        for literal in line[1:]:
            parts += (next(taken), literal)
        filled.append("".join(parts))
    return tuple(filled)


# What lay_out_shape reads as values: a string (with its prefix letters), a name, a number.
# The rest (operators, spaces) is the shape's own text, and so are keywords (``_stand_in``).
_VALUE = re.compile(
    r"""((?:[rRbBuUfF]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))"""
    r"|\b[A-Za-z_][A-Za-z0-9_]*"
    r"|(?<![\w.])(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)"
    r"(?:[eE][+-]?\d+)?[jJ]?))"
)
_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)


def _stand_in(value: str) -> str:
    """A value of the same kind and length: ``aaaa`` for a name, ``111`` for a number, a
    string of ``x``s with the same prefix and quotes; a keyword is itself."""
    if value in _KEYWORDS:
        return value
    last = value[-1]
    if last in "\"'":
        opening = value.index(last) + 1
        return value[:opening] + "x" * (len(value) - opening - 1) + last
    return ("1" if value[0] in "0123456789." else "a") * len(value)


@lru_cache(maxsize=16384)
def _shaped(canonical: str) -> tuple[tuple[str, ...], ...] | None:
    """A shape laid out, each line as the literal text around its values, in order; None when
    the layout pass refuses it, or when the values would not line up (a split adds or drops
    only brackets, commas and spaces, so that is never seen; if it were, black decides)."""
    laid_out = lay_out_line(canonical)
    if laid_out is None:
        return None
    lines = tuple(tuple(_VALUE.split(line)[0::2]) for line in laid_out)
    values = len(_VALUE.split(canonical)) // 2
    return lines if sum(len(line) - 1 for line in lines) == values else None


@lru_cache(maxsize=8192)
def lay_out_line(text: str) -> tuple[str, ...] | None:
    """One long logical line as black splits it; ``None`` when that is black's to decide.
    Generated packages repeat many lines, hence the cache."""
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    if indent % 4:
        return None
    element = stripped.endswith(",")
    try:
        leaves = read_statement(stripped, element)
    except Unsupported:
        return None
    line = Line(indent // 4, inside_brackets=element)
    line.extend(leaves)
    return tuple(str(part) for part in transform_line(line))


_ANNOTATED_DISPLAY = re.compile(r"(?P<target>[A-Za-z_][\w.]*): (?P<annotation>[^=]+) = [\[{]")


def _display_head(text: str) -> tuple[str, ...] | None:
    """The first line of a list or dict a template exploded, ``target: annotation = {``, too
    long, where the annotation is a (dotted) name: black splits the annotation's invisible
    parentheses (``target: (``, the annotation, ``) = {``), even when ``target: (`` is still
    too long. Any other long head is black's to decide."""
    stripped = text.lstrip(" ")
    indent = text[: len(text) - len(stripped)]
    found = _ANNOTATED_DISPLAY.fullmatch(stripped)
    if found is None:
        return None
    target, annotation = found["target"], found["annotation"]
    if not _dotted(annotation):
        return None  # an annotation with brackets of its own is split there: black's
    if len(indent) + 4 + len(annotation) > LINE_LENGTH:
        return None
    return (f"{indent}{target}: (", f"{indent}    {annotation}", f"{indent}) = {stripped[-1]}")


def _dotted(name: str) -> bool:
    """A name or a dotted name (``models.Pet``): nothing black could split inside."""
    return all(part.isidentifier() for part in name.split("."))


def _is_unsplittable_head(stripped: str, indent: int = 0) -> bool:
    """The first line of a bracket a template exploded, too long by a name alone: ``from
    a_long_module import (``, ``def a_long_function_name(`` or ``return ALongClassName(``.
    Black cannot shorten it either and leaves it."""
    words = stripped.split(" ")
    if len(words) == 4 and words[0] == "from" and words[2:] == ["import", "("]:
        return True
    if len(words) == 2 and words[0] == "return" and words[1].endswith("("):
        # ``return Name(``: black would put the call in parentheses on a line of its own,
        # unless the name is too long for that line too.
        called = words[1][:-1]
        return _dotted(called) and indent + 4 + len(words[1]) > LINE_LENGTH
    name = stripped.removeprefix("async ").removeprefix("def ")
    return (
        stripped.startswith(("def ", "async def "))
        and name[:-1].isidentifier()
        and (name.endswith("("))
    )


def pieces(text: str, lines: int) -> list[str]:
    """``text`` cut into pieces of about ``lines`` lines that ``lay_out`` takes one at a time
    with the same result as whole: each piece after the first starts a top-level ``def``,
    ``class`` or decorator after a blank line and outside any docstring, which no wrapped
    line before it reaches into. Joined with newlines, the pieces' layouts are the text's."""
    rows = text.split("\n")
    if len(rows) <= lines:
        return [text]
    cuts = [0]
    in_docstring = False
    for index, row in enumerate(rows):
        if (
            not in_docstring
            and index - cuts[-1] >= lines
            and row.startswith(("def ", "class ", "async def ", "@"))
            and not rows[index - 1]  # after a blank line: not a decorated def's own line
        ):
            cuts.append(index)
        if '"""' in row:
            opens, closes = _docstring_edges(row, in_docstring)
            in_docstring = (opens or in_docstring) and not closes
    cuts.append(len(rows))
    return ["\n".join(rows[start:end]) for start, end in zip(cuts, cuts[1:], strict=False)]
