"""The ``validators`` subpackage: one module per named schema, like ``models``.

Each module holds the schema's public ``validate_*`` and ``check_*`` functions and the private
functions its rules need. Modules call into each other through module objects
(``from . import other as _other``), which Python resolves lazily, so recursive schemas that
span modules import in any order.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.encode import docstring, identifier, literal
from generator.ir import Api, ChoiceRules, OperationRules, PayloadRules, Target
from generator.models.imports import import_line, module_table
from generator.naming import export_order, module_name, operation_group, path_end
from generator.output.contexts import Banner
from generator.output.line import LINE_LENGTH
from generator.output.planned import PlannedFile
from generator.spec.resolve import schema_pointer
from generator.validators.contexts import (
    BodyValidator,
    ChooserFunction,
    ParametersModuleContext,
    ParametersValidator,
    PublicValidator,
    ValidatorFunction,
    ValidatorsInitContext,
    ValidatorsModuleContext,
)
from generator.validators.emit import (
    Function,
    ModuleCode,
    Names,
    forget_shapes,
    function_name,
    module_alias,
    tuple_code,
)
from generator.validators.keywords import ModuleWriter
from generator.validators.parameters import (
    write_body_check,
    write_parameters_check,
    write_payload_check,
)
from generator.validators.sharing import COMMON_MODULE, repeated_shapes

SHARED_MODULE = "_shared"
# The validators of operations' parameters and inline bodies go to one module per group of
# operations (as the client groups them), so that one operation's change re-formats one module.
REQUESTS_MODULE = "_requests_"
# The validators of webhooks' and callbacks' inline bodies, all in one module.
PAYLOADS_MODULE = "_webhooks"


def schema_modules(api: Api) -> dict[str, str]:
    """The validators module of each named schema: its model's module, else one named after
    it. ``validate_<module>`` is the schema's public validator."""
    by_pointer = {d.pointer: d.module for d in api.response_shapes()}
    return {
        target.schema: by_pointer.get(schema_pointer(target.schema)) or module_name(target.schema)
        for target in api.validators.targets
        if target.schema
    }


def plan_validator_files(
    api: Api, root: PurePosixPath, banner: Banner
) -> Generator[PlannedFile, None, None]:
    """``validators/``: a module per schema's module, one per group of operations, the shared
    checks and an index, each planned when asked for."""
    try:
        yield from _plan_validator_files(api, root, banner)
    finally:
        forget_shapes()  # the shapes of this API's rules, by identity: not the next one's


def _plan_validator_files(
    api: Api, root: PurePosixPath, banner: Banner
) -> Generator[PlannedFile, None, None]:
    validators = api.validators
    module_of = schema_modules(api)
    modules: dict[str, list[Target]] = {}
    for target in validators.targets:
        module = module_of[target.schema] if target.schema else SHARED_MODULE
        modules.setdefault(module, []).append(target)
    choices: dict[str, list[ChoiceRules]] = {}
    for choice in validators.choices:
        module = module_of.get(choice.schema, SHARED_MODULE) if choice.schema else SHARED_MODULE
        choices.setdefault(module, []).append(choice)
        modules.setdefault(module, [])
    operations = [o for o in validators.operations if o.parameters or o.body is not None]
    groups: dict[str, list[OperationRules]] = {}
    for operation in operations:
        groups.setdefault(REQUESTS_MODULE + operation_group(operation.path), []).append(operation)
    payloads = {PAYLOADS_MODULE} if validators.payloads else set()
    names = Names(set(modules) | set(groups) | payloads | {COMMON_MODULE})
    roots = [t.rules for t in validators.targets] + [o.body for o in operations if o.body]
    roots += [payload.body for payload in validators.payloads]
    common = ModuleWriter(COMMON_MODULE, names, validators.dialect, repeated=repeated_shapes(roots))
    for choice in validators.choices:
        names.claim(choice.function)  # public and unique (lower.check): never renumbered
    for module, targets in modules.items():
        for target in targets:
            wanted = "_" + module if target.name is not None else _private_name(target)
            names.of_target[target.pointer] = (module, names.claim(wanted, module))
    exported: dict[str, tuple[str, ...]] = {}
    for module, targets in modules.items():
        planned = _module_context(module, targets, choices.get(module, []), common, banner)
        exported[module] = planned.exported
        yield PlannedFile(
            root / "validators" / f"{identifier(module)}.py",
            "validators/validators_module.py.jinja",
            planned.context,
        )
    for module, members in groups.items():
        planned = _parameters_context(module, members, common, banner)
        exported[module] = planned.exported
        yield PlannedFile(
            root / "validators" / f"{identifier(module)}.py",
            "validators/validators_parameters.py.jinja",
            planned.context,
        )
    if validators.payloads:
        planned = _payloads_context(validators.payloads, common, banner)
        exported[PAYLOADS_MODULE] = planned.exported
        yield PlannedFile(
            root / "validators" / f"{PAYLOADS_MODULE}.py",
            "validators/validators_parameters.py.jinja",
            planned.context,
        )
    common.flush()
    if common.code.functions:
        yield PlannedFile(
            root / "validators" / f"{COMMON_MODULE}.py",
            "validators/validators_parameters.py.jinja",
            _common_context(common, banner),
        )
    yield PlannedFile(
        root / "validators" / "__init__.py",
        "validators/validators_init.py.jinja",
        _init_context(exported, validators.not_checked, banner),
    )


