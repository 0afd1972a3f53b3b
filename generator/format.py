"""Stage 8: black, in process, once per file, and never twice on the same text.

Black is the slow stage (about 1,500 lines per CPU-second), so its results are cached on disk
by a hash of the text it was given; a file whose rendered text did not change is not formatted
again. ``ast.parse`` runs first so that a bad template names the file it broke.
"""

from __future__ import annotations

import ast
import hashlib
import os
from importlib import metadata
from pathlib import Path, PurePosixPath

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.errors import GenerationError, Problem

MODE = Mode(target_versions={TargetVersion.PY310}, line_length=88)
BLACK_VERSION = metadata.version("black")


class FormatCache:
    """Formatted text by the hash of its input, in a folder (None: no caching)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0

    @staticmethod
    def default() -> FormatCache:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
        return FormatCache(Path(base) / "openapi-generator" / f"black-{BLACK_VERSION}")

    def _path(self, text: str) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(f"{MODE!r}\0{text}".encode()).hexdigest()
        return self.folder / digest[:2] / digest

    def get(self, text: str) -> str | None:
        path = self._path(text)
        if path is None:
            return None
        try:
            result = path.read_text(encoding="utf-8")
        except OSError:
            return None
        self.hits += 1
        return result

    def put(self, text: str, formatted: str) -> None:
        path = self._path(text)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            temporary.write_text(formatted, encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only cache only costs time


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
        cached = cache.get(text)
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
        cache.put(text, formatted)
        result[path] = formatted
    if problems:
        raise GenerationError(problems)
    return result
