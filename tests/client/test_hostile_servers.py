"""The committed oci_core client against servers that answer badly on purpose, sync and async:
bodies too big to hold (a gzip bomb, a huge error retried), JSON too deep, bytes that are not
UTF-8, bodies and headers dripped a byte at a time, and redirects to another origin.

Memory is bounded by what was read, measured with ``tracemalloc`` (the peak of the call) and on
the error raised; the deadline by a guard that only a call that ignored it would reach.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import struct
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.client.servers import ROOT, DripHeaders, FaultServer, Reply, Stream
from tests.client.test_faults import BACKUP, DETAILS, OK, FakeTime

sys.path.insert(0, str(ROOT / "generated"))

from oci_core import errors  # noqa: E402
from oci_core.client import AsyncClient, Client  # noqa: E402

MiB = 1024 * 1024
JSON = {"content-type": "application/json"}
# What a call that ignored its deadline would take: minutes; one that keeps it ends in seconds.
GUARD_SECONDS = 30.0


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[FaultServer]:
    """A second server: another port, so another origin."""
    with FaultServer() as running:
        yield running


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """1 GiB of zeros as a valid gzip body of about 1 MiB. Made by repeating one compressed
    MiB: after a full flush the compressor starts afresh, so each MiB of zeros compresses to
    the same bytes, and only the trailer (CRC and length) needs the whole."""
    zeros = bytes(MiB)
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    head = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-8]  # the last block, without the trailer of the 2 MiB it saw
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(zeros, crc)
    return head + again * 1023 + end + struct.pack("<II", crc, (1024 * MiB) & 0xFFFFFFFF)


Call = Callable[..., Any]


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, server: FaultServer) -> Call:
    """create_volume_backup through Client or AsyncClient: the result, or what it raised."""

    def run(**options: Any) -> Any:
        options.setdefault("base_url", server.url)
        if request.param == "sync":
            with Client(**options) as client:
                return client.create_volume_backup(DETAILS)

        async def main() -> Any:
            async with AsyncClient(**options) as client:
                return await client.create_volume_backup(DETAILS)

        return asyncio.run(main())

    return run


def peak_of(run: Callable[[], object]) -> int:
    """The most memory Python held at once while ``run`` ran, in bytes."""
    tracemalloc.start()
    try:
        run()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_gzip_bomb_stops_at_the_limit(call: Call, server: FaultServer, bomb: bytes) -> None:
    server.play(Stream(200, bomb, 1, {"content-encoding": "gzip"}))
    raised: list[errors.ResponseTooLarge] = []

    def run() -> None:
        with pytest.raises(errors.ResponseTooLarge) as caught:
            call(max_body_bytes=8 * MiB)
        raised.append(caught.value)

    assert peak_of(run) < 40 * MiB  # 1 GiB inflated, were it read whole
    (failure,) = raised
    assert isinstance(failure, errors.UnexpectedResponse)
    assert (failure.status, failure.limit, failure.attempts) == (200, 8 * MiB, 1)
    assert failure.text == "\0" * (64 * 1024)
    assert str(failure) == (
        "CreateVolumeBackup: the HTTP 200 body is larger than max_body_bytes "
        f"({8 * MiB} bytes); reading stopped there"
    )


def test_a_huge_error_body_is_read_to_1_mib_on_every_attempt(
    call: Call, server: FaultServer
) -> None:
    huge = Stream(503, b"x" * (64 * 1024), 1600)  # 100 MiB
    server.play(huge, huge, huge)
    fake_time = FakeTime()
    raised: list[errors.ApiError] = []

    def run() -> None:
        with pytest.raises(errors.ServiceUnavailableError) as caught:
            call(retry=fake_time.policy(max_attempts=3))
        raised.append(caught.value)

    assert peak_of(run) < 16 * MiB
    (failure,) = raised
    assert failure.attempts == 3 and len(server.received) == 3
    assert failure.body is None and failure.text == "x" * (64 * 1024)
    assert "CreateVolumeBackup failed with HTTP 503" in str(failure)


def test_a_body_at_the_limit_is_read_whole(call: Call, server: FaultServer) -> None:
    empty = len(json.dumps({**BACKUP, "displayName": ""}).encode())
    body = {**BACKUP, "displayName": "a" * (MiB - empty)}
    server.play(Reply(200, body), Reply(200, body))
    assert call(max_body_bytes=MiB).data.display_name == body["displayName"]
    with pytest.raises(errors.ResponseTooLarge):
        call(max_body_bytes=MiB - 1)


def test_a_gzipped_or_deflated_body_is_read(call: Call, server: FaultServer) -> None:
    text = httpx.Response(200, json=BACKUP).content
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    server.play(
        Reply(200, gzip.compress(text), {**JSON, "content-encoding": "gzip"}),
        Reply(200, zlib.compress(text), {**JSON, "content-encoding": "deflate"}),
        Reply(200, raw.compress(text) + raw.flush(), {**JSON, "content-encoding": "deflate"}),
    )
    for _ in range(3):
        result = call()
        assert result.data.id == BACKUP["id"]
        assert "content-encoding" not in result.headers
    assert {r.headers["accept-encoding"] for r in server.received} == {"gzip, deflate"}


def test_a_coding_the_client_did_not_ask_for_is_a_final_transport_error(
    call: Call, server: FaultServer
) -> None:
    server.play(Reply(200, b"\x1b\x00", {**JSON, "content-encoding": "br"}), OK)
    with pytest.raises(errors.TransportError) as raised:
        call(retry=FakeTime().policy())
    assert isinstance(raised.value.__cause__, httpx.DecodingError)
    assert not raised.value.retryable and len(server.received) == 1
    assert "'br' is not one this client reads (gzip, deflate)" in str(raised.value)


@pytest.mark.parametrize("status", [200, 400])
def test_json_nested_100k_deep_is_an_api_error(
    call: Call, server: FaultServer, status: int
) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    server.play(Reply(status, deep, JSON))
    with pytest.raises(errors.ApiError) as raised:
        call()
    assert raised.value.status == status and raised.value.body is None
    assert type(raised.value) is (
        errors.UnexpectedResponse if status == 200 else errors.BadRequestError
    )
    if status == 200:
        assert isinstance(raised.value.__cause__, RecursionError)


@pytest.mark.parametrize("status", [200, 400])
def test_a_body_that_is_not_utf8_is_an_api_error(
    call: Call, server: FaultServer, status: int
) -> None:
    server.play(Reply(status, b'{"code": "\xff\xfe", "message": "m"}', JSON))
    with pytest.raises(errors.ApiError) as raised:
        call()
    assert raised.value.status == status
    assert "\ufffd" in raised.value.text


def test_a_server_that_drips_its_body_cannot_hold_a_call_past_its_deadline(
    call: Call, server: FaultServer
) -> None:
    drip = Stream(200, b" ", 1000, interval=0.2)
    server.play(drip, drip)
    began = time.monotonic()
    with pytest.raises(errors.RequestTimeout) as raised:
        call(deadline=1.0, timeout=5.0, retry=FakeTime().policy())
    assert time.monotonic() - began < GUARD_SECONDS  # 200 s, were the deadline ignored
    assert "within its deadline of 1 s" in str(raised.value)
    assert not raised.value.retryable and raised.value.attempts == 1


def test_a_server_that_drips_its_headers_cannot_hold_a_sync_call_past_its_deadline(
    server: FaultServer,
) -> None:
    """Each byte comes well within the read timeout (60 s): only the cap at the time left,
    on every read of the client's own connections, ends the call."""
    drip = DripHeaders(200, 1000, interval=0.2)
    server.play(drip, drip)
    began = time.monotonic()
    client = Client(server.url, deadline=1.0, retry=FakeTime().policy())
    with client, pytest.raises(errors.RequestTimeout) as raised:
        client.create_volume_backup(DETAILS)
    assert time.monotonic() - began < GUARD_SECONDS  # 200 s, were the deadline ignored
    assert "within its deadline of 1 s" in str(raised.value)
    assert not raised.value.retryable and raised.value.attempts == 1
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)


