"""The servers the generated clients are tested against, all on 127.0.0.1.

- ``prism(spec)``: Stoplight Prism mocking a spec (installed by ``npm ci``, the README's test
  command). Prism answers from the spec's examples and checks every request against the spec.
- ``FaultServer``: a thread that answers each request with the next step of a script (a status,
  a dropped connection, a reply slower than the client's timeout, a body too big to hold, one
  dripped a byte at a time) and records what it received.
"""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
_PRISM_START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def prism(spec: Path) -> Iterator[str]:
    """Prism mocking ``spec``; yields its base URL. A missing Prism fails the test: CI installs
    it, so a skip would hide a broken install."""
    if not PRISM.exists():
        pytest.fail(f"Prism is not installed at {PRISM}: run `npm ci` (the README's test command)")
    port = free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", "--errors", "-h", "127.0.0.1", "-p", str(port), str(spec)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    output: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    try:
        deadline = time.monotonic() + _PRISM_START_SECONDS
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail("Prism did not start in time:\n" + "".join(output))
            output.append(line)
            if "Prism is listening" in line:
                break
            if line == "":
                pytest.fail("Prism exited:\n" + "".join(output))
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Reply:
    status: int
    body: object = None  # JSON when not bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


@dataclass(frozen=True)
class Drop:
    """Close the connection without a word."""


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass(frozen=True)
class Stream:
    """``chunk`` sent ``times`` times, ``interval`` seconds apart, under a content-length for
    all of them: a body too big to hold in the test, or one dripped slowly."""

    status: int
    chunk: bytes
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    interval: float = 0.0


@dataclass(frozen=True)
class DripHeaders:
    """A status line, then ``count`` bytes of one header, ``interval`` seconds apart."""

    status: int
    count: int
    interval: float


Step = Reply | Drop | Stream | DripHeaders


class FaultServer:
    """Answers the n-th request with ``script[n]``; records every request it received."""

    def __init__(self) -> None:
        self.script: list[Step] = []
        self.received: list[Received] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # quiet: pytest shows failures, not access logs

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with server._lock:
                    server.received.append(
                        Received(
                            self.command,
                            self.path,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                        )
                    )
                    index = len(server.received) - 1
                    step = server.script[index] if index < len(server.script) else Reply(500)
                if isinstance(step, Drop):
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if isinstance(step, Stream | DripHeaders):
                    self.close_connection = True
                    # The client stops reading: the point of the step.
                    with suppress(BrokenPipeError, ConnectionResetError):
                        self._stream(step)
                    return
                time.sleep(step.delay)
                if isinstance(step.body, bytes):
                    payload = step.body
                    content_type = "text/html"
                else:
                    payload = b"" if step.body is None else json.dumps(step.body).encode()
                    content_type = "application/json"
                try:
                    self.send_response(step.status)
                    headers = {"content-type": content_type, **step.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting: the point of a slow reply

            def _stream(self, step: Stream | DripHeaders) -> None:
                self.send_response(step.status)
                if isinstance(step, DripHeaders):
                    self.flush_headers()
                    self.wfile.write(b"x-slow: ")
                    for _ in range(step.count):
                        time.sleep(step.interval)
                        self.wfile.write(b"a")
                        self.wfile.flush()
                    return
                headers = {"content-type": "application/json", **step.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(step.chunk) * step.times))
                self.end_headers()
                for _ in range(step.times):
                    time.sleep(step.interval)
                    self.wfile.write(step.chunk)
                    self.wfile.flush()

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def play(self, *steps: Step) -> FaultServer:
        """Replace the script and forget earlier requests."""
        with self._lock:
            self.script = list(steps)
            self.received = []
        return self
