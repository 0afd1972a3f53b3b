"""The sync client's deadline inside httpx: every read, write and connect of a connection
the generated ``Client`` makes itself waits at most the time left to the current call.

httpx reads a status line and headers under one read timeout per read, and the sync side
offers no way to interrupt it, so a server that drips its headers a byte at a time would hold
a call for as long as it likes. The network streams here cap each wait at the time left to
the deadline of the call running in this context (``within`` sets it around an attempt), and
raise httpcore's own timeout once it has passed, which httpx turns into its timeout error.

httpx takes no network backend as an argument (0.28), so ``new_client`` wraps the backend of
the connection pools httpx builds through private attributes, each checked before use: the
client's ``_transport`` and ``_mounts`` (proxies from the environment), each transport's
``_pool``, the pool's ``_network_backend``. Where a later httpx has moved them, the client is
left as httpx made it, each read's timeout capped at the time left when the call began it
(what an ``http_client`` given by the caller gets too).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import httpx

if TYPE_CHECKING:
    import httpcore
    from httpcore import NetworkBackend as _Backend
    from httpcore import NetworkStream as _Stream
else:
    # httpx imports httpcore with its first connection pool, not with the package (it costs
    # an import of trio where that is installed): these classes only need its interface.
    _Backend = _Stream = object

R = TypeVar("R")
Wait = Literal["connect", "read", "write"]
# httpcore's SOCKET_OPTION, which it does not export.
SocketOption = (
    tuple[int, int, int]
    | tuple[int, int, bytes | bytearray]
    | tuple[int, int, None, int]
)


class Deadline:
    """When the current call ends, and whether a wait was cut short by it."""

    def __init__(self, ends: float) -> None:
        self.ends = ends
        self.reached = False

    def cap(
        self, timeout: float | None, expired: type[httpcore.TimeoutException]
    ) -> float:
        """``timeout``, or the time left when that is shorter; ``expired`` once none is."""
        left = self.ends - time.monotonic()
        if left <= 0:
            self.reached = True
            raise expired("the call's deadline has passed")
        return left if timeout is None else min(timeout, left)


_CURRENT: ContextVar[Deadline | None] = ContextVar("deadline", default=None)


@contextmanager
def within(ends: float) -> Iterator[Deadline]:
    """Every wait of the connections below, in this context, ends by ``ends``."""
    deadline = Deadline(ends)
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)


def _waited(timeout: float | None, kind: Wait, wait: Callable[[float | None], R]) -> R:
    """``wait(timeout)``, the timeout capped at the current call's deadline, if any."""
    import httpcore  # loaded already: a connection exists

    deadline = _CURRENT.get()
    if deadline is None:
        return wait(timeout)
    expired = {
        "connect": httpcore.ConnectTimeout,
        "read": httpcore.ReadTimeout,
        "write": httpcore.WriteTimeout,
    }[kind]
    capped = deadline.cap(timeout, expired)
    try:
        return wait(capped)
    except httpcore.TimeoutException:
        if timeout is None or capped < timeout:
            deadline.reached = True
        raise


class DeadlineStream(_Stream):
    """A connection whose every wait ends by the current call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _waited(timeout, "read", lambda t: self._stream.read(max_bytes, t))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _waited(timeout, "write", lambda t: self._stream.write(buffer, t))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = _waited(
            timeout,
            "connect",
            lambda t: self._stream.start_tls(ssl_context, server_hostname, t),
        )
        return DeadlineStream(stream)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(_Backend):
    """``backend``, with every connection it opens a ``DeadlineStream``."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        stream = _waited(
            timeout,
            "connect",
            lambda t: self._backend.connect_tcp(
                host, port, t, local_address, socket_options
            ),
        )
        return DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        stream = _waited(
            timeout,
            "connect",
            lambda t: self._backend.connect_unix_socket(path, t, socket_options),
        )
        return DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def new_client(timeout: httpx.Timeout) -> httpx.Client:
    """An ``httpx.Client`` as httpx makes it by default (proxies from the environment
    included), its connections keeping the deadline of each call."""
    http = httpx.Client(timeout=timeout)
    mounts = getattr(http, "_mounts", None)
    transports = [getattr(http, "_transport", None)]
    if isinstance(mounts, dict):
        transports += mounts.values()
    for transport in transports:
        keep_deadline(transport)
    return http


def keep_deadline(transport: object) -> bool:
    """Make the connections of an httpx transport keep the current call's deadline; False
    when it is not one whose connection pool this httpx version lets us reach."""
    import httpcore  # loaded already: the transport has a connection pool

    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool):
        return False
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, DeadlineBackend):
        return True
    if not isinstance(backend, httpcore.NetworkBackend):
        return False
    pool._network_backend = DeadlineBackend(backend)
    return True