def test_a_server_that_drips_its_headers_cannot_hold_an_async_call_past_its_deadline(
    server: FaultServer,
) -> None:
    drip = DripHeaders(200, 1000, interval=0.2)
    server.play(drip, drip)

    async def main() -> None:
        async with AsyncClient(server.url, deadline=1.0, retry=FakeTime().policy()) as client:
            await client.create_volume_backup(DETAILS)

    began = time.monotonic()
    with pytest.raises(errors.RequestTimeout) as raised:
        asyncio.run(main())
    assert time.monotonic() - began < GUARD_SECONDS
    assert not raised.value.retryable and raised.value.attempts == 1


def test_no_retry_waits_past_the_deadline(call: Call, server: FaultServer) -> None:
    server.play(Reply(503, {"code": "Down"}), OK)
    fake_time = FakeTime()
    with pytest.raises(errors.ServiceUnavailableError) as raised:
        call(deadline=0.9, retry=fake_time.policy(jitter=lambda: 1.0))  # the wait: 1 s
    assert raised.value.attempts == 1 and fake_time.waits == []


@pytest.mark.parametrize("bad", [0, -1.0, float("inf"), float("nan")])
def test_a_deadline_is_a_positive_number(bad: float) -> None:
    with pytest.raises(ValueError, match="deadline must be a positive number"):
        Client("http://127.0.0.1:9", deadline=bad)
    with pytest.raises(ValueError, match="max_body_bytes must be at least 1"):
        Client("http://127.0.0.1:9", max_body_bytes=0)


