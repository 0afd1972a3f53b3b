"""Recursion that passes through no class (an array of itself, a union holding maps of
itself, a map of date-times or maps like itself): the golden case ``recursive_containers``
generated, imported and exercised at depth."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import generate_package

SPEC = Path(__file__).resolve().parents[1] / "golden" / "cases" / "recursive_containers"


@pytest.fixture
def pkg(tmp_path: Path, import_generated: Any) -> Any:
    generate_package(SPEC / "spec.yaml", "recursion", tmp_path)
    parts = ("models", "validators", "_runtime")
    return SimpleNamespace(
        **{part: import_generated(tmp_path, "recursion", part) for part in parts}
    )


def _nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def test_wire_identical_aliases_round_trip_unchanged(pkg: Any) -> None:
    value = {"a": [1.5, "x", None, {"b": [True, {"c": []}]}], "d": {}}
    wire = {"value": value, "nested": [[], [[[]]]]}
    holder = pkg.models.Holder.from_dict(wire)
    assert holder.value == value and holder.nested == [[], [[[]]]]
    assert holder.to_dict() == wire
    assert not hasattr(pkg.models, "json_from_wire")  # nothing to convert, so no function


def test_null_and_absent_stay_apart_for_a_recursive_alias_that_allows_null(pkg: Any) -> None:
    holder = pkg.models.Holder.from_dict({"value": [], "extra": None})
    assert holder.extra is None and holder.to_dict() == {"value": [], "extra": None}
    assert "extra" not in pkg.models.Holder(value=[]).to_dict()


def test_a_converting_alias_converts_at_every_depth(pkg: Any) -> None:
    wire = {"a": "2024-05-01T10:00:00Z", "b": {"c": {"d": "2024-05-02T00:00:00+02:00"}}}
    stamps = pkg.models.stamps_from_wire(wire)
    assert stamps["a"] == datetime(2024, 5, 1, 10, tzinfo=timezone.utc)
    assert isinstance(stamps["b"]["c"]["d"], datetime)
    holder = pkg.models.Holder.from_dict({"value": 1, "stamps": wire})
    assert holder.stamps == stamps
    assert holder.to_dict()["stamps"] == {
        "a": "2024-05-01T10:00:00Z",
        "b": {"c": {"d": "2024-05-02T00:00:00+02:00"}},
    }


def test_recursion_through_an_inline_class(pkg: Any) -> None:
    wire = [{"step": "a", "trace": [{"step": "b", "trace": [{"step": "c"}]}]}, {}]
    trace = pkg.models.trace_from_wire(wire)
    assert trace[0].trace[0].trace[0] == pkg.models.TraceItem(step="c")
    assert [item.to_dict() for item in trace] == wire


def test_a_choice_decodes_arrays_of_itself(pkg: Any) -> None:
    wire = [["2024-05-01T10:00:00Z", [1, 2]], [3]]
    mixed = pkg.models.mixed_from_wire(wire)
    assert isinstance(mixed[0][0], datetime) and mixed[0][1] == [1, 2] and mixed[1] == [3]
    assert pkg._runtime.encode_value(mixed) == wire


def test_validators_accept_and_reject_at_depth(pkg: Any) -> None:
    validators = pkg.validators
    assert validators.validate_nested(_nested(40, [])) == []
    errors = validators.validate_nested(_nested(5, [1]))
    assert [(e.pointer, e.keyword) for e in errors] == [("/0/0/0/0/0/0", "type")]
    assert validators.validate_forest({"a": [{"b": [{}]}]}) == []
    assert [e.pointer for e in validators.validate_forest({"a": [{"b": [[]]}]})] == ["/a/0/b/0"]
    bad = {"a": {"b": {"c": "yesterday"}}}
    # anyOf fails where it stands: neither a date-time nor a map whose values all fit
    assert [(e.pointer, e.keyword) for e in validators.validate_stamps(bad)] == [("/a", "anyOf")]


def test_hostile_depth_stops_as_it_does_for_objects(pkg: Any) -> None:
    """Data nested far deeper than any JSON text the payload decoder accepts: the validator
    reports it (as for a recursive object schema) and the decoder raises ``DecodeError``,
    never a hang and never a ``RecursionError``."""
    errors = pkg.validators.validate_nested(_nested(100_000, []))
    assert [(e.pointer, e.keyword) for e in errors] == [("", "nesting")]
    with pytest.raises(pkg.models.DecodeError) as raised:
        pkg.models.stamps_from_wire({"a": _deep_map(100_000)})
    assert raised.value.schema == "Stamps" and "nests too deeply" in raised.value.reason


def _deep_map(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"x": value}
    return value
