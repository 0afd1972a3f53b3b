"""Stage 2: check the document against the OpenAPI schema, every error at once."""

from __future__ import annotations

from typing import Any

from jsonschema.exceptions import ValidationError
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from referencing.exceptions import Unresolvable

from generator.errors import Problem, join_pointer
from generator.load import Document

_MAX_MESSAGE = 240


def validate_document(document: Document, skip_refs: bool = False) -> list[Problem]:
    """Problems with ``document`` as an OpenAPI 3.0 or 3.1 description.

    ``skip_refs`` is set when the resolver already reported dangling references: the validator
    stops at the first one it meets, so its remaining findings are kept and that one dropped.
    """
    data = document.data
    if not isinstance(data, dict):
        return [document.problem("", "the spec must be a mapping at the top level")]
    version = data.get("openapi")
    if not isinstance(version, str):
        if "swagger" in data:
            return [document.problem("/swagger", "Swagger 2.0 is not supported: convert to OpenAPI 3")]
        return [document.problem("", "missing 'openapi' version field")]
    if version.startswith("3.0."):
        validator: Any = OpenAPIV30SpecValidator(data)
    elif version.startswith("3.1."):
        validator = OpenAPIV31SpecValidator(data)
    else:
        return [document.problem("/openapi", f"unsupported OpenAPI version {version!r}")]
    problems: list[Problem] = []
    try:
        for error in validator.iter_errors():
            problems.append(_to_problem(document, error))
    except Unresolvable as exc:
        if not skip_refs:
            problems.append(document.problem("", f"unresolvable reference: {exc}"))
    except RecursionError:
        problems.append(document.problem("", "the spec is nested too deeply to validate"))
    return problems


def _to_problem(document: Document, error: ValidationError) -> Problem:
    # A failed oneOf (schema or reference?) hides the useful message in its context: the deepest
    # branch error is the one that names the offending keyword.
    specific = error
    while specific.context:
        specific = max(specific.context, key=lambda e: len(e.absolute_path))
    pointer = join_pointer("", *specific.absolute_path)
    message = specific.message
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 3] + "..."
    return document.problem(pointer, message)
