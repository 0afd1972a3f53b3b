"""``python -m generator``: regenerate the output folder from the spec, or ``--check`` it."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from generator.config import ConfigError, Settings, load_settings
from generator.errors import GenerationError, Problem, split_severity
from generator.output.cache import FormatCache, ResultCache
from generator.output.write import OutputError, diff_tree, write_tree


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python package from an OpenAPI 3.0/3.1 spec. "
        "Defaults come from [tool.generator] in pyproject.toml.",
    )
    parser.add_argument("--spec", metavar="PATH", help="the OpenAPI document (YAML or JSON)")
    parser.add_argument("--out", metavar="DIR", help="the output folder (default: generated)")
    parser.add_argument("--package", metavar="NAME", help="the generated package's name")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff if the output folder is stale",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="do not reuse or keep black's results"
    )
    parser.add_argument(
        "--ref-root",
        metavar="DIR",
        help="refuse $refs to files outside this folder (also: ref_root under [tool.generator])",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (also: strict = true under [tool.generator])",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        settings = load_settings(
            Path.cwd(),
            args.spec,
            args.out,
            args.package,
            strict=args.strict,
            ref_root=args.ref_root,
        )
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        files, warnings = _generate(
            settings, use_cache=not args.no_cache, fill_cache=not args.check
        )
        if settings.strict and warnings:
            raise GenerationError(warnings)
    except GenerationError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"{_count_problems(error.problems, settings.strict)}; "
            f"{settings.shown(settings.out)} left as it was",
            file=sys.stderr,
        )
        return 1
    for warning in warnings:
        print(warning, file=sys.stderr)
    noted = f", {_plural(len(warnings), 'warning')}" if warnings else ""
    out_shown = settings.shown(settings.out)
    if args.check:
        try:
            diff = diff_tree(settings.out, files)
        except OutputError as exc:
            print(f"error: {settings.shown(exc.path)} {exc.reason}", file=sys.stderr)
            return 1
        if diff:
            sys.stdout.write(diff)
            print(f"{out_shown} is stale: run python -m generator", file=sys.stderr)
            return 1
        print(f"{out_shown} is up to date ({len(files)} files{noted})")
        return 0
    try:
        changes = write_tree(settings.out, files)
    except OutputError as exc:
        print(
            f"error: {settings.shown(exc.path)} {exc.reason}; {out_shown} left as it was",
            file=sys.stderr,
        )
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"{out_shown}: {len(changes.written)} written, {len(changes.unchanged)} unchanged, "
        f"{len(changes.removed)} removed{noted} in {elapsed:.2f}s"
    )
    return 0


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _count_problems(problems: Sequence[Problem], strict: bool) -> str:
    """``3 problems``, or ``2 problems and 1 warning``: what stopped the run, counted."""
    errors, warnings = split_severity(problems)
    if not errors:
        return f"{_plural(len(warnings), 'warning')}, errors under --strict"
    text = _plural(len(errors), "problem")
    return f"{text} and {_plural(len(warnings), 'warning')}" if warnings else text


def _generate(
    settings: Settings, use_cache: bool, fill_cache: bool
) -> tuple[dict[PurePosixPath, str], tuple[Problem, ...]]:
    """The files and warnings for ``settings``, from the result cache when nothing they depend
    on changed.

    ``--check`` reads the caches but writes nothing anywhere, the caches included.
    """
    display = settings.shown(settings.spec)
    results = ResultCache.default(not fill_cache) if use_cache else ResultCache(None)
    try:
        confined = str(settings.ref_root.resolve()) if settings.ref_root else ""
        key: str | None = ResultCache.key(
            settings.spec.read_bytes(), settings.package, f"{display}\0{confined}"
        )
    except OSError:
        key = None  # generate_package() reports the unreadable spec
    cached = results.get(key, settings.package) if key else None
    if cached is not None:
        files, warnings, _ = cached
        return files, warnings
    from generator.pipeline import generate_package

    formats = FormatCache.default(not fill_cache) if use_cache else FormatCache(None)
    generated = generate_package(
        settings.spec, settings.package, display=display, cache=formats, ref_root=settings.ref_root
    )
    if key:
        results.put(key, generated.files, generated.warnings, generated.sources)
    return generated.files, generated.warnings
