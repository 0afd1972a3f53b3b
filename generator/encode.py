"""The only ways a string from a spec enters generated code.

Templates never quote, escape or join spec text themselves: they place what these functions
return. That single rule is the defence against code injection, so every sink is here.
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from generator.naming import is_valid_identifier

# Characters that end a line for some reader (Python's tokenizer, str.splitlines, editors) or
# cannot be written to a UTF-8 file; inside generated text they are written as escapes.
_UNSAFE_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
# In ASCII only control characters are unsafe; a tab and a line break stay in a docstring.
_ASCII_UNSAFE_IN_DOCSTRING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# A quote that starts a run of three, or that would run into the closing quotes.
_QUOTE_TO_ESCAPE = re.compile(r'"(?="")|"\Z')
DOC_WIDTH = 88
_CODING = re.compile(r"coding([:=])")
# An entry of a Google-style section: four spaces, a name, a colon (``    details: The...``).
_GOOGLE_ENTRY = re.compile(r"    [A-Za-z_][A-Za-z0-9_.\[\], |]*: ")


def literal(value: Any) -> str:
    """A Python expression that evaluates to ``value`` (JSON-like data only)."""
    if value is None or isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f"float({repr(str(value))})"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


def _string(value: str) -> str:
    """``repr(value)`` in the quotes black writes: double quotes, unless they would take more
    backslashes than single ones (so black, the formatter of record, leaves it as it is)."""
    text = repr(value)
    if text[0] == '"':
        return text  # repr chose double quotes: the value holds ' and no "
    body = text[1:-1]
    if '"' not in body and "'" not in value:
        return f'"{body}"'  # nothing to escape either way: most strings
    parts: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            # Every backslash in repr's text begins an escape: \\, \n, \x.., \u...., \'.
            following = body[index + 1]
            parts.append("'" if following == "'" else char + following)
            index += 2
            continue
        parts.append('\\"' if char == '"' else char)
        index += 1
    converted = "".join(parts)
    if converted.count("\\") > body.count("\\"):
        return text
    return f'"{converted}"'


def identifier(name: str) -> str:
    """A name made by ``generator.naming``, checked once more before it is written."""
    if not is_valid_identifier(name):
        raise ValueError(f"not a safe Python identifier: {name!r}")
    return name


def comment(text: str) -> str:
    """One comment line's text: line breaks and control characters become spaces, and
    ``coding:`` is broken up so that the line can never declare the file's encoding."""
    cleaned = _spaced(text, keep_line_breaks=False)
    return _CODING.sub(r"coding \1", " ".join(cleaned.split()))


@lru_cache(maxsize=65536)  # a spec repeats its descriptions: Stripe 23,700 calls, 16,500 texts
def docstring(text: str, indent: int = 0) -> str:
    """A complete triple-quoted literal whose value is ``text`` (wrapped, re-indented)."""
    lines = _wrap(_normalise(text), DOC_WIDTH - indent - 3)  # 3: the opening quotes
    body = "\n".join(lines)
    escaped = _escape_for_docstring(body)
    pad = " " * indent
    if "\n" not in escaped:
        return f'"""{escaped}"""'
    indented = "\n".join(pad + line if line else "" for line in escaped.split("\n"))
    return f'"""{indented.lstrip()}\n{pad}"""'


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    """Wrap long lines at spaces, keeping a list item's continuation under its text."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        stripped = line.lstrip()
        lead = line[: len(line) - len(stripped)]
        hang = lead + ("  " if stripped[:2] in ("- ", "* ") else "")
        if _GOOGLE_ENTRY.match(line):  # an Args:/Raises: entry continues four columns in
            hang = lead + "    "
        out.extend(
            textwrap.wrap(
                line,
                width=max(width, 20),
                subsequent_indent=hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )
    return out


def _escape_for_docstring(text: str) -> str:
    text = text.replace("\\", "\\\\")
    # Descriptions are mostly plain ASCII: one search instead of a look at every character.
    if not text.isascii() or _ASCII_UNSAFE_IN_DOCSTRING.search(text):
        text = "".join(_escape_char(c) if _is_unsafe(c) and c != "\n" else c for c in text)
    return _QUOTE_TO_ESCAPE.sub(r'\\"', text) if '"' in text else text


def _spaced(text: str, *, keep_line_breaks: bool) -> str:
    """``text`` with each unsafe character (a control character, a line or paragraph
    separator, a lone surrogate) replaced by a space; tabs stay, line breaks if asked."""
    if text.isascii():  # the common case, in one pass of the regular expression engine
        unsafe = _ASCII_UNSAFE_IN_DOCSTRING if keep_line_breaks else _ASCII_UNSAFE
        return unsafe.sub(" ", text)
    return "".join(
        " " if _is_unsafe(c) and not (keep_line_breaks and c == "\n") else c for c in text
    )


def _is_unsafe(char: str) -> bool:
    return char != "\t" and unicodedata.category(char) in _UNSAFE_CATEGORIES


def _escape_char(char: str) -> str:
    code = ord(char)
    if unicodedata.category(char) == "Cs":
        # A lone surrogate cannot be a class docstring (CPython stores those as UTF-8), so the
        # docstring shows its escape as text instead.
        return f"\\\\u{code:04x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def markdown_text(text: str) -> str:
    """A spec description placed as a Markdown paragraph. Descriptions are CommonMark already
    (OpenAPI says so), so they stay Markdown; control characters become spaces, and raw HTML
    comment delimiters are broken up so a description cannot hide the rest of the page."""
    cleaned = _spaced(_normalise(text), keep_line_breaks=True)
    return cleaned.replace("<!--", "&lt;!--").replace("-->", "--&gt;")


def markdown_cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    one_line = " ".join(markdown_text(text).split())
    return one_line.replace("\\", "\\\\").replace("|", "\\|")


@lru_cache(maxsize=65536)
def markdown_code(text: str) -> str:
    """An inline code span showing ``text`` exactly (fenced by more backticks than it holds),
    safe in a table cell."""
    one_line = " ".join(_spaced(text, keep_line_breaks=False).split())
    longest = max((len(run) for run in re.findall(r"`+", one_line)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {one_line} " if one_line.startswith("`") or one_line.endswith("`") else one_line
    return f"{fence}{padded}{fence}".replace("|", "\\|")


# TOML's short escapes; every other control character is written as ``\uXXXX``.
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n"}
_TOML_ESCAPES |= {"\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string (``"..."``) whose value is ``text``, on one line. Quotes,
    backslashes and every control character are escaped, so no text can end the string or the
    line; a lone surrogate, which TOML cannot hold, becomes U+FFFD."""
    out = []
    for char in text:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif unicodedata.category(char) == "Cs":
            out.append("\ufffd")
        elif _is_unsafe(char) or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_strings(texts: Iterable[str]) -> str:
    """A TOML array (on one line) of the basic strings of ``texts``."""
    return "[" + ", ".join(toml_string(text) for text in texts) + "]"
