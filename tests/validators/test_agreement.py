"""The generated validators accept and reject exactly what openapi-schema-validator does, on
the seed and on two specs that use every supported keyword (3.0 and 3.1), and on unions that
only validation tells apart, with their choosers (``agreement.py`` has the machinery;
``test_agreement_shapes.py`` the specs about shapes)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator.ir import ChoiceRules
from generator.lower.api import build_api
from generator.spec.load import load_document
from generator.spec.resolve import resolve_document
from tests.validators.agreement import (
    AGREEMENT,
    SPECS,
    _document,
    _oracle,
    cases,
    check_agreement,
    packages_of,
)
from tests.validators.oracle import CUSTOM_FORMATS, json_schema_of, mutations

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

KEYWORDS = ("seed", "validators_30", "validators_31", "choices")


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    yield from packages_of(tmp_path_factory, KEYWORDS)


@pytest.mark.parametrize(("case", "name", "direction"), cases(KEYWORDS))
@AGREEMENT
@given(data=st.data())
def test_generated_validator_agrees_with_openapi_schema_validator(
    packages: Any, case: str, name: str, direction: str | None, data: st.DataObject
) -> None:
    check_agreement(packages(case), case, name, direction, data)


# -- the choosers of unions that the models decode by validating their alternatives ----------


def _choices() -> list[ChoiceRules]:
    spec = SPECS["choices"]
    index = resolve_document(load_document(spec, str(spec)))
    return list(build_api(index, spec.name).validators.choices)


def _lookup(document: Any, where: str) -> Any:
    for token in where.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


@functools.cache
def _branch_instances(where: str) -> st.SearchStrategy[Any]:
    document = _document("choices")
    schema = json_schema_of(document, _lookup(document, where))
    return from_schema(schema, custom_formats=CUSTOM_FORMATS)


@pytest.mark.parametrize("choice", _choices(), ids=lambda choice: choice.function)
@settings(
    max_examples=40,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_choosers_pick_what_openapi_schema_validator_says_matches(
    packages: Any, choice: ChoiceRules, data: st.DataObject
) -> None:
    """Data drawn from one alternative, and mutations of it: the chooser returns the index
    of the one alternative the oracle accepts (oneOf) or the first (anyOf), and raises
    exactly when there is no such alternative."""
    validators = packages("choices")
    choose = getattr(validators, choice.function)
    places = [branch.pointer for branch in choice.branches]
    drawn = data.draw(_branch_instances(data.draw(st.sampled_from(places))), label="valid")
    for instance in (drawn, data.draw(mutations(drawn), label="mutated")):
        oracle = _oracle("choices")
        matching = [i for i, where in enumerate(places) if not oracle.errors_at(where, instance)]
        expected = None
        if matching and (len(matching) == 1 or not choice.one_of):
            expected = matching[0]
        try:
            chosen = choose(instance)
        except validators.ValidationFailed:
            chosen = None
        assert chosen == expected, f"data={instance!r} matches {matching}"
