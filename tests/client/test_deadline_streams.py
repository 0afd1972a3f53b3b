"""The sync client's connections keep the call's deadline: each wait of the socket is capped at
the time left, one past it fails at once, and the transports httpx builds (proxies included)
get the capping backend while one it cannot reach is left as it is."""

from __future__ import annotations

import sys
import time

import httpcore
import httpx
import pytest

from tests.client.servers import ROOT

sys.path.insert(0, str(ROOT / "generated"))

from oci_core.client import _deadline  # noqa: E402


class Recording(httpcore.NetworkStream):
    """A stream that answers at once and keeps the timeout of every wait."""

    def __init__(self) -> None:
        self.timeouts: list[float | None] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.timeouts.append(timeout)
        return b"x"

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.timeouts.append(timeout)


def test_every_wait_is_capped_at_the_time_left_to_the_call() -> None:
    inner = Recording()
    stream = _deadline.DeadlineStream(inner)
    with _deadline.within(time.monotonic() + 30.0) as deadline:
        stream.read(10, timeout=600.0)
        stream.write(b"x", timeout=None)
        stream.read(10, timeout=5.0)
    first, second, third = inner.timeouts
    assert first is not None and first <= 30.0
    assert second is not None and second <= 30.0
    assert third == 5.0 and not deadline.reached


def test_outside_a_call_the_timeouts_are_as_httpx_gave_them() -> None:
    inner = Recording()
    _deadline.DeadlineStream(inner).read(10, timeout=600.0)
    assert inner.timeouts == [600.0]


@pytest.mark.parametrize(
    ("wait", "expired"),
    [("read", httpcore.ReadTimeout), ("write", httpcore.WriteTimeout)],
)
def test_a_wait_past_the_deadline_fails_without_touching_the_socket(
    wait: str, expired: type[Exception]
) -> None:
    inner = Recording()
    stream = _deadline.DeadlineStream(inner)
    with _deadline.within(time.monotonic() - 1.0) as deadline, pytest.raises(expired):
        if wait == "read":
            stream.read(10, timeout=60.0)
        else:
            stream.write(b"x", timeout=60.0)
    assert deadline.reached and inner.timeouts == []


def test_the_client_made_for_the_caller_caps_its_transports_proxies_included(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    http = _deadline.new_client(httpx.Timeout(5.0))
    try:
        transports = [http._transport, *http._mounts.values()]
        assert len(transports) >= 2  # its own transport and the proxy's
        for transport in transports:
            pool = transport._pool
            assert isinstance(pool._network_backend, _deadline.DeadlineBackend)
    finally:
        http.close()


def test_a_transport_without_a_reachable_pool_is_left_as_it_is() -> None:
    mock = httpx.MockTransport(lambda request: httpx.Response(200))
    assert not _deadline.keep_deadline(mock)
    real = httpx.HTTPTransport()
    assert _deadline.keep_deadline(real) and _deadline.keep_deadline(real)
