"""``python -m generator``: regenerate the output folder from the spec, or ``--check`` it."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator.config import ConfigError, load_settings
from generator.errors import GenerationError
from generator.format import FormatCache
from generator.pipeline import generate
from generator.write import diff_tree, write_tree


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        settings = load_settings(Path.cwd(), args.spec, args.out, args.package)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cache = FormatCache(None) if args.no_cache else FormatCache.default()
    try:
        files = generate(
            settings.spec, settings.package, display=settings.shown(settings.spec), cache=cache
        )
    except GenerationError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"{count} {noun}; {settings.shown(settings.out)} left as it was", file=sys.stderr)
        return 1
    out_shown = settings.shown(settings.out)
    if args.check:
        diff = diff_tree(settings.out, files)
        if diff:
            sys.stdout.write(diff)
            print(f"{out_shown} is stale: run python -m generator", file=sys.stderr)
            return 1
        print(f"{out_shown} is up to date ({len(files)} files)")
        return 0
    changes = write_tree(settings.out, files)
    elapsed = time.perf_counter() - started
    print(
        f"{out_shown}: {len(changes.written)} written, {len(changes.unchanged)} unchanged, "
        f"{len(changes.removed)} removed in {elapsed:.2f}s"
    )
    return 0
