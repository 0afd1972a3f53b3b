"""How bad a spec validator finding is, by where it lies."""

from __future__ import annotations

import pytest

from generator.spec.findings import json_text, severity_of


@pytest.mark.parametrize(
    ("pointer", "severity"),
    [
        ("/info/description", "warning"),
        ("/info/license/url", "warning"),
        ("/paths/~1items/get/description", "warning"),
        ("/components/schemas/A/properties/x/default", "warning"),
        ("/components/schemas/A/example/id", "warning"),
        ("/components/examples/Sample/value", "warning"),
        ("/components/schemas/A/properties/description/title", "warning"),
        # A property, a schema or a path named like an annotation is still data.
        ("/components/schemas/A/properties/description/type", "error"),
        ("/components/schemas/description/required", "error"),
        ("/paths/~1description/get/parameters/0/schema", "error"),
        ("/components/schemas/A/required", "error"),
        ("", "error"),
    ],
)
def test_severity_follows_the_keyword_not_the_name(pointer: str, severity: str) -> None:
    assert severity_of(pointer) == severity


def test_values_are_spelled_as_json_and_shortened() -> None:
    assert json_text(None) == "null"
    assert json_text([True, "a"]) == '[true, "a"]'
    assert json_text("é") == '"é"'
    long = json_text("x" * 200)
    assert len(long) == 80 and long.endswith("...")
