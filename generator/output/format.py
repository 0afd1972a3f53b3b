"""Stage 8: black's layout for every file: by the layout pass where it can vouch for the
result, else by black, in process, once per file, and never twice on the same text.

Black is the slow stage (about 1,500 lines per CPU-second), so the templates listed in
our templates are rendered in black's layout already and ``layout.py`` splits their
long lines as black would; ``tests/output/test_black_stable.py`` holds both to black's
result. Black's results are kept in a ``FormatCache`` by a hash of the text it was given; a
file whose rendered text did not change is not formatted again. ``ast.parse`` runs first so
that a bad template names the file it broke.
"""

from __future__ import annotations

import ast
import hashlib
import multiprocessing
import os
from collections.abc import Set
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, cast

from generator.errors import GenerationError, Problem
from generator.output import layout, leaves, line, parens, split
from generator.output.cache import FormatCache
from generator.output.layout import lay_out
from generator.output.line import LINE_LENGTH

if TYPE_CHECKING:
    from black.mode import Mode

# Black's settings, as the format cache's key for its results (the cache's folder names black's
# version): black itself is imported only when a file goes through it (a tenth of a second).
_BLACK_SETTINGS = f"black: target py310, line length {LINE_LENGTH}"
# Below this many lines to format, starting worker processes costs more than it saves.
PARALLEL_LINES = 3_000
# The layout pass is some 50 times faster than black: worth workers only on large packages.
PARALLEL_LAYOUT_LINES = 50_000
# The layout pass's results are cached beside black's, under the hash of the pass's own code.
_LAYOUT_MODE = (
    "layout "
    + hashlib.sha256(
        b"".join(
            Path(module.__file__ or "").read_bytes() for module in (leaves, line, parens, split)
        )
        + Path(layout.__file__ or "").read_bytes()
    ).hexdigest()
)


@dataclass(frozen=True, slots=True)
class Formatted:
    files: dict[PurePosixPath, str]
    through_black: int  # how many files black formatted (not counting its cache's answers)


def format_files(
    texts: dict[PurePosixPath, str],
    cache: FormatCache | None = None,
    workers: int | None = None,
    *,
    in_layout: Set[PurePosixPath] = frozenset(),
    ours: bool = False,
) -> Formatted:
    """Every ``.py`` text in black's layout (other files, and those in ``in_layout``, as they
    are), in the order given. ``in_layout`` is for text known to be in black's layout already:
    the runtime's modules, which ``tests/unit/runtime`` keeps so. With ``ours``, the other
    texts were rendered from our templates: the layout pass splits their long lines, and black
    formats only those it cannot vouch for.

    Files the cache does not know are formatted by up to ``workers`` processes (default: one
    per CPU) when there is enough work to repay starting them; each file is formatted on its
    own, so the result does not depend on how many there are.
    """
    with Formatter(cache, workers, ours=ours) as formatter:
        formatter.add(texts, in_layout)
        return formatter.finish()


