"""Lower a spec fragment written as Python data, with no file: the unit tier's entry point."""

from __future__ import annotations

from typing import Any

from generator.ir import Api
from generator.lower import build_api
from generator.spec.load import Document
from generator.spec.resolve import resolve_document


def lower(
    schemas: dict[str, Any], *, openapi: str = "3.0.3", paths: dict[str, Any] | None = None
) -> Api:
    """The IR of a spec holding ``schemas`` under components and ``paths``."""
    data = {
        "openapi": openapi,
        "info": {"title": "t", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }
    return build_api(resolve_document(Document("spec.yaml", data)), "spec.yaml")


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}
