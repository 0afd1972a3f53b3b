"""Stage 9: the generated texts to disk, or a diff against it for ``--check``.

Nothing is written until every file rendered, and then the package folder is either left as it
was or replaced whole: the new tree is staged beside it and switched in (``switch.py``), under a
lock, with nothing followed through a link (``tree.py``). A file whose text is unchanged keeps
its inode and mtime; a run where nothing changed touches nothing; a file the spec no longer
produces is dropped only if it carries our banner (or our fixtures manifest lists it), and the
user's own files under the package are carried into the new tree.

The project's files beside the package (``pyproject.toml``, ``README.md``, when the project is
asked for) follow the same rules: one that is not ours is never replaced (the run stops, naming
it), one whose banner names this package is replaced or, when no longer wanted, removed. They
are written in full beside their place before the package is switched, and renamed into place
right after it.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from generator.naming import is_portable_file_name
from generator.output import switch
from generator.output.tree import (
    BANNER_MARKER,
    FIXTURES_MARKER,
    PROJECT_FILES,
    OutputError,
    Tree,
    is_project_file,
    project_owner,
    read_text,
    scan_package,
    stale_files,
)

__all__ = ["BANNER_MARKER", "FIXTURES_MARKER", "OutputError", "Changes"]
__all__ += ["compare_tree", "write_tree", "diff_tree", "package_of", "by_folder"]


# From this many files the staged tree (and the format cache's entries) are written by a thread
# per folder: creating a file is mostly the kernel's work, which goes on in parallel in
# different folders (not within one, which the kernel locks), taking Stripe's 3,100 files
# from 1-2 s to about half.
PARALLEL_WRITE_FILES = 256
_WRITE_THREADS = 4


@dataclass
class Changes:
    written: list[PurePosixPath] = field(default_factory=list)
    unchanged: list[PurePosixPath] = field(default_factory=list)
    removed: list[PurePosixPath] = field(default_factory=list)


def package_of(out: Path, files: dict[PurePosixPath, str]) -> str | None:
    """The one package folder ``files`` are in (beside it, only the project's files); raises
    ``OutputError`` for a path that is not plainly inside it (absolute, ``..``, ``.``, empty, a
    name Windows cannot have) or for two paths of one folder that differ only in case."""
    packages = {path.parts[0] for path in files if len(path.parts) > 1}
    if len(packages) > 1:
        raise OutputError(out, f"would get more than one package: {sorted(packages)}")
    if not packages and files:
        raise OutputError(out, "would get a project without a package")
    if _plainly_inside(files):
        return next(iter(packages), None)
    folded: dict[str, PurePosixPath] = {}
    for path in sorted(files):  # the first problem in path order is the one reported
        inside = len(path.parts) >= 2 or is_project_file(path)
        if path.is_absolute() or not inside or str(path) != path.as_posix():
            raise OutputError(out / path, "is not a path inside the package")
        for part in path.parts:
            if not is_portable_file_name(part):
                raise OutputError(out / path, f"has a name that is not portable ({part!r})")
        other = folded.setdefault(str(path).lower(), path)
        if other != path:
            raise OutputError(out / path, f"differs only in case from {other}")
    return next(iter(packages), None)


def _plainly_inside(files: dict[PurePosixPath, str]) -> bool:
    """``package_of``'s checks, for the usual case of none failing: each distinct name
    checked once (a package repeats its folders' names thousands of times), no sorting."""
    names: set[str] = set()
    folded: set[str] = set()
    for path in files:
        parts = path.parts
        if path.is_absolute() or not (len(parts) >= 2 or is_project_file(path)):
            return False
        text = str(path)
        if text != path.as_posix() or text.lower() in folded:
            return False
        folded.add(text.lower())
        names.update(parts)
    return all(is_portable_file_name(name) for name in names)


def compare_tree(out: Path, files: dict[PurePosixPath, str]) -> Changes:
    """What writing ``files`` under ``out`` would change."""
    package = package_of(out, files)
    tree = scan_package(out, package) if package else Tree()
    return _compare(out, tree, files, package or "")


def _compare(out: Path, tree: Tree, files: dict[PurePosixPath, str], package: str) -> Changes:
    changes = Changes()
    for path, text in sorted(files.items()):
        if path in tree.files and read_text(out / path) == text:
            changes.unchanged.append(path)
        else:
            changes.written.append(path)
    changes.removed = stale_files(out, tree, files, package)
    return changes


def write_tree(
    out: Path, files: dict[PurePosixPath, str], *, lock_timeout: float = switch.LOCK_TIMEOUT
) -> Changes:
    """Make ``out/<package>`` what ``files`` say, in one step; raises ``OutputError`` (the
    package left as it was) when that cannot be done."""
    package = package_of(out, files)
    if package is None:
        return Changes()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out, f"cannot be created ({exc.strerror})") from None
    with switch.locked(out, package, lock_timeout):
        try:
            switch.repair(out, package)
        except OSError as exc:
            reason = f"could not be repaired after an earlier run ({exc})"
            raise OutputError(out / package, reason) from None
        tree = scan_package(out, package)
        changes = _compare(out, tree, files, package)
        if not changes.written and not changes.removed:
            return changes
        _refuse_blocked(out, tree, files, set(changes.removed))
        _refuse_others(out, package, tree, files)
        staging = switch.side_paths(out, package)[1]
        project = [p for p in changes.written if is_project_file(p)]
        gone = [p for p in changes.removed if is_project_file(p)]
        package_changed = len(project) + len(gone) < len(changes.written) + len(changes.removed)
        try:
            for path in project:
                switch.write_file(switch.staged_project_file(out, package, path), files[path])
            if package_changed:
                _stage(out, package, tree, files, changes, staging)
                switch.switch_in(out, package)
            switch.place_project_files(out, package, project, gone)
        except OSError as exc:
            _discard(out, package, staging)
            raise _explain(out, package, staging, exc) from None
        except BaseException:
            _discard(out, package, staging)
            raise
    return changes


def _refuse_blocked(
    out: Path, tree: Tree, files: dict[PurePosixPath, str], stale: set[PurePosixPath]
) -> None:
    """A user's folder where the spec makes a file, or a user's file where it makes a folder,
    is not ours to replace."""
    kept = tree.files - stale
    for path in sorted(files):
        if path in tree.folders:
            raise OutputError(out / path, "is a folder where the spec makes a file")
        for parent in path.parents:
            if parent in kept:
                raise OutputError(out / parent, "is a file where the spec makes a folder")


def _refuse_others(out: Path, package: str, tree: Tree, files: dict[PurePosixPath, str]) -> None:
    """A project file that is not this package's (the user's own, or another package's) is
    never replaced."""
    for path in sorted(p for p in files if is_project_file(p) and p in tree.files):
        text = read_text(out / path)
        owner = project_owner(text) if text is not None else None
        if owner == package:
            continue
        if owner is None:
            reason = "exists and is not ours (it has no generator banner)"
        else:
            reason = f"belongs to the project of the package {owner!r}"
        raise OutputError(
            out / path,
            f"{reason}; the generator never replaces it (move it away, or generate "
            "without project)",
        )


def _stage(
    out: Path,
    name: str,
    tree: Tree,
    files: dict[PurePosixPath, str],
    changes: Changes,
    staging: Path,
) -> None:
    """The new package, complete, at ``staging``."""
    package = PurePosixPath(name)
    tree = Tree({p for p in tree.files if not is_project_file(p)}, tree.folders)
    files = {path: text for path, text in files.items() if not is_project_file(path)}
    stale = {path for path in changes.removed if not is_project_file(path)}
    unchanged = {path for path in changes.unchanged if not is_project_file(path)}
    emptied = {parent for path in stale for parent in path.parents}
    keep = tree.files - stale - set(files)
    needed = {parent for path in keep | set(files) for parent in path.parents}
    # A folder a stale file leaves empty goes with it, as do its parents that it empties.
    folders = {f for f in tree.folders if f in needed or f not in emptied} | needed
    folders |= {parent for folder in folders for parent in folder.parents}
    folders = {f for f in folders if f == package or package in f.parents}
    for folder in sorted(folders, key=lambda p: len(p.parts)):
        switch.make_folder(staging / folder.relative_to(package))
    steps: list[tuple[PurePosixPath, Callable[[], None]]] = [
        (path, partial(switch.carry_file, out / path, staging / path.relative_to(package)))
        for path in sorted(keep | unchanged)
    ]
    steps += [
        (path, partial(switch.write_file, staging / path.relative_to(package), files[path]))
        for path in changes.written
        if path in files
    ]
    by_folder(steps)


def by_folder(steps: list[tuple[PurePosixPath, Callable[[], None]]]) -> None:
    """Steps that each create the file at their path: in order when there are fewer than
    ``PARALLEL_WRITE_FILES`` (or one CPU), else a thread per folder (the largest folders
    first), each folder's in order, raising the first error in the order of the folders
    once every thread has stopped."""
    if len(steps) < PARALLEL_WRITE_FILES or (os.cpu_count() or 1) < 2:
        for _, step in steps:
            step()
        return
    folders: dict[PurePosixPath, list[Callable[[], None]]] = {}
    for path, step in steps:
        folders.setdefault(path.parent, []).append(step)
    order = sorted(folders.values(), key=len, reverse=True)
    threads = min(_WRITE_THREADS, os.cpu_count() or 1, len(order))
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="write") as pool:
        done = [pool.submit(_run_all, folder) for folder in order]
    for future in done:
        future.result()


