"""The generated validators, called the way a user calls them: exact errors for chosen inputs."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import generate
from generator.output.write import write_tree
from tests.conformance import suite_runner
from tests.conformance.suite_runner import run_file
from tests.conftest import ROOT, generated_packages

CASES = ROOT / "tests" / "golden" / "cases"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    specs = {
        "seed_v": ROOT / "spec" / "oci_core.yaml",
        "v30": CASES / "validators_30" / "spec.yaml",
        "v31": CASES / "validators_31" / "spec.yaml",
    }
    with generated_packages(tmp_path_factory.mktemp("validators"), specs) as load:
        yield lambda name: load(f"{name}.validators")


def _errors(errors: list[Any]) -> list[tuple[str, str, str]]:
    return [(e.pointer, e.keyword, e.message) for e in errors]


def test_the_readme_example(packages: Any) -> None:
    seed = packages("seed_v")
    errors = seed.validate_create_volume_backup_details({"volumeId": "", "type": "WEEKLY", "x": 1})
    assert _errors(errors) == [
        ("/type", "enum", "the string 'WEEKLY' is not one of 'FULL', 'INCREMENTAL'"),
        ("/volumeId", "minLength", "the string '' has 0 characters; the minimum is 1"),
    ]


def test_the_spec_examples_are_valid(packages: Any) -> None:
    import yaml

    seed = packages("seed_v")
    spec = yaml.safe_load((ROOT / "spec" / "oci_core.yaml").read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    assert seed.validate_volume_backup(schemas["VolumeBackup"]["example"]) == []
    details = schemas["CreateVolumeBackupDetails"]["example"]
    assert seed.validate_create_volume_backup_details(details, direction="request") == []


def test_every_error_is_collected_in_a_stable_order(packages: Any) -> None:
    seed = packages("seed_v")
    data = {
        "compartmentId": "c" * 256,
        "displayName": 7,
        "lifecycleState": "AVAILABLE",
        "timeCreated": "2026-02-30T10:00:00Z",
        "sizeInMBs": 2047,
        "sizeInGBs": True,
        "definedTags": {"ns": {"k": 1}, "a/b": []},
    }
    expected = [
        ("", "required", "the required property 'id' is missing"),
        ("", "required", "the required property 'type' is missing"),
        (
            "/compartmentId",
            "maxLength",
            f"the string '{'c' * 37}...' has 256 characters; the maximum is 255",
        ),
        ("/definedTags/ns/k", "type", "expected a string, got the integer 1"),
        ("/definedTags/a~1b", "type", "expected an object, got an array of 0 items"),
        ("/displayName", "type", "expected a string, got the integer 7"),
        ("/sizeInGBs", "type", "expected an integer, got true"),
        ("/sizeInMBs", "multipleOf", "2047 is not a multiple of 1024"),
        ("/timeCreated", "format", "the string '2026-02-30T10:00:00Z' is not a valid date-time"),
    ]
    assert _errors(seed.validate_volume_backup(data)) == expected
    assert _errors(seed.validate_volume_backup(data)) == expected  # the same again
    with pytest.raises(seed.ValidationFailed) as raised:
        seed.check_volume_backup(data)
    assert raised.value.schema == "VolumeBackup"
    assert _errors(list(raised.value.errors)) == expected
    assert str(raised.value).splitlines()[:2] == [
        "9 problems with VolumeBackup:",
        "  (root): the required property 'id' is missing",
    ]
    assert seed.check_volume_backup({"x": 1, **_minimal_backup()}) is None


def _minimal_backup() -> dict[str, Any]:
    return {
        "compartmentId": "ocid1.compartment.oc1..x",
        "displayName": "b",
        "id": "ocid1.volumebackup.oc1..x",
        "lifecycleState": "AVAILABLE",
        "timeCreated": "2026-01-01T00:00:00Z",
        "type": "FULL",
    }


def test_a_value_outside_the_enum_is_an_error_though_models_keep_it(packages: Any) -> None:
    seed = packages("seed_v")
    backup = {**_minimal_backup(), "lifecycleState": "SOMETHING_NEW"}
    assert _errors(seed.validate_volume_backup(backup))[0][:2] == (
        "/lifecycleState",
        "enum",
    )


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (None, []),
        ("t", []),
        ("t" * 64, []),
        ("", [("/opc-retry-token", "minLength")]),
        ("t" * 65, [("/opc-retry-token", "maxLength")]),
        (5, [("/opc-retry-token", "type")]),
    ],
)
def test_request_parameters_are_validated(packages: Any, token: Any, expected: list[Any]) -> None:
    seed = packages("seed_v")
    if token is None:
        errors = seed.validate_create_volume_backup_parameters()
    else:
        errors = seed.validate_create_volume_backup_parameters(opc_retry_token=token)
    assert [(e.pointer, e.keyword) for e in errors] == expected


def test_required_path_parameters(packages: Any) -> None:
    v30 = packages("v30")
    errors = v30.validate_get_thing_parameters(limit=0)
    assert [(e.pointer, e.keyword) for e in errors] == [
        ("", "required"),
        ("/limit", "minimum"),
    ]
    assert v30.validate_get_thing_parameters(thing_id="th-00af") == []
    assert [e.keyword for e in v30.validate_get_thing_parameters(thing_id="th-00AFx")] == [
        "pattern"
    ]


def _thing(**changes: Any) -> dict[str, Any]:
    return {"id": "0c6e4a8b-6d86-4c3e-9a43-6c2b6e7f9a11", "name": "a", "size": 8, **changes}


def test_read_only_and_write_only_depend_on_the_direction(packages: Any) -> None:
    v30 = packages("v30")
    request = v30.validate_thing(_thing(), direction="request")
    assert _errors(request) == [
        ("/id", "readOnly", "this property is read-only: a request cannot set it")
    ]
    without_id = {k: v for k, v in _thing(secret="s3cret").items() if k != "id"}
    assert v30.validate_thing(without_id, direction="request") == []
    assert v30.validate_thing(without_id) == []  # 3.0 excuses it when the direction is unknown
    response = v30.validate_thing(without_id, direction="response")
    assert [(e.pointer, e.keyword) for e in response] == [
        ("", "required"),
        ("/secret", "writeOnly"),
    ]


def test_30_bounds_nullable_and_closed_objects(packages: Any) -> None:
    v30 = packages("v30")
    data = _thing(ratio=1, level=None, note=None, size=4097, state="on", extra={"n": 2**63})
    data["surprise"] = True
    assert [(e.pointer, e.keyword) for e in v30.validate_thing(data)] == [
        ("/size", "maximum"),
        ("/size", "multipleOf"),
        ("/ratio", "exclusiveMaximum"),
        ("/state", "enum"),
        ("/extra/n", "format"),
        ("", "additionalProperties"),
    ]
    assert v30.validate_thing(_thing(labels=["a", "a"]))[0].keyword == "uniqueItems"
    assert v30.validate_thing(_thing(level=4))[0].keyword == "enum"


def test_a_discriminator_names_the_branch(packages: Any) -> None:
    v30 = packages("v30")
    assert v30.validate_pet({"kind": "cat", "lives": 9}) == []
    assert _errors(v30.validate_pet({"kind": "cat", "lives": 12})) == [
        ("/lives", "maximum", "12 is more than the maximum of 9 (as 'cat', chosen by 'kind')")
    ]
    assert _errors(v30.validate_pet({"kind": "cow"})) == [
        ("", "oneOf", "'kind' is the string 'cow', which names none of 'Cat', 'Dog', 'cat', 'dog'")
    ]
    assert _errors(v30.validate_pet({"lives": 1})) == [
        ("", "oneOf", "the discriminator property 'kind' is missing or empty")
    ]


def test_in_30_the_schema_the_tag_names_decides_alone(packages: Any) -> None:
    """As openapi-schema-validator applies OpenAPI 3.0's discriminator: a Barker-tagged object
    is checked as a Barker only, even though it would also pass as a Hunter."""
    v30, v31 = packages("v30"), packages("v31")
    assert v30.validate_animal({"animalType": "Hunter", "hunts": True, "bark": "woof"}) == []
    assert _errors(v30.validate_animal({"animalType": "Barker", "hunts": True})) == [
        (
            "",
            "required",
            "the required property 'bark' is missing (as 'Barker', chosen by 'animalType')",
        )
    ]
    assert [e.keyword for e in v30.validate_animal(["not", "an", "object"])] == ["type"]
    del v31  # 3.1 keeps oneOf's meaning (the discriminator only names the branch in errors)


def test_any_of_one_of_and_not(packages: Any) -> None:
    v30, v31 = packages("v30"), packages("v31")
    assert v30.validate_scalar("abc") == []
    assert v30.validate_scalar(2.5) == []
    assert [e.keyword for e in v30.validate_scalar("no")] == ["not"]
    assert _errors(v30.validate_scalar(True)) == [
        (
            "",
            "anyOf",
            "true matches none of the 2 alternatives (#0: (root): expected a string, got true; "
            "#1: (root): expected a number, got true)",
        )
    ]
    assert v31.validate_choice(0.5) == [] and v31.validate_choice(7) == []
    assert _errors(v31.validate_choice(1)) == [
        ("", "oneOf", "the integer 1 matches alternatives 0, 1; exactly one must match")
    ]
    assert v31.validate_shape({"type": "circle", "radius": 1}) == []
    assert [e.keyword for e in v31.validate_shape({"type": "square", "radius": 1})] == ["required"]


def test_recursion_reports_deep_pointers(packages: Any) -> None:
    v30 = packages("v30")
    tree = {"value": 1, "children": [{"value": 2, "children": [{"value": 3}, {"value": "4"}]}]}
    assert _errors(v30.validate_tree(tree)) == [
        ("/children/0/children/1/value", "type", "expected an integer, got the string '4'")
    ]


def test_31_keywords(packages: Any) -> None:
    v31 = packages("v31")
    good = {"kind": "record", "tags": ["a", 1, True, False], "x-note": "n", "count": 3}
    assert v31.validate_record(good) == []
    bad = {
        "kind": "other",
        "tags": ["a", 1.5, 3],
        "score": None,
        "x-note": 1,
        "code": "x",
        "a-very-long-name": 1,
    }
    assert [(e.pointer, e.keyword) for e in v31.validate_record(bad)] == [
        ("", "dependentRequired"),
        ("/kind", "const"),
        ("/tags/1", "type"),
        ("/tags/2", "type"),
        ("/tags", "contains"),
        ("/code", "minLength"),
        ("/x-note", "type"),
        ("", "maxLength"),
    ]
    assert v31.validate_record({**good, "whole": 10.0}) == []  # 1.0 is an integer in 3.1
    assert [e.keyword for e in v31.validate_closed({"name": "abcde"})] == ["maxLength"]
    assert [e.keyword for e in v31.validate_closed({"name": "a"})] == ["minLength"]
    assert [e.keyword for e in v31.validate_nothing({"never": 1})] == ["false"]
    assert v31.validate_mixed({"a": 1.0}) == [] and v31.validate_mixed([1.0]) == []
    assert [e.keyword for e in v31.validate_mixed(1.5)] == ["enum"]
    assert [e.keyword for e in v31.validate_mixed([True])] == ["enum"]
    assert [e.keyword for e in v31.validate_unique([1, 1.0])] == ["uniqueItems"]
    assert v31.validate_unique([1, True, [1], [True], {"a": 1}, {"a": True}]) == []


def _package(tmp_path: Path, openapi: str, schemas: dict[str, Any], name: str) -> Any:
    spec = tmp_path / f"{name}.json"
    document = {
        "openapi": openapi,
        "info": {"title": name, "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    spec.write_text(json.dumps(document), encoding="utf-8")
    write_tree(tmp_path, generate(spec, name))
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[loaded]  # parametrised tests reuse the name
    sys.path.insert(0, str(tmp_path))
    try:
        return importlib.import_module(f"{name}.validators")
    finally:
        sys.path.remove(str(tmp_path))


@pytest.mark.parametrize(
    ("factor", "value", "valid"),
    [
        (0.1, 0.3, True),
        (0.1, 0.35, False),
        (0.01, 19.99, True),
        (0.0001, 0.0075, True),
        (0.0001, 0.00751, False),
        (0.123456789, 1e308, False),
        (1e-8, 12391239123, True),
        (3, 9.0, True),
        (3, 10, False),
    ],
)
def test_multiple_of_is_exact_for_decimals(
    tmp_path: Path, factor: float, value: float, valid: bool
) -> None:
    validators = _package(
        tmp_path, "3.1.0", {"Amount": {"type": "number", "multipleOf": factor}}, "amounts"
    )
    assert (validators.validate_amount(value) == []) is valid


@pytest.mark.parametrize(
    ("pattern", "text", "valid"),
    [
        (r"^\d+$", "123", True),
        (r"^\d+$", "١٢٣", False),  # ECMA's \d is ASCII
        (r"^\d+$", "123\n", False),  # $ is the end, not the end or a final newline
        (r"^\w+$", "é", False),
        (r"^\s$", "\u00a0", True),  # ECMA's \s knows no-break space
        (r"^\s$", "\ufeff", True),
        (r"^.$", "\u2028", False),  # . stops at ECMA's line terminators
        (r"^(?<year>\d{4})-\k<year>$", "2024-2024", True),
        (r"^[^]$", "\n", True),
        (r"a{,2}", "a{,2}", True),  # not a quantifier in ECMA-262
        (r"\bcat\b", "écat", True),
    ],
)
def test_patterns_mean_what_ecma_262_says(
    tmp_path: Path, pattern: str, text: str, valid: bool
) -> None:
    validators = _package(
        tmp_path, "3.1.0", {"Text": {"type": "string", "pattern": pattern}}, "patterns"
    )
    assert (validators.validate_text(text) == []) is valid


FORMATS = {
    "date-time": (
        ["2026-02-28T23:59:59.999999999+14:00", "1998-12-31T23:59:60Z", "2024-02-29t00:00:00z"],
        [
            "2026-02-29T00:00:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01 00:00:00Z",
            "1998-12-31T22:59:60Z",
        ],
    ),
    "date": (["2024-02-29", "0000-01-01"], ["2023-02-29", "2024-1-01", "2024-01-01T00:00:00Z"]),
    "time": (["23:59:60Z", "08:30:06.283185+01:00"], ["08:30:06", "24:00:00Z", "08:30:06 Z"]),
    "uuid": (
        ["2eb8aa08-aa98-11ea-b4aa-73b441d16380"],
        ["2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g"],
    ),
    "email": (
        ['"joe bloggs"@example.com', "joe.bloggs@[IPv6:::1]", "te~st@example.com"],
        ["a@", "te..st@example.com", ".test@example.com", "joe@ex@ample.com", "a@-b.com"],
    ),
    "hostname": (["www.example.com", "a"], ["-a.com", "a..b", "a" * 64 + ".com"]),
    "ipv4": (["192.168.0.1"], ["192.168.0.01", "256.1.1.1", "1.2.3", "١.2.3.4"]),
    "ipv6": (["::1", "2001:db8::ff00:42:8329", "::ffff:1.2.3.4"], ["::1%eth0", " ::1", "1::2::3"]),
    "uri": (
        ["https://example.com/a?b=c#d", "urn:isbn:0451450523", "http://[::1]:80/"],
        ["//example.com", "/relative", "http://exa mple.com", "http://[::1/"],
    ),
    "uri-reference": (["/relative", "//example.com", "#frag", ""], ["\\\\server", "a b"]),
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_formats_are_strict(tmp_path: Path, fmt: str) -> None:
    validators = _package(
        tmp_path,
        "3.1.0",
        {"Value": {"type": "string", "format": fmt}},
        "fmt_" + fmt.replace("-", "_"),
    )
    good, bad = FORMATS[fmt]
    assert [v for v in good if validators.validate_value(v)] == []
    assert [v for v in bad if not validators.validate_value(v)] == []


def test_unknown_formats_are_listed_as_not_checked(tmp_path: Path) -> None:
    validators = _package(
        tmp_path,
        "3.1.0",
        {"Phone": {"type": "string", "format": "phone-number", "x-kind": 1, "widget": "tel"}},
        "unchecked",
    )
    assert validators.validate_phone("anything") == []
    assert "- format 'phone-number': ``/components/schemas/Phone/format``" in validators.__doc__
    assert "- unknown keyword 'widget': ``/components/schemas/Phone/widget``" in validators.__doc__
    assert "x-kind" not in validators.__doc__


def test_the_conformance_runner_reports_a_failure(tmp_path: Path) -> None:
    """The suite runner can fail: a group whose expectation is wrong is reported."""
    suite = tmp_path / "suite"
    (suite / "draft2020-12").mkdir(parents=True)
    wrong = [
        {
            "description": "wrong on purpose",
            "schema": {"type": "string"},
            "tests": [{"description": "a number", "data": 1, "valid": True}],
        }
    ]
    path = suite / "draft2020-12" / "wrong.json"
    path.write_text(json.dumps(wrong), encoding="utf-8")
    original = suite_runner.SUITE
    suite_runner.SUITE = suite
    try:
        result = run_file(path, tmp_path)
    finally:
        suite_runner.SUITE = original
    assert result.passed == 0
    assert result.failed and "wrong on purpose / a number" in result.failed[0]
