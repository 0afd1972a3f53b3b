"""Time one CreateVolumeBackup call through the generated client, side by side with the client
openapi-python-client generates from the same spec, and with bare httpx as the floor.

Every client sends through the same ``httpx.MockTransport``, which answers with one canned
``VolumeBackup`` (the seed's ``valid_full`` fixture), so what is measured is the client's own
work: building and checking the request, encoding it, reading and parsing the response. The
network is left out on purpose; it would drown the differences.

    python benchmarks/client.py [--seconds 0.5] [--peer-bin /path/to/openapi-python-client]

openapi-python-client generates its package into a temporary folder first (``--peer-bin``, or
found on PATH; see benchmarks/README.md); its package needs ``attrs`` and ``python-dateutil``
importable here. Without it the peer's row says so.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generated"))

from oci_core import fixtures, models  # noqa: E402
from oci_core.client import Client  # noqa: E402
from oci_core.retry import RetryPolicy  # noqa: E402
from timing import best_seconds  # noqa: E402 - beside this script

BASE_URL = "https://iaas.us-phoenix-1.oraclecloud.com"
DETAILS = {
    "volumeId": "ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q",
    "displayName": "nightly",
    "type": "INCREMENTAL",
    "freeformTags": {"team": "storage"},
}
BACKUP = fixtures.load("VolumeBackup", "valid_full").data
BACKUP_BYTES = json.dumps(BACKUP).encode()
HEADERS = {"content-type": "application/json", "etag": "e1", "opc-request-id": "r1"}


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers=HEADERS, content=BACKUP_BYTES)


def _transport() -> httpx.MockTransport:
    return httpx.MockTransport(_answer)


def bare_httpx() -> Callable[[], object]:
    http = httpx.Client(base_url=BASE_URL, transport=_transport())

    def call() -> object:
        response = http.post("/20160918/volumeBackups", json=DETAILS)
        return response.json()

    return call


def ours(retry: RetryPolicy | None) -> Callable[[], object]:
    client = Client(retry=retry, http_client=httpx.Client(transport=_transport()))
    details = models.CreateVolumeBackupDetails.from_dict(DETAILS)

    def call() -> object:
        return client.create_volume_backup(details).data

    return call


def openapi_python_client(peer_bin: str | None, folder: Path) -> Callable[[], object] | str:
    binary = peer_bin or shutil.which("openapi-python-client")
    if binary is None:
        return "not installed"
    out = folder / "opc_oci_core"
    spec = ROOT / "spec" / "oci_core.yaml"
    subprocess.run(
        [binary, "generate", "--path", str(spec), "--output-path", str(out), "--meta", "none"],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(folder))
    try:
        package: Any = importlib.import_module("opc_oci_core")
        operation: Any = importlib.import_module(
            "opc_oci_core.api.blockstorage.create_volume_backup"
        )
        details_module: Any = importlib.import_module(
            "opc_oci_core.models.create_volume_backup_details"
        )
    except ImportError as error:
        return f"cannot import its package ({error})"
    client = package.Client(base_url=BASE_URL)
    client.set_httpx_client(httpx.Client(base_url=BASE_URL, transport=_transport()))
    body = details_module.CreateVolumeBackupDetails.from_dict(DETAILS)

    def call() -> object:
        return operation.sync_detailed(client=client, body=body).parsed

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--peer-bin", default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rows: list[tuple[str, str, Callable[[], object] | str]] = [
            ("httpx alone", "post, read JSON; no checks, no models", bare_httpx()),
            ("ours (generated)", "model in, checked, VolumeBackup out", ours(None)),
            ("ours, retries on", "the same, plus a retry token", ours(RetryPolicy())),
            (
                "openapi-python-client",
                "model in, unchecked, VolumeBackup out",
                openapi_python_client(options.peer_bin, Path(scratch)),
            ),
        ]
        measured = best_seconds(
            {n: c for n, _, c in rows if callable(c)}, options.seconds, rounds=7
        )
        timings: dict[str, float | str] = {
            name: measured[name] if callable(call) else call for name, _, call in rows
        }
    reference = timings["ours (generated)"]
    assert isinstance(reference, float)
    print("| client | what one call does | time per call | peer / ours |")
    print("|---|---|---:|---:|")
    for name, what, _ in rows:
        timing = timings[name]
        if isinstance(timing, str):
            print(f"| {name} | {what} | {timing} | |")
        else:
            print(f"| {name} | {what} | {timing * 1e6:.1f} µs | {timing / reference:.2f}x |")


if __name__ == "__main__":
    main()
