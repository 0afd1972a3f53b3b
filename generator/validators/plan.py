"""The ``validators`` subpackage: one module per named schema, like ``models``.

Each module holds the schema's public ``validate_*`` and ``check_*`` functions and the private
functions its rules need. Modules call into each other through module objects
(``from . import other as _other``), which Python resolves lazily, so recursive schemas that
span modules import in any order.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from generator.encode import docstring, identifier, literal
from generator.errors import escape_pointer_token
from generator.ir import Api, OperationRules, Target
from generator.models.imports import import_line
from generator.naming import module_name, operation_group, path_end
from generator.output.planned import PlannedFile
from generator.spec.resolve import schema_pointer
from generator.validators.emit import Body, Function, Names, function_name, is_empty
from generator.validators.keywords import ModuleWriter

SHARED_MODULE = "_shared"
# The validators of operations' parameters and inline bodies go to one module per group of
# operations (as the client groups them), so that one operation's change re-formats one module.
REQUESTS_MODULE = "_requests_"


def schema_modules(api: Api) -> dict[str, str]:
    """The validators module of each named schema: its model's module, else one named after
    it. ``validate_<module>`` is the schema's public validator."""
    by_pointer = {d.pointer: d.module for d in api.definitions}
    return {
        target.schema: by_pointer.get(schema_pointer(target.schema)) or module_name(target.schema)
        for target in api.validators.targets
        if target.schema
    }


def plan_validator_files(
    api: Api, root: PurePosixPath, banner: dict[str, str]
) -> list[PlannedFile]:
    validators = api.validators
    module_of = schema_modules(api)
    modules: dict[str, list[Target]] = {}
    for target in validators.targets:
        module = module_of[target.schema] if target.schema else SHARED_MODULE
        modules.setdefault(module, []).append(target)
    operations = [o for o in validators.operations if o.parameters or o.body is not None]
    groups: dict[str, list[OperationRules]] = {}
    for operation in operations:
        groups.setdefault(REQUESTS_MODULE + operation_group(operation.path), []).append(operation)
    names = Names(set(modules) | set(groups))
    for module, targets in modules.items():
        for target in targets:
            wanted = "_" + module if target.name is not None else _private_name(target)
            names.of_target[target.pointer] = (module, names.claim(wanted, module))
    files = []
    exported: dict[str, list[str]] = {}
    for module, targets in modules.items():
        context = _module_context(module, targets, names, validators.dialect, banner)
        exported[module] = context.pop("exported")
        files.append(
            PlannedFile(
                root / "validators" / f"{identifier(module)}.py",
                "validators/validators_module.py.jinja",
                context,
            )
        )
    for module, members in groups.items():
        context = _parameters_context(module, members, names, validators.dialect, banner)
        exported[module] = context.pop("exported")
        files.append(
            PlannedFile(
                root / "validators" / f"{identifier(module)}.py",
                "validators/validators_parameters.py.jinja",
                context,
            )
        )
    files.append(
        PlannedFile(
            root / "validators" / "__init__.py",
            "validators/validators_init.py.jinja",
            _init_context(exported, validators.not_checked, banner),
        )
    )
    files.append(
        PlannedFile(root / "_validation.py", "validators/validation.py.jinja", {"banner": banner})
    )
    return files


def _private_name(target: Target) -> str:
    return function_name(target.pointer.replace("/components/schemas/", "", 1))


def _module_context(
    module: str, targets: list[Target], names: Names, dialect: str, banner: dict[str, str]
) -> dict[str, Any]:
    writer = ModuleWriter(module, names, dialect)
    public = []
    for target in targets:
        _, function = names.of_target[target.pointer]
        what = f"the {target.name} schema" if target.name else f"the schema at {target.pointer}"
        writer.write_target(target, function, f"Check ``data`` against {what}.")
        if target.name is not None:
            public.append(
                {
                    "validate": identifier("validate_" + module),
                    "check": identifier("check_" + module),
                    "function": function,
                    "schema": literal(target.name),
                    "validate_doc": docstring(
                        f"Every way ``data`` breaks the {target.name} schema, in a stable order; "
                        "an empty list when it is valid.\n\n"
                        '``direction`` is ``"request"`` for data being sent (read-only properties '
                        'are refused) and ``"response"`` for data received (write-only ones '
                        "are); by default neither is checked.",
                        4,
                    ),
                    "check_doc": docstring(
                        f"Raise ``ValidationFailed``, carrying every error, unless ``data`` is a "
                        f"valid {target.name}.",
                        4,
                    ),
                }
            )
    code = writer.code
    helpers = set(code.helpers) | {"Direction", "ValidationError"}
    if public:
        helpers |= {"Direction", "ValidationFailed"}
    return {
        "banner": banner,
        "docstring": docstring(_module_doc(targets)),
        "uses_re": code.uses_re,
        "imports": [import_line(".._validation", helpers)],
        "module_imports": [
            f"from . import {identifier(other)} as _{identifier(other)}"
            for other in sorted(code.modules)
        ],
        "constants": code.constants,
        "functions": [_function_context(f) for f in code.functions],
        "public": public,
        "exported": [name for p in public for name in (p["check"], p["validate"])],
    }


