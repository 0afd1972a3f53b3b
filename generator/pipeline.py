"""``generate()``: the spec to ``{relative path: text}``, chaining the pure stages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import GenerationError, Problem, sort_problems, split_severity
from generator.lower import build_api
from generator.lower.check import check_api
from generator.naming import is_valid_identifier
from generator.output.cache import FormatCache
from generator.output.format import format_files
from generator.output.planned import CopiedFile
from generator.output.render import render_files
from generator.plan import plan_files
from generator.spec.bundle import bundle_document
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
) -> Generated:
    """``generate()``, with the warnings too. A ``GenerationError`` carries the warnings found
    before it beside its errors, so that one run shows everything. ``ref_root`` confines the
    files that ``$ref``s may reach to that folder."""
    shown = display or str(spec)
    if not is_valid_identifier(package) or package != package.lower():
        raise GenerationError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    f"package name {package!r} is not a lower-case Python identifier",
                )
            ]
        )
    document, sources = bundle_document(load_document(spec, shown), spec, ref_root)
    try:
        index = resolve_document(document)
        ref_problems: list[Problem] = []
    except GenerationError as error:
        index = None
        ref_problems = list(error.problems)
    problems = ref_problems + validate_document(document, skip_refs=bool(ref_problems))
    if index is not None:
        problems += index.warnings
    errors, warnings = split_severity(problems)
    if errors or index is None:
        raise GenerationError(problems)
    try:
        api = build_api(index, source=spec.name)
        check_api(api, document)
    except GenerationError as error:
        raise GenerationError([*error.problems, *warnings]) from None
    planned = plan_files(api, package)
    # The runtime's modules are copied in black's layout already: only the rest is formatted.
    copied = {f.path for f in planned if isinstance(f, CopiedFile)}
    files = format_files(render_files(planned), cache, in_layout=copied)
    return Generated(files, sort_problems([*warnings, *api.warnings]), sources)
