"""Which names generated code uses decides its imports: ``mentioned`` reads the code once for
many names, and answers as the one-name rule does (not in a string, not as an attribute)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.models.annotations import _STRINGS, mentioned

NAMES = ("maybe", "parse_datetime", "UNSET", "date", "datetime", "models", "Any")
PIECES = st.sampled_from(
    [*NAMES, "self.maybe", "x.date", "'maybe'", '"UNSET"', "maybe_not", "_date", " ", "(", ")"]
    + [", ", ".", "[", "]", "=", "'it''s'", '"a \\" b"', "datetime.date", "1"]
)


def _one_name_rule(code: str, name: str) -> bool:
    return re.search(rf"(?<![.\w]){name}\b", _STRINGS.sub("", code)) is not None


@given(st.lists(PIECES, max_size=12).map("".join))
def test_mentioned_answers_as_the_one_name_rule(code: str) -> None:
    assert mentioned(code, NAMES) == [name for name in NAMES if _one_name_rule(code, name)]


def test_names_in_strings_and_attributes_are_not_uses() -> None:
    code = 'maybe(parse_datetime, data.get("UNSET")) if self.models else x.date'
    assert mentioned(code, NAMES) == ["maybe", "parse_datetime"]