class Formatter:
    """``format_files`` over texts given a batch at a time (an output's files as soon as they
    are rendered): the layout pass starts on the first batches, on worker processes once
    there is enough to lay out, while the later ones are planned. The result is the same as
    ``format_files`` over all of them at once; ``close`` (or leaving the ``with``) stops the
    workers of a run given up."""

    def __init__(
        self, cache: FormatCache | None = None, workers: int | None = None, *, ours: bool = False
    ) -> None:
        self._cache = cache or FormatCache(None)
        self._workers = workers or min(os.cpu_count() or 1, 8)
        self._ours = ours
        self._order: list[PurePosixPath] = []
        self._result: dict[PurePosixPath, str] = {}
        self._to_lay_out: list[tuple[PurePosixPath, str]] = []  # in order; black's if not ours
        self._pieces: dict[int, list[str]] = {}  # each one's text, cut where lay_out allows
        self._waiting: list[_Piece] = []  # the pieces not handed to a worker yet
        self._lines = 0
        self._pool: ProcessPoolExecutor | None = None
        self._batches: list[tuple[list[_Piece], Future[list[str | None]]]] = []

    def __enter__(self) -> Formatter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add(self, texts: dict[PurePosixPath, str], in_layout: Set[PurePosixPath]) -> None:
        """More files, after those given before."""
        for path, text in texts.items():
            self._order.append(path)
            if path.suffix != ".py" or path in in_layout:
                self._result[path] = text
            elif not self._ours:
                self._to_lay_out.append((path, text))  # not laid out: black's, below
            elif all(len(row) <= LINE_LENGTH for row in text.split("\n")):
                self._result[path] = text  # its own layout, cheaper to see than to look up
            elif (found := self._cache.get(_LAYOUT_MODE, text)) is not None:
                self._result[path] = found
            else:
                index = len(self._to_lay_out)
                self._to_lay_out.append((path, text))
                self._pieces[index] = layout.pieces(text, PIECE_LINES)
                self._waiting += [(index, number) for number in range(len(self._pieces[index]))]
                self._lines += text.count("\n")
        if self._pool is None and self._worth_workers():
            # One CPU is this process's, planning the next outputs; it joins in at ``finish``.
            helpers = max(1, self._workers - 1)
            self._pool = ProcessPoolExecutor(max_workers=helpers, mp_context=_context())
        if self._pool is not None:
            self._hand_over(self._pool)

    def _worth_workers(self) -> bool:
        return self._workers >= 2 and self._lines >= PARALLEL_LAYOUT_LINES

    def _hand_over(self, pool: ProcessPoolExecutor) -> None:
        """The waiting texts to the workers, largest first, in small batches: the workers then
        finish together, where batches in package order left one with most of the long lines."""
        order = sorted(self._waiting, key=lambda piece: -len(self._text(piece)))
        self._waiting = []
        for start in range(0, len(order), _BATCH):
            batch = order[start : start + _BATCH]
            texts = [self._text(piece) for piece in batch]
            self._batches.append((batch, pool.submit(_lay_out_batch, texts)))

    def _text(self, piece: _Piece) -> str:
        return self._pieces[piece[0]][piece[1]]

    def finish(self) -> Formatted:
        """The files given, formatted, in the order given."""
        done: dict[_Piece, str | None] = {}
        if self._ours:
            # The batches no worker has started, smallest first, are laid out here meanwhile.
            for batch, future in reversed(self._batches):
                if future.cancel():
                    done.update((piece, lay_out(self._text(piece))) for piece in batch)
            for batch, future in self._batches:
                if not future.cancelled():
                    done.update(zip(batch, future.result(), strict=True))
            # Too little to repay workers: laid out here.
            done.update((piece, lay_out(self._text(piece))) for piece in self._waiting)
            self._waiting = []
        self.close()
        laid_out: list[str | None] = [None] * len(self._to_lay_out)
        for index, cut in self._pieces.items():
            parts = [done[index, number] for number in range(len(cut))]
            if all(part is not None for part in parts):
                laid_out[index] = "\n".join(cast(list[str], parts))
        cache, result = self._cache, self._result
        pending: list[tuple[PurePosixPath, str]] = []
        kept: list[tuple[str, str]] = []
        for index, (path, text) in enumerate(self._to_lay_out):
            if self._ours and (found := laid_out[index]) is not None:
                kept.append((text, found))
                result[path] = found
            elif (cached := cache.get(_BLACK_SETTINGS, text)) is not None:
                result[path] = cached
            else:
                pending.append((path, text))
        cache.put_all(_LAYOUT_MODE, kept)
        problems = []
        for (path, text), (formatted, problem) in zip(
            pending, _format_all(pending, self._workers), strict=True
        ):
            if problem is not None:
                problems.append(problem)
            else:
                assert formatted is not None
                cache.put(_BLACK_SETTINGS, text, formatted)
                result[path] = formatted
        if problems:
            raise GenerationError(problems)
        return Formatted({path: result[path] for path in self._order}, len(pending))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_BATCH = 8  # texts per task handed to a layout worker
# A long module (Stripe's strategies, 1.5 s of layout) is laid out in pieces of about this many
# lines, on several workers at once: whole, it was the last to finish.
PIECE_LINES = 1_000
_Piece = tuple[int, int]  # a text to lay out, and which of its pieces


def _lay_out_batch(texts: list[str]) -> list[str | None]:
    return [lay_out(text) for text in texts]


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    # fork shares the already imported modules; elsewhere each worker imports them once.
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _format_all(
    pending: list[tuple[PurePosixPath, str]], workers: int | None
) -> list[tuple[str | None, Problem | None]]:
    workers = workers or min(os.cpu_count() or 1, 8)
    lines = sum(text.count("\n") for _, text in pending)
    if workers < 2 or len(pending) < 2 or lines < PARALLEL_LINES:
        return [_format_one(item) for item in pending]
    chunk = max(1, len(pending) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        return list(pool.map(_format_one, pending, chunksize=chunk))


def black_mode() -> Mode:
    """Black's mode for the generated code (``_BLACK_SETTINGS``)."""
    from black.mode import Mode, TargetVersion

    return Mode(target_versions={TargetVersion.PY310}, line_length=LINE_LENGTH)


def _format_one(item: tuple[PurePosixPath, str]) -> tuple[str | None, Problem | None]:
    import black
    from black.parsing import InvalidInput

    path, text = item
    try:
        ast.parse(text, filename=str(path))
        return black.format_str(text, mode=black_mode()), None
    except (SyntaxError, InvalidInput) as exc:
        line = getattr(exc, "lineno", None)
        return None, Problem(str(path), line, "", f"generated code does not parse: {exc}")
