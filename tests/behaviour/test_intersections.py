"""allOf as an intersection: the generated package decodes, validates and round-trips."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import generate_package

CASES = Path(__file__).resolve().parents[1] / "golden" / "cases"

JOB = {
    "id": "j1",
    "state": "running",
    "size": 3,
    "acl": {"revision": "r1", "addresses": {"ipv4": ["10.0.0.1"]}},
    "owner": {"name": "Ann"},
    "status": "done",
    "target": {"name": "Bob"},
    "code": "beta",
}


@pytest.fixture
def package(tmp_path: Path, import_generated: Any) -> Any:
    generate_package(CASES / "all_of_intersection" / "spec.yaml", "all_of_intersection", tmp_path)
    import_generated(tmp_path, "all_of_intersection")
    return lambda module: import_generated(tmp_path, "all_of_intersection", module)


def test_annotation_only_branches_beside_a_ref_mean_that_ref(package: Any) -> None:
    models = package("models")
    hints = typing.get_type_hints(models.Job)
    assert hints["owner"] == models.Owner | None  # not a copy of Owner
    assert hints["status"] == models.Status | None  # `nullable: true` beside it is an annotation
    assert hints["code"] == models.Code | None
    assert not hasattr(models, "JobOwner")


def test_the_narrower_declaration_types_a_property_and_objects_merge(package: Any) -> None:
    models = package("models")
    hints = typing.get_type_hints(models.Job)
    assert hints["state"] is models.Status  # {type: string} narrowed by a $ref to an enum
    assert hints["size"] == int | None  # number narrowed to integer
    assert hints["acl"] is models.JobAcl  # both branches' objects, merged
    fields = [f.name for f in dataclasses.fields(models.JobAcl)]
    assert fields == ["enabled", "addresses", "revision", "additional_properties"]


def test_allof_of_non_objects_is_its_most_specific_branch(package: Any) -> None:
    models = package("models")
    assert models.Code("alpha") is models.Code.ALPHA and models.Code("alpha").is_known
    assert not models.Code("gamma").is_known  # still an open enum
    module = package("models.stamp")
    assert module.Stamp == "datetime" and package("models.count").Count == "int"


def test_a_job_decodes_round_trips_and_validates(package: Any) -> None:
    models, validators = package("models"), package("validators")
    job = models.Job.from_dict(JOB)
    assert job.state is models.Status.RUNNING and job.code is models.Code.BETA
    assert isinstance(job.acl.addresses, models.JobAclAddresses)
    assert isinstance(job.target, models.Owner)
    assert job.to_dict() == JOB
    assert validators.validate_job(JOB) == []


def test_every_branch_is_checked(package: Any) -> None:
    validators = package("validators")
    broken = JOB | {
        "size": 1.5,  # a number, but the second branch wants an integer
        "code": "alpha!",  # in Code's enum? no; and longer than the property's maxLength 5
        "acl": {"enabled": True},  # the second branch refuses undeclared properties
    }
    found = {(e.pointer, e.keyword) for e in validators.validate_job(broken)}
    assert {("/size", "type"), ("/code", "enum"), ("/code", "maxLength")} <= found
    assert ("/acl/enabled", "additionalProperties") in found or (
        "/acl",
        "additionalProperties",
    ) in found
    assert validators.validate_count(-1) and validators.validate_count(1.5)
    assert validators.validate_count(2) == []