@dataclass(frozen=True, slots=True)
class _PlannedModule:
    """A validators module's context, and the public names the package's index re-exports."""

    context: ValidatorsModuleContext | ParametersModuleContext
    exported: tuple[str, ...]


def _private_name(target: Target) -> str:
    return function_name(target.pointer.replace("/components/schemas/", "", 1))


def _module_context(
    module: str,
    targets: list[Target],
    choices: list[ChoiceRules],
    common: ModuleWriter,
    banner: Banner,
) -> _PlannedModule:
    writer = _writer(module, common)
    names = common.names
    choosers = [_chooser(writer, choice) for choice in choices]
    public = []
    for target in targets:
        _, function = names.of_target[target.pointer]
        what = f"the {target.name} schema" if target.name else f"the schema at {target.pointer}"
        writer.write_target(target, function, f"Check ``data`` against {what}.")
        if target.name is not None:
            public.append(
                PublicValidator(
                    validate=identifier("validate_" + module),
                    check=identifier("check_" + module),
                    function=function,
                    schema=literal(target.name),
                    validate_doc=docstring(
                        f"Every way ``data`` breaks the {target.name} schema, in a stable order; "
                        "an empty list when it is valid.\n\n"
                        '``direction`` is ``"request"`` for data being sent (read-only properties '
                        'are refused) and ``"response"`` for data received (write-only ones '
                        "are); by default neither is checked.",
                        4,
                    ),
                    check_doc=docstring(
                        f"Raise ``ValidationFailed``, carrying every error, unless ``data`` is a "
                        f"valid {target.name}.",
                        4,
                    ),
                )
            )
    writer.flush()  # the alternatives' functions
    code = writer.code
    helpers = set(code.helpers) | {"Direction"}
    if code.functions or public:
        helpers.add("ValidationError")
    if public:
        helpers |= {"ValidationFailed", "too_deep"}
    if choosers:
        helpers.add("choose_branch")
    context = ValidatorsModuleContext(
        banner=banner,
        docstring=docstring(_module_doc(targets)),
        uses_re=code.uses_re,
        imports=_runtime_imports(code, helpers),
        module_imports=_module_imports(code),
        constants=tuple(code.constants),
        functions=tuple(_function_context(f) for f in code.functions),
        public=tuple(public),
        choosers=tuple(choosers),
    )
    exported = [name for p in public for name in (p.check, p.validate)]
    return _PlannedModule(context, tuple(exported + [c.name for c in choosers]))


def _chooser(writer: ModuleWriter, choice: ChoiceRules) -> ChooserFunction:
    name = identifier(choice.function)
    branches = [
        writer.spawn(branch, function_name(choice.function, "option", str(i + 1)))
        for i, branch in enumerate(choice.branches)
    ]
    keyword = "oneOf" if choice.one_of else "anyOf"
    rule = (
        "the one alternative it matches (raising when it matches none, or several)"
        if choice.one_of
        else "the first alternative it matches, in the spec's order (raising when none does)"
    )
    return ChooserFunction(
        name=name,
        docstring=docstring(
            f"Which alternative of the {keyword} at ``{choice.pointer}`` ``data`` is: the "
            f"index of {rule}. The models decode the union with it.",
            4,
        ),
        branches=tuple_code(branches),
        what=literal(f"the {keyword} at {choice.pointer}"),
        one_of=choice.one_of,
    )


def _module_doc(targets: list[Target]) -> str:
    named = [t.name for t in targets if t.name is not None]
    if named:
        return f"Validators for the {named[0]} schema."
    if not targets:
        return "Choosers for unions written outside components/schemas."
    return "Validators for schemas that references point at outside components/schemas."


def _runtime_imports(
    code: ModuleCode, helpers: set[str], *, unset: bool = False
) -> tuple[str, ...]:
    """Import lines of the runtime modules the module's code uses, in isort's order;
    ``unset`` for the parameters' validators, whose arguments default to ``UNSET``."""
    linear = (import_line(".._linear_regex", {"LinearPattern"}),) if code.uses_linear else ()
    runtime = (import_line(".._runtime", {"UNSET"}),) if unset else ()
    return (*linear, *runtime, import_line(".._validation", helpers))


def _module_imports(code: ModuleCode) -> tuple[str, ...]:
    """``from . import other as _other``; parenthesised, as black writes it, when too long."""
    lines = []
    for other in sorted(code.modules):
        alias = module_alias(other)
        imported = other if alias == other else f"{identifier(other)} as {identifier(alias)}"
        line = f"from . import {imported}"
        lines.append(line if len(line) <= LINE_LENGTH else f"from . import (\n    {imported},\n)")
    return tuple(lines)


