"""Stage 8: black, in process, once per file, and never twice on the same text.

Black is the slow stage (about 1,500 lines per CPU-second), so its results are kept in a
``FormatCache`` by a hash of the text it was given; a file whose rendered text did not change
is not formatted again. ``ast.parse`` runs first so that a bad template names the file it broke.
"""

from __future__ import annotations

import ast
from pathlib import PurePosixPath

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.cache import FormatCache
from generator.errors import GenerationError, Problem

MODE = Mode(target_versions={TargetVersion.PY310}, line_length=88)


def format_files(
    texts: dict[PurePosixPath, str], cache: FormatCache | None = None
) -> dict[PurePosixPath, str]:
    cache = cache or FormatCache(None)
    problems = []
    result = {}
    for path, text in texts.items():
        if path.suffix != ".py":
            result[path] = text
            continue
        cached = cache.get(repr(MODE), text)
        if cached is not None:
            result[path] = cached
            continue
        try:
            ast.parse(text, filename=str(path))
            formatted = black.format_str(text, mode=MODE)
        except (SyntaxError, InvalidInput) as exc:
            problems.append(
                Problem(
                    str(path),
                    getattr(exc, "lineno", None),
                    "",
                    f"generated code does not parse: {exc}",
                )
            )
            continue
        cache.put(repr(MODE), text, formatted)
        result[path] = formatted
    if problems:
        raise GenerationError(problems)
    return result
