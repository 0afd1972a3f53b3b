"""Packages generated from the golden cases' specs, imported and exercised."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import generate_package

CASES = Path(__file__).resolve().parents[1] / "golden" / "cases"


@pytest.fixture
def case(tmp_path: Path, import_generated: Any) -> Any:
    def load(name: str) -> Any:
        generate_package(CASES / name / "spec.yaml", name, tmp_path)
        return import_generated(tmp_path, name, "models")

    return load


def test_nested_objects_arrays_and_maps_round_trip(case: Any) -> None:
    models = case("nested_objects_and_maps")
    data = {
        "owner": {"name": "Ann", "address": {"city": "Oslo", "zip": "0150"}},
        "shelves": [{"label": "A", "checkedAt": "2026-01-01T00:00:00Z"}],
        "tags": {"a": "b"},
        "definedTags": {"ns": {"k": "v"}},
        "bins": {"x": {"id": 1, "openedOn": "2026-02-03"}},
        "history": {"x": ["2026-01-01T00:00:00+01:00"]},
        "grid": [[{"id": 2}], []],
        "metadata": {"anything": [1, None]},
        "note": None,
        "counts": {"total": 3, "red": 1},
    }
    inventory = models.Inventory.from_dict(data)
    assert isinstance(inventory.owner, models.InventoryOwner)
    assert isinstance(inventory.owner.address, models.InventoryOwnerAddress)
    assert inventory.owner.address.additional_properties == {"zip": "0150"}
    assert inventory.shelves[0].checked_at.year == 2026
    assert inventory.bins["x"].opened_on.isoformat() == "2026-02-03"
    assert inventory.history["x"][0].utcoffset().total_seconds() == 3600
    assert inventory.grid[0][0].id == 2
    assert inventory.note is None
    assert inventory.counts.total == 3
    assert inventory.counts.additional_properties == {"red": 1}
    wire = inventory.to_dict()
    assert wire["history"] == {"x": ["2026-01-01T00:00:00+01:00"]}
    assert wire["note"] is None
    assert models.Inventory.from_dict(wire) == inventory


def test_absent_and_null_differ_where_null_is_allowed(case: Any) -> None:
    models = case("nested_objects_and_maps")
    absent = models.Inventory.from_dict({"owner": {"name": "Ann"}})
    null = models.Inventory.from_dict({"owner": {"name": "Ann"}, "note": None})
    assert "note" not in absent.to_dict()
    assert null.to_dict()["note"] is None
    assert absent != null


def test_recursive_and_mutually_recursive_schemas(case: Any) -> None:
    models = case("recursive_schema")
    tree = models.TreeNode.from_dict(
        {"name": "root", "children": [{"name": "leaf", "children": []}], "parent": {"name": "up"}}
    )
    assert tree.children[0].name == "leaf"
    assert tree.parent.name == "up"
    assert models.TreeNode.from_dict(tree.to_dict()) == tree
    employee = models.Employee.from_dict(
        {"name": "Ann", "department": {"head": {"name": "Bo"}, "staff": {"c": {"name": "Cy"}}}}
    )
    assert isinstance(employee.department, models.Department)
    assert isinstance(employee.department.staff["c"], models.Employee)
    assert employee.to_dict()["department"]["staff"]["c"] == {"name": "Cy"}


def test_all_of_merges_properties_and_required(case: Any) -> None:
    models = case("all_of")
    fields = {f.name: f for f in dataclasses.fields(models.Volume)}
    assert list(fields) == ["id", "time_created", "size_in_gbs", "additional_properties"]
    assert fields["id"].default is dataclasses.MISSING
    assert fields["size_in_gbs"].default is dataclasses.MISSING
    snapshot = models.Snapshot.from_dict(
        {"id": "s", "labels": {"a": "b"}, "volume": {"id": "v", "sizeInGBs": 1}}
    )
    assert isinstance(snapshot.volume, models.Volume)
    assert snapshot.to_dict() == {
        "id": "s",
        "labels": {"a": "b"},
        "volume": {"id": "v", "sizeInGBs": 1},
    }


def test_odd_enum_values_and_integer_enums(case: Any) -> None:
    models = case("enum_odd_values")
    assert models.Color.LIGHT_GREEN.value == "light green"
    assert models.Color.EMPTY.value == ""
    assert models.Color.VALUE_3D.value == "3d"
    assert models.Size.SMALL.value == "S"
    paint = models.Paint.from_dict(
        {"color": "", "priority": 7, "layers": ["base", "gloss"], "sheen": None}
    )
    assert paint.color is models.Color.EMPTY
    assert paint.priority.value == 7 and not paint.priority.is_known
    assert models.Priority(-1) is models.Priority.VALUE_MINUS_1
    assert paint.layers[1].value == "gloss"
    assert paint.to_dict() == {
        "color": "",
        "priority": 7,
        "layers": ["base", "gloss"],
        "sheen": None,
    }


def test_python_keywords_and_builtins_as_names(case: Any) -> None:
    models = case("keyword_names")
    data = {
        "from": "a",
        "import": "b",
        "None": "c",
        "True": True,
        "class": "x",
        "2fa": False,
        "self": "s",
        "data": "d",
        "to_dict": "t",
        "additional_properties": "ap",
        "date": "2026-01-02",
    }
    thing = models.Class.from_dict(data)
    assert thing.from_ == "a" and thing.import_ == "b" and thing.none == "c" and thing.true is True
    assert thing.self_ == "s" and thing.data_ == "d" and thing.to_dict_ == "t"
    assert thing.additional_properties_ == "ap" and thing.field_2fa is False
    assert thing.additional_properties == {"class": "x"}
    assert thing.to_dict() == data
    assert models.Exception_.from_dict({"message": "m"}).message == "m"


def test_openapi_31_nullable_forms(case: Any) -> None:
    models = case("openapi_31")
    event = models.Event.from_dict(
        {
            "kind": "event",
            "at": "2026-01-01T00:00:00Z",
            "endedAt": None,
            "parent": {"kind": "event", "at": "2026-01-01T00:00:00Z"},
            "value": ["a"],
        }
    )
    assert event.ended_at is None
    assert isinstance(event.parent, models.Event)
    assert event.label is models.Event.__dataclass_fields__["label"].default
    wire = event.to_dict()
    assert wire["endedAt"] is None and "label" not in wire and wire["value"] == ["a"]


def test_unions_are_told_apart_by_json_type(case: Any) -> None:
    models = case("unions")
    expanded = models.Charge.from_dict(
        {"customer": {"id": "cus_1"}, "refunds": ["re_1", {"id": "cus_2"}], "when": 1700000000}
    )
    assert isinstance(expanded.customer, models.Customer)
    assert expanded.refunds[0] == "re_1"
    assert isinstance(expanded.refunds[1], models.Customer)
    assert expanded.when == 1700000000
    by_id = models.Charge.from_dict(
        {"customer": "cus_1", "status": "disputed", "when": "2026-01-01T00:00:00Z", "note": None}
    )
    assert by_id.customer == "cus_1"
    assert by_id.status.value == "disputed" and not by_id.status.is_known
    assert by_id.when.year == 2026
    for wire in (
        {"customer": {"id": "cus_1"}, "refunds": ["re_1", {"id": "cus_2"}], "when": 1700000000},
        {"customer": "cus_1", "status": "disputed", "when": "2026-01-01T00:00:00Z", "note": None},
    ):
        assert models.Charge.from_dict(wire).to_dict() == wire


def test_a_discriminator_picks_the_model(case: Any) -> None:
    models = case("discriminator")
    owner = models.Owner.from_dict(
        {
            "pets": [
                {"type": "function", "name": "f"},
                {"type": "custom", "input": "x"},
                "plain",
                {"type": "new_kind", "extra": 1},
            ],
            "favourite": {"petType": "hound", "bark": True},
        }
    )
    assert isinstance(owner.pets[0], models.FunctionCall)
    assert isinstance(owner.pets[1], models.CustomCall)
    assert owner.pets[2] == "plain"
    assert owner.pets[3] == {"type": "new_kind", "extra": 1}
    assert isinstance(owner.favourite, models.Dog) and owner.favourite.bark is True
    assert owner.to_dict()["pets"][3] == {"type": "new_kind", "extra": 1}
    assert owner.to_dict()["favourite"] == {"petType": "hound", "bark": True}


def test_a_constant_each_alternative_fixes_acts_as_the_discriminator(case: Any) -> None:
    models = case("discriminator")
    owner = models.Owner.from_dict({"lastCall": {"type": "custom", "input": "x"}})
    assert isinstance(owner.last_call, models.CustomCall)
    # A tag property is a Literal (an inline one-value enum is no class of its own then).
    assert owner.last_call.type == "custom"
    assert not hasattr(models, "CustomCallType")
    assert owner.to_dict() == {"lastCall": {"type": "custom", "input": "x"}}


def test_recursion_through_named_arrays_and_unions(case: Any) -> None:
    models = case("recursive_schema")
    node = models.Node.from_dict({"children": [{"children": []}, {}]})
    assert isinstance(node.children[0], models.Node)
    assert node.to_dict() == {"children": [{"children": []}, {}]}
    tree = {"op": "neg", "arg": {"op": "neg", "arg": {"op": "lit", "value": 2.5}}}
    expr = models.Neg.from_dict(tree)
    assert isinstance(expr.arg, models.Neg) and isinstance(expr.arg.arg, models.Lit)
    assert expr.to_dict() == tree


def test_a_union_across_an_import_cycle_round_trips(case: Any) -> None:
    models = case("recursive_schema")
    wire = {"right": {"left": {"right": "just an id"}}}
    left = models.Left.from_dict(wire)
    assert isinstance(left.right, models.Right)
    assert left.to_dict() == wire


def test_a_boolean_never_becomes_an_integer_enum(case: Any) -> None:
    models = case("unions")
    charge = models.Charge.from_dict({"customer": "c", "level": True})
    assert charge.level is True
    assert models.Charge.from_dict({"customer": "c", "level": 1}).level is models.Level.VALUE_1
    assert charge.to_dict() == {"customer": "c", "level": True}


def test_a_nullable_alternative_keeps_the_discriminator(case: Any) -> None:
    models = case("unions")
    assert isinstance(
        models.Charge.from_dict({"customer": "c", "payer": {"kind": "guest"}}).payer, models.Guest
    )
    assert models.Charge.from_dict({"customer": "c", "payer": None}).payer is None


def test_a_type_list_of_object_and_string(case: Any) -> None:
    models = case("openapi_31")
    assert models.LabelObject.from_dict({"text": "t"}).text == "t"
