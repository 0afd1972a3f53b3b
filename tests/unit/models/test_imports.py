"""Import lines in the order ruff's isort rule (I001) wants, so generated code stays lint-clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import black

from generator.models.imports import import_line
from generator.naming import export_order
from generator.output.format import black_mode

# Names whose order a plain case-sensitive sort gets wrong: a trailing underscore (a schema
# named Literal becomes Literal_), digits of different lengths, capitals inside a word.
NAMES = ["LiteralOption2", "Literal_", "Option10", "Option2", "HTTPError", "HttpClient"]
NAMES += ["AB", "A_B", "bC", "b_c", "MAX"]


def test_names_are_ordered_as_ruff_orders_them(tmp_path: Path) -> None:
    line = import_line(".module", NAMES)
    listed = [name.strip().rstrip(",") for name in line.splitlines()[1:-1]]
    assert listed == [
        "A_B",
        "AB",
        "MAX",
        "HttpClient",
        "HTTPError",
        "Literal_",
        "LiteralOption2",
        "Option2",
        "Option10",
        "b_c",
        "bC",
    ]
    source = tmp_path / "imports.py"
    source.write_text(f"{line}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache"]
        + ["--select", "I", "--line-length", "200", str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_a_long_top_level_import_is_laid_out_as_black_lays_it_out() -> None:
    short = import_line(".module", ["B", "a"])
    assert short == "from .module import B, a"
    long = import_line(".module", NAMES)
    assert long.startswith("from .module import (\n    A_B,\n    AB,\n") and long.endswith("bC,\n)")
    for text in (short, long):
        assert black.format_str(f"{text}\n", mode=black_mode()) == f"{text}\n"


def test_an_indented_import_is_laid_out_where_its_template_places_it() -> None:
    """A template writes the first line at its block's indentation (a method's body here);
    the other lines of an exploded import take that indentation too."""
    placed = "        "
    for names in (["B", "a"], NAMES):
        text = import_line(".module", names, placed=placed)
        source = f"class A:\n    def f(self) -> None:\n{placed}{text}\n\n{placed}return None\n"
        assert black.format_str(source, mode=black_mode()) == source
    assert "\n" in import_line(".module", NAMES, placed=placed)


def test_exported_names_are_ordered_as_ruff_orders_dunder_all(tmp_path: Path) -> None:
    ordered = export_order(NAMES)
    # Unlike imports (I001), case counts: AB before A_B, LiteralOption2 before Literal_.
    assert ordered == [
        "AB",
        "A_B",
        "MAX",
        "HTTPError",
        "HttpClient",
        "LiteralOption2",
        "Literal_",
        "Option2",
        "Option10",
        "bC",
        "b_c",
    ]
    source = tmp_path / "exported.py"
    listed = "".join(f'    "{name}",\n' for name in ordered)
    source.write_text(f"__all__ = [\n{listed}]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache"]
        + ["--select", "RUF022", str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
