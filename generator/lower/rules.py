"""Schemas to validation rules (``ir.Rules``), with the 3.0 and 3.1 dialects made one.

Everything that constrains data becomes a field of ``Rules``; annotations are dropped; a keyword
that constrains data but cannot be enforced is a problem (generation fails), and a keyword whose
meaning is open (an unknown ``format``, an unknown keyword in 3.1) is listed as not checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Literal

from generator.errors import Problem, join_pointer
from generator.formats import FORMATS_WITHOUT_RULE, is_checked
from generator.ir import (
    ChoiceRules,
    Discriminator,
    Pattern,
    Rules,
    Target,
)
from generator.json_types import JSON_TYPES
from generator.lower.access import Access, excused_there, group_access, required_of
from generator.lower.discriminators import mapping_targets
from generator.lower.ecma_regex import PatternError, translate
from generator.lower.regex_linear import NotLinear, linear_program
from generator.lower.unions import ChoiceSite
from generator.spec.findings import REPEATED_REQUIRED, json_text
from generator.spec.resolve import SCHEMAS, Index, ref_target, schema_name, schema_pointer

_ANNOTATIONS = frozenset(
    {"title", "description", "default", "example", "examples", "externalDocs", "xml"}
    | {"deprecated", "discriminator", "$comment", "$defs", "definitions", "$schema"}
    | {"contentMediaType", "contentEncoding", "contentSchema", "$anchor", "$dynamicAnchor"}
    | {"$id", "$vocabulary"}
)
_UNSUPPORTED = frozenset(
    {"unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef"}
)
_KEYWORDS = frozenset(
    {"type", "nullable", "enum", "const", "$ref", "readOnly", "writeOnly", "format"}
    | {"minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum"}
    | {"exclusiveMaximum", "multipleOf", "items", "prefixItems", "minItems", "maxItems"}
    | {"uniqueItems", "contains", "minContains", "maxContains", "properties", "required"}
    | {"additionalProperties", "patternProperties", "propertyNames", "minProperties"}
    | {"maxProperties", "dependentRequired", "dependentSchemas", "allOf", "anyOf", "oneOf"}
    | {"not", "if", "then", "else"}
)


class RulesBuilder:
    """Builds the rules of every named schema and of every schema a ``$ref`` reaches."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.document = index.document
        version = str(index.document.data.get("openapi", ""))
        self.dialect: Literal["3.0", "3.1"] = "3.0" if version.startswith("3.0") else "3.1"
        self.problems: list[Problem] = []
        self.not_checked: list[tuple[str, str]] = []
        self.linear_patterns = False
        self._pending: list[str] = []
        self._targets: dict[str, Target | None] = {}
        for name in self.index.schema_names():
            self.require(schema_pointer(name))

    def build_targets(self) -> tuple[Target, ...]:
        """Every named schema and every schema a reference reached (parameters' included)."""
        while self._pending:
            pointer = self._pending.pop()
            node = self.index.lookup(pointer)
            rules = self.rules(node, pointer)
            self._targets[pointer] = Target(pointer, _owner(pointer), schema_name(pointer), rules)
        return tuple(t for t in self._targets.values() if t is not None)

    def build_choices(self, sites: Iterable[ChoiceSite]) -> tuple[ChoiceRules, ...]:
        """The rules of each branch of the unions that models decode by validating them
        (before ``build_targets``: the branches' references become targets too)."""
        return tuple(
            ChoiceRules(
                site.function,
                site.pointer,
                _owner(site.pointer),
                site.one_of,
                tuple(self.rules(self.index.lookup(b), b) for b in site.branches),
            )
            for site in sites
        )

    def require(self, pointer: str) -> None:
        """Give the schema at ``pointer`` a function (once)."""
        if pointer not in self._targets:
            self._targets[pointer] = None  # keeps first-seen order; filled in build_targets
            self._pending.append(pointer)

    def rules(self, schema: Any, pointer: str, group: Access | None = None) -> Rules:
        """``schema``'s rules; ``group`` is the access (read-only, write-only) of the
        properties of the object it is an ``allOf`` branch of, declared in that object or in
        any of its branches: a branch's ``required`` reads it (``_required``)."""
        if schema is True or schema == {}:
            return Rules(pointer)
        if schema is False:
            return Rules(pointer, always_fails=True)
        if not isinstance(schema, dict):
            return Rules(pointer)
        ref = schema.get("$ref")
        if isinstance(ref, str):
            target = ref_target(ref)
            self.require(target)
            if self.dialect == "3.0":  # 3.0 ignores everything beside a $ref
                return Rules(pointer, ref=target)
        else:
            target = None
        self._note_keywords(schema, pointer)
        fields: dict[str, Any] = {"ref": target}
        fields.update(self._type_fields(schema))
        fields.update(self._string_fields(schema, pointer))
        fields.update(self._number_fields(schema))
        fields.update(self._array_fields(schema, pointer))
        fields.update(self._object_fields(schema, pointer, group))
        fields.update(self._combinator_fields(schema, pointer, group))
        fields["examples"] = _examples(schema)
        if isinstance(schema.get("description"), str):
            fields["description"] = schema["description"]
        return Rules(pointer, **fields)

    def _at(self, schema: dict[str, Any], key: str, pointer: str) -> Rules | None:
        if key not in schema:
            return None
        return self.rules(schema[key], join_pointer(pointer, key))

    def _all(self, schema: dict[str, Any], key: str, pointer: str) -> tuple[Rules, ...]:
        subs = schema.get(key)
        if not subs:  # most schemas: no pointer to make
            return ()
        base = join_pointer(pointer, key)
        return tuple(self.rules(sub, join_pointer(base, i)) for i, sub in enumerate(subs))

    def _branches(self, schema: dict[str, Any], pointer: str, group: Access) -> tuple[Rules, ...]:
        """The ``allOf`` branches, each told the access of every property the object and its
        branches declare: ``allOf: [{properties: {id: {readOnly: true}}}, {required: [id]}]``
        requires ``id`` in responses only, as the models' request shape reads it."""
        branches = schema.get("allOf")
        if not isinstance(branches, list) or not branches:
            return ()
        access = group_access(self.index, schema, pointer, group)
        base = join_pointer(pointer, "allOf")
        return tuple(
            self._branch(sub, join_pointer(base, i), access) for i, sub in enumerate(branches)
        )

    def _branch(self, branch: Any, pointer: str, access: Access) -> Rules:
        """One ``allOf`` branch. A ``$ref`` to a schema that requires a name its siblings
        declare read-only (or write-only) and it does not (``allOf: [{$ref: Base},
        {properties: {id: {readOnly: true}}}]``, ``Base`` requiring ``id``) gets a copy of
        that schema's rules with the name required only where it must be: the schema's own
        function serves its other uses unchanged. Its warnings are the schema's own, reported
        there once."""
        if not isinstance(branch, dict) or not isinstance(branch.get("$ref"), str):
            return self.rules(branch, pointer, access)
        if any(key != "$ref" and key not in _ANNOTATIONS for key in branch):
            return self.rules(branch, pointer, access)
        target, target_pointer = self.index.follow(branch, pointer)
        if not isinstance(target, dict) or not excused_there(
            self.index, target, target_pointer, access
        ):
            return self.rules(branch, pointer, access)
        self.require(target_pointer)
        problems, not_checked = len(self.problems), len(self.not_checked)
        copy = self.rules(target, pointer, access)
        del self.problems[problems:], self.not_checked[not_checked:]
        return copy

    def _note_keywords(self, schema: dict[str, Any], pointer: str) -> None:
        for key, value in schema.items():
            spelling = self._old_spelling(key, value)
            if spelling is not None:
                self.problems.append(self._warning(join_pointer(pointer, key), spelling))
            elif key == "enum" and value == []:
                self.problems.append(
                    self._warning(
                        join_pointer(pointer, key), "enum lists no value: nothing is valid"
                    )
                )
            elif (
                key == "required"
                and isinstance(value, list)
                and len(set(map(str, value))) < len(value)
            ):
                self.problems.append(self._warning(join_pointer(pointer, key), REPEATED_REQUIRED))
            if key in _UNSUPPORTED:
                where = join_pointer(pointer, key)
                self.problems.append(
                    self._warning(where, f"{key} is not checked by the validators")
                )
                self.not_checked.append((where, key))
            elif key not in _KEYWORDS and key not in _ANNOTATIONS and not key.startswith("x-"):
                self.not_checked.append((join_pointer(pointer, key), f"unknown keyword {key!r}"))

    def _old_spelling(self, key: str, value: Any) -> str | None:
        """What an OpenAPI 3.0 keyword in a 3.1 document is read as, said as a warning."""
        if self.dialect != "3.1":
            return None
        if key == "nullable" and value is True:
            return "nullable is OpenAPI 3.0's spelling; read as 3.1's type [..., \"null\"]"
        if key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            bound = "minimum" if key == "exclusiveMinimum" else "maximum"
            meaning = f"the {bound} is exclusive" if value else f"the {bound} is inclusive"
            return f"a boolean {key} is OpenAPI 3.0's spelling; read as 3.0 meant it: {meaning}"
        return None

    def _warning(self, pointer: str, message: str) -> Problem:
        return replace(self.document.problem(pointer, message), severity="warning")

    def _type_fields(self, schema: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "read_only": schema.get("readOnly") is True,
            "write_only": schema.get("writeOnly") is True,
        }
        declared = schema.get("type")
        if isinstance(declared, str):
            types = [declared]
        elif isinstance(declared, list):
            types = [t for t in declared if isinstance(t, str)]
        else:
            types = None
        if types is not None:
            if schema.get("nullable") is True:  # in 3.1 too, with a warning
                types.append("null")
            fields["types"] = tuple(t for t in JSON_TYPES if t in types)
        if isinstance(schema.get("enum"), list):
            fields["enum"] = tuple(schema["enum"])
        if "const" in schema and self.dialect == "3.1":
            fields["const"] = (schema["const"],)
        return fields

    def _string_fields(self, schema: dict[str, Any], pointer: str) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "min_length": _int(schema.get("minLength")),
            "max_length": _int(schema.get("maxLength")),
        }
        if isinstance(schema.get("pattern"), str):
            fields["pattern"] = self._pattern(schema["pattern"], join_pointer(pointer, "pattern"))
        fmt = schema.get("format")
        if isinstance(fmt, str):
            if is_checked(fmt, self.dialect):
                fields["format"] = fmt
            elif fmt not in FORMATS_WITHOUT_RULE:
                self.not_checked.append((join_pointer(pointer, "format"), f"format {fmt!r}"))
        return fields

    def _pattern(self, source: str, pointer: str) -> Pattern | None:
        try:
            python = translate(source)
            program = linear_program(python)
        except (PatternError, NotLinear) as error:
            message = f"pattern {json_text(source)} is not checked: {error}"
            self.problems.append(self._warning(pointer, message))
            what = (
                "patterns that Python's re cannot read as ECMA-262"
                if isinstance(error, PatternError)
                else "patterns that no linear-time matcher can check"
            )
            self.not_checked.append((pointer, what))
            return None
        self.linear_patterns = self.linear_patterns or program is not None
        return Pattern(source, python, program)

    def _number_fields(self, schema: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "minimum": _number(schema.get("minimum")),
            "maximum": _number(schema.get("maximum")),
            "multiple_of": _number(schema.get("multipleOf")),
        }
        for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            value = schema.get(exclusive)
            if value is True and fields[bound] is not None:  # 3.0: a flag on the bound
                fields["exclusive_" + bound] = fields.pop(bound)
            elif _number(value) is not None:
                fields["exclusive_" + bound] = value
        return fields

    def _array_fields(self, schema: dict[str, Any], pointer: str) -> dict[str, Any]:
        return {
            "items": self._at(schema, "items", pointer),
            "prefix_items": self._all(schema, "prefixItems", pointer),
            "min_items": _int(schema.get("minItems")),
            "max_items": _int(schema.get("maxItems")),
            "unique_items": schema.get("uniqueItems") is True,
            "contains": self._at(schema, "contains", pointer),
            "min_contains": _int(schema.get("minContains")),
            "max_contains": _int(schema.get("maxContains")),
        }

    def _object_fields(
        self, schema: dict[str, Any], pointer: str, group: Access | None
    ) -> dict[str, Any]:
        properties = schema.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        base = join_pointer(pointer, "properties")
        patterns = []
        additional = self._at(schema, "additionalProperties", pointer)
        for source, sub in (schema.get("patternProperties") or {}).items():
            where = join_pointer(join_pointer(pointer, "patternProperties"), source)
            compiled = self._pattern(source, where)
            if compiled is not None:
                patterns.append((compiled, self.rules(sub, where)))
            elif additional is not None:
                # Which names the pattern takes is unknown, so which are "additional" is too.
                additional = None
                what = "additionalProperties beside a pattern that is not checked"
                self.not_checked.append((join_pointer(pointer, "additionalProperties"), what))
        dependent = schema.get("dependentSchemas") or {}
        return {
            "properties": tuple(
                (name, self.rules(sub, join_pointer(base, name)))
                for name, sub in properties.items()
            ),
            "required": required_of(
                self.index, self.dialect, schema, properties, pointer, group or {}
            ),
            "additional": additional,
            "pattern_properties": tuple(patterns),
            "property_names": self._at(schema, "propertyNames", pointer),
            "min_properties": _int(schema.get("minProperties")),
            "max_properties": _int(schema.get("maxProperties")),
            "dependent_required": tuple(
                (name, tuple(needed))
                for name, needed in (schema.get("dependentRequired") or {}).items()
            ),
            "dependent_schemas": tuple(
                (
                    name,
                    self.rules(sub, join_pointer(join_pointer(pointer, "dependentSchemas"), name)),
                )
                for name, sub in dependent.items()
            ),
        }

    def _combinator_fields(
        self, schema: dict[str, Any], pointer: str, group: Access | None
    ) -> dict[str, Any]:
        one_of = self._all(schema, "oneOf", pointer)
        any_of = self._all(schema, "anyOf", pointer)
        return {
            "all_of": self._branches(schema, pointer, group or {}),
            "any_of": any_of,
            "one_of": one_of,
            "discriminator": self._discriminator(schema, one_of or any_of),
            "not_": self._at(schema, "not", pointer),
            "if_": self._at(schema, "if", pointer),
            "then": self._at(schema, "then", pointer) if "if" in schema else None,
            "else_": self._at(schema, "else", pointer) if "if" in schema else None,
        }

    def _discriminator(
        self, schema: dict[str, Any], branches: tuple[Rules, ...]
    ) -> Discriminator | None:
        spec = schema.get("discriminator")
        if not isinstance(spec, dict) or not isinstance(spec.get("propertyName"), str):
            return None
        by_target = {b.ref: i for i, b in enumerate(branches) if b.ref is not None}
        tags: dict[str, int] = {}
        for target, index in by_target.items():
            name = schema_name(target)
            if name is not None:
                tags[name] = index
        for tag, target in mapping_targets(spec):
            if target in by_target:
                tags[tag] = by_target[target]
        # Schema names first, then the mapping's tags: spec order, the mapping's last.
        return Discriminator(spec["propertyName"], tuple(tags.items()))


def _examples(schema: dict[str, Any]) -> tuple[object, ...]:
    found: list[object] = []
    if "example" in schema:
        found.append(schema["example"])
    if isinstance(schema.get("examples"), list):
        found.extend(schema["examples"])
    if "default" in schema:
        found.append(schema["default"])
    return tuple(found)


def _owner(pointer: str) -> str:
    """The named schema a pointer lies in ("" when it is outside ``components/schemas``)."""
    if not pointer.startswith(SCHEMAS):
        return ""
    token = pointer[len(SCHEMAS) :].split("/", 1)[0]
    return schema_name(SCHEMAS + token) or ""


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else None


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value
