"""Stage 7: templates to text, and the runtime's modules under the banner.

``StrictUndefined``: a missing context field is a generator bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from pathlib import PurePosixPath

import jinja2

from generator.output.contexts import TemplateContext
from generator.output.planned import CopiedFile, PlannedFile
from generator.output.resources import template_dir
from generator.runtime import source_text

BANNER = "package/_banner.py.jinja"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Python; spec text is escaped by generator.encode
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_files(files: Sequence[PlannedFile | CopiedFile]) -> dict[PurePosixPath, str]:
    environment = _environment()
    return {
        f.path: (
            environment.get_template(BANNER).render(banner=f.banner) + source_text(f.source)
            if isinstance(f, CopiedFile)
            else environment.get_template(f.template).render(_variables(f.context))
        )
        for f in files
    }


def _variables(context: TemplateContext) -> dict[str, object]:
    """The context's fields as the template's variables; nested items stay objects, which
    templates read as ``item.field``."""
    return {field.name: getattr(context, field.name) for field in fields(context)}
