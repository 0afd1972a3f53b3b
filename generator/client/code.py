"""Each operation's code for the client, as ready pieces: the method's signature and
docstring, the lines that build and check its request, the branches that read its response,
its result class's fields, and how each error status's body is read.

Every spec string enters through ``generator.encode``; models are written ``models.Name``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.client.contexts import ClientOperation, ErrorBody, ResultHeader, SuccessBranch
from generator.encode import docstring, identifier, literal
from generator.ir import (
    EnumRef,
    ModelRef,
    Nullable,
    Operation,
    Parameter,
    Response,
    Scalar,
    TypeRef,
)
from generator.models.annotations import annotation, from_wire, to_wire
from generator.naming import result_class

Q = "models."
BODY = "details"
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
# A result's own fields, and the names its annotations use.
_RESULT_FIELDS = frozenset({"status_code", "data", "headers", "httpx", "models"})
_HEADER_PARSERS = {"int": "int", "float": "float", "bool": "_transport.parse_bool"}


def operation_context(
    op: Operation, validator_modules: dict[str, str], parameters_checked: bool, inline_body: bool
) -> ClientOperation:
    name = identifier(op.python_name)
    path_order = _PLACEHOLDER.findall(op.path)
    path_params = sorted(
        (p for p in op.parameters if p.location == "path"),
        key=lambda p: path_order.index(p.name) if p.name in path_order else len(path_order),
    )
    others = [p for p in op.parameters if p.location != "path"]
    positional = [(identifier(p.python_name), _parameter_annotation(p)) for p in path_params]
    keyword = [
        (identifier(p.python_name), _parameter_annotation(p), None) for p in others if p.required
    ] + [
        (identifier(p.python_name), _optional(_parameter_annotation(p)), "None")
        for p in others
        if not p.required
    ]
    signature = [f"{n}: {a}" for n, a in positional]
    call = [n for n, _ in positional]
    if op.body is not None:
        body_annotation = annotation(op.body.type, Q)
        if isinstance(op.body.type, ModelRef):
            body_annotation += " | dict[str, Any]"
        if op.body.required:
            signature.append(f"{BODY}: {body_annotation}")
        else:
            signature.append(f"{BODY}: {_optional(body_annotation)} = None")
        call.append(BODY)
    if keyword:
        signature.append("*")
        signature += [f"{n}: {a}" + (f" = {d}" if d else "") for n, a, d in keyword]
        call += [f"{n}={n}" for n, _, _ in keyword]
    result = identifier(result_class(op.operation_id))
    return ClientOperation(
        name=name,
        signature=tuple(signature),
        call=tuple(call),
        docstring=docstring(_method_doc(op, result, _names(signature)), 8),
        result_class=result,
        result_doc=docstring(_result_doc(op), 4),
        data_annotation=_data_annotation(op),
        result_headers=_result_headers(op),
        prepare=identifier("_prepare_" + op.python_name),
        prepare_doc=docstring(
            f"The request of {op.operation_id}, checked against the spec (``InvalidRequest`` "
            "if it breaks it).",
            4,
        ),
        prepare_lines=_prepare_lines(
            op, path_params, validator_modules, parameters_checked, inline_body
        ),
        read=identifier("_read_" + op.python_name),
        read_doc=docstring(
            f"The result of {op.operation_id} from its response, or the ``ApiError`` for it.", 4
        ),
        successes=_successes(op),
        errors_constant=identifier(f"_{op.python_name.upper()}_ERRORS"),
        error_bodies=tuple(
            ErrorBody(
                literal(r.status),
                (
                    f"{Q}{identifier(r.type.name)}.from_dict"
                    if isinstance(r.type, ModelRef)
                    else "None"
                ),
            )
            for r in op.failures
        ),
        operation=literal(op.operation_id),
        request_id=literal(op.request_id),
    )


def _names(signature: list[str]) -> list[str]:
    """The argument names of a signature, in its order (``*`` left out)."""
    return [entry.split(":")[0] for entry in signature if entry != "*"]


def _parameter_annotation(parameter: Parameter) -> str:
    text = annotation(parameter.type, Q)
    if isinstance(parameter.type, EnumRef):  # an open enum: a value newer than the spec too
        text += f" | {parameter.type.base}"
    return text


def _optional(text: str) -> str:
    return text if text == "Any" or text.endswith("| None") else f"{text} | None"


def _prepare_lines(
    op: Operation,
    path_params: list[Parameter],
    validator_modules: dict[str, str],
    parameters_checked: bool,
    inline_body: bool,
) -> tuple[str, ...]:
    lines = [
        f"request = _transport.Request({literal(op.operation_id)}, {literal(op.method)}, "
        f"retry_token_header={literal(op.retry_token)}, "
        f"request_id_header={literal(op.request_id)})",
        f"request.path = {_path_expression(op.path, path_params)}",
    ]
    body = op.body
    if body is not None:
        if isinstance(body.type, ModelRef):
            cls = Q + identifier(body.type.name)
            value = f"{BODY}.to_dict() if isinstance({BODY}, {cls}) else {BODY}"
        else:
            value = to_wire(body.type, BODY, q=Q) or BODY
        if inline_body:
            validate = f"validators.{identifier(f'validate_{op.python_name}_body')}(body)"
        elif body.schema is not None and body.schema in validator_modules:
            function = identifier("validate_" + validator_modules[body.schema])
            validate = f'validators.{function}(body, direction="request")'
        else:  # text or bytes: no schema a JSON validator could check
            validate = "[]"
        send = [
            f"body = {value}",
            f"request.body({literal(body.media_type)}, body, {validate})",
        ]
        if body.required:
            lines += send
        else:
            lines.append(f"if {BODY} is not None:")
            lines += ["    " + line for line in send]
    if parameters_checked:
        given = ", ".join(
            f"{identifier(p.python_name)}={identifier(p.python_name)}" for p in op.parameters
        )
        function = identifier(f"validate_{op.python_name}_parameters")
        lines.append(
            f"request.check_parameters(validators.{function}(**_transport.present({given})))"
        )
    for p in op.parameters:
        name = identifier(p.python_name)
        if p.location == "query":
            style = "" if p.style == "form" else f", style={literal(p.style)}"
            explode = "" if p.explode == (p.style == "form") else f", explode={p.explode}"
            lines.append(f"request.query({literal(p.name)}, {name}{style}{explode})")
        elif p.location == "header":
            explode = ", explode=True" if p.explode else ""
            lines.append(f"request.header({literal(p.name)}, {name}{explode})")
        elif p.location == "cookie":
            lines.append(f"request.cookie({literal(p.name)}, {name})")
    return tuple(lines)


def _path_expression(path: str, path_params: list[Parameter]) -> str:
    by_name = {p.name: p for p in path_params}
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(path):
        if match.group(1) not in by_name:
            continue
        if match.start() > position:
            parts.append(literal(_fixed_path(path[position : match.start()])))
        parameter = by_name[match.group(1)]
        style = "" if parameter.style == "simple" else f", style={literal(parameter.style)}"
        explode = ", explode=True" if parameter.explode else ""
        parts.append(
            f"request.segment({literal(parameter.name)}, {identifier(parameter.python_name)}"
            f"{style}{explode})"
        )
        position = match.end()
    if position < len(path) or not parts:
        parts.append(literal(_fixed_path(path[position:])))
    return " + ".join(parts)


def _fixed_path(text: str) -> str:
    """The spec's own path text, percent-encoded where a URL path cannot hold it as it is
    (a ``?`` or ``#`` would end the path; a space is no URL character)."""
    return quote(text, safe="/:@!$&'()*+,;=-._~%{}")


def _success_responses(op: Operation) -> list[Response]:
    """The responses a call returns rather than raises: exact codes before ranges, and an
    operation that declares only ``default`` returns it for any status below 400."""
    if not op.successes:
        return [r for r in op.responses if r.status == "default"]
    return sorted(op.successes, key=lambda r: "X" in r.status)


def _successes(op: Operation) -> tuple[SuccessBranch, ...]:
    branches = []
    for response in _success_responses(op):
        if response.status == "default":
            condition = "response.status_code < 400"
        elif response.status.isdigit():
            condition = f"response.status_code == {int(response.status)}"
        else:
            low = int(response.status[0]) * 100
            condition = f"{low} <= response.status_code < {low + 100}"
        parse = None
        if response.media_type is None:
            data = "None"
        elif response.encoding == "json":
            parse = "data = response.json()"
            converted = from_wire(response.type, "data", q=Q) if response.type else None
            data = converted or "data"
        elif response.encoding == "text":
            data = "response.text"
        else:
            data = "response.content"
        branches.append(SuccessBranch(condition, parse, data))
    return tuple(branches)


def _data_annotation(op: Operation) -> str:
    kinds = dict.fromkeys(_response_annotation(r) for r in _success_responses(op))
    if "Any" in kinds:
        return "Any"
    return " | ".join(kinds) or "None"


def _response_annotation(response: Response) -> str:
    if response.media_type is None:
        return "None"
    if response.encoding == "json":
        return annotation(response.type, Q) if response.type else "Any"
    return "str" if response.encoding == "text" else "bytes"


def _result_headers(op: Operation) -> tuple[ResultHeader, ...]:
    seen: dict[str, ResultHeader] = {}
    for response in _success_responses(op):
        for header in response.headers:
            name = header.python_name
            if name in _RESULT_FIELDS:
                name += "_"
            if name in seen:
                continue
            kind = _header_kind(header.type)
            get = f"response.headers.get({literal(header.name)})"
            parser = _HEADER_PARSERS.get(kind)
            seen[name] = ResultHeader(
                name=identifier(name),
                annotation=f"{kind} | None",
                value=f"_transport.parse_header({get}, {parser})" if parser else get,
                doc=docstring(
                    " ".join((header.description or f"The {header.name} header.").split()), 4
                ),
            )
    return tuple(seen.values())


def _header_kind(type_ref: TypeRef) -> str:
    if isinstance(type_ref, Nullable):
        type_ref = type_ref.inner
    if isinstance(type_ref, Scalar) and type_ref.kind in _HEADER_PARSERS:
        return type_ref.kind
    return "str"


def _method_doc(op: Operation, result_class: str, arguments: list[str]) -> str:
    """Google style (``Args:``, ``Returns:``, ``Raises:``), which IDEs and Sphinx's napoleon
    read; the arguments in the signature's order."""
    parts = [op.summary or op.operation_id]
    if op.description and op.description.strip() != (op.summary or "").strip():
        parts.append(op.description)
    if op.deprecated:
        parts.append("Deprecated: the spec marks this operation as deprecated.")
    described = {identifier(p.python_name): p for p in op.parameters}
    entries = []
    for name in arguments:
        if name == BODY:
            text = (op.body.description if op.body else None) or "The request body."
        else:
            parameter = described[name]
            text = parameter.description or f"The {parameter.name} {parameter.location} parameter."
        entries.append(f"    {name}: {' '.join(text.split())}")
    if entries:
        parts.append("Args:\n" + "\n".join(entries))
    parts.append(
        f"Returns:\n    {result_class}: The status, the parsed body as ``data``, and the "
        "response's headers."
    )
    parts.append(
        "Raises:\n"
        "    InvalidRequest: An argument breaks the spec; nothing was sent.\n"
        "    ApiError: The response has an error status (a subclass for each status).\n"
        "    TransportError: No response came."
    )
    return "\n\n".join(parts)


def _result_doc(op: Operation) -> str:
    described = [r.description for r in _success_responses(op) if r.description]
    text = f"What {op.operation_id} returns"
    return text + (": " + " ".join(described[0].split()) if described else ".")
