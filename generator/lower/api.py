"""The whole API: its metadata and every named schema's definitions."""

from __future__ import annotations

from generator.errors import GenerationError, split_severity
from generator.ir import Api, Validators
from generator.lower.endpoints import build_operations, text
from generator.lower.operations import operation_rules
from generator.lower.rules import RulesBuilder
from generator.lower.schemas import SchemaBuilder
from generator.lower.shapes import apply_shapes
from generator.lower.webhooks import build_webhooks, payload_rules
from generator.spec.resolve import Index


def build_api(index: Index, source: str) -> Api:
    """Build the IR; raise with every unsupported construct found, not just the first.

    Warnings travel in ``Api.warnings`` (or with the errors, when there are errors).
    """
    data = index.document.data
    info = data.get("info") or {}
    builder = SchemaBuilder(index)
    builder.build_all()
    endpoints = build_operations(builder)  # may add the models of inline bodies
    webhooks = build_webhooks(builder, endpoints)  # and of webhooks' and callbacks' bodies
    rules = RulesBuilder(index)
    operations = operation_rules(rules, endpoints)
    payloads = payload_rules(rules, webhooks)
    choices = rules.build_choices(builder.choices.sites.values())
    targets = rules.build_targets()
    definitions, endpoints = apply_shapes(
        builder.tags.apply(builder.definitions), endpoints, builder.claim_class
    )
    errors, warnings = split_severity(builder.problems + rules.problems)
    if errors:
        raise GenerationError(errors + warnings)
    return Api(
        source=source,
        title=str(info.get("title") or ""),
        version=str(info.get("version") or ""),
        description=text(info.get("description")),
        openapi=str(data.get("openapi")),
        definitions=tuple(definitions),
        validators=Validators(
            dialect=rules.dialect,
            targets=targets,
            operations=operations,
            not_checked=tuple(dict.fromkeys(rules.not_checked)),
            payloads=payloads,
            choices=choices,
            linear_patterns=rules.linear_patterns,
        ),
        operations=endpoints,
        base_url=_base_url(data.get("servers")),
        webhooks=webhooks,
        warnings=tuple(warnings),
    )


def _base_url(servers: object) -> str | None:
    """The first server's URL with each variable at its default, when that URL is absolute."""
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return None
    url = servers[0].get("url")
    if not isinstance(url, str):
        return None
    for name, variable in (servers[0].get("variables") or {}).items():
        if isinstance(variable, dict) and isinstance(variable.get("default"), str):
            url = url.replace("{" + str(name) + "}", variable["default"])
    if "{" in url or not url.startswith(("http://", "https://")):
        return None
    return url.rstrip("/")