def _function_context(function: Function) -> ValidatorFunction:
    return ValidatorFunction(
        function.name, function.docstring, tuple(function.lines), keyed=function.keyed
    )


def _parameters_context(
    module: str,
    operations: list[OperationRules],
    common: ModuleWriter,
    banner: Banner,
) -> _PlannedModule:
    writer = _writer(module, common)
    functions = []
    bodies = []
    for operation in operations:
        if operation.body is not None:
            bodies.append(
                BodyValidator(
                    name=identifier(f"validate_{operation.python_name}_body"),
                    check=write_body_check(writer, operation, operation.body),
                    docstring=docstring(
                        f"Every way ``data`` breaks the request body schema of "
                        f"{operation.operation_id}; an empty list when it is valid.",
                        4,
                    ),
                    direction=literal("request"),
                )
            )
        if not operation.parameters:
            continue
        function = write_parameters_check(writer, operation)
        functions.append(
            ParametersValidator(
                name=function.name,
                parameters=tuple(identifier(p.python_name) for p in operation.parameters),
                docstring=function.docstring,
                lines=tuple(function.lines),
            )
        )
    writer.flush()  # the functions of inline bodies, when no parameters came after them
    code = writer.code
    helpers = set(code.helpers) | {"ValidationError"}
    if any(f.lines for f in functions) or bodies:  # a function with no checks has no try
        helpers.add("too_deep")
    if code.functions or bodies:
        helpers.add("Direction")
    context = ParametersModuleContext(
        banner=banner,
        docstring=docstring(
            "Validators for the parameters of the operations whose paths end in "
            + ", ".join(sorted({path_end(o.path) or "/" for o in operations}))
            + ", and for their request bodies where the schema is written inline."
        ),
        uses_re=code.uses_re,
        imports=_runtime_imports(code, helpers, unset=bool(functions)),
        module_imports=_module_imports(code),
        constants=tuple(code.constants),
        private=tuple(_function_context(f) for f in code.functions),
        functions=tuple(functions),
        bodies=tuple(bodies),
    )
    return _PlannedModule(context, tuple(f.name for f in functions) + tuple(b.name for b in bodies))


def _payloads_context(
    payloads: tuple[PayloadRules, ...], common: ModuleWriter, banner: Banner
) -> _PlannedModule:
    writer = _writer(PAYLOADS_MODULE, common)
    bodies = tuple(
        BodyValidator(
            name=identifier(f"validate_{payload.python_name}_payload"),
            check=write_payload_check(writer, payload),
            docstring=docstring(
                f"Every way ``data`` breaks the body schema of the {payload.name} "
                f"{payload.kind}; an empty list when it is valid. The API sends it, so by "
                'default it is checked as a response (``direction="response"``).',
                4,
            ),
            direction=literal("response"),
        )
        for payload in payloads
    )
    writer.flush()
    code = writer.code
    context = ParametersModuleContext(
        banner=banner,
        docstring=docstring(
            "Validators for the bodies of webhooks and callbacks whose schema is written inline."
        ),
        uses_re=code.uses_re,
        imports=_runtime_imports(
            code, set(code.helpers) | {"Direction", "ValidationError", "too_deep"}
        ),
        module_imports=_module_imports(code),
        constants=tuple(code.constants),
        private=tuple(_function_context(f) for f in code.functions),
        functions=(),
        bodies=bodies,
    )
    return _PlannedModule(context, tuple(b.name for b in bodies))


def _writer(module: str, common: ModuleWriter) -> ModuleWriter:
    return ModuleWriter(module, common.names, common.dialect, common)


def _common_context(common: ModuleWriter, banner: Banner) -> ParametersModuleContext:
    code = common.code
    return ParametersModuleContext(
        banner=banner,
        docstring=docstring(
            "Checks that properties of several schemas share: one function for each set of "
            "property rules the spec writes more than once."
        ),
        uses_re=code.uses_re,
        imports=_runtime_imports(code, set(code.helpers) | {"Direction", "ValidationError"}),
        module_imports=_module_imports(code),
        constants=tuple(code.constants),
        private=tuple(_function_context(f) for f in code.functions),
        functions=(),
        bodies=(),
    )


def _init_context(
    exported: dict[str, tuple[str, ...]],
    not_checked: tuple[tuple[str, str], ...],
    banner: Banner,
) -> ValidatorsInitContext:
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
    text += (
        "\n\nEach validator is imported from its module when it is first used, so importing the "
        "package is cheap."
    )
    names = sorted(n for values in exported.values() for n in values)
    return ValidatorsInitContext(
        banner=banner,
        docstring=docstring(text),
        imports=tuple(
            import_line(f".{module}", values, indent="    ")
            for module, values in sorted(exported.items())
            if values
        ),
        names=tuple(
            literal(n) for n in export_order(names + ["ValidationError", "ValidationFailed"])
        ),
        modules=module_table(
            (name, module) for module, values in exported.items() for name in values
        ),
    )
