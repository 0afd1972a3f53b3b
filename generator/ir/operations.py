"""The client's IR: each operation as a call, with the types its arguments and results carry;
and the receiving side's: each webhook and callback as the request body it delivers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.ir.types import TypeRef

BodyEncoding = Literal["json", "form", "text", "bytes"]


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str  # the wire name
    location: Literal["path", "query", "header", "cookie"]
    python_name: str
    type: TypeRef
    required: bool
    description: str | None
    deprecated: bool
    style: str  # OpenAPI's serialisation style: form, simple, deepObject, pipeDelimited...
    explode: bool  # a list goes out as repeated query parameters rather than joined
    pointer: str  # the parameter object's
    schema_pointer: str | None  # None when ``content`` describes it instead of ``schema``


@dataclass(frozen=True, slots=True)
class RequestBody:
    media_type: str
    encoding: BodyEncoding
    type: TypeRef
    required: bool
    description: str | None
    schema: str | None  # the named schema it refers to, whose validator checks it
    schema_pointer: str | None  # where its schema is, if it has one


@dataclass(frozen=True, slots=True)
class Header:
    name: str
    python_name: str
    type: TypeRef
    description: str | None


@dataclass(frozen=True, slots=True)
class Response:
    status: str  # "200", "4XX" or "default"
    description: str | None
    media_type: str | None  # None: the response has no body
    encoding: BodyEncoding
    type: TypeRef | None
    headers: tuple[Header, ...]


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    python_name: str
    method: str  # upper case
    path: str
    pointer: str
    summary: str | None
    description: str | None
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    retry_token: str | None  # the header parameter carrying the idempotency token
    request_id: str | None  # the header naming the request, declared by a response

    @property
    def successes(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.status[:1] in "123")

    @property
    def failures(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.status[:1] not in "123")


@dataclass(frozen=True, slots=True)
class Webhook:
    """A request the API makes to its users' servers: a 3.1 webhook, or an operation's callback.
    The package reads its JSON body (``webhooks.parse_<python_name>``)."""

    name: str  # the webhook's key, or the callback's operationId or "<operationId> <key>"
    kind: Literal["webhook", "callback"]
    python_name: str  # ``parse_<python_name>`` reads it, ``validate_<python_name>_payload`` checks
    method: str  # upper case
    expression: str | None  # a callback's URL expression (``{$request.body#/url}``)
    pointer: str  # the operation object's
    summary: str | None
    description: str | None
    deprecated: bool
    body: RequestBody  # JSON: what cannot be read has a warning instead of a Webhook
