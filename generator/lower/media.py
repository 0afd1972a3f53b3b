"""Which of a body's media types the client speaks, and how it encodes that body."""

from __future__ import annotations

from typing import Any

from generator.ir import BodyEncoding


def choose_media_type(content: dict[str, Any]) -> str | None:
    """JSON when offered, then a form, then whatever comes first."""
    types = [str(t) for t in content]
    for wanted in ("json", "form"):
        for media_type in types:
            if body_encoding(media_type) == wanted:
                return media_type
    return types[0] if types else None


def body_encoding(media_type: str) -> BodyEncoding:
    essence = media_type.split(";")[0].strip().lower()
    if essence == "application/json" or essence.endswith("+json") or essence == "*/*":
        return "json"
    if essence == "application/x-www-form-urlencoded":
        return "form"
    if essence.startswith("text/"):
        return "text"
    return "bytes"
