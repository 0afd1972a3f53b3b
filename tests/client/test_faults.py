"""The committed oci_core client under faults, sync and async alike: which failures are retried,
how long it waits, that a retried create carries one retry token, and what it raises.

The server is ``FaultServer`` (a thread on 127.0.0.1 playing a script); the retry policy's sleep
and clock are replaced by ``FakeTime``, so back-off is measured without waiting for it.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.client.servers import Drop, FaultServer, Reply

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated"))

from oci_core import errors, models  # noqa: E402
from oci_core.client import AsyncClient, Client  # noqa: E402
from oci_core.retry import RetryPolicy  # noqa: E402

DETAILS = models.CreateVolumeBackupDetails(
    volume_id="ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q",
    display_name="nightly",
)
BACKUP: dict[str, Any] = {
    "compartmentId": "ocid1.compartment.oc1..aaaa",
    "displayName": "nightly",
    "id": "ocid1.volumebackup.oc1.phx.abyh",
    "lifecycleState": "REQUEST_RECEIVED",
    "timeCreated": "2026-11-26T10:00:00Z",
    "type": "INCREMENTAL",
}
OK = Reply(200, BACKUP, {"etag": "etag-1", "opc-request-id": "server-id"})
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def error(status: int, code: str, message: str = "it failed", **headers: str) -> Reply:
    return Reply(status, {"code": code, "message": message}, {"opc-request-id": "rid-9", **headers})


class FakeTime:
    """The retry policy's clock and sleep: time moves only by the waits the client asks for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def clock(self) -> float:
        return self.now

    def policy(self, **settings: Any) -> RetryPolicy:
        return RetryPolicy(
            sleep=self.sleep, async_sleep=self.async_sleep, clock=self.clock, **settings
        )


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


Call = Callable[..., Any]


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, server: FaultServer) -> Call:
    """create_volume_backup through Client or AsyncClient: the result, or what it raised."""

    def run(
        *,
        retry: RetryPolicy | None = None,
        timeout: float | None = None,
        details: Any = DETAILS,
        **kwargs: Any,
    ) -> Any:
        options: dict[str, Any] = {"retry": retry, "timeout": timeout}
        options.update(kwargs.pop("client_options", {}))
        if request.param == "sync":
            with Client(server.url, **options) as client:
                return client.create_volume_backup(details, **kwargs)

        async def main() -> Any:
            async with AsyncClient(server.url, **options) as client:
                return await client.create_volume_backup(details, **kwargs)

        return asyncio.run(main())

    return run


