"""The contexts of the project's templates (``templates/project/``): every value ready to place,
TOML strings already encoded by ``generator.encode.toml_string``."""

from __future__ import annotations

from dataclasses import dataclass

from generator.output.contexts import Banner, TemplateContext


@dataclass(frozen=True, slots=True)
class Extra:
    """One optional dependency group of the project."""

    name: str
    """The extra's name, a bare TOML key (``client``, ``testing``)."""
    requirements: str
    """Its requirements, an encoded TOML array of strings."""


@dataclass(frozen=True, slots=True)
class PyprojectContext(TemplateContext):
    """``pyproject.toml`` beside the package (``project/pyproject.toml.jinja``)."""

    banner: Banner
    package: str
    """The package's name (a Python identifier), also the distribution's name."""
    name: str
    """The distribution's name, an encoded TOML string."""
    version: str
    """The spec's version in PEP 440's normal form (``0.0.0`` when it has none), encoded."""
    description: str
    """One line on what the package is (the spec's title), an encoded TOML string."""
    extras: tuple[Extra, ...]
    """The optional dependencies, by extra; the package needs none to import its models."""
    plugin: str | None
    """The pytest plugin's module (an encoded TOML string) to register, if there is one."""
    package_data: str
    """Globs of the package's files that are not Python modules, an encoded TOML array."""
    include: str
    """The package and its subpackages, an encoded TOML array for setuptools' search."""


@dataclass(frozen=True, slots=True)
class Install:
    """One install command of the project's README."""

    command: str
    """The shell command, quoted for a POSIX shell (code block text, one line)."""
    gives: str
    """What it installs, Markdown text."""


@dataclass(frozen=True, slots=True)
class ProjectReadmeContext(TemplateContext):
    """``README.md`` beside the package (``project/README.md.jinja``)."""

    package: str
    """The package's name (a Python identifier)."""
    title: str
    """The spec's title and version, Markdown text on one line."""
    source: str
    """The spec's file name, a Markdown code span."""
    fence: str
    """The backticks that fence the install commands (longer than any run in them)."""
    installs: tuple[Install, ...]
    has_client: bool
    has_plugin: bool
