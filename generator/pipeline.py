"""``generate()``: the spec to ``{relative path: text}``, chaining the pure stages."""

from __future__ import annotations

import time
from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from generator.errors import GenerationError, Problem, sort_problems, split_severity
from generator.ir import Api
from generator.lower import build_api
from generator.lower.check import check_api
from generator.naming import is_portable_file_name, is_valid_identifier
from generator.output.cache import FormatCache
from generator.output.format import Formatted, Formatter
from generator.output.planned import CopiedFile, PlannedFile
from generator.output.render import render_files
from generator.plan import Rendered, plan_groups
from generator.progress import SILENT, Stages
from generator.project.plan import version_problem
from generator.render_process import RenderedBeside
from generator.spec.bundle import bundle_document
from generator.spec.depth import check_schema_nesting
from generator.spec.load import Document, load_document
from generator.spec.resolve import Index, resolve_document
from generator.spec.validation_process import SpecValidation, choose_start_method


@dataclass(frozen=True, slots=True)
class Generated:
    """Every file of the package, and the warnings met on the way to it."""

    files: dict[PurePosixPath, str]
    warnings: tuple[Problem, ...]
    sources: tuple[Path, ...] = ()  # the files besides the spec that its references reached
    through_black: int = 0  # files the layout pass could not vouch for, formatted by black


def generate(
    spec: Path, package: str, *, display: str | None = None, cache: FormatCache | None = None
) -> dict[PurePosixPath, str]:
    """Every file of the generated package, by path relative to the output folder.

    Raises ``GenerationError`` with every problem found; never touches the output folder.
    ``display`` is how the spec is named in messages; ``cache`` keeps black's results.
    """
    return generate_package(spec, package, display=display, cache=cache).files


def generate_package(
    spec: Path,
    package: str,
    *,
    display: str | None = None,
    cache: FormatCache | None = None,
    ref_root: Path | None = None,
    stages: Stages = SILENT,
    templates: Path | None = None,
    project: str | None = None,
    black_everything: bool = False,
) -> Generated:
    """``generate()``, with the warnings too. A ``GenerationError`` carries the warnings found
    before it beside its errors, so that one run shows everything. ``ref_root`` confines the
    files that ``$ref``s may reach to that folder; ``stages`` reports how long each step took;
    ``templates`` is a folder of templates that replace ours by name (``TemplateOverrideError``
    when one of them fails); ``project`` (the output folder as pip is given it,
    ``./generated``) adds ``pyproject.toml`` and ``README.md`` beside the package."""
    shown = display or str(spec)
    if not is_valid_identifier(package) or package != package.lower():
        reason = "is not a lower-case Python identifier"
        raise GenerationError([Problem(shown, None, "", f"package name {package!r} {reason}")])
    if not is_portable_file_name(package):
        reason = "cannot be a folder on every system (a Windows device name, or too long)"
        raise GenerationError([Problem(shown, None, "", f"package name {package!r} {reason}")])
    with stages.stage("read the spec"):
        document, sources = bundle_document(load_document(spec, shown), spec, ref_root)
    too_deep = check_schema_nesting(document)
    if too_deep:
        raise GenerationError(too_deep)
    with stages.stage("resolved references"):
        try:
            index = resolve_document(document)
            ref_problems: list[Problem] = []
        except GenerationError as error:
            index = None
            ref_problems = list(error.problems)
    # After resolving, which reads some dangling references as fallbacks in the data: the
    # validator reads the document as it did when it ran here, between resolve and build.
    # The stages run beside the validator only when they will run at all.
    beside = index is not None and not ref_problems
    size = _size(spec)
    validation = SpecValidation(document, choose_start_method(size) if beside else None)
    try:
        job = _Job(
            spec, size, document, package, cache, stages, templates, project, black_everything
        )
        files, warnings, through_black = _generate_valid(job, index, ref_problems, validation)
    finally:
        validation.close()
    return Generated(files, warnings, sources, through_black)


@dataclass(frozen=True, slots=True)
class _Job:
    """What ``generate_package`` was asked for, handed on to the stages after reading."""

    spec: Path
    spec_bytes: int  # the file's size, which decides what runs in other processes
    document: Document
    package: str
    cache: FormatCache | None
    stages: Stages
    templates: Path | None
    project: str | None
    black_everything: bool


