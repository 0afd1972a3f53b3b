"""``generate()``: the spec to ``{relative path: text}``, chaining the pure stages."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from generator.errors import GenerationError, Problem, sort_problems, split_severity
from generator.lower import build_api
from generator.lower.check import check_api
from generator.naming import is_portable_file_name, is_valid_identifier
from generator.output.cache import FormatCache
from generator.output.format import format_files
from generator.output.planned import CopiedFile
from generator.output.render import render_files
from generator.plan import plan_files
from generator.progress import SILENT, Stages
from generator.project.plan import version_problem
from generator.spec.bundle import bundle_document
from generator.spec.depth import check_schema_nesting
from generator.spec.load import load_document
from generator.spec.resolve import resolve_document
from generator.spec.validate import validate_document


@dataclass(frozen=True, slots=True)
class Generated:
    """Every file of the package, and the warnings met on the way to it."""

    files: dict[PurePosixPath, str]
    warnings: tuple[Problem, ...]
    sources: tuple[Path, ...] = ()  # the files besides the spec that its references reached


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
    with stages.stage("validated the spec"):
        problems = ref_problems + validate_document(document, skip_refs=bool(ref_problems))
    if index is not None:
        problems += index.warnings
    errors, warnings = split_severity(problems)
    if errors or index is None:
        raise GenerationError(problems)
    try:
        with stages.stage("read the schemas and operations"):
            api = build_api(index, source=spec.name)
            check_api(api, document)
    except GenerationError as error:
        raise GenerationError([*error.problems, *warnings]) from None
    with stages.stage("planned the files"):
        planned = plan_files(api, package, project)
    if project is not None and (why := version_problem(api)):
        warnings.append(replace(document.problem("/info/version", why), severity="warning"))
    with stages.stage(f"rendered {len(planned)} files"):
        rendered = render_files(planned, templates)
    # The runtime's modules are copied in black's layout already: only the rest is formatted.
    copied = {f.path for f in planned if isinstance(f, CopiedFile)}
    with stages.stage("formatted them"):
        files = format_files(rendered, cache, in_layout=copied)
    return Generated(files, sort_problems([*warnings, *api.warnings]), sources)
