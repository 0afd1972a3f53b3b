"""The client's retry policy (``retry.py``): back-off, what is retried, and ``Retry-After``."""

from __future__ import annotations

import time

import httpx
import pytest

from generator.runtime.errors import ApiError, ServiceUnavailableError, TransportError
from generator.runtime.retry import RetryPolicy


def _error(status: int, *, body: str = "", **headers: str) -> ApiError:
    return ApiError("GetThing", httpx.Response(status, headers=headers, text=body))


def _lowest(max_attempts: int = 8, max_elapsed: float = 600.0) -> RetryPolicy:
    """A policy whose jitter always draws the shortest wait: half the ceiling."""
    return RetryPolicy(max_attempts, max_elapsed, jitter=lambda: 0.0)


def test_backoff_doubles_from_one_second_up_to_thirty_with_equal_jitter() -> None:
    assert [_lowest().backoff(n) for n in range(1, 8)] == [0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 15.0]
    highest = RetryPolicy(jitter=lambda: 1.0)
    assert [highest.backoff(n) for n in range(1, 8)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    # The exponent is capped, so a huge attempt number does not overflow.
    assert highest.backoff(10_000) == 30.0


@pytest.mark.parametrize(
    ("status", "body", "retried"),
    [
        (429, "", True),
        (500, "", True),
        (501, "", False),  # not implemented stays so
        (503, "", True),
        (400, "", False),
        (404, "", False),
        (409, '{"code": "IncorrectState"}', True),
        (409, '{"code": "LockConflict"}', True),
        (409, '{"code": "NotAuthorizedOrNotFound"}', False),
        (409, "", False),
    ],
)
def test_which_statuses_are_retried(status: int, body: str, retried: bool) -> None:
    assert RetryPolicy().is_retryable(_error(status, body=body)) is retried


def test_delay_gives_up_after_max_attempts_and_max_elapsed() -> None:
    policy = _lowest(max_attempts=3, max_elapsed=10.0)
    error = _error(503)
    assert policy.delay(error, 1, 0.0) == 0.5
    assert policy.delay(error, 2, 0.0) == 1.0
    assert policy.delay(error, 3, 0.0) is None
    assert policy.delay(error, 2, 9.0) == 1.0
    assert policy.delay(error, 2, 9.5) is None


def test_retry_after_lengthens_the_wait_but_never_shortens_it() -> None:
    policy = _lowest()
    assert policy.delay(_error(503, **{"Retry-After": "7"}), 1, 0.0) == 7.0
    assert policy.delay(_error(503, **{"Retry-After": "0"}), 3, 0.0) == 2.0
    assert policy.delay(_error(429, **{"Retry-After": "601"}), 1, 0.0) is None


def test_a_post_without_retry_token_is_retried_only_when_surely_not_acted_on() -> None:
    policy = _lowest()
    assert policy.delay(_error(503), 1, 0.0, idempotent=False) is None
    assert policy.delay(_error(429), 1, 0.0, idempotent=False) == 0.5
    refused = TransportError("CreateThing", OSError("refused"), maybe_sent=False)
    dropped = TransportError("CreateThing", OSError("reset"))
    assert policy.delay(refused, 1, 0.0, idempotent=False) == 0.5
    assert policy.delay(dropped, 1, 0.0, idempotent=False) is None
    assert policy.delay(dropped, 1, 0.0) == 0.5
    final = TransportError("CreateThing", ValueError("bad URL"), retryable=False)
    assert policy.delay(final, 1, 0.0) is None


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="max_attempts must be at least 1, not 0"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="multiplier at least 1"):
        RetryPolicy(multiplier=0.5)
    with pytest.raises(ValueError, match="must not be negative"):
        RetryPolicy(base_delay=-1.0)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("Wed, 21 Oct 2015 07:29:30 GMT", 90.0),
        ("Wed, 21 Oct 2015 07:29:30 -0000", 90.0),  # "-0000": no zone given, UTC by HTTP
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # a date already past: no wait
        ("1.5", None),
        ("soon", None),
        ("٣", None),  # a digit, but not an ASCII one
    ],
)
def test_retry_after_reads_seconds_or_an_http_date(
    value: str, seconds: float | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1445412480.0)  # 21 Oct 2015 07:28:00 UTC
    # As bytes: httpx refuses a non-ASCII str, but a server may send any octets.
    response = httpx.Response(503, headers={b"Retry-After": value.encode()})
    assert ApiError("GetThing", response).retry_after == seconds


def test_no_retry_after_header() -> None:
    assert ServiceUnavailableError("GetThing", httpx.Response(503)).retry_after is None