def _module_doc(targets: list[Target]) -> str:
    named = [t.name for t in targets if t.name is not None]
    if named:
        return f"Validators for the {named[0]} schema."
    return "Validators for schemas that references point at outside components/schemas."


def _function_context(function: Function) -> dict[str, Any]:
    return {"name": function.name, "docstring": function.docstring, "lines": function.lines}


def _parameters_context(
    module: str,
    operations: list[OperationRules],
    names: Names,
    dialect: str,
    banner: dict[str, str],
) -> dict[str, Any]:
    writer = ModuleWriter(module, names, dialect)
    functions = []
    bodies = []
    for operation in operations:
        if operation.body is not None:
            bodies.append(
                {
                    "name": identifier(f"validate_{operation.python_name}_body"),
                    "check": writer.shared(
                        operation.body,
                        function_name(operation.python_name, "body"),
                        f"The request body schema of {operation.operation_id}",
                    ),
                    "docstring": docstring(
                        f"Every way ``data`` breaks the request body schema of "
                        f"{operation.operation_id}; an empty list when it is valid.",
                        4,
                    ),
                }
            )
        if not operation.parameters:
            continue
        name = identifier(f"validate_{operation.python_name}_parameters")
        function = Function(
            name,
            docstring(
                f"Every way the parameters of {operation.operation_id} break their schemas; "
                "an empty list when they are valid. Leave out a parameter the call does not send.",
                4,
            ),
        )
        body = Body(writer, function, at='""', direction='"request"')
        for parameter in operation.parameters:
            body.locals.add(parameter.python_name)
        for parameter in operation.parameters:
            value = identifier(parameter.python_name)
            if parameter.required:
                with body.block(f"if {value} is UNSET:"):
                    body.error("missing", [], literal(parameter.name))
            if is_empty(parameter.rules):
                continue
            check = writer.shared(
                parameter.rules,
                function_name(parameter.python_name, "parameter"),
                f"The schema of the {parameter.name} parameter",
            )
            where = literal("/" + escape_pointer_token(parameter.name))
            with body.block(f"if {value} is not UNSET:"):
                body.line(f'{check}({value}, {where}, errors, "request")')
        writer.flush()
        functions.append(
            {
                "name": name,
                "parameters": [identifier(p.python_name) for p in operation.parameters],
                "docstring": function.docstring,
                "lines": function.lines,
            }
        )
    writer.flush()  # the functions of inline bodies, when no parameters came after them
    code = writer.code
    return {
        "banner": banner,
        "docstring": docstring(
            "Validators for the parameters of the operations whose paths end in "
            + ", ".join(sorted({path_end(o.path) or "/" for o in operations}))
            + ", and for their request bodies where the schema is written inline."
        ),
        "uses_re": code.uses_re,
        "imports": [
            import_line(
                ".._validation",
                set(code.helpers)
                | {"ValidationError"}
                | ({"Direction"} if code.functions or bodies else set()),
            )
        ],
        "module_imports": [
            f"from . import {identifier(other)} as _{identifier(other)}"
            for other in sorted(code.modules)
        ],
        "constants": code.constants,
        "private": [_function_context(f) for f in code.functions],
        "functions": functions,
        "bodies": bodies,
        "exported": [f["name"] for f in functions] + [b["name"] for b in bodies],
    }


def _init_context(
    exported: dict[str, list[str]], not_checked: tuple[tuple[str, str], ...], banner: dict[str, str]
) -> dict[str, Any]:
    text = (
        "Validators for every named schema: ``validate_<schema>(data)`` returns every error, "
        "``check_<schema>(data)`` raises ``ValidationFailed`` carrying them."
    )
    if not_checked:
        places: dict[str, list[str]] = {}
        for pointer, what in not_checked:
            places.setdefault(what, []).append(pointer)
        listed = "\n".join(
            f"- {what}: ``{pointers[0]}``"
            + (f" and {len(pointers) - 1} more" if len(pointers) > 1 else "")
            for what, pointers in places.items()
        )
        text += "\n\nNot checked (the spec says more than these validators enforce):\n\n" + listed
    names = sorted(n for values in exported.values() for n in values)
    return {
        "banner": banner,
        "docstring": docstring(text),
        "imports": [
            import_line(f".{module}", values)
            for module, values in sorted(exported.items())
            if values
        ],
        "names": [literal(n) for n in sorted(names + ["ValidationError", "ValidationFailed"])],
    }
