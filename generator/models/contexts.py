"""The contexts of the models' templates (``templates/models/``).

Every string is finished code: names are identifiers, values encoded literals, docstrings
escaped and indented for where the template places them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from generator.output.contexts import Banner, TemplateContext


@dataclass(frozen=True, slots=True)
class ModelsInitContext(TemplateContext):
    """``models/__init__.py`` (``models/models_init.py.jinja``): every definition re-exported,
    each imported when first used."""

    banner: Banner
    imports: tuple[str, ...]
    """Import lines for type checkers, one per module, in module order, indented for the
    ``if TYPE_CHECKING:`` block."""
    names: tuple[str, ...]
    """``__all__``: every definition's name as an encoded string literal, sorted."""
    modules: tuple[str, ...]
    """The ``_MODULES`` table's entries: each name's module, as code."""


@dataclass(frozen=True, slots=True)
class EnumMember:
    """One member of an enum."""

    name: str
    """The member's identifier."""
    value: str
    """Its value, an encoded literal (a string or an integer)."""


@dataclass(frozen=True, slots=True)
class EnumDefinition:
    """An open enum (``models/_enum.py.jinja``)."""

    kind: ClassVar[str] = "enum"
    """Always ``"enum"``: what ``models_module.py.jinja`` branches on."""
    name: str
    """The class name."""
    base: str
    """``OpenStrEnum`` or ``OpenIntEnum``, from the package's ``_runtime``."""
    docstring: str
    """The class docstring, indented for a class body."""
    members: tuple[EnumMember, ...]


@dataclass(frozen=True, slots=True)
class AliasDefinition:
    """A type alias for a schema that is no object and no enum (``models/_alias.py.jinja``)."""

    kind: ClassVar[str] = "alias"
    """Always ``"alias"``: what ``models_module.py.jinja`` branches on."""
    name: str
    """The alias's name."""
    annotation: str
    """The aliased type, an encoded string literal (so it may name later classes)."""
    docstring: str
    """The docstring placed under the alias, at module level."""
    decoder: str | None = None
    """The function converting wire data to the alias (a recursive alias that converts), or
    None when there is none."""
    decoder_docstring: str = ""
    """The decoder's docstring, indented for a function body."""
    from_wire: str = ""
    """The expression that converts the decoder's argument, ``data``."""
    local_imports: tuple[str, ...] = ()
    """Import lines placed inside the decoder (names from modules in an import cycle)."""
    after_imports: bool = False
    """The module's first statement after its imports: black keeps one blank line before it
    there, two elsewhere."""


@dataclass(frozen=True, slots=True)
class ModelField:
    """One declared property of a model."""

    name: str
    """The attribute's identifier."""
    declaration: str
    """The class-body line: ``name: annotation`` with its default, if any."""
    docstring: str
    """The attribute docstring indented for a class body, or empty when there is nothing to say."""
    key: str
    """The wire name, an encoded string literal."""
    from_wire: str
    """The expression that reads the property from ``data`` in ``from_dict``."""
    guard: str | None
    """The condition under which ``to_dict`` writes the property; None to write it always."""
    to_wire: str
    """The expression that gives the property's wire value in ``to_dict``."""


@dataclass(frozen=True, slots=True)
class ModelDefinition:
    """A dataclass for an object schema, with ``from_dict`` and ``to_dict``
    (``models/_model.py.jinja``)."""

    kind: ClassVar[str] = "model"
    """Always ``"model"``: what ``models_module.py.jinja`` branches on."""
    name: str
    """The class name."""
    docstring: str
    """The class docstring, indented for a class body."""
    wire_names: str
    """The declared properties' wire names as a set display of literals, or ``()``."""
    fields: tuple[ModelField, ...]
    extra_annotation: str
    """The value type of ``additional_properties``."""
    extra_from_wire: str
    """The expression that reads one undeclared property's ``value``."""
    extra_as_is: bool
    """Whether undeclared properties are kept as they are (``extra_from_wire`` is
    ``value``), so that the runtime's ``undeclared`` can collect them."""
    extra_to_wire: str
    """The expression that writes one undeclared property's ``value``."""
    local_imports: tuple[str, ...]
    """Import lines placed inside ``from_dict`` (models this one refers to in a cycle)."""
    to_dict_imports: tuple[str, ...]
    """Import lines placed inside ``to_dict``: those of ``local_imports`` its code uses."""


DefinitionContext = EnumDefinition | AliasDefinition | ModelDefinition


@dataclass(frozen=True, slots=True)
class ModelModuleContext(TemplateContext):
    """``models/<module>.py`` (``models/models_module.py.jinja``): one named schema and the
    types it defines, each told apart by its ``kind``."""

    banner: Banner
    docstring: str
    """The module docstring."""
    import_groups: tuple[tuple[str, ...], ...]
    """Import lines in isort's groups (standard library, then the package's own)."""
    type_checking_imports: tuple[str, ...]
    """Import lines placed under ``if TYPE_CHECKING:`` (modules in an import cycle)."""
    definitions: tuple[DefinitionContext, ...]
    """The module's types in spec order."""
