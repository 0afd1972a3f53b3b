"""Stage 8a: lay out the rendered code as black would, without running black.

Templates write every statement on one line (or a bracket already exploded one item a line);
the lines longer than 88 columns are split here by ``split.py``, black's own splitting rules
ported for the part of Python the generated code uses. A file is *vouched for* when every
long line was laid out (a line black cannot shorten either, such as a name longer than the
line, stays as long as black leaves it); the format stage runs black on the others, and the
test suite runs black over every output to hold this module to black.
"""

from __future__ import annotations

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
    for line in lines:
        stripped = line.lstrip(" ")
        if "'''" in line:
            return None
        if '"""' in line:
            # Our docstrings open at the start of a line and close at the end of one; any
            # other triple quote (in a string's value) is black's to judge.
            opens = not in_docstring and stripped.startswith(('"""', 'r"""'))
            closes = line.endswith('"""') and (in_docstring or len(stripped) > 5)
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
        laid_out = lay_out_line(line) if stripped[-1] not in "[{" else _display_head(line)
        if laid_out is None:
            return None
        out.extend(laid_out)
    return "\n".join(out)


@lru_cache(maxsize=4096)
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
    for leaf in leaves:
        line.append(leaf)
    return tuple(str(part) for part in transform_line(line))


_ANNOTATED_DISPLAY = re.compile(r"(?P<target>[A-Za-z_][\w.]*): (?P<annotation>[^=]+) = [\[{]")


def _display_head(text: str) -> tuple[str, ...] | None:
    """The first line of a list or dict a template exploded, ``target: annotation = {``, too
    long: black splits the annotation's invisible parentheses (``target: (``, the annotation,
    ``) = {``). Any other long head is black's to decide."""
    stripped = text.lstrip(" ")
    indent = text[: len(text) - len(stripped)]
    found = _ANNOTATED_DISPLAY.fullmatch(stripped)
    if found is None:
        return None
    target, annotation = found["target"], found["annotation"]
    if len(indent) + len(target) + 3 > LINE_LENGTH:
        return None
    inner = lay_out_line(f"{indent}    {annotation}")
    if inner is None or len(inner) != 1:
        return None
    return (f"{indent}{target}: (", inner[0], f"{indent}) = {stripped[-1]}")


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
        dotted = all(part.isidentifier() for part in called.split("."))
        return dotted and indent + 4 + len(words[1]) > LINE_LENGTH
    name = stripped.removeprefix("async ").removeprefix("def ")
    return (
        stripped.startswith(("def ", "async def "))
        and name[:-1].isidentifier()
        and (name.endswith("("))
    )
