"""Which ``$ref``s the resolver follows: the spec's, never those inside instance data."""

from __future__ import annotations

from typing import Any

import pytest

from generator.errors import GenerationError
from generator.spec.load import Document
from generator.spec.resolve import resolve_document
from generator.spec.validate import validate_document

DANGLING = {"$ref": "#/nowhere"}


def _spec(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"A": schema}, **extra},
    }


@pytest.mark.parametrize(
    "data",
    [
        _spec({"example": DANGLING}),
        _spec({"default": DANGLING}),
        _spec({"enum": [DANGLING]}),
        _spec({"const": DANGLING}),
        _spec({"examples": [DANGLING]}),
        _spec({"x-vendor": DANGLING}),
        _spec({}, examples={"One": {"value": DANGLING}}),
        _spec({"properties": {"a": {"example": {"nested": DANGLING}}}}),
    ],
    ids=["example", "default", "enum", "const", "examples", "extension", "Example value", "deep"],
)
def test_a_ref_inside_instance_data_is_a_value(data: dict[str, Any]) -> None:
    resolve_document(Document("spec.yaml", data))


@pytest.mark.parametrize(
    "data",
    [
        _spec({"properties": {"default": DANGLING}}),
        _spec({"properties": {"example": {"items": DANGLING}}}),
        _spec({}, examples={"One": DANGLING}),
    ],
    ids=["property named default", "property named example", "Example Object by reference"],
)
def test_a_ref_where_the_spec_allows_one_is_followed(data: dict[str, Any]) -> None:
    with pytest.raises(GenerationError, match="points at nothing"):
        resolve_document(Document("spec.yaml", data))


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_the_spec_validator_reads_refs_in_data_as_values(version: str) -> None:
    data = _spec(
        {
            "type": "object",
            "example": {"$ref": "#/nowhere", "x": 1},
            "default": {"$ref": "#/nowhere"},
            "properties": {"x": {"type": "object", "enum": [DANGLING]}},
        },
        examples={"One": {"value": DANGLING}},
    )
    data["openapi"] = version
    document = Document("spec.yaml", data)
    assert validate_document(document) == []
    assert data["components"]["schemas"]["A"]["default"] == DANGLING  # the spec is not changed
