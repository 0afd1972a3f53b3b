"""openapi-spec-validator's validators, with the first of their two passes answered by
jsonschema-rs when the document is valid.

openapi-spec-validator checks a document against the OpenAPI JSON Schema, then runs its own
checks of each operation, parameter and schema. The first pass took 2.7 s of Stripe's spec in
jsonschema; jsonschema-rs says whether the same document is valid in 20 ms. So it is asked
first, and jsonschema (whose errors carry the paths, keywords and failed branches that
``validate.py`` reads) only for a document jsonschema-rs finds invalid or cannot read (a key
that is not a string), or where jsonschema-rs is not installed: the findings are the same.
``tests/unit/spec/test_schema_check.py`` holds the two to agreeing on which documents are valid.

The validators are made here rather than taken from openapi-spec-validator, which would
itself use jsonschema-rs once it is installed (its "auto" backend), with errors that lack
those details.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from jsonschema.exceptions import ValidationError
from jsonschema.validators import validator_for
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v30, schema_v31

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
        if self.fast is not None:
            try:
                if self.fast.is_valid(instance):
                    return iter(())
            except Exception:  # noqa: BLE001 - what it cannot read, jsonschema judges
                pass
        return self.detailed.iter_errors(instance)


class OpenAPIV30Validator(OpenAPIV30SpecValidator):
    schema_validator = cast(Any, PrecheckedValidator(dict(schema_v30)))


class OpenAPIV31Validator(OpenAPIV31SpecValidator):
    schema_validator = cast(Any, PrecheckedValidator(dict(schema_v31)))
