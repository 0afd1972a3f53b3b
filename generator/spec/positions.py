"""Lines of JSON values by pointer, found by a small scanner.

``json`` gives no positions, so a JSON spec is parsed by ``json.loads`` (fast) and scanned here
only when an error needs a line, or to name the pointer of a duplicate key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from generator.errors import join_pointer

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+|\s+', re.DOTALL)


@dataclass
class JsonPositions:
    text: str
    lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, str, int]] = field(default_factory=list)

    def scan(self) -> JsonPositions:
        """Walk the tokens once, keeping a stack of containers and the pointer of each value."""
        line = 1
        # Each frame: [pointer, is_object, next index or pending key, keys seen]
        stack: list[list[object]] = []
        expecting_key = False
        pending_key: str | None = None
        for match in _TOKEN.finditer(self.text):
            token = match.group()
            if token.isspace():
                line += token.count("\n")
                continue
            if token in ",:":
                if token == "," and stack and stack[-1][1]:
                    expecting_key = True
                continue
            if token in "}]":
                stack.pop()
                expecting_key = False
                continue
            if expecting_key:
                pending_key = _decode(token)
                frame = stack[-1]
                seen = frame[3]
                assert isinstance(seen, set)
                if pending_key in seen:
                    pointer = join_pointer(str(frame[0]), pending_key)
                    self.duplicates.append((pointer, pending_key, line))
                seen.add(pending_key)
                expecting_key = False
                continue
            pointer = self._value_pointer(stack, pending_key)
            self.lines.setdefault(pointer, line)
            if token in "{[":
                stack.append([pointer, token == "{", 0, set()])
                expecting_key = token == "{"
            line += token.count("\n")
        return self

    @staticmethod
    def _value_pointer(stack: list[list[object]], key: str | None) -> str:
        if not stack:
            return ""
        frame = stack[-1]
        if frame[1]:
            return join_pointer(str(frame[0]), key or "")
        index = frame[2]
        assert isinstance(index, int)
        frame[2] = index + 1
        return join_pointer(str(frame[0]), index)


def _decode(token: str) -> str:

    try:
        value = json.loads(token)
    except ValueError:
        return token
    return value if isinstance(value, str) else token
