"""Per-call decoding of a VolumeBackup: validate, ``from_dict``, ``to_dict``, against pydantic v2.

Run from the repository root (pydantic is optional: ``pip install -e '.[bench]'``):

    python benchmarks/decode.py [--seconds 0.5]

The payload is ``benchmarks/validators.py``'s valid VolumeBackup (every property set, three
date-times, three enums). Ours is the seed package ``generated/oci_core``: ``validate`` is
``validate_volume_backup``, ``from_dict`` is ``VolumeBackup.from_dict`` (no validation),
``validated decode`` is both (what the client does with an answer), ``to_dict`` turns the model
back into wire data. The peer is a pydantic v2 ``BaseModel`` with the same fields, aliases,
constraints, enums and date-times: ``model_validate`` validates and builds the model in one
call (its Rust core), ``model_dump(by_alias=True, mode="json")`` is its ``to_dict``. Each
figure is the best of five ``timeit`` rounds, in one process, side by side.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generated"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_seconds  # noqa: E402 - after the path is set
from validators import VALID  # noqa: E402


def ours() -> dict[str, Callable[[], Any]]:
    from oci_core.models import VolumeBackup
    from oci_core.validators import validate_volume_backup

    model = VolumeBackup.from_dict(VALID)
    assert validate_volume_backup(VALID) == []
    # Equal but for the spelling of a zero fraction (.000Z is written Z).
    assert model.to_dict().keys() == VALID.keys()

    def validated_decode() -> Any:
        if validate_volume_backup(VALID):
            raise ValueError("invalid")
        return VolumeBackup.from_dict(VALID)

    return {
        "validate": lambda: validate_volume_backup(VALID),
        "from_dict": lambda: VolumeBackup.from_dict(VALID),
        "validated decode": validated_decode,
        "to_dict": model.to_dict,
    }


def pydantic_peer() -> dict[str, Callable[[], Any]]:
    from pydantic import BaseModel, ConfigDict, Field

    Ocid = Annotated[str, Field(min_length=1, max_length=255)]

    class LifecycleState(str, Enum):
        CREATING = "CREATING"
        AVAILABLE = "AVAILABLE"
        TERMINATING = "TERMINATING"
        TERMINATED = "TERMINATED"
        FAULTY = "FAULTY"
        REQUEST_RECEIVED = "REQUEST_RECEIVED"

    class SourceType(str, Enum):
        MANUAL = "MANUAL"
        SCHEDULED = "SCHEDULED"

    class BackupType(str, Enum):
        FULL = "FULL"
        INCREMENTAL = "INCREMENTAL"

    def of(alias: str, **rules: Any) -> Any:
        return Field(alias=alias, **rules)

    class VolumeBackup(BaseModel):
        model_config = ConfigDict(extra="allow", populate_by_name=True)

        backup_progress: int | None = of("backupProgress", default=None, ge=0, le=100)
        compartment_id: Ocid = of("compartmentId")
        defined_tags: dict[str, dict[str, str]] | None = of("definedTags", default=None)
        display_name: Ocid = of("displayName")
        expiration_time: datetime | None = of("expirationTime", default=None)
        freeform_tags: dict[str, str] | None = of("freeformTags", default=None)
        id: Ocid = of("id")
        kms_key_id: Ocid | None = of("kmsKeyId", default=None)
        lifecycle_state: LifecycleState = of("lifecycleState")
        size_in_gbs: int | None = of("sizeInGBs", default=None, ge=1, le=16384)
        size_in_mbs: int | None = of(
            "sizeInMBs", default=None, ge=1024, le=16777216, multiple_of=1024
        )
        source_type: SourceType | None = of("sourceType", default=None)
        source_volume_backup_id: Ocid | None = of("sourceVolumeBackupId", default=None)
        system_tags: dict[str, dict[str, str]] | None = of("systemTags", default=None)
        time_created: datetime = of("timeCreated")
        time_request_received: datetime | None = of("timeRequestReceived", default=None)
        type: BackupType = of("type")
        unique_size_in_gbs: int | None = of("uniqueSizeInGBs", default=None, ge=0, le=16384)
        unique_size_in_mbs: int | None = of("uniqueSizeInMbs", default=None, ge=0, le=16777216)
        volume_id: Ocid | None = of("volumeId", default=None)

    model = VolumeBackup.model_validate(VALID)
    assert model.time_created.microsecond == 123000

    return {
        "validated decode": lambda: VolumeBackup.model_validate(VALID),
        "to_dict": lambda: model.model_dump(by_alias=True, mode="json", exclude_none=True),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="per timing round")
    args = parser.parse_args()
    calls = {("ours", name): call for name, call in ours().items()}
    try:
        import pydantic
    except ImportError:
        peer_name = "pydantic not installed"
    else:
        calls |= {("pydantic", name): call for name, call in pydantic_peer().items()}
        peer_name = f"pydantic {pydantic.VERSION}"
    timed = {key: s * 1e6 for key, s in best_seconds(calls, args.seconds).items()}
    mine = {name: us for (who, name), us in timed.items() if who == "ours"}
    peer = {name: us for (who, name), us in timed.items() if who == "pydantic"}
    print(f"Machine: {platform.system()} {platform.machine()}, python {platform.python_version()}")
    print(f"Peer: {peer_name}")
    print(f"Command: python benchmarks/decode.py --seconds {args.seconds}\n")
    print("| step | ours | pydantic v2 | ours / pydantic |")
    print("|---|---:|---:|---:|")
    for name, ours_us in mine.items():
        theirs = peer.get(name)
        shown = "" if theirs is None else f"{theirs:.2f} µs"
        ratio = "" if theirs is None else f"{ours_us / theirs:.1f}x"
        print(f"| {name} | {ours_us:.2f} µs | {shown} | {ratio} |")


if __name__ == "__main__":
    main()
