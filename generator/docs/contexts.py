"""The context of the package's reference (``templates/docs/reference.md.jinja``).

Every string is finished Markdown: spec text went through ``generator.encode``'s Markdown
functions, names and annotations are code spans or code made by ``generator.naming``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from generator.output.contexts import TemplateContext


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One row of a model's table, or of an operation's arguments."""

    name: str
    """The Python name, a code span."""
    wire_name: str
    """The name in JSON (or the parameter's place and name), a code span."""
    type: str
    """The annotation, a code span."""
    required: str
    """``yes`` or ``no``."""
    constraints: str
    """What the validators check of it beyond its type (and its default), one table cell."""
    description: str
    """The description (led by **Deprecated.** where it is), one table cell."""


@dataclass(frozen=True, slots=True)
class ModelDoc:
    """A model (a dataclass) and its fields."""

    kind: ClassVar[str] = "model"
    """Always ``"model"``: what the template branches on."""
    name: str
    """The Python name (an identifier, also the heading)."""
    source: str
    """Where it comes from: the schema's name and JSON pointer, as Markdown."""
    description: str
    """The schema's description, a Markdown paragraph (may be empty)."""
    fields: tuple[FieldDoc, ...]
    """Its properties in the spec's order, then ``additional_properties``."""


@dataclass(frozen=True, slots=True)
class EnumDoc:
    """An enum and its members."""

    kind: ClassVar[str] = "enum"
    """Always ``"enum"``: what the template branches on."""
    name: str
    """The Python name (an identifier, also the heading)."""
    source: str
    """Where it comes from: the schema's name and JSON pointer, as Markdown."""
    description: str
    """The schema's description, a Markdown paragraph (may be empty)."""
    values: tuple[str, ...]
    """Each member as a table row's cells: the member's name, then its value as JSON."""


@dataclass(frozen=True, slots=True)
class AliasDoc:
    """A type alias."""

    kind: ClassVar[str] = "alias"
    """Always ``"alias"``: what the template branches on."""
    name: str
    """The Python name (an identifier, also the heading)."""
    source: str
    """Where it comes from: the schema's name and JSON pointer, as Markdown."""
    description: str
    """The schema's description, a Markdown paragraph (may be empty)."""
    type: str
    """The aliased type, a code span."""


@dataclass(frozen=True, slots=True)
class ResultDoc:
    """One response an operation may get."""

    status: str
    """The status (``200``, ``4XX``, ``default``), a code span."""
    type: str
    """The body's type, a code span, or ``(no body)``."""
    description: str
    """The response's description, as one table cell."""


@dataclass(frozen=True, slots=True)
class OperationDoc:
    """One operation, as the client's method."""

    name: str
    """The method's name (an identifier, also the heading)."""
    request: str
    """The HTTP method and path, a code span."""
    signature: str
    """``name(arguments) -> Result``, Python code for a fenced block."""
    summary: str
    """The spec's summary and description, Markdown (may be empty)."""
    arguments: tuple[FieldDoc, ...]
    """The method's arguments, in the signature's order."""
    results: tuple[ResultDoc, ...]
    """The success responses: what ``result.data`` may be."""
    errors: tuple[ResultDoc, ...]
    """The error responses the spec declares: each is raised as an ``ApiError`` subclass."""


@dataclass(frozen=True, slots=True)
class WebhookDoc:
    """A webhook or callback the package can receive."""

    function: str
    """``parse_<name>``, an identifier."""
    request: str
    """What the API sends: the method and the webhook's name or callback URL, a code span."""
    type: str
    """The type ``parse_<name>`` returns, a code span."""
    summary: str
    """The spec's summary and description, Markdown (may be empty)."""


@dataclass(frozen=True, slots=True)
class ReferenceContext(TemplateContext):
    """``<package>/README.md`` (``docs/reference.md.jinja``): the package's reference."""

    package: str
    """The package's name, an identifier."""
    title: str
    """The spec's title and version, Markdown."""
    source: str
    """The spec's file name, a code span."""
    description: str
    """The spec's description, a Markdown paragraph (may be empty)."""
    definitions: tuple[ModelDoc | EnumDoc | AliasDoc, ...]
    operations: tuple[OperationDoc, ...]
    webhooks: tuple[WebhookDoc, ...]
