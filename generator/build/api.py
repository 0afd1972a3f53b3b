"""The whole API: its metadata and every named schema's definitions."""

from __future__ import annotations

from generator.build.schemas import SchemaBuilder
from generator.errors import GenerationError
from generator.ir import Api
from generator.resolve import Index


def build_api(index: Index, source: str) -> Api:
    """Build the IR; raise with every unsupported construct found, not just the first."""
    data = index.document.data
    info = data.get("info") or {}
    builder = SchemaBuilder(index)
    definitions = builder.build_all()
    if builder.problems:
        raise GenerationError(builder.problems)
    return Api(
        source=source,
        title=str(info.get("title") or ""),
        version=str(info.get("version") or ""),
        description=_text(info.get("description")),
        openapi=str(data.get("openapi")),
        definitions=definitions,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
