"""The generated validators accept and reject exactly what openapi-schema-validator does, on
the specs about shapes: allOf intersections, recursion through containers, a spec in several
files, and properties read-only away from their declaration (``agreement.py`` has the
machinery)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.validators.agreement import AGREEMENT, cases, check_agreement, packages_of

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

SHAPES = ("all_of_intersection", "recursive_containers", "multifile", "read_only_reached")
# Drawing recursive instances is hypothesis-jsonschema's slowest work (10 s a schema at 35
# examples): 20 each still cover every container a schema recurses through.
RECURSIVE = settings(AGREEMENT, max_examples=20)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    yield from packages_of(tmp_path_factory, SHAPES)


@pytest.mark.parametrize(
    ("case", "name", "direction"), cases(tuple(s for s in SHAPES if s != "recursive_containers"))
)
@AGREEMENT
@given(data=st.data())
def test_generated_validator_agrees_with_openapi_schema_validator(
    packages: Any, case: str, name: str, direction: str | None, data: st.DataObject
) -> None:
    check_agreement(packages(case), case, name, direction, data)


@pytest.mark.parametrize(("case", "name", "direction"), cases(("recursive_containers",)))
@RECURSIVE
@given(data=st.data())
def test_generated_validator_agrees_on_recursive_containers(
    packages: Any, case: str, name: str, direction: str | None, data: st.DataObject
) -> None:
    check_agreement(packages(case), case, name, direction, data)
