"""OpenAPI 3.0/3.1 to a typed Python package, as a pure function and a build step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.errors import GenerationError, Problem

if TYPE_CHECKING:
    from generator.pipeline import generate

__all__ = ["GenerationError", "Problem", "generate"]


def __getattr__(name: str) -> Any:
    # The pipeline imports black, jinja2 and the spec validator; a cached run needs none of them.
    if name == "generate":
        from generator.pipeline import generate

        return generate
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
