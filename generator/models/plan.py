"""The models' files and their templates' contexts.

Contexts hold finished pieces of code (names, annotations, encoded literals and docstrings), so
templates only loop and branch. Imports are decided here too, including how model modules that
refer to each other in a cycle import lazily.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from generator import naming
from generator.encode import docstring, identifier, literal
from generator.ir import (
    Alias,
    Api,
    Definition,
    Enum,
    LiteralOf,
    Model,
    Property,
    Scalar,
    Tagged,
    walk_types,
)
from generator.models.annotations import (
    annotation,
    extra_code,
    field_code,
    from_wire,
    mentioned,
    mentions,
)
from generator.models.contexts import (
    AliasDefinition,
    DefinitionContext,
    EnumDefinition,
    EnumMember,
    ModelDefinition,
    ModelField,
    ModelModuleContext,
    ModelsInitContext,
)
from generator.models.imports import ModuleGraph, import_line, module_table
from generator.output.contexts import Banner
from generator.output.planned import PlannedFile
from generator.reserved import RUNTIME_NAMES


def plan_model_files(
    api: Api, root: PurePosixPath, banner: Banner
) -> Generator[PlannedFile, None, None]:
    """``models/``: one module per named schema (with the types it defines) and an index,
    each planned when asked for."""
    modules = api.modules()
    graph = ModuleGraph.of(modules)
    yield PlannedFile(
        root / "models" / "__init__.py",
        "models/models_init.py.jinja",
        _models_init_context(modules, banner),
    )
    for module, definitions in modules.items():
        yield PlannedFile(
            root / "models" / f"{identifier(module)}.py",
            "models/models_module.py.jinja",
            _module_context(module, definitions, graph, banner),
        )


def _models_init_context(
    modules: dict[str, tuple[Definition, ...]], banner: Banner
) -> ModelsInitContext:
    # DecodeError, what every from_dict raises, is importable beside the models; it is the
    # one name imported at once, the others when first used (runtime/_lazy.py).
    names = ["DecodeError"]
    imports = []
    where = []
    for module in sorted(modules):
        exported = [d.name for d in modules[module]]
        exported += [
            naming.alias_decoder(d.name)
            for d in modules[module]
            if isinstance(d, Alias) and d.recursive and d.converts
        ]
        imports.append(import_line(f".{module}", exported, indent="    "))
        names.extend(exported)
        where += [(name, module) for name in exported]
    return ModelsInitContext(
        banner,
        tuple(imports),
        tuple(literal(n) for n in naming.export_order(names)),
        module_table(where),
    )


@dataclass(frozen=True, slots=True)
class _PlannedDefinition:
    """A definition's context, and the ``_runtime`` helpers its code uses."""

    context: DefinitionContext
    helpers: frozenset[str]


def _module_context(
    module: str, definitions: tuple[Definition, ...], graph: ModuleGraph, banner: Banner
) -> ModelModuleContext:
    planned = [_definition_context(d, graph) for d in definitions]
    helpers = {h for p in planned for h in p.helpers}
    lazy = [
        import_line(f".{other}", names, placed="    ")  # under ``if TYPE_CHECKING:``
        for other, names in graph.lazy_imports(module)
    ]
    stdlib = _stdlib_imports(definitions, type_checking=bool(lazy))
    local = [import_line(".._runtime", helpers)] if helpers else []
    local += [import_line(f".{other}", names) for other, names in graph.eager_imports(module)]
    groups = [tuple(import_line(source, names) for source, names in stdlib), tuple(local)]
    first = definitions[0]
    return ModelModuleContext(
        banner=banner,
        docstring=docstring(f"The {first.source_name} schema and the types it defines."),
        import_groups=tuple(group for group in groups if group),
        type_checking_imports=tuple(lazy),
        definitions=tuple(
            _after_imports(p.context) if i == 0 and not lazy else p.context
            for i, p in enumerate(planned)
        ),
    )


def _after_imports(definition: DefinitionContext) -> DefinitionContext:
    return (
        replace(definition, after_imports=True)
        if isinstance(definition, AliasDefinition)
        else definition
    )


def _definition_context(definition: Definition, graph: ModuleGraph) -> _PlannedDefinition:
    if isinstance(definition, Enum):
        base = "OpenStrEnum" if definition.base == "str" else "OpenIntEnum"
        enum = EnumDefinition(
            name=identifier(definition.name),
            base=base,
            docstring=docstring(
                definition.description or f"Values of {definition.source_name}.", 4
            ),
            members=tuple(
                EnumMember(identifier(m.name), literal(m.value)) for m in definition.members
            ),
        )
        return _PlannedDefinition(enum, frozenset({base}))
    if isinstance(definition, Alias):
        return _alias_context(definition, graph)
    return _model_context(definition, graph)


def _alias_context(alias: Alias, graph: ModuleGraph) -> _PlannedDefinition:
    text = alias.description or f"The {alias.source_name} schema."
    if alias.request_of is not None:
        text += f"\n\nThe request shape of {alias.request_of}: what a request sends."
    context = AliasDefinition(
        name=identifier(alias.name),
        annotation=literal(annotation(alias.type)),
        docstring=docstring(text),
    )
    if not (alias.recursive and alias.converts):
        return _PlannedDefinition(context, frozenset())
    # A recursive alias's conversion refers to itself, so it is a function of its own.
    code = from_wire(alias.type, "data") or "data"
    decoder = replace(
        context,
        decoder=identifier(naming.alias_decoder(alias.name)),
        decoder_docstring=docstring(f"{alias.name} from wire data: parsed JSON.", 4),
        from_wire=code,
        local_imports=_function_imports(alias, graph, [code]),
    )
    # Its one except turns any failure (RecursionError on hostile depth included) into the
    # DecodeError that from_dict raises.
    helpers = {"DECODE_FAILURES", "raise_decode_error"}
    helpers |= set(mentioned(code, RUNTIME_NAMES))
    return _PlannedDefinition(decoder, frozenset(helpers))


