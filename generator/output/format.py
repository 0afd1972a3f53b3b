"""Stage 8: black, in process, once per file, and never twice on the same text.

Black is the slow stage (about 1,500 lines per CPU-second), so its results are kept in a
``FormatCache`` by a hash of the text it was given; a file whose rendered text did not change
is not formatted again. ``ast.parse`` runs first so that a bad template names the file it broke.
"""

from __future__ import annotations

import ast
import multiprocessing
import os
from collections.abc import Set
from concurrent.futures import ProcessPoolExecutor
from pathlib import PurePosixPath

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.errors import GenerationError, Problem
from generator.output.cache import FormatCache

MODE = Mode(target_versions={TargetVersion.PY310}, line_length=88)
# Below this many lines to format, starting worker processes costs more than it saves.
PARALLEL_LINES = 3_000


def format_files(
    texts: dict[PurePosixPath, str],
    cache: FormatCache | None = None,
    workers: int | None = None,
    *,
    in_layout: Set[PurePosixPath] = frozenset(),
) -> dict[PurePosixPath, str]:
    """Every ``.py`` text through black (other files, and those in ``in_layout``, as they are),
    in the order given. ``in_layout`` is for text known to be in black's layout already: the
    runtime's modules, which ``tests/unit/runtime`` keeps so.

    Files the cache does not know are formatted by up to ``workers`` processes (default: one
    per CPU) when there is enough work to repay starting them; each file is formatted on its
    own, so the result does not depend on how many there are.
    """
    cache = cache or FormatCache(None)
    mode = repr(MODE)
    result: dict[PurePosixPath, str] = {}
    pending: list[tuple[PurePosixPath, str]] = []
    for path, text in texts.items():
        cached = cache.get(mode, text) if path.suffix == ".py" and path not in in_layout else text
        if cached is None:
            pending.append((path, text))
        else:
            result[path] = cached
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
    return {path: result[path] for path in texts}


def _format_all(
    pending: list[tuple[PurePosixPath, str]], workers: int | None
) -> list[tuple[str | None, Problem | None]]:
    workers = workers or min(os.cpu_count() or 1, 8)
    lines = sum(text.count("\n") for _, text in pending)
    if workers < 2 or len(pending) < 2 or lines < PARALLEL_LINES:
        return [_format_one(item) for item in pending]
    methods = multiprocessing.get_all_start_methods()
    # fork shares the already imported black; elsewhere each worker imports it once.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(pending) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_format_one, pending, chunksize=chunk))


def _format_one(item: tuple[PurePosixPath, str]) -> tuple[str | None, Problem | None]:
    path, text = item
    try:
        ast.parse(text, filename=str(path))
        return black.format_str(text, mode=MODE), None
    except (SyntaxError, InvalidInput) as exc:
        line = getattr(exc, "lineno", None)
        return None, Problem(str(path), line, "", f"generated code does not parse: {exc}")
