"""``python -m generator``: regenerate the output folder from the spec, or ``--check`` it."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import NoReturn

from generator.config import ConfigError, Settings, load_settings
from generator.errors import GenerationError, Problem, split_severity
from generator.output.cache import FormatCache, ResultCache, Stamps
from generator.output.overrides import TemplateOverrideError, overrides_digest
from generator.output.write import OutputError, diff_tree, write_tree
from generator.progress import SILENT, Stages

# Exit codes, one meaning each, so that a build step can tell "regenerate" from "fix the spec".
EXIT_OK = 0  # generated, or up to date under --check
EXIT_STALE = 1  # --check: the output differs from what the spec gives
EXIT_SPEC = 2  # the spec has problems (or warnings under --strict); nothing was written
EXIT_USAGE = 3  # the command line or [tool.generator] is wrong, or the output cannot be written

_EPILOG = """\
examples:
  %(prog)s                      settings from [tool.generator] in pyproject.toml
  %(prog)s --spec api.yaml --out src --package petstore
  %(prog)s --check              in CI: fail if the output is stale
  %(prog)s --project            also write pyproject.toml and README.md, so that
                                pip install './generated[client]' works

exit codes:
  0  generated, or up to date under --check
  1  --check: the output is stale (a diff is printed)
  2  the spec has problems (warnings too under --strict); nothing was written
  3  a usage or configuration error, or the output folder cannot be written
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _program_name() -> str:
    """How the user ran us: ``python -m generator`` or the ``generator`` console script."""
    launched = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m generator" if launched in {"", "__main__.py", "-c"} else launched


def _version() -> str:
    try:
        return version("generator")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_program_name(),
        description="Generate a typed Python package from an OpenAPI 3.0/3.1 spec.\n"
        "Settings not given here come from [tool.generator] in the nearest pyproject.toml.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--spec", metavar="PATH", help="the OpenAPI document, YAML or JSON (key: spec)"
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="the output folder; the package goes to DIR/NAME "
        "(key: out; generated when neither is set)",
    )
    parser.add_argument(
        "--package", metavar="NAME", help="the generated package's name (key: package)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff if the output folder is stale",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="neither reuse nor keep earlier results (key: cache = false)",
    )
    parser.add_argument(
        "--ref-root",
        metavar="DIR",
        help="refuse $refs to files outside this folder (key: ref_root)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (key: strict = true)",
    )
    parser.add_argument(
        "--templates",
        metavar="DIR",
        help="a folder of templates that replace ours by name (key: templates)",
    )
    parser.add_argument(
        "--project",
        action="store_true",
        help="also write pyproject.toml and README.md beside the package, making the output "
        "folder a project pip can install (key: project = true)",
    )
    parser.add_argument(
        "--format",
        choices=["layout", "black"],
        help="black: run black on every file; layout (the default): only on files the "
        "generator cannot vouch are in black's layout already (key: format)",
    )
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print only problems and warnings: no summary line, no progress",
    )
    talk.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print every stage's time on stderr (by default only stages over a second, "
        "and only on a terminal)",
    )
    return parser


def _stages(args: argparse.Namespace) -> Stages:
    """Progress for people watching a terminal; logs of build steps get it on request."""
    if args.quiet or not (args.verbose or sys.stderr.isatty()):
        return SILENT
    return Stages(lambda line: print(line, file=sys.stderr, flush=True), 0 if args.verbose else 1)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    stages = _stages(args)
    try:
        settings = load_settings(
            Path.cwd(),
            args.spec,
            args.out,
            args.package,
            strict=args.strict,
            ref_root=args.ref_root,
            cache=not args.no_cache,
            templates=args.templates,
            project=args.project,
            format=args.format,
        )
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        run = _generate(
            settings, use_cache=settings.cache, fill_cache=not args.check, stages=stages
        )
        files, warnings, through_black = run.files, run.warnings, run.through_black
        if settings.strict and warnings:
            raise GenerationError(warnings)
    except TemplateOverrideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{settings.shown(settings.out)} left as it was", file=sys.stderr)
        return EXIT_USAGE
    except GenerationError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"{_count_problems(error.problems, settings.strict)}; "
            f"{settings.shown(settings.out)} left as it was",
            file=sys.stderr,
        )
        return EXIT_SPEC
    for warning in warnings:
        print(warning, file=sys.stderr)
    noted = f", {_plural(len(warnings), 'warning')}" if warnings else ""
    out_shown = settings.shown(settings.out)
    if files is None:  # the output is as the last run with these inputs left it (stamp.py)
        if args.quiet:
            return EXIT_OK
        if args.check:
            print(f"{out_shown} is up to date ({run.count} files{noted})")
        else:
            elapsed = time.perf_counter() - started
            print(
                f"{out_shown}: 0 written, {run.count} unchanged, 0 removed{noted} in {elapsed:.2f}s"
            )
        return EXIT_OK
    if args.check:
        try:
            diff = diff_tree(settings.out, files)
        except OutputError as exc:
            print(f"error: {settings.shown(exc.path)} {exc.reason}", file=sys.stderr)
            return EXIT_USAGE
        if diff:
            sys.stdout.write(diff)
            print(f"{out_shown} is stale: run {_program_name()}", file=sys.stderr)
            return EXIT_STALE
        if not args.quiet:
            print(f"{out_shown} is up to date ({len(files)} files{noted})")
        return EXIT_OK
    try:
        with stages.stage("wrote the output"):
            changes = write_tree(settings.out, files)
        run.stamp(settings.out, files)
    except OutputError as exc:
        print(
            f"error: {settings.shown(exc.path)} {exc.reason}; {out_shown} left as it was",
            file=sys.stderr,
        )
        return EXIT_USAGE
    elapsed = time.perf_counter() - started
    if args.quiet:
        return EXIT_OK
    blackened = f", {through_black} formatted by black" if through_black else ""
    print(
        f"{out_shown}: {len(changes.written)} written, {len(changes.unchanged)} unchanged, "
        f"{len(changes.removed)} removed{blackened}{noted} in {elapsed:.2f}s"
    )
    return EXIT_OK