def _run_all(steps: list[Callable[[], None]]) -> None:
    for step in steps:
        step()


def _discard(out: Path, package: str, staging: Path) -> None:
    try:
        if os.path.lexists(staging):
            switch.remove_tree(staging)
        switch.remove_staged_project_files(out, package)
    except OSError:
        pass  # the next run removes it under the lock before doing anything else


def _explain(out: Path, package: str, staging: Path, exc: OSError) -> OutputError:
    """The error in words, naming the package file it was about rather than the staging one."""
    where = Path(exc.filename) if isinstance(exc.filename, str) else out / package
    for path in PROJECT_FILES:
        if where == switch.staged_project_file(out, package, path):
            return OutputError(out / path, f"cannot be written ({exc.strerror or exc})")
    with contextlib.suppress(ValueError):
        where = out / package / where.relative_to(staging)
    return OutputError(where, f"cannot be written ({exc.strerror or exc})")


def diff_tree(out: Path, files: dict[PurePosixPath, str]) -> str:
    """A unified diff from what is under ``out`` to ``files`` (added and removed files too);
    ``OutputError`` for a project file a run would refuse to replace."""
    package = package_of(out, files)
    if package is not None:
        _refuse_others(out, package, scan_package(out, package), files)
    changes = compare_tree(out, files)
    chunks: list[str] = []
    for path in sorted(changes.written + changes.removed):
        old = read_text(out / path)
        new = files.get(path)
        chunks.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"a/{path}" if old is not None else "/dev/null",
                tofile=f"b/{path}" if new is not None else "/dev/null",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
