"""ECMA-262 patterns (what ``pattern`` and ``patternProperties`` are written in) as Python's ``re``.

The two dialects agree on most syntax but not on every meaning: ``\\d``, ``\\w`` and ``\\b`` are
ASCII in ECMA-262 and Unicode in Python (the generated code compiles with ``re.ASCII``), ``\\s``
and ``.`` know other line terminators and spaces, ``$`` in Python also matches before a final
newline. Those are rewritten here. Syntax one dialect reads and the other reads differently or
not at all is refused with a reason, so that a pattern never silently means something else.
"""

from __future__ import annotations

import re
import warnings

from generator.lower.unicode_classes import category_of, class_body

# ECMA-262 WhiteSpace and LineTerminator code points: what \s matches there.
_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_CLASS_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _SPACE}
_ATOM_ESCAPES = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}
# Escapes both dialects read alike (with re.ASCII for \b and \B).
_SAME_ESCAPES = set("bBfnrtv0")
_SYNTAX = set("^$\\.*+?()[]{}|/-")


class PatternError(ValueError):
    """The pattern cannot be given the same meaning in Python."""


def translate(pattern: str) -> str:
    """Python source for ``pattern`` (to be compiled with ``re.ASCII``), or ``PatternError``."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            text, i = _escape(pattern, i, in_class=False)
            out.append(text)
        elif char == "[":
            text, i = _char_class(pattern, i)
            out.append(text)
        elif char == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
            i += 1
        elif char == "$":
            out.append("\\Z")
            i += 1
        elif char == "(" and pattern.startswith("(?", i):
            text, i = _group_open(pattern, i)
            out.append(text)
        elif char == "{":
            text, i = _brace(pattern, i)
            out.append(text)
        elif char == "+" and out and _is_quantifier(out[-1]):
            raise PatternError("possessive quantifiers (like 'a*+') are not ECMA-262 syntax")
        else:
            out.append(char)
            i += 1
    result = "".join(out)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            re.compile(result, re.ASCII)
    except (re.error, FutureWarning, DeprecationWarning) as error:
        raise PatternError(f"Python's re cannot read it: {error}") from None
    return result


def _is_quantifier(token: str) -> bool:
    return token in ("*", "+", "?") or (token.startswith("{") and token.endswith("}"))


def _escape(pattern: str, i: int, *, in_class: bool) -> tuple[str, int]:
    if i + 1 >= len(pattern):
        raise PatternError("the pattern ends with a lone backslash")
    char = pattern[i + 1]
    if char in _CLASS_ESCAPES or char in "DWS":
        if in_class:  # a negated one is handled by the class itself
            return _CLASS_ESCAPES[char], i + 2
        return _ATOM_ESCAPES[char], i + 2
    if char == "b" and in_class:
        return "\\x08", i + 2
    if char in "123456789":
        if in_class:
            raise PatternError(f"'\\{char}' inside a character class reads differently in Python")
        number = re.match(r"[0-9]+", pattern[i + 1 :])
        assert number is not None
        group = number.group(0)
        # ECMA-262: a reference to a group that did not take part matches the empty string;
        # in Python it fails, unless made conditional on the group.
        return f"(?({group})\\{group}|)", i + 1 + len(group)
    if char in _SAME_ESCAPES:
        if char == "0" and i + 2 < len(pattern) and pattern[i + 2].isdigit():
            raise PatternError("octal escapes read differently in ECMA-262 and Python")
        return pattern[i : i + 2], i + 2
    if char == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[i + 2 : i + 4]):
        return pattern[i : i + 4], i + 4
    if char == "u":
        if re.fullmatch(r"[0-9A-Fa-f]{4}", pattern[i + 2 : i + 6]):
            high = int(pattern[i + 2 : i + 6], 16)
            low = re.match(r"\\u([dD][c-fC-F][0-9A-Fa-f]{2})", pattern[i + 6 :])
            if 0xD800 <= high <= 0xDBFF and low:
                # A surrogate pair is one code point, as the matched string holds it.
                point = 0x10000 + ((high - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00)
                return f"\\U{point:08x}", i + 12
            return pattern[i : i + 6], i + 6
        braced = re.match(r"\{([0-9A-Fa-f]{1,6})\}", pattern[i + 2 :])
        if braced:
            return f"\\U{int(braced.group(1), 16):08x}", i + 2 + braced.end()
        raise PatternError("'\\u' must be followed by four hex digits or {hex digits}")
    if (
        char == "c"
        and i + 2 < len(pattern)
        and pattern[i + 2].isascii()
        and pattern[i + 2].isalpha()
    ):
        return f"\\x{ord(pattern[i + 2]) % 32:02x}", i + 3
    if char == "k" and not in_class:
        named = re.match(r"<([A-Za-z_][A-Za-z0-9_]*)>", pattern[i + 2 :])
        if named:
            name = named.group(1)
            return f"(?({name})(?P={name})|)", i + 2 + named.end()
    if char in _SYNTAX:
        return pattern[i : i + 2], i + 2
    if char in "pP":
        body, end = _property(pattern, i)
        return (f"[^{body}]" if char == "P" else f"[{body}]"), end
    if char.isascii() and char.isalnum():
        raise PatternError(f"'\\{char}' reads differently in ECMA-262 and Python")
    return "\\" + char, i + 2


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """``[...]``: ECMA's ``[]`` matches nothing and ``[^]`` anything; Python reads neither.

    Python cannot put a negated set (``\\D``, ``\\W``, ``\\S``, ``\\P{..}``) inside a class, so a
    class holding one becomes an alternation of one-character classes, each exact.
    """
    start = i
    i += 1
    negated = pattern.startswith("^", i)
    if negated:
        i += 1
    if pattern.startswith("]", i):
        return ("(?s:.)" if negated else "(?!)"), i + 1
    parts: list[str] = []
    complements: list[str] = []  # the bodies of negated sets: [^body] each
    while i < len(pattern) and pattern[i] != "]":
        char = pattern[i]
        if char == "\\":
            escape = pattern[i + 1 : i + 2]
            if escape in ("D", "W", "S"):
                complements.append(_CLASS_ESCAPES[escape.lower()])
                i += 2
                continue
            if escape in ("p", "P"):
                body, i = _property(pattern, i)
                (complements if escape == "P" else parts).append(body)
                continue
            is_set = escape in ("d", "w", "s")
            text, i = _escape(pattern, i, in_class=True)
            if is_set:
                # A '-' beside a class escape is a literal hyphen in ECMA-262, not a range.
                if parts and parts[-1] == "-":
                    parts[-1] = "\\-"
                if pattern.startswith("-", i) and not pattern.startswith("-]", i):
                    text += "\\-"
                    i += 1
            parts.append(text)
        elif char in "[&~|" or (char == "-" and pattern.startswith("--", i)):
            parts.append("\\" + char)  # Python warns these may become set operations
            i += 1
        else:
            parts.append(char)
            i += 1
    if i >= len(pattern):
        raise PatternError(f"the character class at offset {start} is never closed")
    if not complements:
        return "[" + ("^" if negated else "") + "".join(parts) + "]", i + 1
    if any(body in parts for body in complements):
        # A set and its complement, as in [\\s\\S]: every character.
        return ("(?!)" if negated else "(?s:.)"), i + 1
    options = [f"[^{body}]" for body in complements]
    if parts:
        options.append("[" + "".join(parts) + "]")
    either = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return (f"(?:(?!{either})(?s:.))" if negated else either), i + 1


def _property(pattern: str, i: int) -> tuple[str, int]:
    """The class body of ``\\p{...}`` or ``\\P{...}`` at ``i`` (the complement is the caller's)."""
    named = re.match(r"\{([A-Za-z_=]+)\}", pattern[i + 2 :])
    if not named:
        raise PatternError("'\\p' must be followed by a property name in braces")
    category = category_of(named.group(1))
    if category is None:
        raise PatternError(
            f"'\\p{{{named.group(1)}}}' is not a General_Category; Python's re has no other "
            "Unicode properties"
        )
    return class_body(category), i + 2 + named.end()


def _group_open(pattern: str, i: int) -> tuple[str, int]:
    for prefix in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
        if pattern.startswith(prefix, i):
            return prefix, i + len(prefix)
    named = re.match(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>", pattern[i:])
    if named:
        return f"(?P<{named.group(1)}>", i + named.end()
    raise PatternError(f"the group syntax {pattern[i:i + 3]!r} is not ECMA-262")


def _brace(pattern: str, i: int) -> tuple[str, int]:
    """A quantifier ``{n}``, ``{n,}``, ``{n,m}``; any other brace is a literal in ECMA-262."""
    quantifier = re.match(r"\{[0-9]+(,[0-9]*)?\}", pattern[i:])
    if quantifier:
        return quantifier.group(0), i + quantifier.end()
    return "\\{", i + 1
