"""The package folder replaced in one step, under a lock, repaired after a killed run.

Beside ``out/<package>`` the write stage keeps three names of its own, all on the same file
system as the package so that renames are atomic:

- ``.<package>.lock``: held (``flock``) for the whole write, so that a second run on the same
  output waits for the first; the kernel lets go of it when a run dies.
- ``.<package>.staging``: the new tree, built complete before anything is switched. Unchanged
  files and the user's own files are hard links to the old ones (copies where a link cannot be
  made), so their mtimes stay.
- ``.<package>.previous``: the old tree, for the instant between the two renames of the
  switch (old aside, new in), then removed.
- ``.<package>.staging.pyproject.toml``, ``.<package>.staging.README.md``: the project's
  files, written in full before the switch and renamed into place right after it.

Before the switch, everything written is flushed to the disk (``os.sync``, once, where the
system has it: one call rather than an fsync per file, outputs have 25,000), and after it the
folder holding the package is fsynced (POSIX), so that a power loss leaves the old tree or the
complete new one, not a switched name over files still in the page cache.

A run that dies leaves at most these behind; the next run, under the lock, puts a previous
tree back where the package is missing (the run died between the renames), removes one the
package has replaced, and removes any staging tree and staged project file, before it
compares anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.output.tree import PROJECT_FILES, OutputError

LOCK_TIMEOUT = 300.0  # seconds a run waits for another run on the same output to finish
_POLL = 0.05


def side_paths(out: Path, package: str) -> tuple[Path, Path, Path]:
    """The lock, the staging tree and the previous tree of ``out/package``."""
    return out / f".{package}.lock", out / f".{package}.staging", out / f".{package}.previous"


@contextmanager
def locked(out: Path, package: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the package's lock file; wait at most ``timeout`` seconds for another run."""
    path = side_paths(out, package)[0]
    deadline = time.monotonic() + timeout
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError as exc:
            raise OutputError(path, f"cannot be created ({exc.strerror})") from None
        if _take(handle, path, deadline):
            break
        os.close(handle)
        if time.monotonic() >= deadline:
            raise OutputError(
                out / package,
                f"is being written by another run (which holds {path.name}); gave up "
                f"waiting after {timeout:g} s",
            )
    try:
        yield
    finally:
        # Removed while still held: a run waiting on this file sees it is gone and reopens.
        path.unlink(missing_ok=True)
        os.close(handle)


def _take(handle: int, path: Path, deadline: float) -> bool:
    """Lock ``handle``, waiting until ``deadline``; True when the lock is taken on the file
    that is still at the lock's path (a finished run removes the file it locked)."""
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL)
    try:
        return os.path.samestat(os.fstat(handle), os.lstat(path))
    except OSError:
        return False


def repair(out: Path, package: str) -> None:
    """Undo what a run that died left beside the package (call with the lock held)."""
    _, staging, previous = side_paths(out, package)
    current = out / package
    if os.path.lexists(previous):
        if os.path.lexists(current):
            remove_tree(previous)
        else:
            os.rename(previous, current)
    if os.path.lexists(staging):
        remove_tree(staging)
    remove_staged_project_files(out, package)


def staged_project_file(out: Path, package: str, path: PurePosixPath) -> Path:
    """Where the project file ``path`` is written before it is renamed into place."""
    return out / f".{package}.staging.{path}"


def remove_staged_project_files(out: Path, package: str) -> None:
    for path in PROJECT_FILES:
        staged = staged_project_file(out, package, path)
        if os.path.lexists(staged):
            os.unlink(staged)


def place_project_files(
    out: Path, package: str, written: list[PurePosixPath], removed: list[PurePosixPath]
) -> None:
    """Rename the staged project files into place, and remove the ones no longer wanted."""
    for path in written:
        os.replace(staged_project_file(out, package, path), out / path)
    for path in removed:
        os.unlink(out / path)


def switch_in(out: Path, package: str) -> None:
    """Put the staging tree where the package is: two renames, the old tree removed after."""
    _, staging, previous = side_paths(out, package)
    current = out / package
    flush_to_disk()
    if not os.path.lexists(current):
        rename(staging, current)
        sync_folder(out)
        return
    rename(current, previous)
    try:
        rename(staging, current)
    except BaseException:
        rename(previous, current)
        raise
    sync_folder(out)
    # The new tree is in place: what is left of the old one, the next run removes.
    with contextlib.suppress(OSError):
        remove_tree(previous)


def flush_to_disk() -> None:
    """Every file written so far reaches the disk, where the system can say so (not Windows)."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()


def sync_folder(path: Path) -> None:
    """The renames in ``path`` reach the disk: an fsync of the folder (POSIX only; a file
    system that cannot fsync a folder is left to its own schedule)."""
    if os.name != "posix":
        return
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def rename(source: Path, target: Path) -> None:
    os.rename(source, target)


def remove_tree(path: Path) -> None:
    """Remove ``path`` and everything in it, following no link (a link is removed itself)."""
    if os.path.islink(path) or not os.path.isdir(path):
        os.unlink(path)
    else:
        shutil.rmtree(path)


def carry_file(source: Path, target: Path) -> None:
    """``target`` as the same file as ``source``: a hard link keeps its inode and mtime."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def write_file(path: Path, text: str) -> None:
    """A new file (never through a link, never over an existing one)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags, 0o644)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)


def make_folder(path: Path) -> None:
    os.mkdir(path)


def relative_to_package(path: PurePosixPath) -> PurePosixPath:
    return PurePosixPath(*path.parts[1:])
