"""The agreement tests' machinery: the generated validators accept and reject exactly what
openapi-schema-validator does (``test_agreement.py`` and ``test_agreement_shapes.py``, split so
that the two halves run on two workers).

For the seed, for two specs that use every supported keyword (3.0 and 3.1), for unions,
allOf intersections, recursion, a spec in several files and one whose properties are read-only
away from their declaration (``read_only_reached.yaml``), hypothesis draws
valid instances of each named schema (hypothesis-jsonschema) and one-place mutations of them;
each is validated by the generated code and by the oracle, in every direction the dialect has.
Each of our errors must also point where the oracle reports an error (or a reason under one).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator.spec.bundle import bundle_document
from generator.spec.load import load_document
from tests.conftest import ROOT, generated_packages
from tests.validators.oracle import (
    CUSTOM_FORMATS,
    Oracle,
    all_pointers,
    json_schema,
    mutations,
    oracle_is_laxer,
    pointer,
)

SPECS = {
    "seed": ROOT / "spec" / "oci_core.yaml",
    "validators_30": ROOT / "tests" / "golden" / "cases" / "validators_30" / "spec.yaml",
    "validators_31": ROOT / "tests" / "golden" / "cases" / "validators_31" / "spec.yaml",
    "all_of_intersection": (
        ROOT / "tests" / "golden" / "cases" / "all_of_intersection" / "spec.yaml"
    ),
    "choices": ROOT / "tests" / "golden" / "cases" / "unions_undiscriminated" / "spec.yaml",
    "recursive_containers": (
        ROOT / "tests" / "golden" / "cases" / "recursive_containers" / "spec.yaml"
    ),
    # $refs across files: the oracle and hypothesis read the document the bundler makes
    "multifile": ROOT / "tests" / "multifile" / "specs" / "api" / "v1" / "root.yaml",
    "read_only_reached": ROOT / "tests" / "fixtures" / "read_only_reached.yaml",
}
# Directions are the other specs' subject; here each schema is drawn once, without one.
WITHOUT_DIRECTIONS = {"multifile"}
# Directions are this spec's whole subject: without one, its schemas are drawn by the others.
ONLY_DIRECTIONS = {"read_only_reached"}
# Where a spec is here for some of its schemas only: read_only_reached's read-only property
# through a $ref (tsig.id), through an allOf branch (Ruleset.id), and required at the root but
# declared read-only in the allOf branch the object builds on (schemas-rule.allowed_modes).
ONLY = {"read_only_reached": {"tsig", "Ruleset", "schemas-rule"}}


@functools.cache
def _document(case: str) -> dict[str, Any]:
    spec = SPECS[case]
    if case == "multifile":
        bundled: dict[str, Any] = bundle_document(load_document(spec, spec.name), spec, None)[
            0
        ].data
        return bundled
    loaded: dict[str, Any] = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return loaded


def cases(selected: tuple[str, ...]) -> list[Any]:
    """The parameters of the agreement test for the ``selected`` specs: each named schema in
    each direction its dialect has."""
    params = []
    for case in selected:
        document = _document(case)
        directions: list[str | None] = (
            [None]
            if document["openapi"].startswith("3.1") or case in WITHOUT_DIRECTIONS
            else [None, "request", "response"]
        )
        if case in ONLY_DIRECTIONS:
            directions = [d for d in directions if d is not None]
        for name in document["components"]["schemas"]:
            if case in ONLY and name not in ONLY[case]:
                continue
            for direction in directions:
                params.append(pytest.param(case, name, direction, id=f"{case}-{name}-{direction}"))
    return params


def packages_of(
    tmp_path_factory: pytest.TempPathFactory, selected: tuple[str, ...]
) -> Iterator[Callable[[str], Any]]:
    """For a module-scoped fixture: the ``selected`` specs generated, and a function giving
    each one's validators package."""
    specs = {f"agree_{case}": SPECS[case] for case in selected}
    with generated_packages(tmp_path_factory.mktemp("agreement"), specs) as load:
        yield lambda case: load(f"agree_{case}.validators")


@functools.cache
def _oracle(case: str) -> Oracle:
    return Oracle(_document(case))


@functools.cache
def _valid_instances(case: str, name: str) -> st.SearchStrategy[Any]:
    return from_schema(json_schema(_document(case), name), custom_formats=CUSTOM_FORMATS)


def _snake(name: str) -> str:
    from generator.naming import module_name

    return module_name(name)


def _ends_in_newline(data: Any) -> bool:
    """Whether a string anywhere in ``data`` ends in a newline."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str) and value.endswith("\n"):
            return True
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def assert_agree(validators: Any, case: str, name: str, data: Any, direction: str | None) -> None:
    validate = getattr(validators, f"validate_{_snake(name)}")
    ours = validate(data, direction=direction)
    theirs = _oracle(case).errors(name, data, direction)
    reported = {pointer(error) for error in theirs}
    considered = [
        error
        for error in ours
        if not (
            error.keyword == "format"
            and error.pointer not in reported
            and oracle_is_laxer(error.message.rsplit(" a valid ", 1)[-1], _at(data, error.pointer))
        )
    ]
    detail = f"data={data!r}\nours={[str(e) for e in ours]}\ntheirs={[e.message for e in theirs]}"
    # The oracle's format regexes end in '$' (oracle_is_laxer): inside a union its laxity
    # hides behind the union's own error, so such an example says nothing about ours.
    assume(theirs or not considered or not _ends_in_newline(data))
    assert bool(considered) == bool(theirs), detail
    every = all_pointers(theirs)
    for error in considered:
        assert error.pointer in every, f"{error} is not a pointer the oracle reports\n{detail}"


def _at(data: Any, where: str) -> Any:
    for token in where.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


# 35 valid instances and 35 mutations per schema and direction (about 4,500 of each a run, and
# hypothesis replays the failures it has kept): what fits the suite's 4 minutes on 2 cores.
AGREEMENT = settings(
    max_examples=35,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def check_agreement(
    validators: Any, case: str, name: str, direction: str | None, data: st.DataObject
) -> None:
    """A valid instance drawn from the schema, then a one-place mutation of it."""
    valid = data.draw(_valid_instances(case, name), label="valid")
    assert_agree(validators, case, name, valid, direction)
    broken = data.draw(mutations(valid), label="mutated")
    assert_agree(validators, case, name, broken, direction)
