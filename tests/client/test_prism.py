"""Generated clients against Stoplight Prism, a mock server that no one here wrote.

Prism runs with ``--errors``: a request that breaks the spec gets a 4xx with an
``sl-violations`` header instead of a mocked answer, so every success here is Prism agreeing
that the client sent what the spec asks for.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.naming import snake_case
from tests.client.servers import ROOT, prism
from tests.conftest import generated_packages

sys.path.insert(0, str(ROOT / "generated"))

from oci_core import errors, fixtures, models  # noqa: E402
from oci_core.client import AsyncClient, Client  # noqa: E402
from oci_core.retry import RetryPolicy  # noqa: E402

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

BLOCK_STORAGE = ROOT / "tests" / "specs" / "oci_block_storage.yaml"
AN_OCID = "ocid1.test.oc1.phx.aaaaaaaabbbbbbbbccccccccdddddddd"


@pytest.fixture(scope="module")
def seed_url() -> Iterator[str]:
    with prism(ROOT / "spec" / "oci_core.yaml") as url:
        yield url


def test_create_volume_backup(seed_url: str) -> None:
    with Client(seed_url, retry=RetryPolicy()) as client:
        result = client.create_volume_backup(
            models.CreateVolumeBackupDetails(volume_id=AN_OCID, display_name="nightly")
        )
    assert result.status_code == 200
    assert "sl-violations" not in result.headers
    assert isinstance(result.data, models.VolumeBackup)
    assert result.data.lifecycle_state is models.VolumeBackupLifecycleState.REQUEST_RECEIVED
    assert result.data.time_created is not None and result.data.time_created.tzinfo is not None
    assert result.opc_request_id is not None and result.etag is not None


def test_create_volume_backup_async(seed_url: str) -> None:
    async def main() -> Any:
        async with AsyncClient(seed_url, retry=RetryPolicy()) as client:
            return await client.create_volume_backup({"volumeId": AN_OCID})

    result = asyncio.run(main())
    assert result.status_code == 200 and "sl-violations" not in result.headers
    assert isinstance(result.data, models.VolumeBackup)


@pytest.mark.parametrize("name", [f.name for f in fixtures.valid("CreateVolumeBackupDetails")])
def test_prism_accepts_every_valid_request(seed_url: str, name: str) -> None:
    details = fixtures.load("CreateVolumeBackupDetails", name).data
    with Client(seed_url, retry=RetryPolicy()) as client:
        result = client.create_volume_backup(details, opc_retry_token="token-" + name[:50])
    assert result.status_code == 200 and "sl-violations" not in result.headers


def test_a_declared_error_from_prism(seed_url: str) -> None:
    # Prism answers with the status a Prefer header names, from that response's schema.
    client = Client(seed_url, headers={"Prefer": "code=404"})
    with client, pytest.raises(errors.NotFoundError) as raised:
        client.create_volume_backup({"volumeId": AN_OCID})
    assert isinstance(raised.value.body, models.Error)
    assert raised.value.code is not None and raised.value.message is not None
    assert raised.value.request_id is not None
    assert "CreateVolumeBackup failed with HTTP 404" in str(raised.value)


@pytest.fixture(scope="module")
def block_storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    specs = {"block_storage": BLOCK_STORAGE}
    with generated_packages(tmp_path_factory.mktemp("block_storage"), specs) as load:
        load("block_storage.client")
        yield load("block_storage")


def _operations() -> list[tuple[str, str | None]]:
    """Each operation's method name and the named schema of its body, if it has one."""
    spec = yaml.safe_load(BLOCK_STORAGE.read_text(encoding="utf-8"))
    found = []
    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            schema = body["schema"]["$ref"].rsplit("/", 1)[1] if body else None
            found.append((snake_case(operation["operationId"]), schema))
    return found


@pytest.fixture(scope="module")
def block_url() -> Iterator[str]:
    with prism(BLOCK_STORAGE) as url:
        yield url


@pytest.mark.parametrize(("method", "schema"), _operations())
def test_every_block_storage_operation_against_prism(
    block_storage: ModuleType, block_url: str, method: str, schema: str | None
) -> None:
    """Path, query and header parameters, bodies, and responses with and without one."""
    from block_storage import fixtures as block_fixtures
    from block_storage.client import Client as BlockClient

    call = getattr(BlockClient, method)
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in list(inspect.signature(call).parameters.values())[1:]:
        if parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.name == "details":
            assert schema is not None
            value = block_fixtures.load(schema, "valid_minimal").data
        else:
            value = AN_OCID
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            keywords[parameter.name] = value
        else:
            positional.append(value)
    with BlockClient(block_url, retry=block_storage.retry.RetryPolicy()) as client:
        result = getattr(client, method)(*positional, **keywords)
    assert 200 <= result.status_code < 300 and "sl-violations" not in result.headers
    if result.status_code == 204:
        assert result.data is None
    else:
        assert type(result.data).__module__.startswith("block_storage.models")
