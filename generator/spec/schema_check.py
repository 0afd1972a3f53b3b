"""openapi-spec-validator's validators, with the first of their two passes answered by
jsonschema-rs when the document is valid.

openapi-spec-validator checks a document against the OpenAPI JSON Schema, then runs its own
checks of each operation, parameter and schema. The first pass took 2.7 s of Stripe's spec in
jsonschema; jsonschema-rs says whether the same document is valid in 20 ms. So it is asked
first, and jsonschema (whose errors carry the paths, keywords and failed branches that
``validate.py`` reads) only for a document jsonschema-rs finds invalid or cannot read (a key
that is not a string), or where jsonschema-rs is not installed: the findings are the same.
Only its "valid" is trusted, since it may be stricter (Rust's regex ``$`` does not match
before a final newline, Python's does); ``tests/unit/spec/test_schema_check.py`` holds every
document and schema it calls valid to being valid to jsonschema.

The second pass checks each schema object against its dialect's metaschema (draft 4's for
OpenAPI 3.0, the OpenAPI dialect's for 3.1), one jsonschema run per schema: 1.5 s of Stripe's
2,100 schemas. It is answered the same way, with the metaschema's formats (``regex``: does
Python's ``re`` compile the pattern) checked by the very functions jsonschema would call.

The validators are made here rather than taken from openapi-spec-validator, which would
itself use jsonschema-rs once it is installed (its "auto" backend), with errors that lack
those details.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from importlib import import_module
from typing import Any, cast

from jsonschema import FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import validator_for
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v30, schema_v31

try:  # openapi-spec-validator 0.9's schema keyword validators, whose checkers are answered below
    from openapi_spec_validator.validation.keywords import (
        OpenAPIV30SchemaValidator,
        OpenAPIV31SchemaValidator,
    )
except ImportError:  # an older one (the range allows 0.7): its own checkers, jsonschema alone
    OpenAPIV30SchemaValidator = OpenAPIV31SchemaValidator = None  # type: ignore[assignment,misc]

fast_validator_for: Any
try:
    from jsonschema_rs import validator_for as fast_validator_for
except ImportError:  # a platform without its wheel: jsonschema answers alone
    fast_validator_for = None


class PrecheckedValidator:
    """A jsonschema validator for ``schema`` that jsonschema-rs answers for when the instance
    is valid."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.detailed = validator_for(schema)(schema)  # as openapi-spec-validator makes it
        self.fast: Any = None if fast_validator_for is None else fast_validator_for(schema)

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if _valid_to(self.fast, instance):
            return iter(())
        return self.detailed.iter_errors(instance)


def _valid_to(fast: Any, instance: Any) -> bool:
    """Whether jsonschema-rs's validator ``fast`` (None: none) calls ``instance`` valid; what
    it cannot read (a key that is not a string, a date) is not, and goes to jsonschema."""
    if fast is None:
        return False
    try:
        return bool(fast.is_valid(instance))
    except Exception:  # noqa: BLE001 - any failure of its own leaves the answer to jsonschema
        return False


def prechecked(checker: Callable[[Any], None]) -> Callable[[Any], None]:
    """A schema checker of openapi-spec-validator (a jsonschema validator class's
    ``check_schema``, its format checker maybe given), answered by jsonschema-rs when the schema
    is valid; any other checker as it is."""
    fast = _fast_metaschema(checker)
    if fast is None:
        return checker

    def check(schema: Any) -> None:
        if not _valid_to(fast, schema):
            checker(schema)

    return check


# The fast validators made so far, by the jsonschema class and format checkers they stand for
# (the checkers kept alive beside their ids).
_FAST_METASCHEMAS: dict[tuple[type, tuple[int, ...]], tuple[Any, object]] = {}


def _fast_metaschema(checker: Callable[[Any], None]) -> Any:
    """jsonschema-rs's validator for the metaschema ``checker`` checks against, with the same
    format checks; None for a checker it cannot stand for."""
    if fast_validator_for is None:
        return None
    keywords: dict[str, Any] = {}
    function: Any = checker
    if isinstance(function, partial):
        if function.args or set(function.keywords) - {"format_checker"}:
            return None
        keywords, function = function.keywords, function.func
    owner = getattr(function, "__self__", None)
    if not isinstance(owner, type) or function != getattr(owner, "check_schema", None):
        return None
    cls: Any = owner
    metaschema = getattr(cls, "META_SCHEMA", None)
    if not isinstance(metaschema, dict):
        return None
    if "format_checker" in keywords:
        candidates = [keywords["format_checker"]]
    else:
        # The one check_schema takes when given none: the class's own (openapi-schema-validator
        # 0.9 replaces check_schema so) or its metaschema's (jsonschema's). A format passes only
        # if both pass it, so the fast answer is never "valid" where the one taken says not.
        candidates = [cls.FORMAT_CHECKER, validator_for(metaschema, default=cls).FORMAT_CHECKER]
    formats = [candidate for candidate in candidates if candidate is not None]
    key = (cls, tuple(id(candidate) for candidate in formats))
    if key not in _FAST_METASCHEMAS:
        try:
            fast = fast_validator_for(
                metaschema,
                formats=_format_functions(formats),
                validate_formats=True,
                retriever=_metaschema_part,  # where every reference out goes: no network
            )
        except Exception:  # noqa: BLE001 - a metaschema it cannot build: jsonschema's alone
            fast = None
        _FAST_METASCHEMAS[key] = (fast, formats)
    return _FAST_METASCHEMAS[key][0]


def _format_functions(formats: list[FormatChecker]) -> dict[str, Callable[[Any], bool]]:
    """Each format the checkers know, as a function jsonschema-rs calls: jsonschema's own."""
    names = {name for checker in formats for name in checker.checkers}
    return {name: partial(_conforms, formats, name) for name in sorted(names)}


def _conforms(formats: list[FormatChecker], name: str, value: Any) -> bool:
    return all(checker.conforms(value, name) for checker in formats)


def _metaschema_part(uri: str) -> Any:
    """A metaschema's reference to another (the OpenAPI dialect's vocabulary): from the
    documents openapi-schema-validator ships and checks against; never the network. Its
    registry is not public: where it is missing, building the fast validator fails and
    jsonschema answers alone."""
    registry = import_module("openapi_schema_validator._specifications").REGISTRY
    return registry.contents(uri)


def _prechecking(base: Any) -> dict[str, Any]:
    """A spec validator's keyword validators with its schema one answering through
    ``prechecked`` (unchanged where the keyword validator is not known)."""
    keywords = dict(base.keyword_validators)
    schemas = keywords.get("schema")
    if schemas is None or schemas not in (OpenAPIV30SchemaValidator, OpenAPIV31SchemaValidator):
        return keywords

    class Schemas(schemas):  # type: ignore[misc,valid-type]
        def _get_schema_checker(self, schema: Any, schema_value: Any) -> Callable[[Any], None]:
            return prechecked(super()._get_schema_checker(schema, schema_value))

    keywords["schema"] = Schemas
    return keywords


class OpenAPIV30Validator(OpenAPIV30SpecValidator):
    schema_validator = cast(Any, PrecheckedValidator(dict(schema_v30)))
    keyword_validators = _prechecking(OpenAPIV30SpecValidator)


class OpenAPIV31Validator(OpenAPIV31SpecValidator):
    schema_validator = cast(Any, PrecheckedValidator(dict(schema_v31)))
    keyword_validators = _prechecking(OpenAPIV31SpecValidator)
