"""The code that checks an operation's request: its parameters, passed as keyword arguments
(``UNSET`` when the call leaves one out), and its request body where the schema is inline; and
the body of a webhook or callback where its schema is inline.

The schemas themselves are checked by private functions the ``ModuleWriter`` writes, one per
distinct schema, since the same parameter recurs across operations.
"""

from __future__ import annotations

from generator.encode import docstring, identifier, literal
from generator.errors import escape_pointer_token
from generator.ir import OperationRules, PayloadRules, Rules
from generator.validators.emit import Body, Function, function_name, is_empty
from generator.validators.keywords import ModuleWriter


def write_body_check(writer: ModuleWriter, operation: OperationRules, body: Rules) -> str:
    """The private function that checks the operation's inline request body: its name (it is
    written at the writer's next flush)."""
    return writer.shared(
        body,
        function_name(operation.python_name, "body"),
        f"The request body schema of {operation.operation_id}",
    )


def write_payload_check(writer: ModuleWriter, payload: PayloadRules) -> str:
    """The private function that checks a webhook's or callback's inline body: its name (it is
    written at the writer's next flush)."""
    return writer.shared(
        payload.body,
        function_name(payload.python_name, "payload"),
        f"The body schema of the {payload.name} {payload.kind}",
    )


def write_parameters_check(writer: ModuleWriter, operation: OperationRules) -> Function:
    """The function that checks the operation's parameters (its body lines, without the
    ``errors`` list it starts and returns), after writing the private functions it calls."""
    function = Function(
        identifier(f"validate_{operation.python_name}_parameters"),
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
    return function
