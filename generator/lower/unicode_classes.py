"""ECMA-262's Unicode property escapes (``\\p{L}``, ``\\p{Lu}``, ``\\P{Nd}``) as code point ranges.

Python's ``re`` has no property classes, and the generated code must not depend on a regex
library, so a property becomes the ranges of its code points, read from ``unicodedata``: the
Unicode version of the Python that runs the generator decides them. Only General_Category
properties are known; scripts and binary properties are refused by the caller.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

# ECMA-262's long names of the General_Category values (Table "Value aliases").
_LONG_NAMES = {
    "Letter": "L",
    "Cased_Letter": "LC",
    "Uppercase_Letter": "Lu",
    "Lowercase_Letter": "Ll",
    "Titlecase_Letter": "Lt",
    "Modifier_Letter": "Lm",
    "Other_Letter": "Lo",
    "Mark": "M",
    "Combining_Mark": "M",
    "Nonspacing_Mark": "Mn",
    "Spacing_Mark": "Mc",
    "Enclosing_Mark": "Me",
    "Number": "N",
    "Decimal_Number": "Nd",
    "digit": "Nd",
    "Letter_Number": "Nl",
    "Other_Number": "No",
    "Punctuation": "P",
    "punct": "P",
    "Connector_Punctuation": "Pc",
    "Dash_Punctuation": "Pd",
    "Open_Punctuation": "Ps",
    "Close_Punctuation": "Pe",
    "Initial_Punctuation": "Pi",
    "Final_Punctuation": "Pf",
    "Other_Punctuation": "Po",
    "Symbol": "S",
    "Math_Symbol": "Sm",
    "Currency_Symbol": "Sc",
    "Modifier_Symbol": "Sk",
    "Other_Symbol": "So",
    "Separator": "Z",
    "Space_Separator": "Zs",
    "Line_Separator": "Zl",
    "Paragraph_Separator": "Zp",
    "Other": "C",
    "Control": "Cc",
    "cntrl": "Cc",
    "Format": "Cf",
    "Surrogate": "Cs",
    "Private_Use": "Co",
    "Unassigned": "Cn",
}
_SHORT_NAMES = {
    "L", "LC", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
    "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
    "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
}  # fmt: skip


def category_of(name: str) -> str | None:
    """The General_Category a ``\\p{...}`` body names (``L``, ``Letter``, ``gc=Lu``), or None."""
    for prefix in ("General_Category=", "gc="):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    if name in _SHORT_NAMES:
        return name
    return _LONG_NAMES.get(name)


def class_body(category: str) -> str:
    """The inside of a character class matching exactly the code points of ``category``."""
    return "".join(_range_text(low, high) for low, high in _ranges(category))


@cache
def _ranges(category: str) -> tuple[tuple[int, int], ...]:
    members = {category} if len(category) == 2 and category != "LC" else None
    wanted = members or (
        {"Lu", "Ll", "Lt"} if category == "LC" else {c for c in _SHORT_NAMES if c[0] == category}
    )
    ranges: list[tuple[int, int]] = []
    for low, high, found in _all_categories():
        if found in wanted:
            if ranges and ranges[-1][1] == low - 1:
                ranges[-1] = (ranges[-1][0], high)
            else:
                ranges.append((low, high))
    return tuple(ranges)


@cache
def _all_categories() -> tuple[tuple[int, int, str], ...]:
    """Every run of code points of one category, in order: read once, in about a second."""
    runs: list[tuple[int, int, str]] = []
    start, current = 0, unicodedata.category("\0")
    for point in range(1, sys.maxunicode + 1):
        found = unicodedata.category(chr(point))
        if found != current:
            runs.append((start, point - 1, current))
            start, current = point, found
    runs.append((start, sys.maxunicode, current))
    return tuple(runs)


def _range_text(low: int, high: int) -> str:
    if low == high:
        return _point(low)
    separator = "" if high == low + 1 else "-"
    return f"{_point(low)}{separator}{_point(high)}"


def _point(point: int) -> str:
    char = chr(point)
    if char.isascii() and char.isalnum():
        return char
    if point <= 0xFF:
        return f"\\x{point:02x}"
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"
