"""The independent side of the agreement tests: openapi-schema-validator, and inputs for it.

``Oracle`` wraps openapi-schema-validator (OAS 3.0 or 3.1 validator, with format checking by
jsonschema's 2020-12 checkers plus OpenAPI's own; ``regress`` installed, so ``pattern`` is
ECMA-262 there too). ``json_schema`` turns a named schema into a self-contained JSON Schema that
hypothesis-jsonschema can draw valid instances from, and ``mutations`` breaks them.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import hypothesis.strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend
from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30Validator,
    OAS30WriteValidator,
    OAS31Validator,
)
from openapi_schema_validator._format import oas30_format_checker, oas31_format_checker

from tests.validators.oracle_access import access_made_plain


def oracle_is_laxer(fmt: str, value: object) -> bool:
    """Where the oracle's format checks are laxer than the RFCs the generated validators follow
    (the README lists these): jsonschema takes any string with an '@' as an email, and the
    regexes of rfc3339-validator and rfc3987 end in '$', which also matches before a final
    newline."""
    if not isinstance(value, str):
        return False
    return (fmt == "email" and "@" in value) or value.endswith("\n")


_ANNOTATIONS = {
    "description",
    "title",
    "example",
    "examples",
    "xml",
    "externalDocs",
    "deprecated",
    "discriminator",
    "readOnly",
    "writeOnly",
}
_SUBSCHEMA = {"items", "additionalProperties", "not", "if", "then", "else", "contains"}
_SUBSCHEMA |= {"propertyNames"}
_SUBSCHEMA_MAPS = {"properties", "patternProperties", "dependentSchemas"}
_SUBSCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_OAS_FORMATS = {"int32", "int64", "float", "double", "byte", "binary", "password"}
_STRING_FORMATS = {"date-time", "date", "time", "email", "ipv4", "ipv6", "uri", "uri-reference"}
_STRING_FORMATS |= {"hostname", "uuid", "byte"}


def float_division_errors(errors: list[ValidationError]) -> list[ValidationError]:
    """Errors the oracle makes by dividing floats for a fractional multipleOf (to it 3 is not
    a multiple of 0.1); the generated validators decide exactly, as the JSON text reads."""
    return [
        error
        for error in errors
        if error.validator == "multipleOf" and not float(error.validator_value).is_integer()
    ]


def pointer(error: ValidationError) -> str:
    return "".join(
        "/" + str(part).replace("~", "~0").replace("/", "~1") for part in error.absolute_path
    )


def all_pointers(errors: list[ValidationError]) -> set[str]:
    """Pointers of the errors and of everything under them (a oneOf's reasons, say)."""
    found: set[str] = set()
    stack = list(errors)
    while stack:
        error = stack.pop()
        found.add(pointer(error))
        stack.extend(error.context or ())
    return found


class Oracle:
    def __init__(self, document: dict[str, Any]) -> None:
        self.dialect = "3.0" if str(document["openapi"]).startswith("3.0") else "3.1"
        document = document if self.dialect == "3.0" else read_as_meant(document)
        self.document = access_made_plain(document)
        checker = FormatChecker()
        checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
        own = oas30_format_checker if self.dialect == "3.0" else oas31_format_checker
        # Only OpenAPI's own formats: its checkers are built from every format jsonschema has
        # ever registered, where 'time' is draft 3's (no offset allowed).
        checker.checkers.update({k: v for k, v in own.checkers.items() if k in _OAS_FORMATS})
        if "byte" in checker.checkers:
            # Its byte check raises UnicodeEncodeError on non-ASCII text instead of failing it.
            func, raises = checker.checkers["byte"]
            checker.checkers["byte"] = (_ascii_or_false(func), raises)
        self.format_checker = checker

    def errors(self, name: str, data: Any, direction: str | None = None) -> list[ValidationError]:
        return self.errors_at(f"/components/schemas/{name}", data, direction)

    def errors_at(
        self, where: str, data: Any, direction: str | None = None
    ) -> list[ValidationError]:
        """The errors of the schema at JSON pointer ``where`` in the document."""
        if self.dialect == "3.1":
            cls: Any = _OAS31_DIRECTIONS.get(direction, OAS31Validator)
        else:
            cls = {None: OAS30Validator, "request": OAS30WriteValidator}.get(
                direction, OAS30ReadValidator
            )
        # The document is the root resource, so "#/components/..." resolves inside it; a
        # schema with only a $ref (3.0) or unknown sibling keywords (3.1) is that reference.
        root = dict(self.document)
        root["$ref"] = "#" + where
        try:
            return list(cls(root, format_checker=self.format_checker).iter_errors(data))
        except TypeError:
            # openapi-schema-validator looks an unhashable discriminator value up in the
            # mapping and crashes; without the discriminator it is a plain oneOf, which is
            # what the generated validators decide by too.
            root = _without_discriminators(root)
            return list(cls(root, format_checker=self.format_checker).iter_errors(data))


# openapi-schema-validator has request and response validators for 3.0 only. For 3.1 its 3.1
# validator is given the 3.0 ones' own read/write keywords, so that a direction means to it
# what it means in 3.0 (and to the generated validators in both): in a request a read-only
# property is refused and excused from required, in a response a write-only one.
_OAS31_DIRECTIONS: dict[str | None, Any] = {
    direction: extend(
        OAS31Validator,
        {key: cls.VALIDATORS[key] for key in ("required", own)},
    )
    for direction, cls, own in (
        ("request", OAS30WriteValidator, "readOnly"),
        ("response", OAS30ReadValidator, "writeOnly"),
    )
}


def _ascii_or_false(func: Any) -> Any:
    def check(instance: object) -> Any:
        if isinstance(instance, str) and not instance.isascii():
            return False
        return func(instance)

    return check


def _spell_as_31(schema: dict[str, Any], out: dict[str, Any]) -> None:
    """Write into ``out`` what 3.0's ``nullable`` and boolean exclusive bounds in ``schema``
    mean, in 3.1's words. The generator reads them so in 3.1 documents too (with a warning),
    so the oracle must as well, or it would refuse what the spec's authors meant."""
    if isinstance(out.get("nullable"), bool):
        del out["nullable"]
    if schema.get("nullable") is True and isinstance(out.get("type"), (str, list)):
        types = [out["type"]] if isinstance(out["type"], str) else list(out["type"])
        out["type"] = types if "null" in types else [*types, "null"]
    for bound in ("Minimum", "Maximum"):
        exclusive = out.get("exclusive" + bound)
        if isinstance(exclusive, bool):
            del out["exclusive" + bound]
            if exclusive and bound.lower() in out:
                out["exclusive" + bound] = out.pop(bound.lower())


_30_SPELLINGS = ("nullable", "exclusiveMinimum", "exclusiveMaximum")


def read_as_meant(node: Any) -> Any:
    """A 3.1 document with every 3.0 spelling in it read as the generator reads it."""
    if isinstance(node, list):
        return [read_as_meant(value) for value in node]
    if not isinstance(node, dict):
        return node
    out = {key: read_as_meant(value) for key, value in node.items()}
    if any(isinstance(node.get(key), bool) for key in _30_SPELLINGS):
        _spell_as_31(node, out)
    return out


def _without_discriminators(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_discriminators(v) for k, v in node.items() if k != "discriminator"}
    if isinstance(node, list):
        return [_without_discriminators(v) for v in node]
    return node


def json_schema(document: dict[str, Any], name: str, depth: int = 3) -> Any:
    """``components/schemas/<name>`` as one JSON Schema, references unrolled ``depth`` deep
    (deeper recursion becomes ``false``: optional children are simply left out)."""
    return json_schema_of(document, document["components"]["schemas"][name], depth)


def json_schema_of(document: dict[str, Any], schema: Any, depth: int = 3) -> Any:
    """``schema``, a node of ``document``, as one JSON Schema (see ``json_schema``)."""
    schemas = document["components"]["schemas"]
    dialect = "3.0" if str(document["openapi"]).startswith("3.0") else "3.1"

    def convert(node: Any, left: int) -> Any:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = schemas[node["$ref"].rsplit("/", 1)[1]]
            resolved = convert(target, left - 1) if left > 0 else False
            rest = {k: v for k, v in node.items() if k != "$ref"}
            if dialect == "3.0" or not rest:
                return resolved
            return {"allOf": [resolved, convert(rest, left)]}
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _ANNOTATIONS or key == "nullable" or key.startswith("x-"):
                continue
            if key in _SUBSCHEMA:
                out[key] = convert(value, left)
            elif key in _SUBSCHEMA_MAPS:
                out[key] = {k: convert(v, left) for k, v in value.items()}
            elif key in _SUBSCHEMA_LISTS:
                out[key] = [convert(v, left) for v in value]
            elif key == "format" and value not in _STRING_FORMATS:
                continue
            else:
                out[key] = value
        _spell_as_31(node, out)
        return out

    return convert(schema, depth)


def _offset(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# hypothesis-jsonschema draws date-times from a regex ending in '$', so some end in a newline:
# values only the oracle accepts (see oracle_is_laxer). Inside a union that laxity hides behind
# the union's own error, so valid instances are drawn from RFC 3339 itself.
CUSTOM_FORMATS = {
    "uuid": st.uuids().map(str),
    "byte": st.binary(max_size=12).map(lambda b: base64.b64encode(b).decode()),
    "date-time": st.builds(
        lambda moment, minutes: moment.isoformat(timespec="microseconds") + _offset(minutes),
        st.datetimes(),
        st.integers(-23 * 60 - 59, 23 * 60 + 59),
    ),
    "date": st.dates().map(lambda day: day.isoformat()),
}

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.sampled_from([0, 1, -1, 2**31, 2**63, 0.5, 1.0, -0.0, 1e300])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(["", "a", "ab", "abcd", "abcde", "x-y", "2026-01-02T03:04:05Z", "1.2.3.4"])
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


def _locations(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _locations(item, (*path, index))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], tuple(rest), new)}
    copy = list(value)
    copy[head] = _replaced(value[head], tuple(rest), new)
    return copy


