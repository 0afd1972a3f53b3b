"""Per-call validation of a VolumeBackup: the generated validator against three peers.

Run from the repository root, with the peers installed (``pip install -e '.[bench]'``):

    python benchmarks/validators.py [--seconds 0.5]

Every validator checks the same two payloads (a valid VolumeBackup, every property set, and an
invalid one that breaks six rules in six properties) against the same schema: ours from
``generated/oci_core``, the others from ``spec/oci_core.yaml``'s VolumeBackup turned into plain
JSON Schema. Each figure is the best of five timing rounds of ``timeit`` (per call), the
peers in one process taking turns within every round (``timing.py``), so a slow spell of the
machine hits every one of them.

- fastjsonschema, compiled once: stops at the first error (its default), and with
  ``fast_fail=False`` collects every error (what ours does).
- jsonschema, a ``Draft4Validator`` built once (with a format checker): ``is_valid`` on the valid
  payload, ``list(iter_errors(...))`` on the invalid one.
- pydantic v2, a ``TypeAdapter`` over an equivalent ``TypedDict`` with the same constraints
  (it also parses date-times, which is more work than checking them).
"""

from __future__ import annotations

import argparse
import copy
import platform
import sys
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generated"))

from timing import best_seconds  # noqa: E402 - beside this script

VALID: dict[str, Any] = {
    "backupProgress": 100,
    "compartmentId": "ocid1.compartment.oc1..aaaaaaaa4w2sfnqxbgc6sboqlkm6vsyrqkmgzhuje4uqlqbyuanz6",
    "definedTags": {"Operations": {"CostCenter": "42"}},
    "displayName": "db-data-volume-backup-2024-05-14",
    "expirationTime": "2026-06-14T10:00:00Z",
    "freeformTags": {"Department": "Finance"},
    "id": "ocid1.volumebackup.oc1.phx.abyhqljrx5wqvdu3j6cfo2kdmrnqyrwyyzypxzlslkkofgqpohhxx4lwqz3a",
    "kmsKeyId": "ocid1.key.oc1.phx.a5pedhdeaafqa.abyhqljtq4hgtsqpd2xqzqvkhq6tg2xhwn5mzsxjdvq3flbh",
    "lifecycleState": "AVAILABLE",
    "sizeInGBs": 50,
    "sizeInMBs": 51200,
    "sourceType": "MANUAL",
    "sourceVolumeBackupId": "ocid1.volumebackup.oc1.phx.abyhqljrsource",
    "systemTags": {"orcl-cloud": {"free-tier-retained": "true"}},
    "timeCreated": "2026-05-14T10:00:00.123Z",
    "timeRequestReceived": "2026-05-14T09:59:58.000Z",
    "type": "FULL",
    "uniqueSizeInGBs": 12,
    "uniqueSizeInMbs": 12288,
    "volumeId": "ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q",
}
INVALID = copy.deepcopy(VALID) | {
    "backupProgress": 101,
    "displayName": "",
    "lifecycleState": "PENDING",
    "sizeInMBs": 2047,
    "timeCreated": "14 May 2026 10:00:00 GMT",
    "type": "WEEKLY",
}
EXPECTED_ERRORS = 6


def json_schema() -> dict[str, Any]:
    """VolumeBackup as draft-04 JSON Schema: OpenAPI's annotations and int64 formats dropped."""
    spec = yaml.safe_load((ROOT / "spec" / "oci_core.yaml").read_text(encoding="utf-8"))
    schema = copy.deepcopy(spec["components"]["schemas"]["VolumeBackup"])

    def clean(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: clean(value)
                for key, value in node.items()
                if key not in ("example", "deprecated", "description")
                and not (key == "format" and value == "int64")
            }
        return node

    return {"$schema": "http://json-schema.org/draft-04/schema#", **clean(schema)}


def ours() -> dict[str, Callable[[Any], Any]]:
    from oci_core.validators import validate_volume_backup

    assert validate_volume_backup(VALID) == []
    assert len(validate_volume_backup(INVALID)) == EXPECTED_ERRORS
    return {"all errors": validate_volume_backup}


def fastjsonschema_peers(schema: dict[str, Any]) -> dict[str, Callable[[Any], Any]]:
    import fastjsonschema

    first = fastjsonschema.compile(schema)
    every = fastjsonschema.compile(schema, fast_fail=False)

    def first_error(data: Any) -> Any:
        try:
            return first(data)
        except fastjsonschema.JsonSchemaValueException as error:
            return error

    def all_errors(data: Any) -> Any:
        try:
            return every(data)
        except fastjsonschema.JsonSchemaValuesException as error:
            return error.errors
        except fastjsonschema.JsonSchemaValueException as error:
            return [error]

    assert len(all_errors(INVALID)) == EXPECTED_ERRORS, all_errors(INVALID)
    return {"first error": first_error, "all errors": all_errors}


