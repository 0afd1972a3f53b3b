"""What openapi-spec-validator's findings mean here: how bad, where, and in JSON's words.

A finding is an error only when it changes the code we would generate. One about an annotation
(a description that is not a string, a ``default`` or ``example`` that breaks its own schema, a
duplicate tag) is a warning: the code is the same either way. Values are spelled as the spec's
author wrote them, in JSON (``null``, ``true``), never as Python reprs.
"""

from __future__ import annotations

import ast
import json
import re
from typing import TYPE_CHECKING, Any

from generator.errors import Severity, escape_pointer_token, join_pointer, unescape_pointer_token
from generator.spec.shape import name_positions

if TYPE_CHECKING:  # the validator's process imports jsonschema; the stages need not
    from jsonschema.exceptions import ValidationError

# Keywords whose values change no generated code beyond a docstring.
ANNOTATIONS = frozenset(
    {"title", "description", "summary", "default", "example", "examples", "deprecated"}
    | {"externalDocs", "xml", "$comment", "contact", "license", "termsOfService", "tags"}
)
_MAX_VALUE = 80
REPEATED_REQUIRED = "required lists a property more than once; each is required once"
RECURSIVE_ANCHOR = (
    "$recursiveAnchor: true is draft 2019-09's, not OpenAPI 3.1's (a string); read as 2019-09 "
    "means it, with the $recursiveRefs inside this schema"
)


def severity_of(pointer: str) -> Severity:
    """A warning when ``pointer`` lies under an annotation keyword, else an error."""
    under_annotation = any(
        token in ANNOTATIONS for token, is_name in name_positions(pointer) if not is_name
    )
    return "warning" if under_annotation else "error"


def json_text(value: Any) -> str:
    """``value`` as JSON, shortened to a readable length."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    except (TypeError, ValueError):
        text = json.dumps(str(value), ensure_ascii=False)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 3] + "..."


def json_message(error: ValidationError) -> str:
    """The finding's message with its values in JSON: ``null is not of type "object"``."""
    instance: Any = error.instance
    expected: Any = error.validator_value
    kind = error.validator
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        return f"{json_text(instance)} is not of type {', '.join(json_text(n) for n in names)}"
    if kind == "enum":
        return f"{json_text(instance)} is not one of {json_text(expected)}"
    if kind == "const":
        return f"{json_text(instance)} is not {json_text(expected)}"
    if kind == "required":
        found = re.match(r"^'(.*)' is a required property$", error.message)
        name = found.group(1) if found else error.message
        return f"{json_text(name)} is a required property"
    shown = repr(instance)
    message: str = error.message
    return message.replace(shown, json_text(instance), 1) if shown in message else message


def judge(error: ValidationError, pointer: str) -> tuple[str, str, Severity] | None:
    """The pointer, message and severity of a located finding; None where a later stage says
    it better (the rules stage reads 3.0 spellings, ECMA-262 patterns and empty enums)."""
    judged = _judge(error, pointer)
    if judged is None:
        return None
    message, severity = judged
    if error.validator == "pattern" and _is_component_map(pointer):
        pointer = join_pointer(pointer, str(error.instance))
    return pointer, message, severity


def _is_component_map(pointer: str) -> bool:
    return pointer.startswith("/components/") and pointer.count("/") == 2


def _judge(error: ValidationError, pointer: str) -> tuple[str, Severity] | None:
    kind = error.validator
    last = unescape_pointer_token(pointer.rsplit("/", 1)[-1])
    if kind == "format" and error.validator_value == "regex":
        return None  # checked with Python's re, which is not the dialect patterns are written in
    if last in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(error.instance, bool):
        return None
    if last == "enum" and kind == "minItems":
        return None
    if last == "parameters" and kind == "uniqueItems":
        return None  # the same parameter twice: reported, at the second, as declared twice
    if last == "required" and kind == "uniqueItems":
        return REPEATED_REQUIRED, "warning"
    if last == "$recursiveAnchor" and error.instance is True:
        # OpenAPI 3.1's dialect (2020-12) takes a string here; true is draft 2019-09's
        # spelling, which the resolver reads (with $recursiveRef), so no code changes.
        return RECURSIVE_ANCHOR, "warning"
    unexpected = _unexpected_names(error)
    if last == "responses" and unexpected and all(_LOWER_RANGE.fullmatch(n) for n in unexpected):
        codes = ", ".join(json_text(n) for n in unexpected)
        return f"response codes in lower case ({codes}) are read in upper case", "warning"
    if kind == "pattern" and _is_component_map(pointer):
        return (
            f"the component name {json_text(error.instance)} has characters OpenAPI does not "
            "allow in names; Python names are made from its words",
            "warning",
        )
    if kind == "required" and "'description' is a required property" in error.message:
        return "no description: the generated code is documented without one", "warning"
    if unexpected:
        return f"unexpected properties: {', '.join(json_text(n) for n in unexpected)}", severity_of(
            pointer
        )
    return json_message(error), severity_of(pointer)


