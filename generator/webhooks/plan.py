"""The receiving side: ``webhooks.py``, one ``parse_<name>(body)`` per webhook and callback.

Each parser decodes the JSON body (``_payloads.decode_payload``), checks it with the generated
validator of its schema (a named schema's own, an inline one's ``validate_<name>_payload``) and
returns it converted as the client converts a response, so models are written ``models.Name``.
The API sends these bodies, so they are checked as responses: ``readOnly`` properties are
expected, ``writeOnly`` ones refused. Nothing here needs httpx.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import PurePosixPath

from generator.encode import docstring, identifier, literal
from generator.ir import Api, ListOf, MapOf, ModelRef, Nullable, TypeRef, Webhook
from generator.models.annotations import annotation, from_wire, mentions
from generator.models.imports import import_line
from generator.naming import export_order
from generator.output.contexts import Banner
from generator.output.planned import PlannedFile
from generator.reserved import RUNTIME_NAMES
from generator.validators.plan import schema_modules
from generator.webhooks.contexts import PayloadParser, WebhooksContext

Q = "models."


def plan_webhook_files(
    api: Api, root: PurePosixPath, banner: Banner
) -> Generator[PlannedFile, None, None]:
    """``webhooks.py``; nothing for a spec without webhooks or callbacks."""
    if not api.webhooks:
        return
    validator_modules = schema_modules(api)
    inline = {p.pointer for p in api.validators.payloads}
    parsers = tuple(_parser(w, validator_modules, w.pointer in inline) for w in api.webhooks)
    title = api.title or "the API"
    text = (
        f"Reading the webhooks and callbacks {title} sends: ``parse_<name>(body)`` takes the "
        "request's body (JSON text as ``bytes`` or ``str``, or the value a web framework "
        "already decoded), checks it against its schema and returns it as its model. A body "
        "that is not JSON or breaks the schema raises ``ValidationFailed`` carrying every "
        "error (answer it with 400). Standard library only: receiving needs no HTTP client."
    )
    yield PlannedFile(
        root / "webhooks.py",
        "webhooks/webhooks.py.jinja",
        WebhooksContext(
            banner=banner,
            docstring=docstring(text),
            imports=_imports(parsers),
            names=tuple(literal(n) for n in export_order([p.name for p in parsers])),
            parsers=parsers,
        ),
    )


def _parser(webhook: Webhook, validator_modules: dict[str, str], inline: bool) -> PayloadParser:
    body = webhook.body
    what = literal(f"the {webhook.name} {webhook.kind}")
    if inline:
        validate: str | None = identifier(f"validate_{webhook.python_name}_payload") + "(data)"
    elif body.schema is not None and body.schema in validator_modules:
        function = identifier("validate_" + validator_modules[body.schema])
        validate = f'{function}(data, direction="response")'
    else:  # no schema: any JSON value is the body
        validate = None
    result = from_wire(body.type, "data", q=Q)
    return PayloadParser(
        name=identifier("parse_" + webhook.python_name),
        accepts=_accepts(body.type),
        returns=annotation(body.type, Q),
        docstring=docstring(_doc(webhook, annotation(body.type, Q)), 4),
        what=what,
        validate=f"validators.{validate}" if validate else None,
        result=result or "data",
        converts=result is not None,
    )


def _accepts(type_ref: TypeRef) -> str:
    """JSON text, or the decoded value of the body's JSON type."""
    nullable = isinstance(type_ref, Nullable)
    core = type_ref.inner if isinstance(type_ref, Nullable) else type_ref
    if isinstance(core, ModelRef | MapOf):
        decoded = "Mapping[str, Any]"
    elif isinstance(core, ListOf):
        decoded = "list[Any]"
    else:
        return "object"
    return f"bytes | str | {decoded}" + (" | None" if nullable else "")


def _doc(webhook: Webhook, returns: str) -> str:
    """Google style (``Args:``, ``Returns:``, ``Raises:``), as the client's methods."""
    parts = [webhook.summary or f"The {webhook.name} {webhook.kind}."]
    if webhook.description and webhook.description.strip() != (webhook.summary or "").strip():
        parts.append(webhook.description)
    if webhook.expression is not None:
        parts.append(
            f"Sent as a {webhook.method} request to ``{webhook.expression}``, a callback of "
            "the operation that gave that address."
        )
    else:
        parts.append(f"Sent as a {webhook.method} request to the address you registered.")
    if webhook.deprecated:
        parts.append("Deprecated: the spec marks this webhook as deprecated.")
    if webhook.body.description:
        parts.append(f"The body: {' '.join(webhook.body.description.split())}")
    parts.append(
        "Args:\n    body: JSON text (``bytes`` or ``str``) or the value already decoded from it."
    )
    parts.append(f"Returns:\n    {returns}: The body, read into its type.")
    parts.append(
        "Raises:\n    ValidationFailed: The body is not JSON or breaks its schema; it carries "
        "every error."
    )
    return "\n\n".join(parts)


def _imports(parsers: tuple[PayloadParser, ...]) -> tuple[str, ...]:
    """The standard library's imports, a blank line, then the package's own, as isort
    orders them."""
    code = " ".join(
        piece for p in parsers for piece in (p.accepts, p.returns, p.validate or "", p.result)
    )
    standard: list[str] = []
    if mentions(code, "Mapping"):
        standard.append("from collections.abc import Mapping")
    dates = [n for n in ("date", "datetime") if mentions(code, n)]
    if dates:
        standard.append(import_line("datetime", dates))
    typing_names = [n for n in ("Any", "Literal") if mentions(code, n)]
    if typing_names:
        standard.append(import_line("typing", typing_names))
    modules = [n for n in ("models", "validators") if mentions(code, n)]
    local = [f"from . import {', '.join(modules)}"] if modules else []
    local.append("from ._payloads import decode_payload")
    converts = any(p.converts for p in parsers)
    runtime = [n for n in RUNTIME_NAMES if mentions(code, n)] + (
        ["DecodeError"] if converts else []
    )
    if runtime:
        local.append(import_line("._runtime", runtime))
    checks = (["ValidationFailed"] if converts or any(p.validate for p in parsers) else []) + (
        ["not_decoded"] if converts else []
    )
    if checks:
        local.append(import_line("._validation", checks))
    return (*standard, "", *local) if standard else tuple(local)
