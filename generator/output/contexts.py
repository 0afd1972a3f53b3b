"""The contexts of the package's own templates, and what every context shares.

A template's context is a frozen dataclass: the renderer hands the template its fields as
variables, and templates read nested items with the same ``x.name`` syntax. Every value is
ready to place (names made, literals encoded, docstrings escaped and indented), so a template
only loops and branches. These classes are the contract a custom template is written against.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TemplateContext:
    """What every template's context is: its fields are the template's variables."""


@dataclass(frozen=True, slots=True)
class Banner:
    """The "generated, do not edit" header every Python file starts with
    (``package/_banner.py.jinja``)."""

    spec: str
    """The spec's file name and title, as comment text (no line breaks)."""


@dataclass(frozen=True, slots=True)
class BannerContext(TemplateContext):
    """The context of a file whose text is fixed but for its banner."""

    banner: Banner


@dataclass(frozen=True, slots=True)
class PackageInitContext(TemplateContext):
    """``<package>/__init__.py`` (``package/package_init.py.jinja``)."""

    banner: Banner
    docstring: str
    """The package's docstring (the spec's title and description), ready to place."""
    version: str
    """The spec's version, an encoded string literal."""