class Signer(httpx.Auth):
    def __init__(self) -> None:
        self.signed: list[str] = []

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        self.signed.append(str(request.url))
        request.headers["authorization"] = f"Signature n={len(self.signed)}"
        yield request


SECRETS = ("authorization", "x-api-key", "cookie", "opc-retry-token", "opc-request-id")


def test_a_redirect_to_another_origin_carries_no_credentials(
    call: Call, server: FaultServer, elsewhere: FaultServer
) -> None:
    signer = Signer()
    server.play(Reply(307, headers={"location": f"{elsewhere.url}/landing?x=1"}))
    elsewhere.play(OK)
    http = httpx.Client(follow_redirects=True, headers={"x-api-key": "from-the-http-client"})
    with Client(
        server.url,
        http_client=http,
        auth=signer,
        headers={"x-api-key": "k", "cookie": "session=s"},
        retry=FakeTime().policy(),
    ) as client:
        assert client.create_volume_backup(DETAILS).status_code == 200
    (home,) = server.received
    (away,) = elsewhere.received
    assert all(name in home.headers for name in SECRETS)
    assert not [name for name in SECRETS if name in away.headers]
    assert (away.method, away.path, away.body) == ("POST", "/landing?x=1", home.body)
    assert len(signer.signed) == 1
    http.close()


def test_async_redirect_to_another_origin_carries_no_credentials(
    server: FaultServer, elsewhere: FaultServer
) -> None:
    server.play(Reply(303, headers={"location": f"{elsewhere.url}/landing"}))
    elsewhere.play(OK)

    async def main() -> None:
        async with (
            httpx.AsyncClient(follow_redirects=True) as http,
            AsyncClient(
                server.url, http_client=http, auth=Signer(), headers={"x-api-key": "k"}
            ) as client,
        ):
            assert (await client.create_volume_backup(DETAILS)).status_code == 200

    asyncio.run(main())
    (away,) = elsewhere.received
    assert (away.method, away.body) == ("GET", b"")  # 303: see other, with GET
    assert "content-type" not in away.headers
    assert not [name for name in SECRETS if name in away.headers]


def test_a_redirect_at_home_keeps_them_and_signs_again(server: FaultServer) -> None:
    signer = Signer()
    server.play(Reply(308, headers={"location": "/20160918/elsewhere"}), OK)
    policy = FakeTime().policy()
    with (
        httpx.Client(follow_redirects=True) as http,
        Client(server.url, http_client=http, auth=signer, retry=policy) as client,
    ):
        client.create_volume_backup(DETAILS)
    first, second = server.received
    assert second.path == "/20160918/elsewhere" and second.body == first.body
    assert first.headers["opc-retry-token"] == second.headers["opc-retry-token"]
    assert [first.headers["authorization"], second.headers["authorization"]] == [
        "Signature n=1",
        "Signature n=2",
    ]


def test_redirects_are_not_followed_unless_the_http_client_follows_them(
    call: Call, server: FaultServer, elsewhere: FaultServer
) -> None:
    server.play(Reply(307, headers={"location": f"{elsewhere.url}/landing"}))
    elsewhere.play(OK)
    with pytest.raises(errors.UnexpectedResponse) as raised:
        call()
    assert raised.value.status == 307 and elsewhere.received == []


def test_a_redirect_loop_ends(server: FaultServer) -> None:
    server.play(*[Reply(302, headers={"location": "/again"})] * 30)
    with (
        httpx.Client(follow_redirects=True, max_redirects=5) as http,
        Client(server.url, http_client=http) as client,
        pytest.raises(errors.TransportError) as raised,
    ):
        client.create_volume_backup(DETAILS)
    assert isinstance(raised.value.__cause__, httpx.TooManyRedirects)
    assert len(server.received) == 6 and not raised.value.retryable


def test_a_body_dropped_by_a_303_stays_dropped(server: FaultServer) -> None:
    server.play(
        Reply(303, headers={"location": "/seen"}), Reply(307, headers={"location": "/kept"}), OK
    )
    with (
        httpx.Client(follow_redirects=True) as http,
        Client(server.url, http_client=http) as client,
    ):
        client.create_volume_backup(DETAILS)
    assert [(r.method, r.path, bool(r.body)) for r in server.received] == [
        ("POST", "/20160918/volumeBackups", True),
        ("GET", "/seen", False),
        ("GET", "/kept", False),
    ]