def test_500_then_503_then_200_retries_with_one_token(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(error(500, "InternalServerError"), error(503, "ServiceUnavailable"), OK)
    result = call(retry=fake_time.policy())

    assert result.status_code == 200
    assert result.data.id == BACKUP["id"]
    assert result.data.lifecycle_state is models.VolumeBackupLifecycleState.REQUEST_RECEIVED
    assert (result.etag, result.opc_request_id) == ("etag-1", "server-id")
    assert [r.method for r in server.received] == ["POST"] * 3
    assert {r.path for r in server.received} == {"/20160918/volumeBackups"}
    tokens = {r.headers["opc-retry-token"] for r in server.received}
    assert len(tokens) == 1 and TOKEN.fullmatch(tokens.pop())
    assert len({r.headers["opc-request-id"] for r in server.received}) == 1
    assert {r.body for r in server.received} == {
        json.dumps(DETAILS.to_dict(), separators=(",", ":")).encode()
    }
    # Equal jitter: the n-th wait lies between half and all of 2 ** (n - 1) seconds.
    assert len(fake_time.waits) == 2
    assert 0.5 <= fake_time.waits[0] <= 1.0
    assert 1.0 <= fake_time.waits[1] <= 2.0


def test_429_waits_as_long_as_retry_after_asks(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(error(429, "TooManyRequests", **{"retry-after": "7"}), OK)
    assert call(retry=fake_time.policy()).status_code == 200
    assert fake_time.waits == [7.0]
    assert len({r.headers["opc-retry-token"] for r in server.received}) == 1


@pytest.mark.parametrize("code", ["IncorrectState", "LockConflict"])
def test_409_that_clears_by_itself_is_retried(
    call: Call, server: FaultServer, fake_time: FakeTime, code: str
) -> None:
    server.play(error(409, code), OK)
    assert call(retry=fake_time.policy()).status_code == 200
    assert len(server.received) == 2 and len(fake_time.waits) == 1


def test_409_of_another_kind_is_final(call: Call, server: FaultServer, fake_time: FakeTime) -> None:
    server.play(error(409, "Conflict", "the backup exists"), OK)
    with pytest.raises(errors.ConflictError) as raised:
        call(retry=fake_time.policy())
    assert (raised.value.status, raised.value.code, raised.value.attempts) == (409, "Conflict", 1)
    assert len(server.received) == 1 and fake_time.waits == []


def test_a_dropped_connection_is_retried(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(Drop(), OK)
    assert call(retry=fake_time.policy()).status_code == 200
    assert len(server.received) == 2
    assert len({r.headers["opc-retry-token"] for r in server.received}) == 1


def test_a_dropped_connection_without_retries_is_a_transport_error(
    call: Call, server: FaultServer
) -> None:
    server.play(Drop())
    with pytest.raises(errors.TransportError) as raised:
        call()
    assert not isinstance(raised.value, errors.ApiError)
    assert isinstance(raised.value.__cause__, httpx.TransportError)
    assert raised.value.operation == "CreateVolumeBackup" and raised.value.attempts == 1
    assert "CreateVolumeBackup" in str(raised.value)


def test_a_reply_slower_than_the_timeout_is_retried(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(Reply(200, BACKUP, delay=1.0), OK)
    assert call(retry=fake_time.policy(), timeout=0.2).status_code == 200
    assert len(server.received) == 2
    assert len({r.headers["opc-retry-token"] for r in server.received}) == 1


def test_a_timeout_without_retries_is_a_request_timeout(call: Call, server: FaultServer) -> None:
    server.play(Reply(200, BACKUP, delay=1.0))
    with pytest.raises(errors.RequestTimeout) as raised:
        call(timeout=0.2)
    assert isinstance(raised.value, errors.TransportError)
    assert isinstance(raised.value.__cause__, httpx.TimeoutException)


def test_a_502_that_is_not_json_keeps_its_text(call: Call, server: FaultServer) -> None:
    page = b"<html><body>502 Bad Gateway</body></html>"
    server.play(Reply(502, page, {"opc-request-id": "gw-1"}))
    with pytest.raises(errors.BadGatewayError) as raised:
        call()
    failure = raised.value
    assert isinstance(failure, errors.ServerError) and isinstance(failure, errors.ApiError)
    assert (failure.status, failure.body, failure.code, failure.message) == (502, None, None, None)
    assert failure.text == page.decode()
    assert failure.request_id == "gw-1"
    assert "CreateVolumeBackup failed with HTTP 502" in str(failure)
    assert "502 Bad Gateway" in str(failure) and "gw-1" in str(failure)


def test_a_502_is_retried_until_the_attempts_run_out(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(*[Reply(502, b"<html>bad gateway</html>")] * 3)
    with pytest.raises(errors.BadGatewayError) as raised:
        call(retry=fake_time.policy(max_attempts=3))
    assert raised.value.attempts == 3 and len(server.received) == 3
    assert len(fake_time.waits) == 2


def test_a_400_is_never_retried(call: Call, server: FaultServer, fake_time: FakeTime) -> None:
    server.play(error(400, "InvalidParameter", "volumeId is not a volume"), OK)
    with pytest.raises(errors.BadRequestError) as raised:
        call(retry=fake_time.policy())
    failure = raised.value
    assert isinstance(failure, errors.ClientError)
    assert isinstance(failure.body, models.Error)
    assert (failure.code, failure.message) == ("InvalidParameter", "volumeId is not a volume")
    assert (failure.status, failure.request_id, failure.attempts) == (400, "rid-9", 1)
    assert failure.operation == "CreateVolumeBackup"
    assert str(failure) == (
        "CreateVolumeBackup failed with HTTP 400 (InvalidParameter: volumeId is not a volume); "
        "opc-request-id: rid-9"
    )
    assert len(server.received) == 1 and fake_time.waits == []


def test_waits_stop_before_the_time_budget_runs_out(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(*[error(503, "ServiceUnavailable")] * 8)
    # No jitter (the top of each range): waits of 1 and 2 seconds; the next (4) would end at 7 s.
    with pytest.raises(errors.ServiceUnavailableError) as raised:
        call(retry=fake_time.policy(max_elapsed=5.0, jitter=lambda: 1.0))
    assert fake_time.waits == [1.0, 2.0]
    assert raised.value.attempts == 3 and len(server.received) == 3


def test_a_retry_after_beyond_the_budget_is_not_waited_for(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(error(429, "TooManyRequests", **{"retry-after": "3600"}), OK)
    with pytest.raises(errors.TooManyRequestsError):
        call(retry=fake_time.policy())
    assert fake_time.waits == [] and len(server.received) == 1


def test_without_retries_no_token_is_made_up(call: Call, server: FaultServer) -> None:
    server.play(OK)
    call()
    (received,) = server.received
    assert "opc-retry-token" not in received.headers
    assert re.fullmatch(r"[0-9A-F]{32}", received.headers["opc-request-id"])


def test_the_callers_token_goes_out_on_every_attempt(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    server.play(error(500, "InternalServerError"), OK)
    call(retry=fake_time.policy(), opc_retry_token="my-token-1")
    assert [r.headers["opc-retry-token"] for r in server.received] == ["my-token-1"] * 2


def test_a_bad_request_never_reaches_the_wire(call: Call, server: FaultServer) -> None:
    server.play(OK)
    with pytest.raises(errors.InvalidRequest) as raised:
        call(details={"displayName": "", "type": "WEEKLY"}, opc_retry_token="x" * 65)
    assert [(e.pointer, e.keyword) for e in raised.value.errors] == [
        ("/body", "required"),
        ("/body/displayName", "minLength"),
        ("/body/type", "enum"),
        ("/parameters/opc-retry-token", "maxLength"),
    ]
    assert "4 problems with the CreateVolumeBackup request" in str(raised.value)
    assert server.received == []


def test_a_plain_dict_is_sent_as_it_is(call: Call, server: FaultServer) -> None:
    server.play(OK)
    call(details={"volumeId": "ocid1.volume.oc1..a", "freeformTags": {"team": "db"}})
    (received,) = server.received
    assert json.loads(received.body) == {
        "volumeId": "ocid1.volume.oc1..a",
        "freeformTags": {"team": "db"},
    }
    assert received.headers["content-type"] == "application/json"


def test_unknown_enum_values_and_properties_survive(call: Call, server: FaultServer) -> None:
    newer = {**BACKUP, "lifecycleState": "ARCHIVING", "storageTier": "cold"}
    server.play(Reply(200, newer))
    data = call().data
    assert data.lifecycle_state.value == "ARCHIVING"
    assert not data.lifecycle_state.is_known
    assert data.additional_properties == {"storageTier": "cold"}
    assert data.to_dict() == newer


def test_a_success_that_is_not_the_declared_json_is_unexpected(
    call: Call, server: FaultServer
) -> None:
    incomplete = {key: value for key, value in BACKUP.items() if key != "displayName"}
    server.play(
        Reply(200, b"<html>maintenance</html>"),
        Reply(200, ["not", "an", "object"]),
        Reply(200, incomplete),
    )
    reasons = []
    for _ in range(3):
        with pytest.raises(errors.UnexpectedResponse) as raised:
            call()
        assert raised.value.status == 200
        assert raised.value.reason is not None and str(raised.value).endswith(raised.value.reason)
        reasons.append(raised.value.reason)
    assert reasons[0] == "the body is not JSON (Expecting value at line 1 column 1)"
    assert "displayName" in reasons[2]


def test_a_status_the_spec_does_not_declare_says_so(call: Call, server: FaultServer) -> None:
    server.play(Reply(304, b""))
    with pytest.raises(errors.UnexpectedResponse) as raised:
        call()
    assert str(raised.value) == (
        "CreateVolumeBackup failed with HTTP 304: "
        "HTTP 304 is not a status the spec declares for it"
    )


def test_a_problem_details_body_is_in_the_message(call: Call, server: FaultServer) -> None:
    problem = {"type": "about:blank", "title": "Out of stock", "detail": "No volumes left"}
    server.play(Reply(409, problem, {"content-type": "application/problem+json"}))
    with pytest.raises(errors.ConflictError) as raised:
        call()
    assert (raised.value.title, raised.value.detail) == ("Out of stock", "No volumes left")
    assert str(raised.value).startswith(
        "CreateVolumeBackup failed with HTTP 409 (Out of stock: No volumes left)"
    )


class Signer(httpx.Auth):
    """Stands in for an OCI request signer: signs what it is given, once per attempt."""

    def __init__(self) -> None:
        self.signed = 0

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.signed += 1
        request.headers["authorization"] = f"Signature n={self.signed}"
        yield request


def test_auth_and_extra_headers_go_on_every_attempt(
    call: Call, server: FaultServer, fake_time: FakeTime
) -> None:
    signer = Signer()
    server.play(error(503, "ServiceUnavailable"), OK)
    options = {"auth": signer, "headers": {"x-team": "storage"}}
    call(retry=fake_time.policy(), client_options=options)
    assert [r.headers["authorization"] for r in server.received] == [
        "Signature n=1",
        "Signature n=2",
    ]
    assert {r.headers["x-team"] for r in server.received} == {"storage"}


def test_a_given_http_client_is_used_and_left_open(server: FaultServer) -> None:
    server.play(OK)
    with httpx.Client(headers={"x-from": "mine"}) as http:
        with Client(server.url, http_client=http) as client:
            client.create_volume_backup(DETAILS)
        assert not http.is_closed
    assert server.received[0].headers["x-from"] == "mine"


def test_the_default_policy_is_the_oci_sdks() -> None:
    policy = RetryPolicy()
    assert (policy.max_attempts, policy.max_elapsed, policy.max_delay) == (8, 600.0, 30.0)
    for attempt in range(1, 12):
        ceiling = min(30.0, 2.0 ** (attempt - 1))
        for _ in range(50):
            assert ceiling / 2 <= policy.backoff(attempt) <= ceiling


@pytest.mark.parametrize(
    ("status", "code", "retried"),
    [
        (400, "InvalidParameter", False),
        (401, "NotAuthenticated", False),
        (404, "NotAuthorizedOrNotFound", False),
        (409, "Conflict", False),
        (409, "IncorrectState", True),
        (409, "LockConflict", True),
        (412, "NoEtagMatch", False),
        (429, "TooManyRequests", True),
        (500, "InternalServerError", True),
        (501, "MethodNotImplemented", False),
        (502, "BadGateway", True),
        (503, "ServiceUnavailable", True),
        (504, "GatewayTimeout", True),
    ],
)
def test_which_statuses_are_retried(status: int, code: str, retried: bool) -> None:
    response = httpx.Response(status, json={"code": code, "message": "m"})
    failure = errors.error_class(status)("Op", response, models.Error(code=code, message="m"))
    assert RetryPolicy().is_retryable(failure) is retried
