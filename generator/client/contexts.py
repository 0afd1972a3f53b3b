"""The contexts of the client's templates (``templates/client/``).

An operation's code arrives as ready pieces (``client.code``): its signature's arguments,
the lines that build its request, the branches that read its response. Models are written
``models.Name`` throughout, so no model's name can clash with the client's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.output.contexts import Banner, TemplateContext


@dataclass(frozen=True, slots=True)
class ResultHeader:
    """A response header the spec declares, kept as an attribute of the result."""

    name: str
    """The attribute's identifier."""
    annotation: str
    """Its type: ``str``, ``int``, ``float`` or ``bool``, each ``| None``."""
    value: str
    """The expression that reads it from ``response.headers``."""
    doc: str
    """The attribute docstring, indented for a class body."""


@dataclass(frozen=True, slots=True)
class SuccessBranch:
    """How the response reader returns for one success status (or range of them)."""

    condition: str
    """The test of ``response.status_code`` that selects this branch."""
    parse: str | None
    """A statement that parses the body into ``data`` first, or None."""
    data: str
    """The expression for the result's ``data``."""


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """How the body of one declared error status is read into its exception."""

    status: str
    """The status (``"404"``, ``"4XX"``, ``"default"``), an encoded string literal."""
    parse: str
    """A model's ``from_dict``, or ``None`` to keep the body as it came."""


@dataclass(frozen=True, slots=True)
class ClientOperation:
    """One operation: its result class, request builder, response reader and the sync and
    async methods that call them."""

    name: str
    """The method's identifier."""
    signature: tuple[str, ...]
    """The arguments of the method and the request builder (``name: annotation`` with any
    default, and ``*`` before the keyword-only ones)."""
    call: tuple[str, ...]
    """The arguments the method passes to the request builder."""
    docstring: str
    """The method's docstring, indented for a method body."""
    result_class: str
    """The name of the result class."""
    result_doc: str
    """The result class's docstring, indented for a class body."""
    data_annotation: str
    """The type of the result's ``data``."""
    result_headers: tuple[ResultHeader, ...]
    prepare: str
    """The name of the function that builds and checks the request."""
    prepare_doc: str
    """Its docstring, indented for a function body."""
    prepare_lines: tuple[str, ...]
    """Its body up to ``return request.ready()``, one line of code each."""
    read: str
    """The name of the function that reads the response."""
    read_doc: str
    """Its docstring, indented for a function body."""
    successes: tuple[SuccessBranch, ...]
    errors_constant: str
    """The name of the module constant that maps error statuses to their body readers."""
    error_bodies: tuple[ErrorBody, ...]
    operation: str
    """The operation id, an encoded string literal (errors name it)."""
    request_id: str
    """The name of the header that carries the request id, an encoded string literal."""


@dataclass(frozen=True, slots=True)
class MethodsMixin:
    """One of a group's two method classes: ``Client`` inherits the sync one, ``AsyncClient``
    the async one."""

    name: str
    """The mixin's class name."""
    client: str
    """The client class that inherits it."""
    http_class: str
    """The httpx client it sends with."""
    is_async: bool
    """Whether its methods are coroutines."""


@dataclass(frozen=True, slots=True)
class GroupImports:
    """The imports a group module needs beside its fixed ones, as isort orders them."""

    standard: tuple[str, ...]
    """Standard library import lines."""
    local: tuple[str, ...]
    """Import lines of the package's own modules."""


@dataclass(frozen=True, slots=True)
class OperationsGroupContext(TemplateContext):
    """``client/_operations/<group>.py`` (``client/client_group.py.jinja``): the operations
    whose paths end in the same resource."""

    banner: Banner
    docstring: str
    """The module docstring."""
    imports: GroupImports
    operations: tuple[ClientOperation, ...]
    mixins: tuple[MethodsMixin, ...]
    """The sync and async method classes, in that order."""


@dataclass(frozen=True, slots=True)
class OperationsInitContext(TemplateContext):
    """``client/_operations/__init__.py`` (``client/client_operations_init.py.jinja``)."""

    banner: Banner
    groups: tuple[str, ...]
    """The group modules' identifiers, sorted."""
    imports: str
    """The import of every group module for type checkers, indented for the
    ``if TYPE_CHECKING:`` block."""
    methods: tuple[str, ...]
    """The ``METHODS`` table's entries: each operation's method name and its group module,
    as code."""


@dataclass(frozen=True, slots=True)
class ClientClassContext(TemplateContext):
    """``client/_sync.py`` or ``client/_async.py`` (``client/client_class.py.jinja``)."""

    banner: Banner
    name: str
    """The class name: ``Client`` or ``AsyncClient``."""
    is_async: bool
    """Whether it is the async client."""
    http_class: str
    """The httpx client class it sends with."""
    docstring: str
    """The class docstring, indented for a class body."""
    base_url: str | None
    """The spec's first server, an encoded string literal; None when the spec has none."""
    bases: tuple[str, ...]
    """The method classes type checkers see it inherit, one per group of operations (at run
    time each method is imported from its group on first use)."""
    mixin: str
    """The name of the group modules' method class it takes its methods from."""


@dataclass(frozen=True, slots=True)
class ResultsContext(TemplateContext):
    """``results.py`` (``client/results.py.jinja``): every result class re-exported."""

    banner: Banner
    imports: tuple[str, ...]
    """Import lines for type checkers, one per group module, indented for the
    ``if TYPE_CHECKING:`` block."""
    names: tuple[str, ...]
    """``__all__``: every result class's name as an encoded string literal, sorted."""
    modules: tuple[str, ...]
    """The ``_MODULES`` table's entries: each result class's group module, as code."""
