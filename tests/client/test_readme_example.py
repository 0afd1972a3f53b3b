"""The README's client example runs as written: against Prism it creates a backup; against a
server that refuses, its ApiError branch reports the error."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.client.servers import ROOT, FaultServer, Reply, prism

README = ROOT / "README.md"
EXAMPLE_URL = "http://127.0.0.1:4010"


def _example() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- client-example:start -->\n```python\n(.*?)```\n<!-- client-example:end -->",
        text,
        re.S,
    )
    assert block, "the README lost its client example markers"
    assert EXAMPLE_URL in block.group(1)
    return block.group(1)


def _run(url: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "generated")}
    return subprocess.run(
        [sys.executable, "-c", _example().replace(EXAMPLE_URL, url)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_the_example_creates_a_backup_against_prism() -> None:
    with prism(ROOT / "spec" / "oci_core.yaml") as url:
        result = _run(url)
    assert result.returncode == 0, result.stderr
    status, backup_id, state, request_id = result.stdout.split()
    assert status == "200" and backup_id.startswith("ocid1.volumebackup.")
    assert state == "REQUEST_RECEIVED" and request_id


def test_the_example_reports_an_api_error() -> None:
    refusal = {"code": "InvalidParameter", "message": "no such volume"}
    with FaultServer() as server:
        server.play(Reply(400, refusal, {"opc-request-id": "rid-1"}))
        result = _run(server.url)
    assert result.returncode == 1
    assert result.stdout == "HTTP 400 InvalidParameter: no such volume (request rid-1)\n"
    assert "BadRequestError" in result.stderr
