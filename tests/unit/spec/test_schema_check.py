"""The schema pass of openapi-spec-validator is answered by jsonschema-rs for a valid document
(``spec/schema_check.py``): that is sound only while jsonschema-rs and jsonschema agree on
which documents are valid, and the findings must be those jsonschema alone gives."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import GenerationError
from generator.spec import schema_check
from generator.spec.bundle import bundle_document
from generator.spec.load import Document, load_document
from generator.spec.resolve import resolve_document
from generator.spec.validate import find_problems
from tests.validators.oracle import mutations

ROOT = Path(__file__).resolve().parents[3]
SUITE_SPECS = sorted(
    path
    for folder in (ROOT / "tests", ROOT / "spec")
    for path in folder.rglob("*")
    if path.suffix in (".yaml", ".json")
    and "expected" not in path.parts
    and "bomb" not in path.name
    and "growth" not in path.name
)
VALIDATORS = {
    "3.0": schema_check.OpenAPIV30Validator.schema_validator,
    "3.1": schema_check.OpenAPIV31Validator.schema_validator,
}


@cache
def _document(path: Path) -> Document | None:
    """The document as the validator gets it; None for what is not an OpenAPI 3 document."""
    try:
        document, _ = bundle_document(load_document(path, path.name), path, None)
        resolve_document(document)
    except (GenerationError, RecursionError):
        return None
    data = document.data
    if not isinstance(data, dict) or str(data.get("openapi", ""))[:3] not in VALIDATORS:
        return None
    return document


def _documents() -> dict[Path, Document]:
    return {path: doc for path in SUITE_SPECS if (doc := _document(path)) is not None}


def _agree(data: dict[str, Any]) -> None:
    validator = VALIDATORS[str(data["openapi"])[:3]]
    try:
        fast = validator.fast.is_valid(data)
    except ValueError:  # a document it cannot read (a key that is not a string)
        return
    detailed = next(iter(validator.detailed.iter_errors(data)), None)
    assert fast == (detailed is None), detailed


def test_jsonschema_rs_is_there_to_ask() -> None:
    assert all(validator.fast is not None for validator in VALIDATORS.values())


def test_they_agree_on_every_spec_of_the_suite() -> None:
    assert len(_documents()) > 50
    for document in _documents().values():
        _agree(document.data)


def _small_documents() -> list[Document]:
    """The suite's OpenAPI documents under 20 KB, in path order."""
    return [doc for path, doc in _documents().items() if path.stat().st_size < 20_000]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_they_agree_on_broken_variations_of_them(data: st.DataObject) -> None:
    """One to three places of a small document changed (``oracle.mutations``)."""
    document: Any = data.draw(st.sampled_from(_small_documents())).data
    for _ in range(data.draw(st.integers(1, 3))):
        document = data.draw(mutations(document))
    if isinstance(document, dict) and str(document.get("openapi"))[:3] in VALIDATORS:
        _agree(document)


def test_the_findings_are_those_of_jsonschema_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents()
    with_fast = {path: find_problems(document) for path, document in documents.items()}
    assert sum(1 for always, _ in with_fast.values() if always) >= 5  # invalid ones among them
    for validator in VALIDATORS.values():
        monkeypatch.setattr(validator, "fast", None)
    for path, document in documents.items():
        assert find_problems(document) == with_fast[path], path
