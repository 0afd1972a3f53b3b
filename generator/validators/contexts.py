"""The contexts of the validators' templates (``templates/validators/``).

Function bodies arrive as finished lines of code (written by ``validators.keywords``); every other
string is a ready identifier, encoded literal or indented docstring.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.output.contexts import Banner, TemplateContext


@dataclass(frozen=True, slots=True)
class ValidatorFunction:
    """A private ``(data, at, errors, direction)`` function that checks one schema
    (``validators/_validator_function.py.jinja``)."""

    name: str
    """The function's identifier."""
    docstring: str
    """Its docstring, indented for a function body."""
    lines: tuple[str, ...]
    """Its body, one line of code each, indented relative to the body."""
    keyed: bool = False
    """Whether it takes ``(data, at, key, errors, direction)``: a shared property checker,
    whose value is at ``at + key`` (joined only when an error is reported)."""


@dataclass(frozen=True, slots=True)
class PublicValidator:
    """The public pair of functions of a named schema: ``validate_<module>`` returns every
    error, ``check_<module>`` raises them."""

    validate: str
    """The name of the function that returns the errors."""
    check: str
    """The name of the function that raises ``ValidationFailed``."""
    function: str
    """The private function both call: the schema's checks."""
    schema: str
    """The schema's name, an encoded string literal."""
    validate_doc: str
    """The docstring of ``validate``, indented for a function body."""
    check_doc: str
    """The docstring of ``check``, indented for a function body."""


@dataclass(frozen=True, slots=True)
class ChooserFunction:
    """The public ``choose_<name>(data)`` of a union that the models decode by validating its
    alternatives: the index of the alternative ``data`` is."""

    name: str
    """The function's identifier."""
    docstring: str
    """Its docstring, indented for a function body."""
    branches: str
    """A tuple expression of the alternatives' check functions, in spec order."""
    what: str
    """What ``ValidationFailed`` names: an encoded string literal."""
    one_of: bool
    """Whether exactly one alternative must match (else the first that does is taken)."""


@dataclass(frozen=True, slots=True)
class ValidatorsModuleContext(TemplateContext):
    """``validators/<module>.py`` (``validators/validators_module.py.jinja``): a named
    schema's validators and the private functions they call."""

    banner: Banner
    docstring: str
    """The module docstring."""
    uses_re: bool
    """Whether the module needs ``import re`` (its constants compile patterns)."""
    imports: tuple[str, ...]
    """Import lines of the runtime's helpers (``_validation``, ``_linear_regex``)."""
    module_imports: tuple[str, ...]
    """Import lines of the other validator modules its functions call into."""
    constants: tuple[str, ...]
    """Module-level assignments (compiled patterns, sets of values)."""
    functions: tuple[ValidatorFunction, ...]
    public: tuple[PublicValidator, ...]
    choosers: tuple[ChooserFunction, ...] = ()


@dataclass(frozen=True, slots=True)
class ParametersValidator:
    """The function that checks one operation's parameters, given as keyword arguments."""

    name: str
    """The function's identifier."""
    parameters: tuple[str, ...]
    """Its keyword parameters' identifiers, one per operation parameter."""
    docstring: str
    """Its docstring, indented for a function body."""
    lines: tuple[str, ...]
    """Its body between ``errors = []`` and ``return errors``, one line of code each."""


@dataclass(frozen=True, slots=True)
class BodyValidator:
    """The function that checks one operation's request body, or one webhook's or callback's
    body, where its schema is inline."""

    name: str
    """The function's identifier."""
    check: str
    """The private function that holds the body schema's checks."""
    docstring: str
    """Its docstring, indented for a function body."""
    direction: str
    """Its ``direction`` argument's default, an encoded string literal: ``"request"`` for a
    body the client sends, ``"response"`` for one the API sends (a webhook's)."""


@dataclass(frozen=True, slots=True)
class ParametersModuleContext(TemplateContext):
    """``validators/_requests_<group>.py`` (``validators/validators_parameters.py.jinja``):
    the checks of a group of operations' parameters and inline request bodies; and
    ``validators/_webhooks.py``, the same template, for webhooks' and callbacks' inline
    bodies."""

    banner: Banner
    docstring: str
    """The module docstring."""
    uses_re: bool
    """Whether the module needs ``import re`` (its constants compile patterns)."""
    imports: tuple[str, ...]
    """Import lines of the runtime's helpers (``_validation``, ``_linear_regex``)."""
    module_imports: tuple[str, ...]
    """Import lines of the other validator modules its functions call into."""
    constants: tuple[str, ...]
    """Module-level assignments (compiled patterns, sets of values)."""
    private: tuple[ValidatorFunction, ...]
    """The functions that check the parameters' and bodies' schemas."""
    functions: tuple[ParametersValidator, ...]
    bodies: tuple[BodyValidator, ...]


@dataclass(frozen=True, slots=True)
class ValidatorsInitContext(TemplateContext):
    """``validators/__init__.py`` (``validators/validators_init.py.jinja``): every public
    validator re-exported."""

    banner: Banner
    docstring: str
    """The package docstring, which lists what the validators do not check."""
    imports: tuple[str, ...]
    """Import lines for type checkers, one per module that exports validators, indented for
    the ``if TYPE_CHECKING:`` block."""
    names: tuple[str, ...]
    """``__all__``: every exported name as an encoded string literal, sorted."""
    modules: tuple[str, ...]
    """The ``_MODULES`` table's entries: each validator's module, as code."""