def _generate_valid(
    job: _Job, index: Index | None, ref_problems: list[Problem], validation: SpecValidation
) -> tuple[dict[PurePosixPath, str], tuple[Problem, ...], int]:
    """The files, the warnings and how many files black formatted, from the resolved spec.
    When the validator runs in another process, the stages up to formatting run beside it
    (on Twilio's spec it is the last to finish); its findings are read before anything else
    is reported, so an invalid spec gives its errors, not what a stage made of it."""
    stages = job.stages
    built: _Rendered | Exception | None = None
    formatted: Formatted | Exception | None = None
    try:
        if validation.in_background and index is not None:
            try:
                built = _render(index, job, validation)
            except Exception as failure:  # noqa: BLE001 - raised below unless the spec is invalid
                built = failure
            if isinstance(built, _Rendered) and not validation.found_errors():
                try:
                    formatted = _format(built, job)
                except Exception as failure:  # noqa: BLE001 - as above
                    formatted = failure
        with stages.stage("validated the spec"):
            problems = ref_problems + validation.problems(skip_refs=bool(ref_problems))
        if index is not None:
            problems += index.warnings
        errors, warnings = split_severity(problems)
        if errors or index is None:
            raise GenerationError(problems)
        try:
            if built is None:
                built = _render(index, job)
            elif isinstance(built, Exception):
                raise built
        except _BuildRefused as refused:
            raise GenerationError([*refused.problems, *warnings]) from None
        if job.project is not None and (why := version_problem(built.api)):
            warning = job.document.problem("/info/version", why)
            warnings.append(replace(warning, severity="warning"))
        if formatted is None:
            formatted = _format(built, job)
        elif isinstance(formatted, Exception):
            raise formatted
    finally:
        if isinstance(built, _Rendered):
            built.formatter.close()  # a run given up: its layout workers stop
    return formatted.files, sort_problems([*warnings, *built.api.warnings]), formatted.through_black


def _format(built: _Rendered, job: _Job) -> Formatted:
    """The layout pass's (or black's) results: what is left of the work started while the
    files were planned and rendered."""
    with job.stages.stage("formatted them"):
        return built.formatter.finish()


@dataclass(frozen=True, slots=True)
class _Rendered:
    api: Api
    formatter: Formatter  # holding every file rendered, being laid out


class _Abandoned(Exception):
    """The validator, running beside the stages, found errors: their work would be lost."""


class _BuildRefused(Exception):
    """The schemas and operations cannot become code: ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def _render(index: Index, job: _Job, validation: SpecValidation | None = None) -> _Rendered:
    """Build and check; then plan and render a group of files at a time (the fixtures, on a
    large spec, in a process of their own meanwhile), each group handed to the layout pass
    (whose workers start on it while the next is planned); between groups, stop if
    ``validation`` (running beside them) has found errors already."""
    stages = job.stages

    def stop_if_invalid() -> None:
        if validation is not None and validation.found_errors():
            raise _Abandoned

    try:
        with stages.stage("read the schemas and operations"):
            api = build_api(index, source=job.spec.name)
            check_api(api, job.document)
    except GenerationError as error:
        # Reported with the validator's warnings, which may not be known yet.
        raise _BuildRefused(list(error.problems)) from None
    # A user's template may write anything: black judges its output, as it does with
    # --format black.
    ours = job.templates is None and not job.black_everything
    # Forked before the layout workers start (their pool runs a thread).
    fixtures = RenderedBeside.start(api, job.package, "fixtures", job.templates, job.spec_bytes)
    formatter = Formatter(job.cache, ours=ours)
    planning = rendering = 0.0
    count = 0
    try:
        # Closed on the way out, so that an output's planning ends (and lets go of what it
        # keeps for the run) when the run is given up.
        with closing(_timed_groups(api, job, fixtures)) as groups:
            for group in groups:
                planning += group.seconds
                stop_if_invalid()
                started = time.perf_counter()
                if isinstance(group.files, Rendered):
                    rendered, copied = group.files.texts, set()
                else:
                    rendered = render_files(group.files, job.templates)
                    copied = {f.path for f in group.files if isinstance(f, CopiedFile)}
                formatter.add(rendered, copied)
                rendering += time.perf_counter() - started
                count += len(rendered)
    except BaseException:
        formatter.close()
        raise
    finally:
        if fixtures is not None:
            fixtures.close()
    stages.report("planned the files", planning)
    stages.report(f"rendered {count} files", rendering)
    return _Rendered(api, formatter)


@dataclass(frozen=True, slots=True)
class _Group:
    files: Sequence[PlannedFile | CopiedFile] | Rendered
    seconds: float  # spent planning them (or waiting for them)


def _timed_groups(
    api: Api, job: _Job, fixtures: RenderedBeside | None
) -> Generator[_Group, None, None]:
    elsewhere = {"fixtures": fixtures.texts} if fixtures is not None else None
    with closing(plan_groups(api, job.package, job.project, elsewhere)) as groups:
        while True:
            started = time.perf_counter()
            files = next(groups, None)
            if files is None:
                return
            yield _Group(files, time.perf_counter() - started)


def _size(spec: Path) -> int:
    """The spec file's size in bytes (0 when it cannot be read: loading said why already)."""
    try:
        return spec.stat().st_size
    except OSError:
        return 0
