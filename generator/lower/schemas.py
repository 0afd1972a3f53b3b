"""Schemas to types: named schemas become definitions, everything else a ``TypeRef``.

References to named schemas stay references (``ModelRef``/``EnumRef``), and a named model is
registered before its properties are built, so recursive schemas need no special case.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from generator import naming
from generator.errors import Problem, join_pointer
from generator.formats import string_model
from generator.ir import (
    Alias,
    AliasRef,
    Definition,
    Enum,
    EnumMember,
    EnumRef,
    ListOf,
    MapOf,
    Model,
    ModelRef,
    Nullable,
    Property,
    Scalar,
    TypeRef,
)
from generator.json_types import JSON_TYPES, carrier
from generator.lower.discriminators import TagRecord, implied_discriminator, tag_models
from generator.lower.intersections import (
    Declaration,
    choose,
    kinds_of,
    meaningful,
    shaping,
)
from generator.lower.names import ClassNames, distinct_attributes, name_schemas
from generator.lower.objects import collect_objects, is_object_schema
from generator.lower.recursion import (
    alias_conversions,
    is_its_own_alternative,
    settle_definition,
    settle_type,
)
from generator.lower.schema_facts import (
    ANY,
    class_and_module,
    constant_type,
    default_text,
    description,
    get,
    has_properties,
    has_shape,
    is_model,
    python_name,
    scalar_of_value,
    split_null,
    string,
)
from generator.lower.unions import Choices, union_of
from generator.spec.findings import json_text
from generator.spec.resolve import Index, ref_target, schema_name, schema_pointer


class SchemaBuilder:
    """Walks ``components/schemas`` in spec order and collects definitions and problems."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.document = index.document
        self.definitions: list[Definition] = []
        self.problems: list[Problem] = []
        self._named: dict[str, TypeRef] = {}
        self._unbuilt: dict[str, tuple[str, str, dict[str, Any]]] = {}
        self._building: set[str] = set()
        self._recursive: set[str] = set()  # aliases their own types refer to
        self._inline_stack: set[str] = set()
        self.class_names = ClassNames()
        self._schema_names: dict[str, tuple[str, str]] = {}
        self.choices = Choices(index)
        self.tags = TagRecord()

    def build_all(self) -> tuple[Definition, ...]:
        names = self.index.schema_names()
        # The names the spec's author gave are taken first: a class name we derive (an
        # inline schema's, a response's) that lands on one is numbered apart, never it.
        self._schema_names = name_schemas(self.index, names, self.warn)
        for name in names:
            self.class_names.take(self._schema_names[name][0], schema_pointer(name))
        # Every named model is declared before anything is built, so a cycle that passes
        # through a model (a list of nodes whose nodes hold lists) closes at the model.
        for name in names:
            self._declare_model(name)
        for name in names:
            self.named_type(name)
            self._build_model(name)
        if self._recursive:
            converts = alias_conversions(self.definitions)
            self.definitions = [settle_definition(d, converts) for d in self.definitions]
            self._named = {k: settle_type(t, converts) for k, t in self._named.items()}
        return tuple(self.definitions)

    def _declare_model(self, name: str) -> None:
        schema = self.index.lookup(schema_pointer(name))
        if not isinstance(schema, dict):
            return
        nullable, core = split_null(schema)
        if is_model(self.index, core):
            class_name, module = self._names_of(schema, name)
            ref = ModelRef(class_name, module)
            self._named[name] = Nullable(ref) if nullable else ref
            self._unbuilt[name] = (class_name, module, core)

    def _build_model(self, name: str) -> None:
        if name in self._unbuilt:
            class_name, module, core = self._unbuilt.pop(name)
            slot = self._reserve()
            pointer = schema_pointer(name)
            self.definitions[slot] = self._model(class_name, module, name, core, pointer)

    def problem(self, pointer: str, message: str) -> None:
        self.problems.append(self.document.problem(pointer, message))

    def warn(self, pointer: str, message: str) -> None:
        self.problems.append(replace(self.document.problem(pointer, message), severity="warning"))

    def _names_of(self, schema: Any, name: str) -> tuple[str, str]:
        """The class and module of the named schema ``name``, numbered apart where needed."""
        return self._schema_names.get(name) or class_and_module(schema, name)

    def claim_class(self, name: str, pointer: str) -> str:
        """The class name the schema at ``pointer`` gets for the ``name`` derived for it."""
        return self.class_names.claim(name, pointer, self.warn)

    # Named schemas -------------------------------------------------------------------------

    def named_type(self, name: str) -> TypeRef:
        """The type that a ``$ref`` to ``#/components/schemas/<name>`` stands for."""
        known = self._named.get(name)
        if known is not None:
            return known
        pointer = schema_pointer(name)
        schema = self.index.lookup(pointer)
        class_name, module = self._names_of(schema, name)
        if name in self._building:
            # Recursion that meets no class (an array of itself, a union holding maps of
            # itself) goes through the alias's name.
            self._recursive.add(name)
            return self._alias_ref(schema, class_name, module)
        if not isinstance(schema, dict):
            self._named[name] = ANY
            return ANY
        nullable, core = split_null(schema)
        members = self._enum_members(core, pointer)
        if members is not None:
            enum = self._enum(class_name, module, name, core, members, pointer)
            ref: TypeRef = EnumRef(class_name, module, enum.base)
            self._named[name] = Nullable(ref) if nullable else ref
            self.definitions.append(enum)
            return self._named[name]
        self._building.add(name)
        slot = self._reserve()
        with self.class_names.lent(class_name, pointer):
            target = self.type_of(schema, pointer, class_name, module)
        self._building.discard(name)
        # A recursive alias is referred to by its name everywhere, so its conversion is
        # written once, in its own module.
        recursive = name in self._recursive
        if recursive:
            ref = self._alias_ref(schema, class_name, module)
            # Null stays visible to the property that holds it: absent and null differ.
            self._named[name] = Nullable(ref) if isinstance(target, Nullable) else ref
        else:
            self._named[name] = target
        if recursive and is_its_own_alternative(target, class_name, module):
            self.problem(
                pointer,
                "the schema is one of its own alternatives (through oneOf, anyOf, allOf or "
                "$ref, with no array, map or object in between), so checking a value against "
                "it would never end",
            )
        alias = Alias(
            class_name,
            module,
            name,
            description(schema),
            target,
            pointer,
            recursive=recursive,
        )
        self.definitions[slot] = self._own_definition(alias, slot) or alias
        return self._named[name]

    def _alias_ref(self, schema: Any, class_name: str, module: str) -> AliasRef:
        """A reference by name to a recursive alias; whether it converts is settled later."""
        kinds = kinds_of(self.index, schema)
        return AliasRef(class_name, module, frozenset(k for k in JSON_TYPES if k in kinds), True)

    def _own_definition(self, alias: Alias, slot: int) -> Enum | Model | None:
        """The enum that an allOf of a named schema narrows to, or the one inline object it
        is made of, is the schema itself: it took the schema's name, so it takes the
        schema's place (and pointer) instead of an alias to it."""
        core = alias.type.inner if isinstance(alias.type, Nullable) else alias.type
        if not isinstance(core, EnumRef | ModelRef):
            return None
        if (core.name, core.module) != (alias.name, alias.module):
            return None
        for i in range(slot + 1, len(self.definitions)):
            found = self.definitions[i]
            if isinstance(found, Enum | Model) and (found.name, found.module) == (
                core.name,
                core.module,
            ):
                del self.definitions[i]
                description = alias.description or found.description
                return replace(found, source_name=alias.source_name, description=description)
        return None

    def _reserve(self) -> int:
        """A place in spec order for a definition whose inner definitions are built first."""
        self.definitions.append(Alias("", "", "", None, ANY, ""))
        return len(self.definitions) - 1

    # Any schema ----------------------------------------------------------------------------

    def type_of(self, schema: Any, pointer: str, hint: str, module: str) -> TypeRef:
        """The type of ``schema``; ``hint`` names any class it needs."""
        if not isinstance(schema, dict):
            return ANY  # 3.1 boolean schemas: true and false carry no shape
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref_type(ref, pointer, hint, module)
        nullable, core = split_null(schema)
        result = self._core_type(core, pointer, hint, module)
        if nullable and not isinstance(result, Nullable):
            return Nullable(result)
        return result

    def _ref_type(self, ref: str, pointer: str, hint: str, module: str) -> TypeRef:
        target = ref_target(ref)
        name = schema_name(target)
        if name is not None:
            return self.named_type(name)
        if target in self._inline_stack:
            self.problem(pointer, f"recursive reference {ref!r} must go through a named schema")
            return ANY
        self._inline_stack.add(target)
        try:
            return self.type_of(self.index.lookup(target), target, hint, module)
        finally:
            self._inline_stack.discard(target)

    def _core_type(self, schema: dict[str, Any], pointer: str, hint: str, module: str) -> TypeRef:
        if is_model(self.index, schema):
            return self._inline_model(schema, pointer, hint, module)
        if "allOf" in schema:
            return self._all_of(schema, pointer, hint, module)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self._union(schema, key, pointer, hint, module)
        members = self._enum_members(schema, pointer)
        if members is not None:
            name = self.claim_class(naming.pascal_case(hint), pointer)
            enum = self._enum(name, module, hint, schema, members, pointer)
            self.definitions.append(enum)
            return EnumRef(name, module, enum.base)
        if "const" in schema:
            return constant_type(schema["const"])
        if "enum" in schema:  # not all strings or all integers: the values' common type
            kinds = {scalar_of_value(v) for v in schema["enum"] if v is not None}
            return kinds.pop() if len(kinds) == 1 else ANY
        types = schema.get("type")
        if isinstance(types, list):
            options = [
                (
                    self._inline_model(
                        {**schema, "type": "object"}, pointer, hint + "Object", module
                    )
                    if t == "object" and has_properties(self.index, schema)
                    else self._of_type(t, schema, pointer, hint, module)
                )
                for t in types
            ]
            return self._union_of(options, pointer)
        if isinstance(types, str):
            return self._of_type(types, schema, pointer, hint, module)
        if is_object_schema(schema):
            return self._of_type("object", schema, pointer, hint, module)
        if "items" in schema:
            return self._of_type("array", schema, pointer, hint, module)
        return ANY

    def _of_type(
        self, kind: str, schema: dict[str, Any], pointer: str, hint: str, module: str
    ) -> TypeRef:
        if kind == "array":
            items = schema.get("items")
            if items is None:
                return ListOf(ANY)
            return ListOf(
                self.type_of(items, join_pointer(pointer, "items"), hint + "Item", module)
            )
        if kind == "object":
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                pointer = join_pointer(pointer, "additionalProperties")
                return MapOf(self.type_of(extra, pointer, hint + "Value", module))
            return MapOf(ANY)
        if kind == "string":
            return Scalar(string_model(schema.get("format")))
        plain = carrier(kind) if kind in JSON_TYPES else None
        return ANY if plain is None else Scalar(plain)

    def _all_of(self, schema: dict[str, Any], pointer: str, hint: str, module: str) -> TypeRef:
        declarations = [
            (branch, join_pointer(pointer, "allOf", i)) for i, branch in enumerate(schema["allOf"])
        ]
        return self.intersection(declarations, hint, module)

    def intersection(self, declarations: list[Declaration], hint: str, module: str) -> TypeRef:
        """The type of a value that must satisfy every declaration (allOf branches, or one
        property declared by several of them): objects merge, otherwise the most specific."""
        declarations = shaping(meaningful(declarations))
        objects = [d for d in declarations if kinds_of(self.index, d[0]) <= {"object", "null"}]
        if len(objects) == len(declarations) > 1:
            declarations = [d for d in objects if has_shape(self.index, d[0])] or objects[:1]
            if len(declarations) > 1:
                return self._merged_model(declarations, hint, module)
        if len(declarations) == 1:
            return self.type_of(declarations[0][0], declarations[0][1], hint, module)
        choice = choose(self.index, declarations)
        if choice.conflict is not None:
            first, second, reason = choice.conflict
            self.warn(
                second[1],
                f"no value satisfies both this and {first[1]} ({reason}), so none is valid; "
                f"typed as the later declaration, {choice.chosen[1]}",
            )
        chosen, pointer = choice.chosen
        if isinstance(chosen, dict) and not {"$ref", "type"} & chosen.keys():
            # {format: date-time} beside {type: string}: the type comes from the other branch.
            types = {t for d in declarations if isinstance(t := get(d[0], "type"), str)}
            if len(types) == 1:
                chosen = {**chosen, "type": types.pop()}
        return self.type_of(chosen, pointer, hint, module)

    def _union(
        self, schema: dict[str, Any], key: str, pointer: str, hint: str, module: str
    ) -> TypeRef:
        branches = schema[key]
        pointer = join_pointer(pointer, key)
        spots = self.choices.branch_pointers(branches, pointer)
        written = [
            self.type_of(branch, spot, f"{hint}Option{i + 1}", module)
            for i, (branch, spot) in enumerate(zip(branches, spots, strict=True))
        ]
        options = written
        discriminator = schema.get("discriminator")
        if not isinstance(discriminator, dict):
            discriminator = implied_discriminator(self.index, options, branches, pointer)
        if isinstance(discriminator, dict) and isinstance(discriminator.get("propertyName"), str):
            tagging = tag_models(self.index, options, branches, discriminator, pointer)
            # A discriminator that contradicts itself is read as none: the validators choose.
            for problem in tagging.problems:
                message = problem.message + "; decoded by validating each alternative instead"
                self.problems.append(replace(problem, severity="warning", message=message))
            if not tagging.problems:
                options = tagging.options
                self.tags.add(options)
        if len(options) == 1:
            return options[0]
        result = union_of(options)
        if isinstance(result, str):
            return self.choices.choice(written, spots, pointer, hint)
        return result

    def _union_of(self, options: list[TypeRef], pointer: str) -> TypeRef:
        result = union_of(options)
        if isinstance(result, str):
            self.warn(pointer, result + "; typed Any")
            return ANY
        return result

    # Objects and enums ---------------------------------------------------------------------

    def _inline_model(
        self, schema: dict[str, Any], pointer: str, hint: str, module: str
    ) -> TypeRef:
        name = self.claim_class(naming.pascal_case(python_name(schema, hint)), pointer)
        slot = self._reserve()
        self.definitions[slot] = self._model(name, module, hint, schema, pointer)
        return ModelRef(name, module)

    def _merged_model(self, declarations: list[Declaration], hint: str, module: str) -> TypeRef:
        """One class for a value that several object schemas describe at once."""
        schema, pointer = declarations[0]
        name = self.claim_class(naming.pascal_case(hint), pointer)
        slot = self._reserve()
        self.definitions[slot] = self._model(name, module, hint, schema, pointer, declarations)
        return ModelRef(name, module)

    def _model(
        self,
        name: str,
        module: str,
        source: str,
        schema: dict[str, Any],
        pointer: str,
        roots: list[Declaration] | None = None,
    ) -> Model:
        shape = collect_objects(self.index, roots or [(schema, pointer)])
        self.problems.extend(shape.problems)
        attributes = distinct_attributes(
            [
                (wire, naming.snake_case(python_name(prop_schema, wire)), prop_pointer)
                for wire, (prop_schema, prop_pointer) in shape.properties.items()
            ],
            self.warn,
        )
        properties = []
        for wire, (prop_schema, prop_pointer) in shape.properties.items():
            python, number = attributes[wire]
            # A numbered attribute's inline classes are numbered with it (caller_type_2,
            # CallerCallerType2), so the class and its attribute still read as a pair.
            hint = name + naming.pascal_case(wire) + number
            declarations = shape.redeclared.get(wire)
            properties.append(
                Property(
                    wire_name=wire,
                    python_name=python,
                    type=(
                        self.intersection(declarations, hint, module)
                        if declarations
                        else self.type_of(prop_schema, prop_pointer, hint, module)
                    ),
                    required=wire in shape.required,
                    description=description(prop_schema),
                    deprecated=get(prop_schema, "deprecated") is True,
                    pointer=prop_pointer,
                    default=default_text(prop_schema),
                    pattern=string(get(prop_schema, "pattern")),
                    read_only=shape.access[wire][0],
                    write_only=shape.access[wire][1],
                )
            )
        extra: TypeRef = ANY
        if shape.extra is not None:
            extra = self.type_of(shape.extra[0], shape.extra[1], name + "Value", module)
        return Model(
            name=name,
            module=module,
            source_name=source,
            description=description(schema),
            deprecated=schema.get("deprecated") is True,
            properties=tuple(properties),
            extra=extra,
            pointer=pointer,
        )

    def _enum_members(self, schema: dict[str, Any], pointer: str) -> list[EnumMember] | None:
        values = schema.get("enum")
        if not isinstance(values, list):
            return None
        values = [v for v in values if v is not None]
        if not values:
            return None
        if all(isinstance(v, str) for v in values) or all(
            isinstance(v, int) and not isinstance(v, bool) for v in values
        ):
            given = schema.get("x-enum-varnames")
            distinct = list(dict.fromkeys(values))
            made, unnamed = naming.enum_member_names(distinct)
            if unnamed:
                self.problem(
                    join_pointer(pointer, "enum"),
                    f"the enum values {', '.join(json_text(v) for v in unnamed)} differ only in "
                    "the case of their letters, in ways no member name can show; name the "
                    "members with x-enum-varnames",
                )
                return None
            members = []
            for i, value in enumerate(distinct):
                if isinstance(given, list) and i < len(given) and isinstance(given[i], str):
                    members.append(EnumMember(naming.constant_case(given[i]), value))
                else:
                    members.append(EnumMember(made[value], value))
            return members
        return None

    def _enum(
        self,
        name: str,
        module: str,
        source: str,
        schema: dict[str, Any],
        members: list[EnumMember],
        pointer: str,
    ) -> Enum:
        base: Literal["str", "int"] = "int" if isinstance(members[0].value, int) else "str"
        return Enum(name, module, source, description(schema), base, tuple(members), pointer)
