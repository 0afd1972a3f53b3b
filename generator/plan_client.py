"""The HTTP client: ``client/`` (sync and async classes, one method per operation), ``results``,
``errors`` and ``retry``.

The generated methods only pass their arguments on: ``client/_operations.py`` holds, per
operation, a function that builds the request (checked by the generated validators) and one that
reads the response, shared by ``Client`` and ``AsyncClient``. Models are always written
``models.Name`` here, so no model's name can clash with the client's own.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from generator.encode import comment, docstring, identifier, literal
from generator.expressions import RUNTIME_NAMES, annotation, from_wire, mentions, to_wire
from generator.imports import import_line
from generator.ir import (
    Api,
    EnumRef,
    ModelRef,
    Nullable,
    Operation,
    Parameter,
    Response,
    Scalar,
    TypeRef,
)
from generator.naming import (
    RESERVED_CLASSES,
    module_name,
    operation_group,
    path_end,
    result_class,
)
from generator.planned import PlannedFile
from generator.resolve import schema_pointer

Q = "models."
BODY = "details"
# Statuses whose exceptions every client has, declared or not: the ones the retry policy and
# callers tell apart.
_COMMON_STATUSES = (400, 401, 403, 404, 409, 412, 429, 500, 501, 502, 503, 504)
# RFC 9110's reason phrases, written out so that class names do not depend on the Python
# running the generator (3.13 renamed 413, 414, 416 and 422 in http.HTTPStatus).
_PHRASES = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    416: "Range Not Satisfiable",
    417: "Expectation Failed",
    421: "Misdirected Request",
    422: "Unprocessable Content",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates",
    507: "Insufficient Storage",
    508: "Loop Detected",
    510: "Not Extended",
    511: "Network Authentication Required",
}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
# A result's own fields, and the names its annotations use.
_RESULT_FIELDS = frozenset({"status_code", "data", "headers", "httpx", "models"})
_HEADER_PARSERS = {"int": "int", "float": "float", "bool": "_transport.parse_bool"}


def plan_client_files(api: Api, root: PurePosixPath, banner: dict[str, str]) -> list[PlannedFile]:
    """The client's files; none for a spec without operations (a schemas-only document)."""
    if not api.operations:
        return []
    validator_modules = _validator_modules(api)
    checked = {o.pointer: o for o in api.validators.operations}
    operations = [
        _operation_context(
            op,
            validator_modules,
            bool(checked[op.pointer].parameters),
            checked[op.pointer].body is not None,
        )
        for op in api.operations
    ]
    groups: dict[str, list[dict[str, Any]]] = {}
    for operation, context in zip(api.operations, operations, strict=True):
        groups.setdefault(operation_group(operation.path), []).append(context)
    package = root / "client" / "_operations"
    files = [
        PlannedFile(root / "errors.py", "errors.py.jinja", _errors_context(api, banner)),
        PlannedFile(root / "retry.py", "retry.py.jinja", {"banner": banner}),
        PlannedFile(root / "results.py", "results.py.jinja", _results_context(groups, banner)),
        PlannedFile(root / "client" / "__init__.py", "client_init.py.jinja", {"banner": banner}),
        PlannedFile(
            root / "client" / "_transport.py", "client_transport.py.jinja", {"banner": banner}
        ),
    ]
    for group, members in groups.items():
        files.append(
            PlannedFile(
                package / f"{identifier(group)}.py",
                "client_group.py.jinja",
                {
                    "banner": banner,
                    "docstring": docstring(
                        "The operations whose paths end in "
                        + ", ".join(sorted({m["path_end"] for m in members}))
                        + ": their requests, results and client methods."
                    ),
                    "operations": members,
                    "imports": _imports(members),
                },
            )
        )
    files.append(
        PlannedFile(
            package / "__init__.py",
            "client_operations_init.py.jinja",
            {"banner": banner, "groups": [identifier(g) for g in sorted(groups)]},
        )
    )
    files += [
        _client_file(api, root, banner, sorted(groups), is_async) for is_async in (False, True)
    ]
    return files