def _model_context(model: Model, graph: ModuleGraph) -> _PlannedDefinition:
    fields = []
    helpers = {"DECODE_FAILURES", "raise_decode_error"}  # every from_dict's one except
    for prop in model.properties:
        code = field_code(prop)
        helpers |= code.helpers
        text = _field_doc(prop)
        fields.append(
            ModelField(
                name=code.name,
                declaration=code.declaration,
                docstring=docstring(text, 4) if text else "",
                key=code.key,
                from_wire=code.from_wire,
                guard=code.guard,
                to_wire=code.to_wire,
            )
        )
    extra_in, extra_out = extra_code(model.extra)
    if extra_in == "value":
        helpers.add("undeclared")
    text = model.description or f"The {model.source_name} schema."
    if model.request_of is not None:
        text = (
            f"{text}\n\nThe request shape of {model.request_of}: what a request sends, "
            "without its read-only properties."
        )
    if model.deprecated:
        text = "Deprecated. " + text
    wire_names = ", ".join(literal(p.wire_name) for p in model.properties)
    context = ModelDefinition(
        name=identifier(model.name),
        docstring=docstring(text, 4),
        wire_names=f"{{{wire_names}}}" if wire_names else "()",
        fields=tuple(fields),
        extra_annotation=annotation(model.extra),
        extra_from_wire=extra_in,
        extra_as_is=extra_in == "value",
        extra_to_wire=extra_out,
        local_imports=_from_dict_imports(model, graph, fields, extra_in),
        to_dict_imports=_to_dict_imports(model, graph, fields, extra_out),
    )
    return _PlannedDefinition(context, frozenset(helpers))


def _from_dict_imports(
    model: Model, graph: ModuleGraph, fields: list[ModelField], extra: str
) -> tuple[str, ...]:
    """What ``from_dict`` imports when it runs: the classes of modules in an import cycle, and
    the validators package where a union is decoded by its choosers (so that importing the
    models does not load every validator)."""
    return _function_imports(model, graph, [extra, *(f.from_wire for f in fields)])


def _function_imports(
    definition: Model | Alias, graph: ModuleGraph, code: list[str]
) -> tuple[str, ...]:
    placed = "        " if isinstance(definition, Model) else "    "  # a method, a function
    lines = [
        import_line(f".{other}", names, placed=placed)
        for other, names in graph.function_imports(definition)
    ]
    if any(mentions(text, "validators") for text in code):
        lines.insert(0, "from .. import validators")  # isort's order: the parent package first
    return tuple(lines)


def _to_dict_imports(
    model: Model, graph: ModuleGraph, fields: list[ModelField], extra: str
) -> tuple[str, ...]:
    """``to_dict`` needs a lazily imported class only where a union tests ``isinstance``."""
    code = " ".join([extra, *(f"{f.guard} {f.to_wire}" for f in fields)])
    lines = []
    for other, names in graph.function_imports(model):
        used = mentioned(code, names)
        if used:
            lines.append(import_line(f".{other}", used, placed="        "))
    return tuple(lines)


def _field_doc(prop: Property) -> str:
    lead = " ".join(p for p in ("Deprecated." if prop.deprecated else "", prop.description) if p)
    notes = []
    if prop.default is not None:
        notes.append(f"Default: ``{prop.default}``.")
    if prop.pattern is not None:
        notes.append(f"Pattern: ``{prop.pattern}``.")
    return "\n\n".join(p for p in (lead, *notes) if p)


def _stdlib_imports(
    definitions: tuple[Definition, ...], type_checking: bool
) -> list[tuple[str, list[str]]]:
    kinds = set()
    typing_names = set()
    has_model = any(isinstance(d, Model) for d in definitions)
    for definition in definitions:
        if isinstance(definition, Model):
            types = [p.type for p in definition.properties] + [definition.extra]
        elif isinstance(definition, Alias):
            types = [definition.type]
            typing_names.add("TypeAlias")
            if definition.recursive and definition.converts:
                typing_names.add("Any")  # the decoder's argument
        else:
            types = []
        for type_ref in types:
            for inner in walk_types(type_ref):
                if isinstance(inner, Scalar):
                    kinds.add(inner.kind)
                    if inner.kind == "any":
                        typing_names.add("Any")
                elif isinstance(inner, Tagged):
                    typing_names.add("Any")
                elif isinstance(inner, LiteralOf):
                    typing_names.add("Literal")
    if has_model:
        typing_names |= {"Any", "ClassVar"}
    result: list[tuple[str, list[str]]] = []
    if has_model:
        result.append(("collections.abc", ["Mapping"]))
        result.append(("dataclasses", ["dataclass", "field"]))
    dates: list[str] = [k for k in ("date", "datetime") if k in kinds]
    if dates:
        result.append(("datetime", dates))
    if type_checking:
        typing_names.add("TYPE_CHECKING")
    if typing_names:
        result.append(("typing", sorted(typing_names)))
    return result
