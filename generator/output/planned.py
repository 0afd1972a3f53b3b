"""What the plan stages hand to the renderer: a file's path, its template and its context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.output.contexts import TemplateContext


@dataclass(frozen=True, slots=True)
class PlannedFile:
    path: PurePosixPath
    template: str
    context: TemplateContext