def jsonschema_peer(schema: dict[str, Any]) -> dict[str, Callable[[Any], Any]]:
    import jsonschema

    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    assert len(list(validator.iter_errors(INVALID))) == EXPECTED_ERRORS
    return {
        "valid": validator.is_valid,
        "all errors": lambda data: list(validator.iter_errors(data)),
    }


def pydantic_peer() -> dict[str, Callable[[Any], Any]]:
    from pydantic import Field, TypeAdapter, ValidationError
    from typing_extensions import NotRequired, TypedDict

    Ocid = Annotated[str, Field(min_length=1, max_length=255)]

    class VolumeBackup(TypedDict):
        backupProgress: NotRequired[Annotated[int, Field(strict=True, ge=0, le=100)]]
        compartmentId: Ocid
        definedTags: NotRequired[dict[str, dict[str, str]]]
        displayName: Ocid
        expirationTime: NotRequired[datetime]
        freeformTags: NotRequired[dict[str, str]]
        id: Ocid
        kmsKeyId: NotRequired[Ocid]
        lifecycleState: Literal[
            "CREATING", "AVAILABLE", "TERMINATING", "TERMINATED", "FAULTY", "REQUEST_RECEIVED"
        ]
        sizeInGBs: NotRequired[Annotated[int, Field(strict=True, ge=1, le=16384)]]
        sizeInMBs: NotRequired[
            Annotated[int, Field(strict=True, ge=1024, le=16777216, multiple_of=1024)]
        ]
        sourceType: NotRequired[Literal["MANUAL", "SCHEDULED"]]
        sourceVolumeBackupId: NotRequired[Ocid]
        systemTags: NotRequired[dict[str, dict[str, str]]]
        timeCreated: datetime
        timeRequestReceived: NotRequired[datetime]
        type: Literal["FULL", "INCREMENTAL"]
        uniqueSizeInGBs: NotRequired[Annotated[int, Field(strict=True, ge=0, le=16384)]]
        uniqueSizeInMbs: NotRequired[Annotated[int, Field(strict=True, ge=0, le=16777216)]]
        volumeId: NotRequired[Ocid]

    adapter = TypeAdapter(VolumeBackup)

    def validate(data: Any) -> Any:
        try:
            return adapter.validate_python(data)
        except ValidationError as error:
            return error.errors()

    assert len(validate(INVALID)) == EXPECTED_ERRORS, validate(INVALID)
    return {"all errors": validate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="per timing round")
    args = parser.parse_args()
    schema = json_schema()
    peers: list[tuple[str, Callable[[], dict[str, Callable[[Any], Any]]]]] = [
        ("ours (generated)", ours),
        ("fastjsonschema", lambda: fastjsonschema_peers(schema)),
        ("jsonschema", lambda: jsonschema_peer(schema)),
        ("pydantic v2", pydantic_peer),
    ]
    validators = {(name, mode): f for name, make in peers for mode, f in make().items()}
    timed = best_seconds(
        {
            (validator, data is VALID): partial(function, data)
            for validator, function in validators.items()
            for data in (VALID, INVALID)
        },
        args.seconds,
    )
    rows = [
        (name, mode, timed[(name, mode), True] * 1e9, timed[(name, mode), False] * 1e9)
        for name, mode in validators
    ]
    base_valid, base_invalid = rows[0][2], rows[0][3]
    import jsonschema
    import pydantic

    print(f"Machine: {platform.system()} {platform.machine()}, python {platform.python_version()}")
    print(
        f"Peers: fastjsonschema {_version('fastjsonschema')}, jsonschema {jsonschema.__version__}"
        f" (via metadata {_version('jsonschema')}), pydantic {pydantic.VERSION}"
    )
    print(f"Command: python benchmarks/validators.py --seconds {args.seconds}\n")
    print(
        "| validator | mode | valid payload | invalid payload (6 errors) "
        "| valid: peer / ours | invalid: peer / ours |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for name, mode, valid, invalid in rows:
        print(
            f"| {name} | {mode} | {valid / 1000:.2f} µs | {invalid / 1000:.2f} µs "
            f"| {valid / base_valid:.1f}x | {invalid / base_invalid:.1f}x |"
        )


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    main()
