"""What the plan stages hand to the renderer: a file's path, its template and its context; or,
for a module of the runtime, its path and the banner to put above its text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.output.contexts import Banner, TemplateContext


@dataclass(frozen=True, slots=True)
class PlannedFile:
    path: PurePosixPath
    template: str
    context: TemplateContext


@dataclass(frozen=True, slots=True)
class CopiedFile:
    """``source`` (relative to ``generator/runtime/``) under the banner, at ``path``."""

    path: PurePosixPath
    source: PurePosixPath
    banner: Banner
