"""generated/ is the seed's big golden file: it must be what the spec gives, byte for byte.

This runs the same code path as `python -m generator --check`; `pytest --update-golden` writes
the tree as `python -m generator` would.
"""

from __future__ import annotations

from pathlib import Path

from generator import generate
from generator.config import load_settings
from generator.output.write import diff_tree, write_tree


def test_generated_matches_the_spec(root: Path, update_golden: bool) -> None:
    settings = load_settings(root, None, None, None)
    files = generate(settings.spec, settings.package, display=settings.shown(settings.spec))
    if update_golden:
        write_tree(settings.out, files)
    difference = diff_tree(settings.out, files)
    assert not difference, "generated/ is stale; run python -m generator\n" + difference
