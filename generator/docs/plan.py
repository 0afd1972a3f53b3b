"""The package's reference, ``<package>/README.md``: every model with its fields, types,
constraints and descriptions, every operation as its client method, and the webhooks.

It is read where the code is not: on a package index, in a repository browser, by someone
choosing which call to make. Everything in it comes from the IR the code comes from.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from generator.client.code import BODY, Q, operation_context
from generator.docs.constraints import describe_rules
from generator.docs.contexts import (
    AliasDoc,
    EnumDoc,
    FieldDoc,
    ModelDoc,
    OperationDoc,
    ReferenceContext,
    ResultDoc,
    WebhookDoc,
)
from generator.encode import identifier, markdown_cell, markdown_code, markdown_text
from generator.ir import (
    Alias,
    Api,
    Definition,
    Enum,
    Model,
    Operation,
    OperationRules,
    Property,
    Response,
    Rules,
)
from generator.models.annotations import annotation
from generator.output.planned import PlannedFile
from generator.validators.plan import schema_modules

ADDITIONAL = "additional_properties"  # the field every model keeps undeclared properties in
LINE = 88  # a signature longer than this is shown one argument per line, as black would


def plan_reference_file(api: Api, root: PurePosixPath) -> PlannedFile:
    rules = {target.pointer: target.rules for target in api.validators.targets}
    title = markdown_text(api.title or "The API")
    if api.version:
        title += f", version {markdown_text(api.version)}"
    context = ReferenceContext(
        package=identifier(root.name),
        title=title,
        source=markdown_code(api.source),
        description=markdown_text(api.description or ""),
        definitions=tuple(_definition_doc(d, rules.get(d.pointer)) for d in api.definitions),
        operations=_operation_docs(api),
        webhooks=tuple(
            WebhookDoc(
                function=identifier("parse_" + webhook.python_name),
                request=markdown_code(f"{webhook.method} {webhook.expression or webhook.name}"),
                type=markdown_code(annotation(webhook.body.type, Q)),
                summary=_summary(webhook.summary, webhook.description),
            )
            for webhook in api.webhooks
        ),
    )
    return PlannedFile(root / "README.md", "docs/reference.md.jinja", context)


def _definition_doc(definition: Definition, rules: Rules | None) -> ModelDoc | EnumDoc | AliasDoc:
    source = (
        f"Schema {markdown_code(definition.source_name)} at {markdown_code(definition.pointer)}."
    )
    if isinstance(definition, Model) and definition.request_of is not None:
        source = (
            f"The request shape of {markdown_code(definition.request_of)}, without its "
            f"read-only properties: s{source[1:]}"
        )
    elif isinstance(definition, Alias) and definition.request_of is not None:
        source = (
            f"The request shape of {markdown_code(definition.request_of)}, holding request "
            f"shapes: s{source[1:]}"
        )
    description = markdown_text(definition.description or "")
    name = identifier(definition.name)
    if isinstance(definition, Model):
        fields = [_field_doc(p, _property_rules(rules, p.wire_name)) for p in definition.properties]
        fields.append(
            FieldDoc(
                name=markdown_code(ADDITIONAL),
                wire_name="(any other)",
                type=markdown_code(f"dict[str, {annotation(definition.extra)}]"),
                required="no",
                constraints="",
                description="The properties the schema does not declare, as they came.",
            )
        )
        return ModelDoc(name, source, description, tuple(fields))
    if isinstance(definition, Enum):
        values = tuple(
            f"{markdown_code(member.name)} | {markdown_code(json.dumps(member.value))}"
            for member in definition.members
        )
        return EnumDoc(name, source, description, values)
    assert isinstance(definition, Alias)
    return AliasDoc(name, source, description, markdown_code(annotation(definition.type)))


def _field_doc(prop: Property, rules: Rules | None) -> FieldDoc:
    constraints = [markdown_cell(phrase) for phrase in describe_rules(rules)]
    if prop.default is not None:
        constraints.append(f"default {markdown_code(prop.default)}")
    return FieldDoc(
        name=markdown_code(identifier(prop.python_name)),
        wire_name=markdown_code(prop.wire_name),
        type=markdown_code(annotation(prop.type)),
        required="yes" if prop.required else "no",
        constraints=", ".join(constraints),
        description=_cell(prop.description, prop.deprecated),
    )


def _cell(description: str | None, deprecated: bool) -> str:
    text = markdown_cell(description or "")
    return f"**Deprecated.** {text}".strip() if deprecated else text


def _property_rules(rules: Rules | None, wire_name: str) -> Rules | None:
    """The rules a model's schema gives one property: its own ``properties``, or those of the
    ``allOf`` branches written in it (a ``$ref``'d branch documents itself)."""
    if rules is None:
        return None
    for name, own in rules.properties:
        if name == wire_name:
            return own
    for branch in rules.all_of:
        found = _property_rules(branch, wire_name)
        if found is not None:
            return found
    return None


def _operation_docs(api: Api) -> tuple[OperationDoc, ...]:
    """Every operation's entry; what all of them look up is worked out once, not per
    operation (a spec with thousands of operations and schemas)."""
    modules = schema_modules(api)
    checked = {o.pointer: o for o in api.validators.operations}
    return tuple(_operation_doc(op, modules, checked[op.pointer]) for op in api.operations)


def _operation_doc(op: Operation, modules: dict[str, str], checked: OperationRules) -> OperationDoc:
    method = operation_context(op, modules, bool(checked.parameters), checked.body is not None)
    parameters = {identifier(p.python_name): p for p in op.parameters}
    parameter_rules = {(p.location, p.name): p.rules for p in checked.parameters}
    arguments = []
    for entry in method.signature:
        if entry == "*":
            continue
        name, _, rest = entry.partition(": ")
        kind, _, default = rest.partition(" = ")
        parameter = parameters.get(name)
        if parameter is not None:
            sent = markdown_code(f"{parameter.location} {parameter.name}")
            rules = parameter_rules.get((parameter.location, parameter.name))
            constraints = ", ".join(markdown_cell(p) for p in describe_rules(rules))
            description = _cell(parameter.description, parameter.deprecated)
        else:
            assert name == BODY and op.body is not None
            sent = markdown_code(f"body {op.body.media_type}")
            constraints, description = "", _cell(op.body.description, False)
        arguments.append(
            FieldDoc(
                markdown_code(name),
                sent,
                markdown_code(kind),
                "no" if default else "yes",
                constraints,
                description,
            )
        )
    return OperationDoc(
        name=method.name,
        request=markdown_code(f"{op.method} {op.path}"),
        signature=_signature(method.name, method.signature, method.result_class),
        summary=_summary(op.summary, op.description)
        + ("\n\n**Deprecated.**" if op.deprecated else ""),
        arguments=tuple(arguments),
        results=tuple(_result_doc(r) for r in op.successes),
        errors=tuple(_result_doc(r) for r in op.failures),
    )


def _signature(name: str, arguments: tuple[str, ...], result: str) -> str:
    one_line = f"def {name}({', '.join(arguments)}) -> {result}: ..."
    if len(one_line) <= LINE:
        return one_line
    lines = [f"def {name}(", *(f"    {argument}," for argument in arguments), f") -> {result}: ..."]
    return "\n".join(lines)


def _result_doc(response: Response) -> ResultDoc:
    kind = "(no body)" if response.type is None else markdown_code(annotation(response.type, Q))
    return ResultDoc(
        markdown_code(response.status), kind, markdown_cell(response.description or "")
    )


def _summary(summary: str | None, description: str | None) -> str:
    parts = [markdown_text(text) for text in (summary, description) if text]
    return "\n\n".join(dict.fromkeys(parts))