def _client_file(
    api: Api, root: PurePosixPath, banner: dict[str, str], groups: list[str], is_async: bool
) -> PlannedFile:
    name = "AsyncClient" if is_async else "Client"
    doc = (
        f"{'An asynchronous' if is_async else 'A'} client of {api.title or 'the API'}: one "
        "method per operation.\n\n"
        "``base_url`` defaults to the spec's first server. ``timeout`` is seconds or an "
        "``httpx.Timeout`` (default: 10 s to connect, 60 s to read). ``retry`` is a "
        "``RetryPolicy``; ``None``, the default, means every call is tried once. ``auth`` is "
        "any ``httpx.Auth`` (a request signer), ``headers`` go on every request, and "
        f"``http_client`` is an ``httpx.{name}`` to use instead of a new one (its timeout "
        "and auth apply unless given here). Close the client, or use it as a context "
        "manager, to release its connections."
    )
    methods = "AsyncMethods" if is_async else "SyncMethods"
    return PlannedFile(
        root / "client" / ("_async.py" if is_async else "_sync.py"),
        "client_class.py.jinja",
        {
            "banner": banner,
            "is_async": is_async,
            "name": name,
            "http_class": "httpx.AsyncClient" if is_async else "httpx.Client",
            "docstring": docstring(doc, 4),
            "base_url": literal(api.base_url) if api.base_url else None,
            "bases": [f"_operations.{identifier(group)}.{methods}" for group in groups],
        },
    )


def _results_context(
    groups: dict[str, list[dict[str, Any]]], banner: dict[str, str]
) -> dict[str, Any]:
    imports = [
        import_line(f".client._operations.{group}", [m["result_class"] for m in members])
        for group, members in sorted(groups.items())
    ]
    names = sorted(m["result_class"] for members in groups.values() for m in members)
    return {"banner": banner, "imports": imports, "names": [literal(n) for n in names]}


def _validator_modules(api: Api) -> dict[str, str]:
    """Each named schema's validators module (``validate_<module>``), as plan_validators has it."""
    by_pointer = {d.pointer: d.module for d in api.definitions}
    return {
        target.name: by_pointer.get(schema_pointer(target.name)) or module_name(target.name)
        for target in api.validators.targets
        if target.name is not None
    }


def _errors_context(api: Api, banner: dict[str, str]) -> dict[str, Any]:
    declared = {
        int(r.status)
        for op in api.operations
        for r in op.failures
        if r.status.isdigit() and int(r.status) >= 400
    }
    errors = []
    for status in sorted(declared | set(_COMMON_STATUSES)):
        phrase = _PHRASES.get(status, f"Status {status}")
        name = "".join(w[:1].upper() + w[1:].lower() for w in re.findall(r"[A-Za-z0-9]+", phrase))
        name = name if name.endswith("Error") else name + "Error"
        if name in RESERVED_CLASSES:  # NotImplementedError is a builtin
            name = "Http" + name
        errors.append(
            {
                "status": status,
                "name": identifier(name),
                "phrase": phrase,
                "base": "ClientError" if status < 500 else "ServerError",
            }
        )
    return {"banner": banner, "status_errors": errors}


def _operation_context(
    op: Operation, validator_modules: dict[str, str], parameters_checked: bool, inline_body: bool
) -> dict[str, Any]:
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
    return {
        "path_end": comment(path_end(op.path) or "/"),
        "prepare_doc": docstring(
            f"The request of {op.operation_id}, checked against the spec (``InvalidRequest`` "
            "if it breaks it).",
            4,
        ),
        "read_doc": docstring(
            f"The result of {op.operation_id} from its response, or the ``ApiError`` for it.", 4
        ),
        "name": name,
        "prepare": identifier("_prepare_" + op.python_name),
        "read": identifier("_read_" + op.python_name),
        "errors_constant": identifier(f"_{op.python_name.upper()}_ERRORS"),
        "signature": signature,
        "call": call,
        "result_class": result,
        "docstring": docstring(_method_doc(op, result), 8),
        "result_doc": docstring(_result_doc(op), 4),
        "prepare_lines": _prepare_lines(
            op, path_params, validator_modules, parameters_checked, inline_body
        ),
        "successes": _successes(op),
        "data_annotation": _data_annotation(op),
        "result_headers": _result_headers(op),
        "error_bodies": [
            (
                (literal(r.status), f"{Q}{identifier(r.type.name)}.from_dict")
                if isinstance(r.type, ModelRef)
                else (literal(r.status), "None")
            )
            for r in op.failures
        ],
        "operation": literal(op.operation_id),
        "request_id": literal(op.request_id),
    }


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
) -> list[str]:
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
        elif p.location in ("header", "cookie"):
            lines.append(f"request.{p.location}({literal(p.name)}, {name})")
    return lines


