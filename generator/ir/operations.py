"""The client's IR: each operation as a call, with the types its arguments and results carry."""

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
