"""openapi-spec-validator in a process of its own, beside build, plan and render.

On a large spec the validator is the longest stage before formatting (2.5 s of Twilio's
1.9 MB): run in another process it costs the wall time of whichever is longer, it or the
stages after it. The pipeline still reads its findings before it reports or writes anything,
so the messages, their order and the exit code are the same as when it runs in line.

Where it can fork (POSIX but macOS, no other thread running), the child starts at once with
every module the parent imported, and the parent never imports the validator: that alone
takes half a second off the seed's run, and the fork costs a few milliseconds. Elsewhere a
fresh interpreter (spawn) starts, imports the generator's spec modules and unpickles the
document: worth it from ``SPAWN_FROM_BYTES`` of spec; below that the validator runs in line.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from generator.errors import Problem
from generator.spec.load import Document

if TYPE_CHECKING:  # ForkContext is not defined on Windows
    from multiprocessing.context import ForkContext, SpawnContext

    from generator.spec.validate import Findings

# From about this size the stages after resolve take longer than a fresh interpreter takes
# to start and import the spec modules (README, "Speed").
SPAWN_FROM_BYTES = 200_000


def choose_start_method(spec_bytes: int) -> str | None:
    """How to start the validator's process for a spec of that size; None: run it in line."""
    # fork where it is safe: not beside other threads (the child could inherit a held lock)
    # and not on macOS, whose system libraries do not survive it.
    alone = threading.active_count() == 1
    if alone and sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn" if spec_bytes >= SPAWN_FROM_BYTES else None


class SpecValidation:
    """The validator's findings on one document: computed in another process started by
    ``start_method`` ("fork" or "spawn"), else (None) in line when first asked for."""

    def __init__(self, document: Document, start_method: str | None) -> None:
        self._document = document
        self._findings: Findings | None = None
        self._process: BaseProcess | None = None
        self._answer: Connection | None = None
        if start_method is not None:
            self._start(start_method)

    @property
    def in_background(self) -> bool:
        return self._process is not None

    def found_errors(self) -> bool:
        """Whether the background run has finished and found errors (never waits): the stages
        running beside it then stop, since their work would be thrown away."""
        if self._findings is None and self._answer is not None and self._answer.poll():
            self._receive()
        found = [] if self._findings is None else self._findings[0] + self._findings[1]
        return any(problem.severity == "error" for problem in found)

    def problems(self, skip_refs: bool) -> list[Problem]:
        """What ``validate_document(document, skip_refs)`` returns (waiting for it)."""
        if self._findings is None:
            self._receive()
        assert self._findings is not None
        always, unless_refs_reported = self._findings
        return always if skip_refs else always + unless_refs_reported

    def close(self) -> None:
        """Stop the process if it is still running (an interrupted or failed run)."""
        stop_process(self._process, self._answer)
        self._process = self._answer = None

    def _start(self, start_method: str) -> None:
        # The child has the document as it is now, whatever the stages after this one do to
        # the data: fork copies the memory, spawn pickles the document in start().
        context: ForkContext | SpawnContext = (
            multiprocessing.get_context("fork")
            if start_method == "fork"
            else multiprocessing.get_context("spawn")
        )
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_validate_and_send, args=(self._document, sending), daemon=True
        )
        process.start()
        sending.close()
        self._process, self._answer = process, receiving

    def _receive(self) -> None:
        """The background run's findings; in line if there is none or it died."""
        if self._answer is not None:
            try:
                self._findings = pickle.loads(self._answer.recv_bytes())
            except (EOFError, OSError):
                self._findings = None  # killed (out of memory?): find them here instead
            self.close()
        if self._findings is None:
            self._findings = _find_problems(self._document)


def stop_process(process: BaseProcess | None, answer: Connection | None) -> None:
    """End a helper process (terminated if it is still running) and close its pipe."""
    if process is not None and process.is_alive():
        process.terminate()
    if process is not None:
        process.join()
    if answer is not None:
        answer.close()


def _find_problems(document: Document) -> Findings:
    # Imported here: the validator and jsonschema take about half a second to import, which a
    # background run pays in its own process, beside the stages that follow.
    from generator.spec.validate import find_problems

    return find_problems(document)


def _validate_and_send(document: Document, sending: Connection) -> None:
    """The child process: the findings on the document, pickled back.

    On any failure it sends nothing, and the parent validates in line: what goes wrong there
    is then reported as it would be without this process, and nothing is printed here.
    """
    try:
        findings = _find_problems(document)
        sending.send_bytes(pickle.dumps(findings, pickle.HIGHEST_PROTOCOL))
    except BaseException:  # the parent does the work again, and reports what fails
        pass
    finally:
        sending.close()
