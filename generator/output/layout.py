"""Stage 8a: lay out the rendered code as black would, without running black.

Templates write every statement on one line (or a bracket already exploded one item a line);
the lines longer than 88 columns are split here by ``split.py``, black's own splitting rules
ported for the part of Python the generated code uses. A file is *vouched for* when every
long line was laid out and no code line is still too long; the format stage runs black on
the others, and the test suite runs black over every output to hold this module to black.
"""

from __future__ import annotations

import re

from generator.output.leaves import Unsupported, read_statement
from generator.output.line import LINE_LENGTH, Line
from generator.output.split import transform_line

# Strings and comments, so that triple-quoted text is never read as code. One pass of the
# regular expression engine over the file is far cheaper than Python's tokenizer.
_STRINGS = re.compile(
    r"""(?P<triple>[rRbBuUfF]{0,2}(?:\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''))"""
    r"""|[rRbBuUfF]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\#[^\n]*""",
    re.DOTALL,
)


def lay_out(text: str) -> str | None:
    """``text`` with its long lines split as black splits them, or ``None`` when a long line
    is not one the layout pass can vouch for."""
    lines = text.split("\n")
    if all(len(line) <= LINE_LENGTH for line in lines):
        return text
    in_text = _lines_in_triple_quotes(text)
    out: list[str] = []
    for number, line in enumerate(lines):
        if len(line) <= LINE_LENGTH:
            out.append(line)
            continue
        where = in_text.get(number)
        if where == "text":
            out.append(line)  # black leaves a docstring's lines as they are
            continue
        laid_out = None if where == "code" else lay_out_line(line)
        if laid_out is None:
            return None
        out.extend(laid_out)
    return "\n".join(out)


def _lines_in_triple_quotes(text: str) -> dict[int, str]:
    """Line numbers a triple-quoted string touches: ``"text"`` where the line is all string
    (a docstring's lines), ``"code"`` where code shares the line with one."""
    touched: dict[int, str] = {}
    for match in _STRINGS.finditer(text):
        if match.lastgroup != "triple":
            continue
        start, end = match.span()
        first = text.count("\n", 0, start)
        last = first + text.count("\n", start, end)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        alone = not text[line_start:start].strip() and not text[end : line_end % (len(text) + 1)].strip()
        for number in range(first, last + 1):
            touched[number] = "text" if alone else "code"
    return touched


def lay_out_line(text: str) -> list[str] | None:
    """One long logical line as black splits it; ``None`` when that is black's to decide."""
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
    result = [str(part) for part in transform_line(line)]
    if any(len(part) > LINE_LENGTH for part in result):
        return None
    return result
