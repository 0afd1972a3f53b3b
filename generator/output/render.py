"""Stage 7: templates to text, and the runtime's modules under the banner.

``StrictUndefined``: a missing context field is a generator bug in our templates, and a
mistake in a user's overriding template, reported with its file and line.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path, PurePosixPath

import jinja2

from generator.output.contexts import TemplateContext
from generator.output.overrides import BANNER, TemplateOverrideError
from generator.output.planned import CopiedFile, PlannedFile
from generator.output.resources import template_dir
from generator.runtime import source_text


@cache
def _environment(overrides: Path | None = None) -> jinja2.Environment:
    """Our templates, or a user's folder in front of them (a name found there wins)."""
    ours = jinja2.FileSystemLoader(template_dir())
    loader: jinja2.BaseLoader = ours
    if overrides is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(overrides), ours])
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Python; spec text is escaped by generator.encode
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_files(
    files: Sequence[PlannedFile | CopiedFile], overrides: Path | None = None
) -> dict[PurePosixPath, str]:
    """Every file's text; ``overrides`` is a folder of the user's templates (see overrides.py)."""
    banner = _environment().get_template(BANNER)
    if overrides is None:
        return {f.path: _render(f, _environment(), banner) for f in files}
    environment = _environment(overrides.resolve())
    try:
        return {f.path: _render(f, environment, banner) for f in files}
    except jinja2.TemplateError as error:
        raise TemplateOverrideError(_located(error, overrides.resolve())) from None


def _render(
    planned: PlannedFile | CopiedFile, environment: jinja2.Environment, banner: jinja2.Template
) -> str:
    if isinstance(planned, CopiedFile):
        return banner.render(banner=planned.banner) + source_text(planned.source)
    return environment.get_template(planned.template).render(_variables(planned.context))


def _located(error: jinja2.TemplateError, overrides: Path) -> str:
    """``file:line: message`` for a failing template: the innermost frame in a template file."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return f"{error.filename}:{error.lineno}: {error.message}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".jinja"):
            return f"{frame.filename}:{frame.lineno}: {error}"
    return f"{overrides}: {error}"


def _variables(context: TemplateContext) -> dict[str, object]:
    """The context's fields as the template's variables; nested items stay objects, which
    templates read as ``item.field``."""
    return {field.name: getattr(context, field.name) for field in fields(context)}
