"""Hostile data against the generated validators and models: integers too long for Python to
write, values nested past the recursion limit, missing and mistyped properties. Validators
return errors and never raise; ``from_dict`` returns a model or raises ``DecodeError``, which
names the schema and the JSON pointer of the problem. Exercised on the committed oci_core
package, the golden case ``recursive_schema`` and a spec written here for the rest."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import generated_packages

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated"))

from oci_core import models as seed_models  # noqa: E402
from oci_core import validators as seed_validators  # noqa: E402

TESTS = Path(__file__).resolve().parents[1]
RECURSIVE = TESTS / "golden" / "cases" / "recursive_schema" / "spec.yaml"
HUGE = 10**5000  # Python refuses to write an int of more than 4,300 digits as text
SPEC = """
openapi: 3.1.0
info: {title: Hostile data, version: "1"}
paths: {}
components:
  schemas:
    Order:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Item"}}
        placed: {type: string, format: date-time}
        status: {type: string, enum: [open, closed]}
    Item:
      type: object
      required: [id]
      properties:
        id: {type: string}
    Numbers:
      type: object
      properties:
        low: {type: integer, minimum: 0}
        high: {type: integer, maximum: 100}
        above: {type: integer, exclusiveMinimum: 0}
        below: {type: integer, exclusiveMaximum: 100}
        step: {type: integer, multipleOf: 7}
        half: {type: number, multipleOf: 0.5}
        pick: {enum: [1, "a", [1]]}
        fixed: {const: [1]}
        unique: {type: array, uniqueItems: true}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("hostile")
    spec = folder / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    with generated_packages(folder / "out", {"hostile_pkg": spec}) as load:
        load("hostile_pkg.models")
        load("hostile_pkg.validators")
        yield load("hostile_pkg")


@pytest.fixture(scope="module")
def recursive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("recursive")
    with generated_packages(folder, {"hostile_recursive": RECURSIVE}) as load:
        load("hostile_recursive.models")
        load("hostile_recursive.validators")
        yield load("hostile_recursive")


def _deep_list(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _deep_tree(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"name": "leaf"}
    for index in range(depth):
        node = {"name": f"n{index}", "children": [{"name": "sibling"}, node]}
    return node


# -- validators ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [HUGE, -HUGE, HUGE + 1], ids=["huge", "-huge", "huge+1"])
@pytest.mark.parametrize("name", ["low", "high", "above", "below", "step", "half", "pick"])
def test_an_integer_too_long_to_write_is_described(hostile: Any, name: str, value: int) -> None:
    errors = hostile.validators.validate_numbers({name: value})
    for error in errors:
        assert "an integer of about 5000 digits" in str(error)
    # Each bound is broken by one sign of the number, the multiples by HUGE + 1.
    assert errors or (name, value) in {
        ("low", HUGE),
        ("low", HUGE + 1),
        ("high", -HUGE),
        ("above", HUGE),
        ("above", HUGE + 1),
        ("below", -HUGE),
        ("step", HUGE),
        ("half", HUGE),
        ("half", -HUGE),
        ("half", HUGE + 1),
    }


def test_the_seed_describes_an_integer_too_long_to_write() -> None:
    errors = seed_validators.validate_volume_backup(
        {"backupProgress": HUGE, "sizeInMBs": -HUGE, "sizeInGBs": HUGE}
    )
    shown = [str(e) for e in errors if "digits" in str(e)]
    assert shown == [
        "/backupProgress: an integer of about 5000 digits is more than the maximum of 100",
        "/sizeInGBs: an integer of about 5000 digits is more than the maximum of 16384",
        "/sizeInMBs: an integer of about 5000 digits is less than the minimum of 1024",
    ]
    with pytest.raises(seed_validators.ValidationFailed) as raised:
        seed_validators.check_volume_backup({"backupProgress": HUGE})
    assert "an integer of about 5000 digits" in str(raised.value)


@pytest.mark.parametrize("name", ["pick", "fixed", "unique"])
def test_a_value_nested_past_the_recursion_limit_is_an_error(hostile: Any, name: str) -> None:
    errors = hostile.validators.validate_numbers({name: _deep_list(10_000)})
    assert [e.keyword for e in errors][-1:] == ["nesting"]
    assert str(errors[-1]).startswith("(root): the value nests too deeply to check")


def test_a_recursive_schema_nested_past_the_limit_is_an_error(recursive: Any) -> None:
    validators = recursive.validators
    assert validators.validate_tree_node(_deep_tree(20)) == []
    (error,) = validators.validate_tree_node(_deep_tree(10_000))
    assert error.keyword == "nesting"
    with pytest.raises(validators.ValidationFailed):
        validators.check_tree_node(_deep_tree(10_000))


# -- from_dict ----------------------------------------------------------------------------------


def test_a_missing_required_property_names_the_schema_and_the_pointer() -> None:
    with pytest.raises(seed_models.DecodeError) as raised:
        seed_models.VolumeBackup.from_dict({})
    assert str(raised.value) == (
        "cannot decode VolumeBackup: /compartmentId: "
        "the required property 'compartmentId' is missing"
    )
    assert (raised.value.schema, raised.value.pointer) == ("VolumeBackup", "/compartmentId")
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value.__cause__, KeyError)


