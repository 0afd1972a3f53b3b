"""A long module is laid out in pieces (``layout.pieces``): the pieces' layouts, joined, are the
module's, whatever its docstrings hold."""

from __future__ import annotations

from generator.output.layout import lay_out, pieces

_LONG_CALL = (
    "    return some_function_name(first_argument, second_argument, third_argument_is_longer_still)"
)
_MODULE = f'''"""A module whose docstring shows code at the left margin:

def not_a_function(argument):
    return argument
"""


def first() -> int:
{_LONG_CALL}


def second() -> str:
    """Its own docstring,

def still_the_docstring(): a line at the margin that no cut may precede
    """
{_LONG_CALL}


@decorated
def third() -> None:
{_LONG_CALL}
'''


def test_pieces_start_only_at_top_level_statements_outside_docstrings() -> None:
    cut = pieces(_MODULE, 1)
    assert "\n".join(cut) == _MODULE
    assert [piece.split("\n", 1)[0] for piece in cut[1:]] == [
        "def first() -> int:",
        "def second() -> str:",
        "@decorated",
    ]
    assert pieces(_MODULE, 10_000) == [_MODULE]


def test_the_pieces_laid_out_are_the_module_laid_out() -> None:
    whole = lay_out(_MODULE)
    assert whole is not None and whole != _MODULE  # the long calls were split
    for lines in (1, 5, 12):
        laid_out = [lay_out(piece) for piece in pieces(_MODULE, lines)]
        assert None not in laid_out  # every piece vouched for, as the whole is
        assert "\n".join(piece for piece in laid_out if piece is not None) == whole
