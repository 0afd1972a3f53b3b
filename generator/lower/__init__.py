"""Stage 4: the resolved document to the IR."""

from __future__ import annotations

from generator.lower.api import build_api

__all__ = ["build_api"]
