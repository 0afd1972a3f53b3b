"""On-disk caches that make a run where nothing changed near-instant.

- ``FormatCache``: black's output by the hash of its input, so unchanged files are never
  formatted twice.
- ``ResultCache``: a whole run's output by the hash of everything it depends on (the spec's
  bytes, the package name, how the spec is named, and the generator's own code and templates),
  so an unchanged spec skips loading, validating and rendering too.

Both live under ``$XDG_CACHE_HOME/openapi-generator`` (default ``~/.cache``). A cache that
cannot be read or written only costs time; this module imports nothing heavy, so a hit does
not pay for importing black, jinja2 or the spec validator.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath

from generator.errors import Problem
from generator.output.resources import template_dir

_PACKAGE = Path(__file__).resolve().parent.parent


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "openapi-generator"


class _Store:
    """Text files named by hash under a folder; no folder means no caching."""

    def __init__(self, folder: Path | None, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only

    def _path(self, digest: str) -> Path | None:
        return None if self.folder is None else self.folder / digest[:2] / digest

    def read(self, digest: str) -> str | None:
        path = self._path(digest)
        if path is None:
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return text

    def write(self, digest: str, text: str) -> None:
        path = self._path(digest)
        if path is None or self.read_only:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            pass


class FormatCache(_Store):
    """Formatted text by the hash of the formatter's settings and its input."""

    @staticmethod
    def default(read_only: bool = False) -> FormatCache:
        return FormatCache(cache_root() / f"black-{metadata.version('black')}", read_only)

    @staticmethod
    def _digest(mode: str, text: str) -> str:
        return hashlib.sha256(f"{mode}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, mode: str, text: str) -> str | None:
        return self.read(self._digest(mode, text))

    def put(self, mode: str, text: str, formatted: str) -> None:
        self.write(self._digest(mode, text), formatted)


class ResultCache(_Store):
    """A whole run's files by the hash of its inputs."""

    @staticmethod
    def default(read_only: bool = False) -> ResultCache:
        return ResultCache(cache_root() / "results", read_only)

    @staticmethod
    def key(spec: bytes, package: str, display: str) -> str:
        digest = hashlib.sha256()
        for part in (generator_fingerprint().encode(), package.encode(), display.encode(), spec):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()

    def get(
        self, key: str
    ) -> tuple[dict[PurePosixPath, str], tuple[Problem, ...], tuple[Path, ...]] | None:
        """The files, warnings and other source files of the run ``key`` names; None when
        there is none, it is corrupt, or one of the other files the spec refers to changed."""
        text = self.read(key)
        if text is None:
            return None
        try:
            stored = json.loads(text)
            files = {PurePosixPath(path): body for path, body in stored["files"].items()}
            warnings = tuple(
                Problem(file, line, pointer, message, "warning")
                for file, line, pointer, message in stored["warnings"]
            )
            sources = tuple(Path(path) for path, _ in stored["sources"])
            unchanged = all(_digest_of(Path(path)) == digest for path, digest in stored["sources"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return (files, warnings, sources) if unchanged else None

    def put(
        self,
        key: str,
        files: dict[PurePosixPath, str],
        warnings: tuple[Problem, ...],
        sources: tuple[Path, ...] = (),
    ) -> None:
        entry = {
            "files": {str(path): body for path, body in files.items()},
            "warnings": [[w.file, w.line, w.pointer, w.message] for w in warnings],
            "sources": [[str(path), _digest_of(path)] for path in sources],
        }
        self.write(key, json.dumps(entry))


def _digest_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@cache
def generator_fingerprint() -> str:
    """A hash of the generator's code, its templates and the libraries that shape its output."""
    libraries = ("black", "jinja2", "PyYAML", "openapi-spec-validator")
    versions = [metadata.version(name) for name in libraries] + [sys.version]
    digest = hashlib.sha256("\0".join(versions).encode())
    templates = template_dir()
    files = [(_PACKAGE, p) for p in sorted(_PACKAGE.rglob("*.py"))]
    files += [(templates, p) for p in sorted(templates.rglob("*.jinja"))]
    for folder, path in files:
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
