"""Loading: what the nesting guard must let through."""

from __future__ import annotations

from pathlib import Path

from generator.load import MAX_YAML_NESTING, load_document


def test_brackets_in_prose_do_not_count_as_nesting(tmp_path: Path) -> None:
    """Only real nesting is refused: unbalanced brackets in a description are text."""
    lines = "".join("    see [the interval [0, 1)\n" for _ in range(MAX_YAML_NESTING))
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  description: |\n{lines}")
    document = load_document(spec)
    assert document.data["info"]["description"].count("[") == 2 * MAX_YAML_NESTING
