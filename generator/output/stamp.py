"""What the output folder looked like after a run wrote it, so the next run can see at a glance
that nothing changed.

A run with the same inputs (the result cache's key) as the last one that wrote ``out`` has
nothing to write when the package folder is still exactly as that run left it. Reading the
whole package back and comparing it took Stripe's 3,114 files a second; this compares what the
file system says of each file instead, as git's index and make do: the same files and folders,
each file with the same size, inode, modification and change times. Any write to a file moves
its change time, which no program can set back.

One case stat cannot see, git calls racy: a file written again within the file system's
timestamp granularity (up to 2 s, on FAT) of when it was recorded keeps the same times. So a
file whose times are within ``RACY_NS`` of the recording is compared by content (a SHA-256 kept
in the stamp), and a run that finds such files all as recorded records the stamp again, after
which they are old enough to be judged by stat alone.

The stamp is kept beside the result cache (``cache.Stamps``, in the user's own folder), named
by the inputs and the output folder; anything about it that is not as expected (missing,
edited, for other inputs, a source file of a multi-file spec changed) means the run takes the
ordinary path.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import Problem
from generator.output.tree import OutputError, scan_package

RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Confirmed:
    """What the stamp says of an output found as recorded: how many files the run made, its
    warnings, and the stamp recorded again when that lets the next run judge more files by
    stat alone (some were compared by content)."""

    generated: int
    warnings: tuple[Problem, ...]
    refreshed: str | None


def stamp_name(key: str, out: Path) -> str:
    """The stamp's name in the cache: a hash of the inputs' key and the output folder."""
    return hashlib.sha256(f"{key}\0{out.resolve()}".encode("utf-8", "surrogatepass")).hexdigest()


def record(
    out: Path,
    package: str,
    key: str,
    files: dict[PurePosixPath, str],
    warnings: tuple[Problem, ...],
    sources: list[list[Any]],
) -> str | None:
    """The stamp of ``out`` as it is now, which a run with ``key`` made of ``files``; None when
    the folder cannot be read. ``sources`` are ``[path, sha256]`` of the spec's other files."""
    try:
        tree = scan_package(out, package)
    except OutputError:
        return None
    recorded = time.time_ns()
    entries: dict[str, list[Any]] = {}
    for path in sorted(tree.files):
        text = files.get(path)
        if text is None:  # the user's own file, carried: judged by its bytes on disk
            digest = _file_digest(out / path)
            if digest is None:
                return None
        else:
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        entries[str(path)] = [*_signature(tree.status[path]), digest, text is not None]
    body = {
        "key": key,
        "out": str(out.resolve()),
        "package": package,
        "recorded": recorded,
        "files": entries,
        "folders": sorted(str(folder) for folder in tree.folders),
        "warnings": warning_rows(warnings),
        "sources": sources,
    }
    return json.dumps({"body": body, "digest": _digest(body)})


def confirm(out: Path, key: str, text: str) -> Confirmed | None:
    """What the stamp ``text`` says, when ``out`` is still as it recorded for ``key``; None when
    anything differs, or the stamp is not one ``record`` wrote for these inputs."""
    started = time.time_ns()  # the files judged below are as recorded at least since then
    try:
        stored = json.loads(text)
        body = stored["body"]
        if stored["digest"] != _digest(body) or body["key"] != key:
            return None
        if body["out"] != str(out.resolve()):
            return None
        tree = scan_package(out, body["package"])
        files: dict[str, list[Any]] = body["files"]
        if len(tree.files) != len(files) or {str(f) for f in tree.folders} != set(body["folders"]):
            return None
        racy = body["recorded"] - RACY_NS
        refresh = False
        for path in tree.files:
            *signature, digest, _ = files[str(path)]
            status = tree.status[path]
            if _signature(status) != tuple(signature):
                return None
            if max(status.st_mtime_ns, status.st_ctime_ns) >= racy:
                if _file_digest(out / path) != digest:
                    return None
                refresh = True
        if any(source_digest(Path(path)) != digest for path, digest in body["sources"]):
            return None
        warnings = tuple(
            Problem(file, line, pointer, message, "warning")
            for file, line, pointer, message in body["warnings"]
        )
        generated = sum(1 for *_, made in files.values() if made)
    except (ValueError, KeyError, TypeError, OutputError):
        return None
    refreshed = None
    if refresh:
        body["recorded"] = started
        refreshed = json.dumps({"body": body, "digest": _digest(body)})
    return Confirmed(generated, warnings, refreshed)


def warning_rows(warnings: tuple[Problem, ...]) -> list[list[Any]]:
    """Warnings as JSON rows (file, line, pointer, message), as the caches keep them."""
    return [[w.file, w.line, w.pointer, w.message] for w in warnings]


def source_digest(path: Path) -> str | None:
    """The SHA-256 of a file the spec's references reached (through links, as they were read)."""
    return _file_digest(path, follow=True)


def _signature(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns


def _file_digest(path: Path, follow: bool = False) -> str | None:
    """The SHA-256 of a file's bytes, None when it cannot be read; a package file is never
    read through a link (``O_NOFOLLOW``)."""
    flags = os.O_RDONLY if follow else os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
        with os.fdopen(handle, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()
    except OSError:
        return None


def _digest(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()