# The collector's first threshold while a run allocates: its passes would look at millions of
# objects that live until the end (the document, the schemas, the texts) and find nothing to
# free; Stripe's run spent 0.54 s in them at the default 700, 0.19 s at this.
_RUN_GC_THRESHOLD = 50_000


def run() -> NoReturn:
    """``main`` as the whole life of a process (``python -m generator``, the console
    script): fewer collector passes, and no tearing down of the heap at exit (a quarter of a
    second on a large spec) once the output is written and the streams are flushed."""
    gc.set_threshold(_RUN_GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        code = main()
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        if exit_.code is not None and not isinstance(exit_.code, int):
            print(exit_.code, file=sys.stderr)  # as Python prints it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to say
        pass
    os._exit(code)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _count_problems(problems: Sequence[Problem], strict: bool) -> str:
    """``3 problems``, or ``2 problems and 1 warning``: what stopped the run, counted."""
    errors, warnings = split_severity(problems)
    if not errors:
        return f"{_plural(len(warnings), 'warning')}, errors under --strict"
    text = _plural(len(errors), "problem")
    return f"{text} and {_plural(len(warnings), 'warning')}" if warnings else text


@dataclass(frozen=True, slots=True)
class _Run:
    """What a run found: the files (None when the output is as the last run with the same
    inputs left it, ``count`` files), the warnings, how many files black formatted, and
    where to record the output once written."""

    files: dict[PurePosixPath, str] | None
    warnings: tuple[Problem, ...]
    through_black: int = 0
    count: int = 0
    stamps: Stamps = field(default_factory=lambda: Stamps(None))
    key: str | None = None
    sources: tuple[Path, ...] = ()

    def stamp(self, out: Path, files: dict[PurePosixPath, str]) -> None:
        """Record ``out`` as written, so that the next run with these inputs sees at a glance
        that nothing changed."""
        if self.key is not None:
            self.stamps.stamp(self.key, out, files, self.warnings, self.sources)


def _inputs_key(settings: Settings, display: str, overrides: str) -> str | None:
    """The result cache's key for what the run depends on; None when the spec cannot be read
    (generate_package() reports that)."""
    confined = str(settings.ref_root.resolve()) if settings.ref_root else ""
    project = settings.project_folder()
    inputs = f"{display}\0{confined}\0{overrides}\0{'' if project is None else project}"
    inputs += f"\0{settings.format}"
    try:
        spec = settings.spec.read_bytes()
    except OSError:
        return None
    return ResultCache.key(spec, settings.package, f"{inputs}\0{project is not None}")


def _generate(settings: Settings, use_cache: bool, fill_cache: bool, stages: Stages) -> _Run:
    """The files, the warnings and how many files black formatted for ``settings``: nothing
    when the output folder is as the last run with the same inputs left it, the result cache's
    files (nothing formatted) when nothing they depend on changed, else a new run's.

    ``--check`` reads the caches but writes nothing anywhere, the caches included.
    """
    display = settings.shown(settings.spec)
    results = ResultCache.default(not fill_cache) if use_cache else ResultCache(None)
    stamps = Stamps.default(not fill_cache) if use_cache else Stamps(None)
    overrides = overrides_digest(settings.templates)  # a broken folder is reported either way
    key = _inputs_key(settings, display, overrides) if use_cache else None
    if key is None:
        cached = None
    elif confirmed := stamps.confirm(key, settings.out):
        return _Run(None, confirmed.warnings, count=confirmed.generated)
    else:
        cached = results.get(key, settings.package)
    if cached is not None:
        files, warnings, sources = cached
        return _Run(files, warnings, stamps=stamps, key=key, sources=sources)
    from generator.pipeline import generate_package

    formats = FormatCache.default(not fill_cache) if use_cache else FormatCache(None)
    generated = generate_package(
        settings.spec,
        settings.package,
        display=display,
        cache=formats,
        ref_root=settings.ref_root,
        stages=stages,
        templates=settings.templates,
        project=settings.project_folder(),
        black_everything=settings.format == "black",
    )
    if key:
        results.put(key, generated.files, generated.warnings, generated.sources)
    return _Run(
        generated.files,
        generated.warnings,
        generated.through_black,
        stamps=stamps,
        key=key,
        sources=generated.sources,
    )
