"""Stage 2: check the document against the OpenAPI schema, every error at once."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from typing import Any

from jsonschema.exceptions import ValidationError
from referencing.exceptions import Unresolvable

from generator.errors import Problem, Severity, join_pointer
from generator.spec.findings import judge, locate_by_message
from generator.spec.load import Document
from generator.spec.schema_check import OpenAPIV30Validator, OpenAPIV31Validator
from generator.spec.shape import data_refs

_MAX_MESSAGE = 240


def validate_document(document: Document, skip_refs: bool = False) -> list[Problem]:
    """Problems with ``document`` as an OpenAPI 3.0 or 3.1 description.

    ``skip_refs`` is set when the resolver already reported dangling references: the validator
    stops at the first one it meets, so its remaining findings are kept and that one dropped.
    """
    always, unless_refs_reported = find_problems(document)
    return always if skip_refs else always + unless_refs_reported


# The validator's findings: those it always reports, then the one it reports only when the
# resolver did not (where it stopped on a reference), so the choice can come after the run.
Findings = tuple[list[Problem], list[Problem]]


def find_problems(document: Document) -> Findings:
    """``validate_document``'s problems, before knowing whether the resolver reported
    dangling references."""
    data = document.data
    if not isinstance(data, dict):
        return [document.problem("", "the spec must be a mapping at the top level")], []
    version = data.get("openapi")
    if not isinstance(version, str):
        if "swagger" in data:
            swagger = "Swagger 2.0 is not supported: convert to OpenAPI 3"
            return [document.problem("/swagger", swagger)], []
        return [document.problem("", "missing 'openapi' version field")], []
    checked = _with_data_refs_renamed(data)
    if version.startswith("3.0."):
        validator: Any = OpenAPIV30Validator(checked)
    elif version.startswith("3.1."):
        validator = OpenAPIV31Validator(checked)
    else:
        return [document.problem("/openapi", f"unsupported OpenAPI version {version!r}")], []
    problems: list[Problem] = []
    stopped: list[Problem] = []
    locator = _Locator(data)
    try:
        for error in validator.iter_errors():
            problem = _to_problem(document, error, locator)
            if problem is not None:
                problems.append(problem)
    except Unresolvable as exc:
        stopped.append(document.problem("", f"unresolvable reference: {exc}"))
    except RecursionError:
        # A reference cycle, when the resolver reported it, sends the validator round.
        stopped.append(document.problem("", "the spec is nested too deeply to validate"))
    except Exception as exc:  # noqa: BLE001 - the validator's own bugs must not become tracebacks
        # openapi-spec-validator indexes some objects before checking them (a parameter
        # without "name" raises KeyError): report what it tripped on and keep what it found.
        problems.append(
            document.problem("", f"openapi-spec-validator stopped: {type(exc).__name__}: {exc}")
        )
    return problems, stopped


def _with_data_refs_renamed(data: Any) -> Any:
    """``data`` with each ``$ref`` inside instance data (an example, a default) renamed, so that
    the validator, which follows every ``$ref`` it meets, reads them as the values they are.

    Copied only along the paths that change: the rest stays the same objects, which the
    locator finds by identity.
    """
    paths = data_refs(data)
    if not paths:
        return data
    copied: set[int] = set()

    def own(container: Any) -> Any:
        copy = dict(container) if isinstance(container, dict) else list(container)
        copied.add(id(copy))
        return copy

    root = own(data)
    for path in paths:
        node = root
        for token in path:
            child = node[token]
            if id(child) not in copied:
                child = node[token] = own(child)
            node = child
        node[_RENAMED_REF] = node.pop("$ref")
    return root


# Not a keyword anywhere, so the validator reads it as any other property name.
_RENAMED_REF = "$ref (as data)"


def _to_problem(document: Document, error: ValidationError, locator: _Locator) -> Problem | None:
    """The finding as a located problem; None when a later stage reports it better."""
    if not error.absolute_path and not error.context:
        located = locate_by_message(document.data, error.message)
        if located is not None:
            pointer, message, severity = located
            return _problem(document, pointer, message, severity)
        extra = _EXTRA_REQUIRED.match(error.message)
        if extra:
            pointer = locator.required_listing(extra.group(1))
            return _problem(document, pointer, _UNDECLARED_REQUIRED, "warning")
    # A failed oneOf (schema or reference?) hides the useful message in its context: the deepest
    # branch error is the one that names the offending keyword.
    specific = error
    while specific.context:
        specific = max(specific.context, key=_telling)
    schemas = []
    ancestor: Any = specific
    while ancestor is not None:
        schemas.append(ancestor.schema)
        ancestor = ancestor.parent
    if specific.validator == "format" and specific.validator_value == "regex":
        return None  # read with Python's re; the rules stage reads ECMA-262 and says what it cannot
    pointer = locator.locate(list(specific.absolute_path), specific.instance, schemas)
    judged = judge(specific, pointer)
    if judged is None:
        return None
    return _problem(document, *judged)


def _telling(error: ValidationError) -> tuple[int, bool]:
    """How much a branch's error says: the deepest, and not "$ref is required" (the reference
    branch of every "X or Reference" choice) when another branch says more."""
    return len(error.absolute_path), not (
        error.validator == "required" and error.validator_value == ["$ref"]
    )


def _problem(document: Document, pointer: str, message: str, severity: Severity) -> Problem:
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 3] + "..."
    found = document.problem(pointer, message)
    return replace(found, severity=severity)


_EXTRA_REQUIRED = re.compile(r"^Required list has not defined properties: (\[.*\])$")
_UNDECLARED_REQUIRED = (
    "required names properties that no branch of allOf declares: they must be present, "
    "of any type"
)


class _Locator:
    """The document pointer of an error's instance.

    The 3.1 validator checks each schema object on its own, so its errors carry paths relative
    to that schema; the schema is then found by walking the document for the path's end.
    """

    def __init__(self, data: Any) -> None:
        self.data = data
        self._nodes: list[tuple[str, Any]] | None = None

    def locate(self, path: list[str | int], instance: Any, schemas: list[Any]) -> str:
        pointer = join_pointer("", *path)
        if _follow(self.data, path) is instance:
            return pointer
        for base, node in self._containers():
            found = _follow(node, path)
            if found is not _MISSING and (found is instance or _same(found, instance)):
                return join_pointer(base, *path)
        # A schema's default checked against the schema itself: the error has no path, but the
        # schema it was checked against (or one enclosing it) is a node of the document.
        owners = [
            s for s in schemas if isinstance(s, dict) and s.get("default", _MISSING) == instance
        ]
        for schema in owners if not path else ():
            for base, node in self._containers():
                if node is schema:
                    return join_pointer(base, "default")
        return pointer

    def required_listing(self, names_text: str) -> str:
        """The ``required`` of the first schema with ``allOf`` that lists every name given."""
        try:
            names = ast.literal_eval(names_text)
        except (ValueError, SyntaxError):
            return ""
        for base, node in self._containers():
            listed = node.get("required") if isinstance(node, dict) else None
            if "allOf" in node and isinstance(listed, list) and set(names) <= set(listed):
                return join_pointer(base, "required")
        return ""

    def _containers(self) -> list[tuple[str, Any]]:
        if self._nodes is None:
            self._nodes = []
            stack: list[tuple[str, Any]] = [("", self.data)]
            while stack:
                pointer, node = stack.pop()
                if isinstance(node, dict):
                    self._nodes.append((pointer, node))
                    stack.extend((join_pointer(pointer, k), v) for k, v in reversed(node.items()))
                elif isinstance(node, list):
                    self._nodes.append((pointer, node))
                    stack.extend(
                        (join_pointer(pointer, i), v) for i, v in reversed(list(enumerate(node)))
                    )
        return self._nodes


_MISSING = object()


def _follow(node: Any, path: list[str | int]) -> Any:
    for token in path:
        if isinstance(node, dict):
            if token not in node:
                return _MISSING
            node = node[token]
        elif isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
            node = node[token]
        else:
            return _MISSING
    return node


def _same(a: Any, b: Any) -> bool:
    """Scalars compare by value; containers only by identity (an empty list is everywhere)."""
    return not isinstance(a, dict | list) and type(a) is type(b) and a == b
