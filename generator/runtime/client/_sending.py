"""How a call goes out and comes back, sync or async: attempts and retries within one deadline,
redirects that keep credentials at home, and a body read within a bound.

``send`` and ``send_async`` are the same loop over one ``Call``, which makes every decision;
they differ only where httpx does (``await``), and in how the deadline is kept: the async loop
runs each attempt in a cancel scope; the sync one caps every httpx timeout at the time left,
checks the clock between chunks of the body and, on connections it made itself, caps every
wait of the socket at the time left (``_deadline``).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import httpx

from ..errors import (
    ApiError,
    RequestTimeout,
    ResponseTooLarge,
    TransportError,
    UnexpectedResponse,
    error_class,
)
from ..retry import RetryPolicy
from ._body import ACCEPT_ENCODING, BodyReader, finished, read_already
from ._deadline import within
from ._transport import Request, new_request_id, new_retry_token

T = TypeVar("T")
# The OCI SDKs' default: 10 seconds to connect, 60 to send or read.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
# Every call ends within this many seconds, its retries, waits and body included.
DEFAULT_DEADLINE = 600.0
# The most of a success body a call reads (decoded): 64 MiB.
DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
# The most of an error status's body a call reads: enough for any error document.
ERROR_BODY_BYTES = 1024 * 1024
# The most of a body over its limit that the error keeps in ``text``.
KEPT_TEXT_BYTES = 64 * 1024
# What may follow a request to another origin: nothing that could be a credential (an API key
# header a security scheme defines, a cookie, a retry token) is on this list.
_PORTABLE_HEADERS = frozenset(
    {
        "accept",
        "accept-encoding",
        "connection",
        "content-length",
        "content-type",
        "host",
        "transfer-encoding",
        "user-agent",
    }
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Session:
    """What a client adds to every request: where, how long, how much, how often, and who."""

    base_url: str
    retry: RetryPolicy | None
    timeout: httpx.Timeout | float | None
    auth: httpx.Auth | None
    headers: Mapping[str, str]
    deadline: float = DEFAULT_DEADLINE
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if not self.deadline > 0 or math.isinf(self.deadline):
            raise ValueError(f"deadline must be a positive number, not {self.deadline}")
        if self.max_body_bytes < 1:
            raise ValueError(
                f"max_body_bytes must be at least 1, not {self.max_body_bytes}"
            )

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


class Call:
    """One call's state across its attempts and redirects, and every decision they need."""

    def __init__(self, session: Session, request: Request) -> None:
        self.session = session
        self.request = request
        self.headers = self._headers()
        self.attempt = 0
        self.hops = 0
        self.started = session.retry.clock() if session.retry is not None else 0.0
        self.ends = time.monotonic() + session.deadline

    def _headers(self) -> httpx.Headers:
        """The client's headers, the request's over them (names in any case; cookies
        joined), the ids that make a retry safe, and the codings the client can read."""
        request = self.request
        headers = httpx.Headers(self.session.headers)
        cookies = [
            c for c in (headers.get("cookie"), request.headers.get("cookie")) if c
        ]
        headers.update(request.headers)
        if cookies:
            headers["cookie"] = "; ".join(cookies)
        token = request.retry_token_header
        if token and self.session.retry is not None and token not in headers:
            headers[token] = new_retry_token()
        if request.request_id_header and request.request_id_header not in headers:
            headers[request.request_id_header] = new_request_id()
        headers.setdefault("accept-encoding", ACCEPT_ENCODING)
        return headers

    def left(self) -> float:
        """Seconds until the deadline; ``RequestTimeout`` once it has passed."""
        left = self.ends - time.monotonic()
        if left <= 0:
            raise self.timed_out()
        return left

    def timed_out(self) -> RequestTimeout:
        cause = TimeoutError(
            f"the call did not finish within its deadline of {self.session.deadline:g} s"
        )
        return RequestTimeout(self.request.operation, cause, retryable=False)

    def first(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """The attempt's request, each httpx timeout capped at the time left."""
        self.attempt += 1
        self.hops = 0
        return http.build_request(
            self.request.method,
            self.session.url(self.request.path),
            params=self.request.params,
            headers=self.headers,
            content=self.request.content,
            timeout=self._timeout(http),
        )

    def auth(self, sent: httpx.Request, first: httpx.Request) -> dict[str, Any]:
        """The ``auth`` argument of ``send``: ours at home, none for another origin."""
        if not _same_origin(sent.url, first.url):
            return {"auth": None}
        return {} if self.session.auth is None else {"auth": self.session.auth}

    def redirect(
        self,
        http: httpx.Client | httpx.AsyncClient,
        sent: httpx.Request,
        first: httpx.Request,
        response: httpx.Response,
    ) -> httpx.Request | None:
        """The next request when ``response`` is a redirect the http client follows; only
        portable headers when it leads to another origin than the call's own."""
        location = response.headers.get("location")
        if (
            not http.follow_redirects
            or response.status_code not in _REDIRECTS
            or location is None
        ):
            return None
        self.hops += 1
        if self.hops > http.max_redirects:
            raise httpx.TooManyRedirects(
                f"more than {http.max_redirects} redirects", request=sent
            )
        url = sent.url.join(location)
        method = sent.method
        if (response.status_code == 303 and method != "HEAD") or (
            response.status_code in (301, 302) and method == "POST"
        ):
            method = "GET"
        headers = self.headers.copy()
        content = sent.content if method == sent.method else None
        if not content:  # the body goes no further once the method is GET
            content = None
            headers.pop("content-type", None)
        following = http.build_request(
            method, url, headers=headers, content=content, timeout=self._timeout(http)
        )
        if not _same_origin(url, first.url):
            for name in list(following.headers):
                if name.lower() not in _PORTABLE_HEADERS:
                    del following.headers[name]
        return following

    def reader(self, response: httpx.Response) -> BodyReader:
        limit = self.session.max_body_bytes
        if response.status_code >= 400:
            limit = min(limit, ERROR_BODY_BYTES)
        return BodyReader(response.headers.get("content-encoding"), limit)

    def result(
        self,
        response: httpx.Response,
        body: BodyReader,
        read: Callable[[httpx.Response], T],
    ) -> T:
        """What ``read`` makes of the response; an error for a body over its limit."""
        content = body.content()
        if not body.too_large:
            return read_response(
                finished(response, content), self.request.operation, read
            )
        start = finished(response, content[:KEPT_TEXT_BYTES])
        if response.status_code < 400:
            raise ResponseTooLarge(self.request.operation, start, body.limit)
        raise error_class(response.status_code)(
            self.request.operation,
            start,
            request_id_header=self.request.request_id_header,
        )

    def wait(self, error: ApiError | TransportError) -> float | None:
        """Seconds to wait before the next attempt; None when ``error`` is final, or when
        the wait would pass the deadline."""
        error.attempts = self.attempt
        retry = self.session.retry
        if retry is None:
            return None
        idempotent = self.request.method not in ("POST", "PATCH") or bool(
            self.request.retry_token_header
        )
        elapsed = retry.clock() - self.started
        wait = retry.delay(error, self.attempt, elapsed, idempotent=idempotent)
        if wait is None or time.monotonic() + wait >= self.ends:
            return None
        return wait

    def _timeout(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Timeout:
        given = (
            self.session.timeout if self.session.timeout is not None else http.timeout
        )
        timeout = given if isinstance(given, httpx.Timeout) else httpx.Timeout(given)
        left = self.left()
        return httpx.Timeout(
            connect=_capped(timeout.connect, left),
            read=_capped(timeout.read, left),
            write=_capped(timeout.write, left),
            pool=_capped(timeout.pool, left),
        )


def send(
    http: httpx.Client,
    session: Session,
    request: Request,
    read: Callable[[httpx.Response], T],
) -> T:
    """Send ``request`` until it succeeds, fails for good, the retry policy gives up or the
    deadline passes."""
    call = Call(session, request)
    while True:
        try:
            return _attempt(http, call, read)
        except (ApiError, TransportError) as error:
            wait = call.wait(error)
            if wait is None or session.retry is None:
                raise
            session.retry.sleep(wait)


def _attempt(http: httpx.Client, call: Call, read: Callable[[httpx.Response], T]) -> T:
    with within(call.ends) as deadline:
        try:
            return _exchange(http, call, read)
        except TransportError as error:
            if deadline.reached:  # a wait of the socket cut short by the deadline
                raise call.timed_out() from error.__cause__
            raise


def _exchange(http: httpx.Client, call: Call, read: Callable[[httpx.Response], T]) -> T:
    try:
        first = sent = call.first(http)
        while True:
            response = http.send(
                sent, stream=True, follow_redirects=False, **call.auth(sent, first)
            )
            try:
                following = call.redirect(http, sent, first, response)
                if following is None:
                    body = call.reader(response)
                    done = read_already(response)
                    if done is not None:
                        body.feed_decoded(done)
                    else:
                        for chunk in response.iter_raw():
                            if not body.feed(chunk):
                                break
                            call.left()  # a server that drips the body
                    return call.result(response, body, read)
            finally:
                response.close()
            sent = following
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as error:
        raise transport_error(call.request.operation, error) from error


async def send_async(
    http: httpx.AsyncClient,
    session: Session,
    request: Request,
    read: Callable[[httpx.Response], T],
) -> T:
    """``send`` for ``httpx.AsyncClient``: the same attempts, waits, errors and deadline."""
    call = Call(session, request)
    while True:
        try:
            try:
                with anyio.fail_after(call.left()):
                    return await _attempt_async(http, call, read)
            except TimeoutError:
                raise call.timed_out() from None
        except (ApiError, TransportError) as error:
            wait = call.wait(error)
            if wait is None or session.retry is None:
                raise
            await session.retry.async_sleep(wait)


async def _attempt_async(
    http: httpx.AsyncClient, call: Call, read: Callable[[httpx.Response], T]
) -> T:
    try:
        first = sent = call.first(http)
        while True:
            response = await http.send(
                sent, stream=True, follow_redirects=False, **call.auth(sent, first)
            )
            try:
                following = call.redirect(http, sent, first, response)
                if following is None:
                    body = call.reader(response)
                    done = read_already(response)
                    if done is not None:
                        body.feed_decoded(done)
                    else:
                        async for chunk in response.aiter_raw():
                            if not body.feed(chunk):
                                break
                    return call.result(response, body, read)
            finally:
                await response.aclose()
            sent = following
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as error:
        raise transport_error(call.request.operation, error) from error


def read_response(
    response: httpx.Response, operation: str, read: Callable[[httpx.Response], T]
) -> T:
    """``read(response)``, with a body that does not fit the declared model reported as such."""
    try:
        return read(response)
    except ApiError:
        raise
    # What from_dict raises on JSON of another shape (a list where an object was declared, a
    # missing required property), what json() raises on a body that is not JSON or not UTF-8,
    # and what both raise on JSON nested deeper than Python recurses.
    except (AttributeError, KeyError, TypeError, ValueError, RecursionError) as error:
        raise UnexpectedResponse(operation, response, reason=_unfit(error)) from error


def transport_error(operation: str, error: Exception) -> TransportError:
    """Our exception for an httpx one. Only failures of the network may clear on their own; a
    URL httpx cannot use, or a reply it cannot read, stays as it is however often it is sent.
    """
    unsent = isinstance(
        error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
    )
    if isinstance(error, httpx.TimeoutException):
        return RequestTimeout(operation, error, retryable=True, maybe_sent=not unsent)
    retryable = isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError)
    return TransportError(operation, error, retryable=retryable, maybe_sent=not unsent)


def _capped(seconds: float | None, left: float) -> float:
    return left if seconds is None else min(seconds, left)


def _same_origin(one: httpx.URL, other: httpx.URL) -> bool:
    return (one.scheme, one.host, _port(one)) == (
        other.scheme,
        other.host,
        _port(other),
    )


def _port(url: httpx.URL) -> int | None:
    return url.port or {"http": 80, "https": 443}.get(url.scheme)


def _unfit(error: BaseException) -> str:
    """Why a body could not be read, in words: what the decoder said of it."""
    if isinstance(error, RecursionError):
        return "the body is nested too deeply to read"
    if isinstance(error, UnicodeDecodeError):
        return "the body is not UTF-8"
    if isinstance(error, json.JSONDecodeError):
        return f"the body is not JSON ({error.msg} at line {error.lineno} column {error.colno})"
    if isinstance(error, KeyError):
        return f"the body lacks the required property {error.args[0]!r}"
    return f"the body does not fit the spec ({type(error).__name__}: {error})"
