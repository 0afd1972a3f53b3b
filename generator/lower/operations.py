"""Operations' rules: what each parameter's value and each inline request body must follow."""

from __future__ import annotations

from generator import naming
from generator.errors import join_pointer
from generator.ir import Operation, OperationRules, Parameter, ParameterRules, RequestBody, Rules
from generator.lower.rules import RulesBuilder
from generator.reserved import RESERVED_ARGUMENTS

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Header parameters OpenAPI says to ignore: the media types and the security schemes set them.
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def operation_rules(
    builder: RulesBuilder, operations: tuple[Operation, ...]
) -> tuple[OperationRules, ...]:
    """The rules of each operation's parameters, and of its body where the schema is inline
    (a named schema has a validator of its own), from the operations the client is built of."""
    found = []
    for operation in operations:
        parameters = [_parameter_rules(builder, p) for p in operation.parameters]
        found.append(
            OperationRules(
                operation_id=operation.operation_id,
                python_name=operation.python_name,
                pointer=operation.pointer,
                path=operation.path,
                parameters=tuple(parameters),
                body=_inline_body(builder, operation.body),
            )
        )
    return tuple(found)


def _inline_body(builder: RulesBuilder, body: RequestBody | None) -> Rules | None:
    """The rules of a JSON or form request body whose schema is not a named schema."""
    if body is None or body.encoding not in ("json", "form") or body.schema is not None:
        return None
    if body.schema_pointer is None:
        return None
    return builder.rules(builder.index.lookup(body.schema_pointer), body.schema_pointer)


def _parameter_rules(builder: RulesBuilder, parameter: Parameter) -> ParameterRules:
    if parameter.schema_pointer is not None:
        pointer = parameter.schema_pointer
        rules = builder.rules(builder.index.lookup(pointer), pointer)
    else:
        what = f"parameter {parameter.name!r} (described by content)"
        builder.not_checked.append((parameter.pointer, what))
        rules = builder.rules({}, join_pointer(parameter.pointer, "schema"))
    return ParameterRules(
        name=parameter.name,
        location=parameter.location,
        python_name=parameter.python_name,
        required=parameter.required,
        rules=rules,
    )


def argument_name(name: str) -> str:
    """The keyword argument a parameter becomes, in the validators and the client alike."""
    python_name = naming.parameter_name(name)
    return python_name + "_" if python_name in RESERVED_ARGUMENTS else python_name
