"""The schema pass of openapi-spec-validator, and its check of each schema object against the
metaschema, are answered by jsonschema-rs for what is valid (``spec/schema_check.py``): that is
sound only while jsonschema-rs never calls valid what jsonschema does not, and the findings must
be those jsonschema alone gives."""

from __future__ import annotations

from collections.abc import Callable
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
from tests.validators.oracle import JSON_VALUES, mutations

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


def _agree(data: dict[str, Any]) -> bool:
    """What jsonschema-rs calls valid, jsonschema does too; whether they answered alike.

    Only its "valid" is trusted: it may be stricter (a pattern's ``$`` does not match before a
    final newline in Rust's regex, as in ECMA-262, where Python's ``re`` does), which costs
    only the speed-up, since jsonschema then answers."""
    validator = VALIDATORS[str(data["openapi"])[:3]]
    try:
        fast = validator.fast.is_valid(data)
    except ValueError:  # a document it cannot read (a key that is not a string)
        return False
    detailed = next(iter(validator.detailed.iter_errors(data)), None)
    assert not fast or detailed is None, detailed
    return bool(fast) == (detailed is None)


def test_jsonschema_rs_is_there_to_ask() -> None:
    assert all(validator.fast is not None for validator in VALIDATORS.values())


def test_they_agree_on_every_spec_of_the_suite() -> None:
    assert len(_documents()) > 50
    disagreements = [path for path, doc in _documents().items() if not _agree(doc.data)]
    assert disagreements == []


def test_a_stricter_no_from_jsonschema_rs_leaves_the_answer_to_jsonschema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``openapi: "3.0.3\\n"`` fails the metaschema's ``^3\\.0\\.\\d(-.+)?$`` in jsonschema-rs
    and passes it in jsonschema: the findings are jsonschema's."""
    document = _document.__wrapped__(ROOT / "spec" / "oci_core.yaml")  # type: ignore[attr-defined]
    document.data["openapi"] = "3.0.3\n"
    assert VALIDATORS["3.0"].fast.is_valid(document.data) is False
    assert not _agree(document.data)
    with_fast = find_problems(document)
    _without_jsonschema_rs(monkeypatch)
    assert find_problems(document) == with_fast


def _without_jsonschema_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    for validator in VALIDATORS.values():
        monkeypatch.setattr(validator, "fast", None)
    monkeypatch.setattr(schema_check, "fast_validator_for", None)  # the metaschema's answers


def _small_documents() -> list[Document]:
    """The suite's OpenAPI documents under 20 KB, in path order."""
    return [doc for path, doc in _documents().items() if path.stat().st_size < 20_000]


class _Disagreement(Exception):
    """jsonschema-rs called a schema valid that jsonschema does not."""


class _Both:
    """openapi-spec-validator's schema checkers, each asking jsonschema-rs (as ``prechecked``
    would) and jsonschema both: a schema jsonschema-rs calls valid must be valid to jsonschema.
    Counts the valid schemas, and those of them jsonschema-rs called valid."""

    def __init__(self) -> None:
        self.valid = self.fast_valid = 0

    def prechecked(self, checker: Callable[[Any], None]) -> Callable[[Any], None]:
        fast = schema_check._fast_metaschema(checker)
        assert fast is not None, checker  # every checker of the suite's dialects has one

        def check(schema: Any) -> None:
            fast_valid = schema_check._valid_to(fast, schema)  # as prechecked asks it
            try:
                checker(schema)
            except Exception:
                if fast_valid:
                    raise _Disagreement(schema) from None
                raise
            self.valid += 1
            self.fast_valid += fast_valid

        return check


def _check_schemas_both_ways(document: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> _Both:
    both = _Both()
    monkeypatch.setattr(schema_check, "prechecked", both.prechecked)
    validator = {"3.0": schema_check.OpenAPIV30Validator, "3.1": schema_check.OpenAPIV31Validator}
    try:
        list(validator[str(document["openapi"])[:3]](document).iter_errors())
    except _Disagreement:
        raise
    except Exception:  # noqa: BLE001, S110 - the validator's own stops (find_problems reports them)
        pass
    return both


def test_every_schema_of_the_suite_is_answered_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    valid = fast_valid = 0
    for document in _documents().values():
        both = _check_schemas_both_ways(document.data, monkeypatch)
        valid, fast_valid = valid + both.valid, fast_valid + both.fast_valid
    # jsonschema-rs calls the valid ones valid too (else it would save nothing).
    assert valid > 300 and fast_valid == valid, (valid, fast_valid)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_they_agree_on_broken_variations_of_them(data: st.DataObject) -> None:
    """One to three places of a small document changed (``oracle.mutations``)."""
    document: Any = data.draw(st.sampled_from(_small_documents())).data
    for _ in range(data.draw(st.integers(1, 3))):
        document = data.draw(mutations(document))
    if isinstance(document, dict) and str(document.get("openapi"))[:3] in VALIDATORS:
        _agree(document)
        with pytest.MonkeyPatch.context() as monkeypatch:
            _check_schemas_both_ways(document, monkeypatch)


# Schema objects of the keywords the metaschemas constrain most, with values of any type: a
# pattern among them is drawn as any text, most of which Python's re does not compile.
_KEYWORDS = ["type", "pattern", "format", "minimum", "exclusiveMinimum", "maxLength", "enum"]
_KEYWORDS += ["required", "items", "properties", "additionalProperties", "nullable", "$ref"]
_KEYWORDS += ["discriminator", "allOf", "uniqueItems", "const", "$schema", "$id"]
_SCHEMAS = st.recursive(
    st.dictionaries(st.sampled_from(_KEYWORDS), JSON_VALUES | st.text(max_size=8), max_size=4),
    lambda inner: st.dictionaries(
        st.sampled_from(["items", "not", "additionalProperties", "properties", "allOf"]),
        inner | st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner),
        min_size=1,
        max_size=2,
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(schema=_SCHEMAS, version=st.sampled_from(["3.0.3", "3.1.0"]))
def test_a_schema_jsonschema_rs_calls_valid_is_valid(schema: dict[str, Any], version: str) -> None:
    document = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Drawn": schema}},
    }
    with pytest.MonkeyPatch.context() as monkeypatch:
        _check_schemas_both_ways(document, monkeypatch)


def test_the_findings_are_those_of_jsonschema_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents()
    with_fast = {path: find_problems(document) for path, document in documents.items()}
    assert sum(1 for always, _ in with_fast.values() if always) >= 5  # invalid ones among them
    _without_jsonschema_rs(monkeypatch)
    for path, document in documents.items():
        assert find_problems(document) == with_fast[path], path
