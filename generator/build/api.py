"""The whole API: its metadata and every named schema's definitions."""

from __future__ import annotations

from generator.build.operations import operation_rules
from generator.build.rules import RulesBuilder
from generator.build.schemas import SchemaBuilder
from generator.errors import GenerationError
from generator.ir import Api, Validators
from generator.resolve import Index


def build_api(index: Index, source: str) -> Api:
    """Build the IR; raise with every unsupported construct found, not just the first."""
    data = index.document.data
    info = data.get("info") or {}
    builder = SchemaBuilder(index)
    definitions = builder.build_all()
    rules = RulesBuilder(index)
    operations = operation_rules(rules)
    targets = rules.build_targets()
    if builder.problems or rules.problems:
        raise GenerationError(builder.problems + rules.problems)
    return Api(
        source=source,
        title=str(info.get("title") or ""),
        version=str(info.get("version") or ""),
        description=_text(info.get("description")),
        openapi=str(data.get("openapi")),
        definitions=definitions,
        validators=Validators(
            dialect=rules.dialect,
            targets=targets,
            operations=operations,
            not_checked=tuple(dict.fromkeys(rules.not_checked)),
        ),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
