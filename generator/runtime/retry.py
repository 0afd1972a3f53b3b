"""When a failed call is tried again, and how long the client waits first.

``RetryPolicy()`` is the default policy of the OCI SDKs: at most 8 attempts within 600 seconds;
exponential back-off from 1 second, doubling, capped at 30 seconds, with jitter; the server's
``Retry-After`` honoured. It retries timeouts, network failures (not a URL or a reply httpx cannot use), 429, 409 with the error code
``IncorrectState`` or ``LockConflict``, and every 5xx but 501. Any other 4xx is final.

Retrying is safe for a create because the client sends the same retry token (the operation's
idempotency header, such as ``opc-retry-token``) on every attempt, making one up when the caller
gave none: the server runs the request once. A POST or PATCH without such a header is tried again
only when the server surely did not act on it (no connection was made, or it answered 429 or a
retryable 409), so it never runs twice either.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from ._extras import missing_extra

try:
    import anyio
except ImportError as error:  # installed without the client extra (httpx brings anyio)
    raise missing_extra(error, __name__, "client") from None

from .errors import ApiError, TransportError

# Conflicts that clear by themselves: the resource is busy, or another call holds its lock.
RETRYABLE_CONFLICTS = frozenset({"IncorrectState", "LockConflict"})


@dataclass(frozen=True)
class RetryPolicy:
    """A bound on attempts and on total time, and the back-off between attempts.

    The wait after the n-th failed attempt is drawn between half and all of
    ``min(max_delay, base_delay * multiplier ** (n - 1))`` ("equal jitter", so that clients that
    failed together do not return together), and is at least what ``Retry-After`` asks. No
    attempt starts once waiting would pass ``max_elapsed`` seconds since the first one.

    ``sleep``, ``async_sleep``, ``clock`` and ``jitter`` are there to be replaced in tests.
    """

    max_attempts: int = 8
    max_elapsed: float = 600.0
    base_delay: float = 1.0
    multiplier: float = 2.0
    max_delay: float = 30.0
    conflict_codes: frozenset[str] = RETRYABLE_CONFLICTS
    sleep: Callable[[float], object] = field(default=time.sleep, repr=False)
    async_sleep: Callable[[float], Awaitable[object]] = field(
        default=anyio.sleep, repr=False
    )
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    jitter: Callable[[], float] = field(default=random.random, repr=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(
                f"max_attempts must be at least 1, not {self.max_attempts}"
            )
        if (
            min(self.max_elapsed, self.base_delay, self.max_delay) < 0
            or self.multiplier < 1
        ):
            raise ValueError("delays must not be negative, and multiplier at least 1")

    def is_retryable(self, error: ApiError | TransportError) -> bool:
        """Whether the failure may clear if the same request is sent again."""
        if isinstance(error, TransportError):
            return error.retryable
        if error.status == 409:
            return error.code in self.conflict_codes
        return error.status == 429 or (error.status >= 500 and error.status != 501)

    def backoff(self, attempt: int) -> float:
        """The jittered wait after the ``attempt``-th failed attempt (counting from 1)."""
        ceiling = min(
            self.max_delay, self.base_delay * self.multiplier ** min(attempt - 1, 64)
        )
        return ceiling / 2 + self.jitter() * ceiling / 2

    def delay(
        self,
        error: ApiError | TransportError,
        attempt: int,
        elapsed: float,
        *,
        idempotent: bool = True,
    ) -> float | None:
        """Seconds to wait before trying again after ``error``, or ``None`` to give up.

        A request that is not ``idempotent`` (a POST or PATCH without a retry token) is tried
        again only when the server surely did not act on it: the connection was never made,
        or the server answered 429 or a retryable 409.
        """
        if attempt >= self.max_attempts or not self.is_retryable(error):
            return None
        if not idempotent and not _surely_not_acted_on(error):
            return None
        wait = self.backoff(attempt)
        if isinstance(error, ApiError):
            wait = max(wait, error.retry_after or 0.0)
        if elapsed + wait > self.max_elapsed:
            return None
        return wait


def _surely_not_acted_on(error: ApiError | TransportError) -> bool:
    if isinstance(error, TransportError):
        return not error.maybe_sent
    return error.status in (409, 429)
