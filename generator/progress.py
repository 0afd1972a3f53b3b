"""Stage timings on stderr, so that a long run on a large spec is not silent."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Stages:
    """Times each stage and reports those that took at least ``threshold`` seconds.

    ``report`` is None for a silent run (the library default); the command line passes a
    printer when stderr is a terminal, or with ``--verbose`` (threshold 0: every stage).
    """

    def __init__(self, report: Callable[[str], None] | None = None, threshold: float = 1.0):
        self._report = report
        self._threshold = threshold

    @contextmanager
    def stage(self, done: str) -> Iterator[None]:
        """Time the block; ``done`` says what it did, in the past tense (``validated the spec``)."""
        started = time.perf_counter()
        yield
        self.report(done, time.perf_counter() - started)

    def report(self, done: str, elapsed: float) -> None:
        """Report a stage timed by the caller (one whose work came in several parts)."""
        if self._report is not None and elapsed >= self._threshold:
            self._report(f"{done} in {elapsed:.2f}s")


SILENT = Stages()
