"""The HTTP client: ``client/`` (sync and async classes, one method per operation) and
``results``; ``errors``, ``retry`` and ``client/_transport`` are runtime modules, copied.

Operations are grouped by the last fixed segment of their paths; each group's module
(``client/_operations/<group>.py``) holds, per operation, its result class, a function that
builds the request (checked by the generated validators), one that reads the response, and the
``Client`` and ``AsyncClient`` methods (as mixins) that only pass their arguments on. The
client classes take each method from its group when it is first used (``runtime/_lazy.py``),
so importing the client does not import every group, model and validator. Models are
always written ``models.Name`` here, so no model's name can clash with the client's own.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import PurePosixPath

from generator.client.code import operation_context
from generator.client.contexts import (
    ClientClassContext,
    ClientOperation,
    GroupImports,
    MethodsMixin,
    OperationsGroupContext,
    OperationsInitContext,
    ResultsContext,
)
from generator.encode import comment, docstring, identifier, literal
from generator.ir import Api
from generator.models.annotations import mentioned
from generator.models.imports import import_line, module_table
from generator.naming import export_order, operation_group, path_end
from generator.output.contexts import Banner, BannerContext
from generator.output.planned import PlannedFile
from generator.reserved import RUNTIME_NAMES
from generator.validators.plan import schema_modules

# The two method classes each group module has: Client inherits one, AsyncClient the other.
_MIXINS = (
    MethodsMixin("SyncMethods", "Client", "httpx.Client", is_async=False),
    MethodsMixin("AsyncMethods", "AsyncClient", "httpx.AsyncClient", is_async=True),
)


def plan_client_files(
    api: Api, root: PurePosixPath, banner: Banner
) -> Generator[PlannedFile, None, None]:
    """The client's files, each planned when asked for; none for a spec without operations (a
    schemas-only document)."""
    if not api.operations:
        return
    validator_modules = schema_modules(api)
    checked = {o.pointer: o for o in api.validators.operations}
    groups: dict[str, list[ClientOperation]] = {}
    ends: dict[str, set[str]] = {}  # the path ends of each group, which its docstring names
    for op in api.operations:
        context = operation_context(
            op,
            validator_modules,
            bool(checked[op.pointer].parameters),
            checked[op.pointer].body is not None,
        )
        group = operation_group(op.path)
        groups.setdefault(group, []).append(context)
        ends.setdefault(group, set()).add(comment(path_end(op.path) or "/"))
    package = root / "client" / "_operations"
    yield PlannedFile(
        root / "results.py", "client/results.py.jinja", _results_context(groups, banner)
    )
    yield PlannedFile(
        root / "client" / "__init__.py", "client/client_init.py.jinja", BannerContext(banner)
    )
    for group, members in groups.items():
        yield PlannedFile(
            package / f"{identifier(group)}.py",
            "client/client_group.py.jinja",
            OperationsGroupContext(
                banner=banner,
                docstring=docstring(
                    "The operations whose paths end in "
                    + ", ".join(sorted(ends[group]))
                    + ": their requests, results and client methods."
                ),
                imports=_imports(members),
                operations=tuple(members),
                mixins=_MIXINS,
            ),
        )
    yield PlannedFile(
        package / "__init__.py",
        "client/client_operations_init.py.jinja",
        OperationsInitContext(
            banner,
            tuple(identifier(g) for g in sorted(groups)),
            import_line(".", groups, indent="    "),
            module_table(
                (member.name, identifier(group))
                for group, members in groups.items()
                for member in members
            ),
        ),
    )
    for is_async in (False, True):
        yield _client_file(api, root, banner, sorted(groups), is_async)


def _client_file(
    api: Api, root: PurePosixPath, banner: Banner, groups: list[str], is_async: bool
) -> PlannedFile:
    mixin = _MIXINS[is_async]
    name = mixin.client
    doc = (
        f"{'An asynchronous' if is_async else 'A'} client of {api.title or 'the API'}: one "
        "method per operation.\n\n"
        "``base_url`` defaults to the spec's first server. ``timeout`` (seconds or an "
        "``httpx.Timeout``; default: 10 s to connect, 60 s for each read) bounds each step "
        "of an attempt, ``deadline`` the whole call, retries and body included (default: "
        "600 s). ``max_body_bytes`` bounds a response body, decoded (default: 64 MiB; an "
        "error status's body is read up to 1 MiB). ``retry`` is a "
        "``RetryPolicy``; ``None``, the default, means every call is tried once. ``auth`` is "
        "any ``httpx.Auth`` (a request signer), ``headers`` go on every request, and "
        f"``http_client`` is an ``httpx.{name}`` to use instead of a new one (its timeout "
        "and auth apply unless given here; if it follows redirects, no credential follows "
        "one to another origin). Close the client, or use it as a context "
        "manager, to release its connections."
    )
    return PlannedFile(
        root / "client" / ("_async.py" if is_async else "_sync.py"),
        "client/client_class.py.jinja",
        ClientClassContext(
            banner=banner,
            name=name,
            is_async=is_async,
            http_class=mixin.http_class,
            docstring=docstring(doc, 4),
            base_url=literal(api.base_url) if api.base_url else None,
            bases=tuple(f"_operations.{identifier(group)}.{mixin.name}" for group in groups),
            mixin=literal(mixin.name),
        ),
    )


def _results_context(groups: dict[str, list[ClientOperation]], banner: Banner) -> ResultsContext:
    imports = tuple(
        import_line(
            f".client._operations.{group}", [m.result_class for m in members], indent="    "
        )
        for group, members in sorted(groups.items())
    )
    names = export_order([m.result_class for members in groups.values() for m in members])
    where = [
        (m.result_class, f"client._operations.{identifier(group)}")
        for group, members in groups.items()
        for m in members
    ]
    return ResultsContext(banner, imports, tuple(literal(n) for n in names), module_table(where))


def _imports(operations: list[ClientOperation]) -> GroupImports:
    """The imports a group module needs beside its fixed ones, from the code it holds:
    standard library first, then the package's own, as isort orders them."""
    pieces: list[str] = []
    for op in operations:
        pieces += [op.data_annotation, *(h.annotation for h in op.result_headers)]
        pieces += [*op.signature, *op.prepare_lines]
        pieces += [b.data for b in op.successes]
        pieces += [b.parse for b in op.error_bodies]
    code = " ".join(pieces)
    standard: list[str] = []
    names = mentioned(code, ("date", "datetime"))
    if names:
        standard.append(import_line("datetime", names))
    typing_names = mentioned(code, ("Any", "Literal"))
    if typing_names:
        standard.append(import_line("typing", typing_names))
    local: list[str] = []
    modules = mentioned(code, ("models", "validators"))
    if modules:
        local.append(f"from ... import {', '.join(modules)}")
    runtime = mentioned(code, RUNTIME_NAMES)
    if runtime:
        local.append(import_line("..._runtime", runtime))
    return GroupImports(tuple(standard), tuple(local))
