"""The committed oci_core package, imported and exercised: round trips, open enums,
unknown properties and RFC 3339 date-times."""

from __future__ import annotations

import copy
import dataclasses
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated"))

from oci_core import models  # noqa: E402
from oci_core._runtime import UNSET, format_datetime, parse_datetime  # noqa: E402

BACKUP: dict[str, Any] = {
    "backupProgress": 40,
    "compartmentId": "ocid1.compartment.oc1..aaaaaaaa",
    "definedTags": {"Operations": {"CostCenter": "42"}},
    "displayName": "nightly",
    "expirationTime": "2026-12-01T00:00:00Z",
    "freeformTags": {"Department": "Finance"},
    "id": "ocid1.volumebackup.oc1.phx.abyhqljr",
    "kmsKeyId": "ocid1.key.oc1.phx.a",
    "lifecycleState": "AVAILABLE",
    "sizeInGBs": 50,
    "sizeInMBs": 51200,
    "sourceType": "MANUAL",
    "sourceVolumeBackupId": "ocid1.volumebackup.oc1.phx.b",
    "systemTags": {"orcl-cloud": {"free-tier-retained": "true"}},
    "timeCreated": "2026-11-26T10:00:00.123456Z",
    "timeRequestReceived": "2026-11-26T09:59:59.5+02:00",
    "type": "FULL",
    "uniqueSizeInGBs": 10,
    "uniqueSizeInMbs": 10240,
    "volumeId": "ocid1.volume.oc1.phx.c",
}


def test_every_property_round_trips_with_its_wire_name() -> None:
    backup = models.VolumeBackup.from_dict(BACKUP)
    assert backup.unique_size_in_mbs == 10240
    assert backup.size_in_gbs == 50
    assert backup.defined_tags == {"Operations": {"CostCenter": "42"}}
    assert backup.lifecycle_state is models.VolumeBackupLifecycleState.AVAILABLE
    wire = backup.to_dict()
    assert set(wire) == set(BACKUP)
    assert wire["uniqueSizeInMbs"] == 10240
    assert wire["timeRequestReceived"] == "2026-11-26T09:59:59.500000+02:00"
    assert models.VolumeBackup.from_dict(wire) == backup


def test_required_fields_are_not_optional_and_absent_optionals_are_left_out() -> None:
    fields = {f.name: f for f in dataclasses.fields(models.VolumeBackup)}
    assert fields["id"].default is dataclasses.MISSING
    assert fields["kms_key_id"].default is None
    minimal = {
        k: BACKUP[k]
        for k in ("compartmentId", "displayName", "id", "lifecycleState", "timeCreated", "type")
    }
    backup = models.VolumeBackup.from_dict(minimal)
    assert backup.kms_key_id is None
    assert backup.to_dict() == {**minimal, "timeCreated": "2026-11-26T10:00:00.123456Z"}
    with pytest.raises(TypeError):
        models.VolumeBackup(id="x")  # type: ignore[call-arg]
    with pytest.raises(models.DecodeError, match="required property 'volumeId' is missing"):
        models.CreateVolumeBackupDetails.from_dict({})


def test_request_model_built_in_code() -> None:
    details = models.CreateVolumeBackupDetails(
        volume_id="ocid1.volume.oc1.phx.c",
        type=models.CreateVolumeBackupDetailsType.INCREMENTAL,
        freeform_tags={"Department": "Finance"},
    )
    assert details.to_dict() == {
        "freeformTags": {"Department": "Finance"},
        "type": "INCREMENTAL",
        "volumeId": "ocid1.volume.oc1.phx.c",
    }


def test_an_unknown_enum_value_is_kept_and_returned_unchanged() -> None:
    data = {**BACKUP, "lifecycleState": "RESTORING", "type": "DIFFERENTIAL"}
    backup = models.VolumeBackup.from_dict(data)
    assert backup.lifecycle_state.value == "RESTORING"
    assert isinstance(backup.lifecycle_state, models.VolumeBackupLifecycleState)
    assert not backup.lifecycle_state.is_known
    assert models.VolumeBackupLifecycleState.AVAILABLE.is_known
    assert backup.to_dict()["lifecycleState"] == "RESTORING"
    assert backup.to_dict()["type"] == "DIFFERENTIAL"
    assert backup.lifecycle_state != models.VolumeBackupLifecycleState.AVAILABLE


def test_undeclared_properties_survive_the_round_trip() -> None:
    data = {**BACKUP, "isAutoTuneEnabled": True, "sourceDetails": {"region": "phx"}}
    backup = models.VolumeBackup.from_dict(copy.deepcopy(data))
    assert backup.additional_properties == {
        "isAutoTuneEnabled": True,
        "sourceDetails": {"region": "phx"},
    }
    assert backup.to_dict() == models.VolumeBackup.from_dict(data).to_dict()
    assert backup.to_dict()["sourceDetails"] == {"region": "phx"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-26T10:00:00Z", datetime(2026, 11, 26, 10, tzinfo=timezone.utc)),
        ("2026-11-26t10:00:00z", datetime(2026, 11, 26, 10, tzinfo=timezone.utc)),
        ("2026-11-26 10:00:00Z", datetime(2026, 11, 26, 10, tzinfo=timezone.utc)),
        ("2026-11-26T10:00:00.1Z", datetime(2026, 11, 26, 10, 0, 0, 100000, timezone.utc)),
        ("2026-11-26T10:00:00.123456789Z", datetime(2026, 11, 26, 10, 0, 0, 123456, timezone.utc)),
        (
            "2026-11-26T10:00:00-05:30",
            datetime(2026, 11, 26, 10, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
        ("2026-11-26T10:00:00+00:00", datetime(2026, 11, 26, 10, tzinfo=timezone.utc)),
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999999, timezone.utc)),
    ],
)
def test_rfc3339_date_times_parse(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()
    assert parse_datetime(format_datetime(parsed)) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26",
        "2026-11-26T10:00:00",
        "2026-11-26T10:00Z",
        "2026-11-26T10:00:00.Z",
        "2026-11-26T10:00:00.1234567890Z",
        "2026-13-01T00:00:00Z",
        "x2026-11-26T10:00:00Z",
    ],
)
def test_malformed_date_times_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


def test_date_times_are_written_as_rfc3339() -> None:
    assert (
        format_datetime(datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
        == "2026-01-02T03:04:05Z"
    )
    with pytest.raises(ValueError, match="time zone"):
        format_datetime(datetime(2026, 1, 2))


def test_docstrings_come_from_the_spec() -> None:
    assert models.VolumeBackup.__doc__ is not None
    assert models.VolumeBackup.__doc__.startswith("A point-in-time copy of a volume")
    source = (Path(models.__file__).parent / "volume_backup.py").read_text()
    assert (
        '    size_in_mbs: int | None = None\n    """Deprecated. The size of the volume in MBs.'
        in source
    )
    assert repr(UNSET) == "UNSET"
