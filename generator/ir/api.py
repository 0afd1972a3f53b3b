"""The whole spec as the IR: its named schemas, its validators' rules, its operations and the
webhooks and callbacks it sends."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.ir.operations import Operation, Webhook
from generator.ir.rules import Validators
from generator.ir.types import Alias, Definition, Model


@dataclass(frozen=True, slots=True)
class Api:
    source: str
    title: str
    version: str
    description: str | None
    openapi: str
    definitions: tuple[Definition, ...]
    validators: Validators
    operations: tuple[Operation, ...]
    base_url: str | None  # the first server's URL with its variables' defaults, when absolute
    webhooks: tuple[Webhook, ...] = ()  # 3.1 webhooks and operations' callbacks, JSON bodies
    warnings: tuple[Problem, ...] = ()  # where the IR says what the spec meant, not what it said

    def modules(self) -> dict[str, tuple[Definition, ...]]:
        """Definitions grouped by module, modules in order of first appearance."""
        grouped: dict[str, list[Definition]] = {}
        for definition in self.definitions:
            grouped.setdefault(definition.module, []).append(definition)
        return {module: tuple(items) for module, items in grouped.items()}

    def response_shapes(self) -> tuple[Definition, ...]:
        """Every definition but the request shapes, which share their schema's pointer and
        module with its response shape (``lower/shapes.py``)."""
        return tuple(
            d
            for d in self.definitions
            if not (isinstance(d, Model | Alias) and d.request_of is not None)
        )
