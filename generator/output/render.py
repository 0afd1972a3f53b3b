"""Stage 7: templates to text, and the runtime's modules under the banner.

``StrictUndefined``: a missing context key is a generator bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import PurePosixPath

import jinja2

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
            else environment.get_template(f.template).render(f.context)
        )
        for f in files
    }