def _path_expression(path: str, path_params: list[Parameter]) -> str:
    by_name = {p.name: identifier(p.python_name) for p in path_params}
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(path):
        if match.group(1) not in by_name:
            continue
        if match.start() > position:
            parts.append(literal(_fixed_path(path[position : match.start()])))
        parts.append(f"_transport.path_segment({by_name[match.group(1)]})")
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


def _successes(op: Operation) -> list[dict[str, Any]]:
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
        branches.append({"condition": condition, "parse": parse, "data": data})
    return branches


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


def _result_headers(op: Operation) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
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
            seen[name] = {
                "name": identifier(name),
                "annotation": f"{kind} | None",
                "value": f"_transport.parse_header({get}, {parser})" if parser else get,
                "doc": docstring(
                    " ".join((header.description or f"The {header.name} header.").split()), 4
                ),
            }
    return list(seen.values())


def _header_kind(type_ref: TypeRef) -> str:
    if isinstance(type_ref, Nullable):
        type_ref = type_ref.inner
    if isinstance(type_ref, Scalar) and type_ref.kind in _HEADER_PARSERS:
        return type_ref.kind
    return "str"


def _method_doc(op: Operation, result_class: str) -> str:
    parts = [op.summary or op.operation_id]
    if op.description and op.description.strip() != (op.summary or "").strip():
        parts.append(op.description)
    if op.deprecated:
        parts.append("Deprecated: the spec marks this operation as deprecated.")
    arguments = []
    if op.body is not None:
        arguments.append((BODY, op.body.description or "The request body."))
    arguments += [
        (p.python_name, p.description or f"The {p.name} {p.location} parameter.")
        for p in op.parameters
    ]
    if arguments:
        parts.append(
            "Args:\n" + "\n".join(f"- ``{n}``: {' '.join(text.split())}" for n, text in arguments)
        )
    parts.append(
        f"Returns a ``{result_class}``. Raises ``InvalidRequest`` (nothing sent) when an "
        "argument breaks the spec, an ``ApiError`` subclass for an error status, and "
        "``TransportError`` when no response came."
    )
    return "\n\n".join(parts)


def _result_doc(op: Operation) -> str:
    described = [r.description for r in _success_responses(op) if r.description]
    text = f"What {op.operation_id} returns"
    return text + (": " + " ".join(described[0].split()) if described else ".")


def _imports(operations: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The imports a group module needs beside its fixed ones, from the code it holds:
    standard library first, then the package's own, as isort orders them."""
    pieces: list[str] = []
    for op in operations:
        pieces += [op["data_annotation"], *(h["annotation"] for h in op["result_headers"])]
        pieces += op["signature"] + op["prepare_lines"]
        pieces += [b["data"] for b in op["successes"]]
        pieces += [parse for _, parse in op["error_bodies"]]
    code = " ".join(pieces)
    standard: list[str] = []
    names = [n for n in ("date", "datetime") if mentions(code, n)]
    if names:
        standard.append(import_line("datetime", names))
    if mentions(code, "Any"):
        standard.append("from typing import Any")
    local: list[str] = []
    modules = [n for n in ("models", "validators") if mentions(code, n)]
    if modules:
        local.append(f"from ... import {', '.join(modules)}")
    runtime = [n for n in RUNTIME_NAMES if mentions(code, n)]
    if runtime:
        local.append(import_line("..._runtime", runtime))
    return {"standard": standard, "local": local}
