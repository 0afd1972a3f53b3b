"""A regular-expression matcher whose time is linear in the text's length.

Python's ``re`` backtracks: on a pattern such as ``^(a+)+$`` a 30-character string can take
minutes. The generator checks with ``re`` only the patterns it can show are safe for it, and
compiles every other one into a program for this matcher: a Pike VM (Thompson's simulation of
the pattern's automaton), which keeps at most one thread per instruction, so a text of ``n``
characters costs at most ``n + 1`` steps of the program's size.

A program is a string of instructions separated by spaces, numbered from 0:

- ``c`` followed by ranges of code points in hex (``61-7a,5f``): consume one character in
  one of them (``c`` alone consumes nothing and so never matches), then go on to the next;
- ``s3,7``: go on at both 3 and 7; ``j3``: go on at 3;
- ``^`` (the start of the text), ``$`` (its end), ``Z`` (its end or before a final newline),
  ``b`` (an ASCII word boundary), ``B`` (no word boundary): go on to the next if it holds;
- ``m``: a match.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Literal

_CHAR, _SPLIT, _JUMP, _ASSERT, _MATCH = range(5)
_ASSERTIONS = "^$ZbB"


class LinearPattern:
    """A compiled program; ``search`` is used where ``re.Pattern.search`` would be."""

    __slots__ = ("_anchored", "_bounds", "_first", "_ops", "_second")

    def __init__(self, program: str) -> None:
        ops: list[int] = []
        first: list[int] = []
        second: list[int] = []
        bounds: list[tuple[int, ...]] = []
        for instruction in program.split(" "):
            head, rest = instruction[0], instruction[1:]
            targets = (
                [int(part) for part in rest.split(",")] if head in "sj" else [0, 0]
            )
            if head == "c":
                ops.append(_CHAR)
                bounds.append(_bounds_of(rest))
            elif head in "sj":
                ops.append(_SPLIT if head == "s" else _JUMP)
                bounds.append(())
            elif head in _ASSERTIONS:
                ops.append(_ASSERT)
                targets = [_ASSERTIONS.index(head), 0]
                bounds.append(())
            elif head == "m":
                ops.append(_MATCH)
                bounds.append(())
            else:
                raise ValueError(f"not an instruction: {instruction!r}")
            if len(targets) != (1 if head == "j" else 2):
                raise ValueError(f"not an instruction: {instruction!r}")
            first.append(targets[0])
            second.append(targets[-1])
        if ops[-1] != _MATCH or any(
            not 0 <= target < len(ops)
            for op, targets in zip(ops, zip(first, second, strict=True), strict=True)
            if op in (_SPLIT, _JUMP)
            for target in targets
        ):
            raise ValueError("a program ends with a match and jumps only inside itself")
        self._ops = tuple(ops)
        self._first = tuple(first)
        self._second = tuple(second)
        self._bounds = tuple(bounds)
        # A program that starts with ``^`` can only match from the first character.
        self._anchored = ops[0] == _ASSERT and first[0] == 0

    def search(self, text: str) -> Literal[True] | None:
        """``True`` where ``re``'s ``search`` would find a match, ``None`` where it would not."""
        ops, first, second, bounds = self._ops, self._first, self._second, self._bounds
        seen = [-1] * len(ops)
        carried: list[int] = []
        size = len(text)
        for at in range(size + 1):
            stack = carried
            if at == 0 or not self._anchored:
                stack.append(0)
            elif not stack:
                return None
            waiting: list[int] = []
            while stack:
                pc = stack.pop()
                if seen[pc] == at:
                    continue
                seen[pc] = at
                op = ops[pc]
                if op == _CHAR:
                    waiting.append(pc)
                elif op == _SPLIT:
                    stack.append(second[pc])
                    stack.append(first[pc])
                elif op == _JUMP:
                    stack.append(first[pc])
                elif op == _ASSERT:
                    if _holds(first[pc], text, at):
                        stack.append(pc + 1)
                else:
                    return True
            if at == size:
                break
            point = ord(text[at])
            carried = [pc + 1 for pc in waiting if bisect_right(bounds[pc], point) & 1]
        return None


def _bounds_of(ranges: str) -> tuple[int, ...]:
    """``5f,61-7a`` as the bounds ``(0x5f, 0x60, 0x61, 0x7b)``: a code point is inside when
    an odd number of them are at or below it. Ranges come sorted and apart."""
    bounds: list[int] = []
    for part in ranges.split(",") if ranges else ():
        low, _, high = part.partition("-")
        bounds += [int(low, 16), int(high or low, 16) + 1]
    if any(bounds[i] >= bounds[i + 1] for i in range(len(bounds) - 1)):
        raise ValueError(f"ranges out of order: {ranges!r}")
    return tuple(bounds)


def _is_word(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (
        text[at].isascii() and text[at].isalnum() or text[at] == "_"
    )


def _holds(kind: int, text: str, at: int) -> bool:
    if kind == 0:
        return at == 0
    if kind == 1:
        return at == len(text)
    if kind == 2:
        return at == len(text) or (at == len(text) - 1 and text[at] == "\n")
    boundary = _is_word(text, at - 1) != _is_word(text, at)
    return boundary if kind == 3 else not boundary