_LOWER_RANGE = re.compile(r"[1-5]xx")
_UNEXPECTED = re.compile(
    r"\((.*) (?:was|were) unexpected\)$|^(.*) (?:does|do) not match any of the regexes: "
)


def _unexpected_names(error: ValidationError) -> list[str]:
    """The names an additionalProperties or unevaluatedProperties finding refuses."""
    if error.validator not in ("additionalProperties", "unevaluatedProperties"):
        return []
    found = _UNEXPECTED.search(error.message)
    if not found:
        return []
    try:
        names = ast.literal_eval(f"[{found.group(1) or found.group(2)}]")
    except (ValueError, SyntaxError):
        return []
    return [str(n) for n in names]


# openapi-spec-validator's findings about paths and operations carry no path; their messages
# name what they concern, so they are located in the document from that.
_DUPLICATE_ID = re.compile(r"^Operation ID '(.*)' for '(\w+)' in '(.*)' is not unique$")
_UNRESOLVED = re.compile(
    r"^Path parameter '(.*)' for '(\w+)' operation in '(.*)' was not resolved$"
)
_DUPLICATE_PARAMETER = re.compile(r"^Duplicate parameter '(.*)'$")
_DUPLICATE_TAG = re.compile(r"^Duplicate tag name '(.*)'$")


def locate_by_message(data: Any, message: str) -> tuple[str, str, Severity] | None:
    """(pointer, message, severity) for a path-less finding this module knows, else None."""
    found = _DUPLICATE_ID.match(message)
    if found:
        operation_id, method, url = found.groups()
        pointer = join_pointer("/paths", url, method, "operationId")
        return pointer, f"operationId {json_text(operation_id)} is used twice", "error"
    found = _UNRESOLVED.match(message)
    if found:
        return _unresolved_parameter(data, *found.groups())
    found = _DUPLICATE_PARAMETER.match(message)
    if found:
        repeated = _duplicate_parameter(data, found.group(1))
        if repeated is not None:
            return repeated, f"parameter {json_text(found.group(1))} is declared twice", "error"
    found = _DUPLICATE_TAG.match(message)
    if found:
        tags = _get(data, "tags")
        names = (
            [t.get("name") for t in tags if isinstance(t, dict)] if isinstance(tags, list) else []
        )
        index = _second_index(names, found.group(1))
        pointer = "/tags" if index is None else f"/tags/{index}"
        return pointer, f"tag {json_text(found.group(1))} is declared twice", "warning"
    return None


def _unresolved_parameter(data: Any, name: str, method: str, url: str) -> tuple[str, str, Severity]:
    path_item = _get(data, "paths", url)
    operation = _get(path_item, method)
    for owner, pointer in ((operation, ("/paths", url, method)), (path_item, ("/paths", url))):
        for index, parameter in enumerate(_get(owner, "parameters") or ()):
            if (
                isinstance(parameter, dict)
                and parameter.get("in") == "path"
                and parameter.get("name") == name
            ):
                return (
                    join_pointer(*pointer, "parameters", index),
                    f"path parameter {json_text(name)} does not appear in the path "
                    f"{json_text(url)}",
                    "error",
                )
    return (
        join_pointer("/paths", url),
        f"{{{name}}} in the path has no path parameter declared for {method.upper()}",
        "error",
    )


def _duplicate_parameter(data: Any, name: str) -> str | None:
    """The pointer of the second parameter named ``name`` in one list, the first such list."""
    paths = _get(data, "paths") or {}
    for url, path_item in paths.items() if isinstance(paths, dict) else ():
        owners: list[tuple[Any, tuple[str, ...]]] = [(path_item, (url,))]
        if isinstance(path_item, dict):
            owners += [(v, (url, k)) for k, v in path_item.items() if isinstance(v, dict)]
        for owner, tokens in owners:
            parameters = _get(owner, "parameters")
            if not isinstance(parameters, list):
                continue
            keys = [
                (p.get("name"), p.get("in")) if isinstance(p, dict) else None for p in parameters
            ]
            for index, key in enumerate(keys):
                if key is not None and key[0] == name and key in keys[:index]:
                    prefix = "/paths" + "".join("/" + escape_pointer_token(t) for t in tokens)
                    return f"{prefix}/parameters/{index}"
    return None


def _second_index(values: list[Any], value: Any) -> int | None:
    seen = False
    for index, item in enumerate(values):
        if item == value:
            if seen:
                return index
            seen = True
    return None


def _get(node: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node
