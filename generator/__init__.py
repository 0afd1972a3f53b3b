"""OpenAPI 3.0/3.1 to a typed Python package, as a pure function and a build step."""

from generator.errors import GenerationError, Problem
from generator.pipeline import generate

__all__ = ["GenerationError", "Problem", "generate"]