@st.composite
def mutations(draw: st.DrawFn, instance: Any) -> Any:
    """``instance`` with one place changed: a value replaced or nudged, a key removed or added,
    an item added. Usually that breaks exactly one rule; either way the oracle decides."""
    path = draw(st.sampled_from(list(_locations(instance))))
    target = _get(instance, path)
    options = ["replace"]
    if isinstance(target, str):
        options += ["longer", "shorter"]
    if isinstance(target, int | float) and not isinstance(target, bool):
        options += ["nudge"]
    if isinstance(target, dict):
        options += ["add key"] + (["drop key"] if target else [])
    if isinstance(target, list):
        options += ["add item"] + (["drop item"] if target else [])
    how = draw(st.sampled_from(options))
    if how == "replace":
        new: Any = draw(JSON_VALUES)
    elif how == "longer":
        new = target + draw(st.sampled_from(["a", "0", " ", "\n", "é", "@"]))
    elif how == "shorter":
        new = target[:-1]
    elif how == "nudge":
        new = target + draw(st.sampled_from([1, -1, 0.5, -0.5, 1024, -1024]))
    elif how == "add key":
        new = {**target, draw(st.text(max_size=12)): draw(JSON_VALUES)}
    elif how == "drop key":
        key = draw(st.sampled_from(sorted(target)))
        new = {k: v for k, v in target.items() if k != key}
    elif how == "add item":
        new = [*target, draw(st.sampled_from(target) if target else JSON_VALUES)]
    else:
        new = target[:-1]
    return _replaced(instance, path, new)