def test_a_problem_at_depth_has_the_pointer_from_the_root(hostile: Any) -> None:
    items = [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"name": "d"}]
    with pytest.raises(hostile.models.DecodeError) as raised:
        hostile.models.Order.from_dict({"items": items})
    assert str(raised.value) == (
        "cannot decode Order: /items/3/id: the required property 'id' is missing"
    )


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ([], "(root): expected an object, got an array of 0 items"),
        (None, "(root): expected an object, got null"),
        (HUGE, "(root): expected an object, got an integer of about 5000 digits"),
        ({"items": [[]]}, "/items/0: expected an object, got an array of 0 items"),
        ({"items": [], "placed": 5}, "/placed: not an RFC 3339 date-time: 5"),
        (
            {"items": [], "placed": HUGE},
            "/placed: not an RFC 3339 date-time: an integer of about 5000 digits",
        ),
        ({"items": [], "placed": "2024-02-30T00:00:00Z"}, "/placed: day is out of range for month"),
        ({"items": [], "status": [1]}, "/status: [1] is not a valid OrderStatus"),
    ],
    ids=lambda value: value[:40] if isinstance(value, str) else type(value).__name__,
)
def test_a_value_of_the_wrong_type_is_a_decode_error(
    hostile: Any, wire: Any, expected: str
) -> None:
    with pytest.raises(hostile.models.DecodeError) as raised:
        hostile.models.Order.from_dict(wire)
    assert str(raised.value) == f"cannot decode Order: {expected}"


def test_data_nested_past_the_recursion_limit_is_a_decode_error(recursive: Any) -> None:
    models = recursive.models
    assert models.TreeNode.from_dict(_deep_tree(20)).to_dict() == _deep_tree(20)
    with pytest.raises(models.DecodeError) as raised:
        models.TreeNode.from_dict(_deep_tree(10_000))
    error = raised.value
    assert error.schema == "TreeNode"
    assert error.reason.startswith("the data nests too deeply")
    assert error.pointer.startswith("/children/1/children/1/")
    assert isinstance(error.__cause__, RecursionError)


@pytest.mark.parametrize("link", ["children", "parent"])
def test_whatever_from_dict_decodes_to_dict_writes_back(recursive: Any, link: str) -> None:
    # to_dict follows a model as from_dict did, with no more stack per level: the deepest
    # tree from_dict takes (found by bisection) is written back whole. A tree built by hand
    # deeper than that is the caller's own, and may meet Python's recursion limit.
    models = recursive.models

    def tree(depth: int) -> dict[str, Any]:
        node: dict[str, Any] = {"name": "leaf"}
        for _ in range(depth):
            node = (
                {"name": "n", "children": [node]}
                if link == "children"
                else {"name": "n", "parent": node}
            )
        return node

    low, high = 1, 10_000  # decodes at low, not at high
    while high - low > 1:
        middle = (low + high) // 2
        try:
            models.TreeNode.from_dict(tree(middle))
            low = middle
        except models.DecodeError:
            high = middle
    assert low > 100
    assert models.TreeNode.from_dict(tree(low)).to_dict() == tree(low)


def test_a_missing_property_deep_in_a_recursive_schema(recursive: Any) -> None:
    tree = _deep_tree(3)
    tree["children"][1]["children"][0] = {"nam": "typo"}
    with pytest.raises(recursive.models.DecodeError) as raised:
        recursive.models.TreeNode.from_dict(tree)
    assert raised.value.pointer == "/children/1/children/0/name"


# -- any JSON at all ----------------------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([1, -1]).map(lambda sign: sign * HUGE)  # st.just would repr it
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["FULL", "AVAILABLE", "MANUAL", "2024-05-01T00:00:00Z"])
)
_NAMES = st.sampled_from(
    ["id", "compartmentId", "displayName", "type", "lifecycleState", "timeCreated"]
    + ["expirationTime", "sourceType", "code", "message", "volumeId", "x"]
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_NAMES, inner, max_size=8),
    max_leaves=30,
)
_SEED_MODELS = [seed_models.VolumeBackup, seed_models.CreateVolumeBackupDetails, seed_models.Error]
_SEED_VALIDATORS = [
    seed_validators.validate_volume_backup,
    seed_validators.validate_create_volume_backup_details,
    seed_validators.validate_error,
]


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_decodes_or_raises_decode_error(wire: Any) -> None:
    for model in _SEED_MODELS:
        try:
            decoded = model.from_dict(wire)
        except seed_models.DecodeError as error:
            assert str(error).startswith(f"cannot decode {model.__name__}: ")
        else:
            assert isinstance(decoded, model)
    for validate in _SEED_VALIDATORS:
        assert all(isinstance(str(e), str) for e in validate(wire))
