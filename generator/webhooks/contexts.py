"""The context of the receiving side's template (``templates/webhooks/``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.output.contexts import Banner, TemplateContext


@dataclass(frozen=True, slots=True)
class PayloadParser:
    """``parse_<name>(body)``: one webhook's or callback's body, decoded, checked and converted."""

    name: str
    """The function's identifier."""
    accepts: str
    """The annotation of ``body``: JSON text, or the value a web framework already decoded."""
    returns: str
    """The annotation of what it returns: the body's model (or type)."""
    docstring: str
    """Its docstring, indented for a function body."""
    what: str
    """How errors name the payload (``the order.created webhook``), an encoded string literal."""
    validate: str | None
    """The expression that lists the decoded ``data``'s errors; None when the body has no
    schema to check."""
    result: str
    """The expression that turns the decoded ``data`` into what it returns."""
    converts: bool
    """Whether ``result`` calls the models' converters, whose ``DecodeError`` (data nested past
    what conversion can follow) the parser reports as ``ValidationFailed``."""


@dataclass(frozen=True, slots=True)
class WebhooksContext(TemplateContext):
    """``<package>/webhooks.py`` (``webhooks/webhooks.py.jinja``): a parser per webhook and
    per callback."""

    banner: Banner
    docstring: str
    """The module docstring."""
    imports: tuple[str, ...]
    """Import lines: the standard library's, then the package's own, as isort orders them."""
    names: tuple[str, ...]
    """``__all__``: the parsers' names as encoded string literals, sorted."""
    parsers: tuple[PayloadParser, ...]
