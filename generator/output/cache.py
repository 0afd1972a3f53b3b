"""On-disk caches that make a run where nothing changed near-instant.

- ``FormatCache``: black's output by the hash of its input, so unchanged files are never
  formatted twice.
- ``ResultCache``: a whole run's output by the hash of everything it depends on (the spec's
  bytes, the package name, how the spec is named, and the generator's own code and templates),
  so an unchanged spec skips loading, validating and rendering too.
- ``Stamps``: what the output folder looked like after a run wrote it, so that a run with the
  same inputs sees from the file system alone that nothing changed (``stamp.py``).

Both live under ``$XDG_CACHE_HOME/openapi-generator`` (default ``~/.cache``). A cache that
cannot be read or written only costs time; this module imports nothing heavy, so a hit does
not pay for importing black, jinja2 or the spec validator.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from functools import cache, partial
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import Problem
from generator.output.resources import template_dir
from generator.output.stamp import (
    Confirmed,
    confirm,
    record,
    source_digest,
    stamp_name,
    warning_rows,
)
from generator.output.tree import carries_banner
from generator.output.write import OutputError, by_folder, package_of

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
        """The entry's text; None when there is none, or when it is a link, not a regular
        file, not the user's own, or writable by anyone else (whoever could write it could
        put any code in the package)."""
        path = self._path(digest)
        if path is None:
            return None
        try:
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            with os.fdopen(handle, encoding="utf-8") as stream:
                status = os.fstat(stream.fileno())
                if not stat.S_ISREG(status.st_mode) or not _trusted(status):
                    return None
                return stream.read()
        except (OSError, UnicodeDecodeError):
            return None

    @property
    def keeps(self) -> bool:
        """Whether what is written is kept (a folder, and not read-only)."""
        return self.folder is not None and not self.read_only

    def write(self, digest: str, text: str) -> None:
        """Keep ``text`` for the user alone (folders 0700, files 0600)."""
        path = self._path(digest)
        if path is None or self.read_only:
            return
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(temporary, flags, 0o600), "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            pass
        finally:
            temporary.unlink(missing_ok=True)

    def write_all(self, entries: dict[str, str]) -> None:
        """``write`` for each digest and text, many at once by a thread per folder of the
        cache (``write.by_folder``): a first run of Stripe keeps 2,100 entries."""
        if self.keeps:
            by_folder(
                [
                    (PurePosixPath(digest[:2], digest), partial(self.write, digest, text))
                    for digest, text in entries.items()
                ]
            )


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

    def put_all(self, mode: str, results: list[tuple[str, str]]) -> None:
        """``put`` for each text and its formatted text."""
        if self.keeps:
            self.write_all({self._digest(mode, text): formatted for text, formatted in results})


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
        self, key: str, package: str
    ) -> tuple[dict[PurePosixPath, str], tuple[Problem, ...], tuple[Path, ...]] | None:
        """The files, warnings and other source files of the run ``key`` names; None when
        there is none, or it is not what ``put`` wrote for ``key`` (its recorded hash), or a
        path is not plainly inside ``package``, or a file lacks the banner, or one of the other
        files the spec refers to changed. An entry that is not trusted is regenerated."""
        text = self.read(key)
        if text is None:
            return None
        try:
            stored = json.loads(text)
            body = {name: stored[name] for name in ("files", "warnings", "sources")}
            if stored["digest"] != _entry_digest(key, package, body):
                return None
            files = {PurePosixPath(path): _text(text) for path, text in body["files"].items()}
            if any(str(path) != name for path, name in zip(files, body["files"], strict=False)):
                return None
            warnings = tuple(
                Problem(_text(file), line, _text(pointer), _text(message), "warning")
                for file, line, pointer, message in body["warnings"]
            )
            sources = tuple(Path(_text(path)) for path, _ in body["sources"])
            unchanged = all(source_digest(Path(path)) == digest for path, digest in body["sources"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if not unchanged or not _plainly_ours(package, files):
            return None
        return files, warnings, sources

    def put(
        self,
        key: str,
        files: dict[PurePosixPath, str],
        warnings: tuple[Problem, ...],
        sources: tuple[Path, ...] = (),
    ) -> None:
        if not self.keeps:
            return  # no entry to encode (Stripe's is 47 MB of JSON)
        package = _package(files)
        entry: dict[str, Any] = {
            "files": {str(path): body for path, body in files.items()},
            "warnings": warning_rows(warnings),
            "sources": [[str(path), source_digest(path)] for path in sources],
        }
        entry["digest"] = _entry_digest(key, package, entry)
        self.write(key, json.dumps(entry))


class Stamps(_Store):
    """What each output folder looked like after the last run wrote it (``stamp.py``), by the
    hash of that run's inputs and the folder."""

    @staticmethod
    def default(read_only: bool = False) -> Stamps:
        return Stamps(cache_root() / "stamps", read_only)

    def confirm(self, key: str, out: Path) -> Confirmed | None:
        """What the stamp of ``out`` says, when the folder is as the last run with ``key`` left
        it (``stamp.py``); None otherwise, or when there is no such stamp."""
        text = self.read(stamp_name(key, out))
        confirmed = None if text is None else confirm(out, key, text)
        if confirmed is not None and confirmed.refreshed is not None:
            self.write(stamp_name(key, out), confirmed.refreshed)
        return confirmed

    def stamp(
        self,
        key: str,
        out: Path,
        files: dict[PurePosixPath, str],
        warnings: tuple[Problem, ...],
        sources: tuple[Path, ...] = (),
    ) -> None:
        """Record ``out`` as the run with ``key`` left it, having written ``files``."""
        if not self.keeps:
            return
        package = _package(files)
        digests = [[str(path), source_digest(path)] for path in sources]
        text = record(out, package, key, files, warnings, digests)
        if text is not None:
            self.write(stamp_name(key, out), text)


def _package(files: dict[PurePosixPath, str]) -> str:
    return next((path.parts[0] for path in files if len(path.parts) > 1), "")


def _entry_digest(key: str, package: str, body: dict[str, Any]) -> str:
    """A hash of the entry's content and of the key and package it is for: an entry copied
    from another key, cut short or edited does not match."""
    canonical = json.dumps([key, package, body], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _plainly_ours(package: str, files: dict[PurePosixPath, str]) -> bool:
    """Every path inside ``package`` (or one of the project's files beside it) and portable;
    every file but a fixture under our banner."""
    try:
        if package_of(Path("."), files) not in (package, None):
            return False
    except OutputError:
        return False
    return all(
        carries_banner(text) or (path.suffix == ".json" and path.parts[1:2] == ("fixtures",))
        for path, text in files.items()
    )


def _trusted(status: os.stat_result) -> bool:
    """The user's own file that no one else may write."""
    owner = getattr(os, "getuid", lambda: status.st_uid)()
    return status.st_uid == owner and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


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
