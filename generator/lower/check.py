"""Stage 5: rules that span the IR: names that still agree here (two schema names the author
gave, two operationIds) are errors; the names lowering derives were numbered apart there."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.errors import GenerationError, Problem
from generator.ir import Api, Definition, Enum, Model, Operation
from generator.naming import is_valid_identifier, result_class
from generator.spec.load import Document
from generator.spec.resolve import schema_name


def check_api(api: Api, document: Document) -> None:
    """Raise with every naming problem in ``api``."""
    problems: list[Problem] = []

    def report(pointer: str, message: str) -> None:
        problems.append(document.problem(pointer, message))

    _unique(
        ((d.name, d.pointer) for d in api.definitions),
        "class",
        report,
    )
    # A named schema and the inline class it needs (a 3.1 type list) share a pointer and a module.
    modules = dict.fromkeys((d.module, d.pointer) for d in api.definitions if _is_named(d))
    _unique(modules, "module", report)
    # The validators package exports validate_<module>, validate_<operation>_parameters and
    # _body, and validate_<webhook>_payload.
    public = (
        dict.fromkeys((f"validate_{module}", pointer) for module, pointer in modules)
        | {
            (f"validate_{o.python_name}_parameters", o.pointer): None
            for o in api.validators.operations
            if o.parameters
        }
        | {
            (f"validate_{o.python_name}_body", o.pointer): None
            for o in api.validators.operations
            if o.body
        }
        | {(f"validate_{p.python_name}_payload", p.pointer): None for p in api.validators.payloads}
    )
    _unique(public, "validator function", report)
    _unique(((c.function, c.pointer) for c in api.validators.choices), "chooser function", report)
    _check_methods(api, report)
    for definition in api.definitions:
        if isinstance(definition, Model):
            _unique(
                ((p.python_name, p.pointer) for p in definition.properties), "attribute", report
            )
        elif isinstance(definition, Enum):
            _unique(
                ((m.name, definition.pointer) for m in definition.members), "enum member", report
            )
    if problems:
        raise GenerationError(problems)


def _check_methods(api: Api, report: Callable[[str, str], None]) -> None:
    """One client method, and one result class, per operation."""
    for what, name_of in (("client method", _method), ("result class", _result)):
        first: dict[str, str] = {}
        for operation in api.operations:
            name = name_of(operation)
            if not is_valid_identifier(name):
                report(
                    operation.pointer,
                    f"no Python {what} name can be made from operationId "
                    f"{operation.operation_id!r}",
                )
            elif name in first:
                report(
                    operation.pointer,
                    f"operationId {operation.operation_id!r} makes the {what} {name!r}, as "
                    f"{first[name]} does; rename one",
                )
            else:
                first[name] = f"operationId {operation.operation_id!r} ({operation.pointer})"


def _method(operation: Operation) -> str:
    return operation.python_name


def _result(operation: Operation) -> str:
    return result_class(operation.operation_id)


def _is_named(definition: Definition) -> bool:
    return schema_name(definition.pointer) is not None


def _unique(
    names: Iterable[tuple[str, str]], what: str, report: Callable[[str, str], None]
) -> None:
    first: dict[str, str] = {}
    for name, pointer in names:
        if not is_valid_identifier(name):
            report(
                pointer,
                f"no Python {what} name can be made from this name; set x-python-name",
            )
            continue
        if name in first:
            report(
                pointer,
                f"{what} name {name!r} is also made from {first[name]}; "
                "rename one with x-python-name",
            )
        else:
            first[name] = pointer
