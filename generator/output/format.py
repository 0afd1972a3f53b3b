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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

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
    cache = cache or FormatCache(None)
    mode = _BLACK_SETTINGS
    result: dict[PurePosixPath, str] = {}
    to_lay_out: list[tuple[PurePosixPath, str]] = []
    for path, text in texts.items():
        if path.suffix != ".py" or path in in_layout:
            result[path] = text
        elif not ours:
            to_lay_out.append((path, text))  # not laid out: black's, below
        elif all(len(row) <= LINE_LENGTH for row in text.split("\n")):
            result[path] = text  # its own layout, cheaper to see than to look up
        elif (found := cache.get(_LAYOUT_MODE, text)) is not None:
            result[path] = found
        else:
            to_lay_out.append((path, text))
    laid_out = _lay_out_all([text for _, text in to_lay_out], workers) if ours else []
    pending: list[tuple[PurePosixPath, str]] = []
    for index, (path, text) in enumerate(to_lay_out):
        if ours and (found := laid_out[index]) is not None:
            cache.put(_LAYOUT_MODE, text, found)
            result[path] = found
        elif (cached := cache.get(mode, text)) is not None:
            result[path] = cached
        else:
            pending.append((path, text))
    problems = []
    for (path, text), (formatted, problem) in zip(
        pending, _format_all(pending, workers), strict=True
    ):
        if problem is not None:
            problems.append(problem)
        else:
            assert formatted is not None
            cache.put(mode, text, formatted)
            result[path] = formatted
    if problems:
        raise GenerationError(problems)
    return Formatted({path: result[path] for path in texts}, len(pending))


def _lay_out_all(texts: list[str], workers: int | None) -> list[str | None]:
    """``lay_out`` of each text, on one process per CPU when there is enough to lay out (the
    pass is pure, so where a text is laid out does not change the result)."""
    workers = workers or min(os.cpu_count() or 1, 8)
    lines = sum(text.count("\n") for text in texts)
    if workers < 2 or len(texts) < 2 or lines < PARALLEL_LAYOUT_LINES:
        return [lay_out(text) for text in texts]
    # Largest first, in small batches: the workers finish together, where batches of files
    # in package order left one worker with most of the long lines.
    order = sorted(range(len(texts)), key=lambda index: -len(texts[index]))
    laid_out: list[str | None] = [None] * len(texts)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        done = pool.map(lay_out, [texts[index] for index in order], chunksize=8)
        for index, text in zip(order, done, strict=True):
            laid_out[index] = text
    return laid_out


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
