"""What each JSON Schema keyword becomes in a validator: one method per keyword (or per tight
family of them), found through tables keyed by the keyword, as fastjsonschema does.

``Checks.emit`` writes one schema: a false schema, then ``$ref``, ``readOnly`` and
``writeOnly`` (``BEFORE_TYPE``), then ``type``, under which the keywords of each JSON type
(``TYPED``) are checked once the value is known to be of that type, then the keywords of any
type (``ANY_TYPE``). The tables' order is the order the checks are written in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.encode import literal
from generator.formats import INTEGER_FORMATS, STRING_FORMATS
from generator.ir import JsonType, Rules, Target
from generator.json_types import JSON_TYPES, broadest, failed_type_test, type_test
from generator.validators import container_keywords as containers
from generator.validators.emit import Body, Module, PointerPart, tuple_code

# A container nested this deep inside one function gets a function of its own.
_MAX_INLINE_DEPTH = 3
_COMBINATORS = {"any_of": "anyOf", "one_of": "oneOf"}


@dataclass(frozen=True, slots=True)
class Here:
    """The value a keyword checks: its expression, where it is, how deep inside the
    function, and the JSON type it is known to have there (None when any)."""

    value: str
    at: list[PointerPart]
    depth: int
    known: JsonType | None = None


class ModuleWriter(Module):
    """Writes the functions of one validators module."""

    def write_target(self, target: Target, name: str, description: str) -> None:
        self.queue(name, description, target.rules)
        self.flush()

    def flush(self) -> None:
        """Write every queued function, and those their bodies queue in turn."""
        while (pending := self.next_pending()) is not None:
            function, rules = pending
            at = "at + key" if function.keyed else "at"
            Checks(self, function, at=at).emit(rules, "data", [], depth=0)
            self.code.functions.append(function)


class Checks(Body):
    """The checks of one function, keyword by keyword."""

    def emit(self, rules: Rules, value: str, at: list[PointerPart], depth: int) -> None:
        if rules.always_fails:
            self.error("never_valid", at, value)
            return
        for keyword in BEFORE_TYPE.values():
            if keyword.present(rules):
                keyword.write(self, rules, Here(value, at, depth))
        types = None if rules.types is None else broadest(rules.types)
        if types is not None and len(types) == 1 and types[0] != "null":
            (only,) = types
            with self.block(f"if {self.negated(only, value)}:", chained=True):
                self.error("wrong_type", at, value, literal(JSON_TYPES[only].described))
            with self.else_block():
                self.typed_checks(rules, Here(value, at, depth, only))
                self.any_type_checks(rules, Here(value, at, depth, only))
            return
        if types is not None:
            self.type_dispatch(types, rules, Here(value, at, depth))
        else:
            for kind in ("string", "number", "array", "object"):
                if has_typed_checks(kind, rules):
                    with self.block(f"if {self.predicate(kind, value)}:"):
                        self.typed_checks(rules, Here(value, at, depth, kind))
        self.any_type_checks(rules, Here(value, at, depth))

    def type_dispatch(self, types: tuple[JsonType, ...], rules: Rules, here: Here) -> None:
        """One branch per type that has checks of its own, the others tested together."""
        value = here.value
        checked = [t for t in types if has_typed_checks(t, rules)]
        rest_types = [t for t in types if t not in checked]
        rest = [self.predicate(t, value) for t in rest_types]
        expected = literal(" or ".join(JSON_TYPES[t].described for t in types))
        keyword = "if"
        for kind in checked:
            with self.block(f"{keyword} {self.predicate(kind, value)}:", chained=True):
                self.typed_checks(rules, Here(value, here.at, here.depth, kind))
            keyword = "elif"
        condition = " or ".join(rest)
        negated = self.negated(rest_types[0], value) if len(rest) == 1 else f"not ({condition})"
        if not checked:
            header = f"if {negated}:"
        elif rest:
            header = f"elif {negated}:"
        else:
            header = "else:"
        with self.block(header):
            self.error("wrong_type", here.at, value, expected)

    def predicate(self, kind: JsonType, value: str) -> str:
        if kind == "integer" and self.dialect_31:  # 1.0 is an integer too
            return f"{self.writer.helper('is_integer')}({value})"
        return type_test(kind, value)

    def negated(self, kind: JsonType, value: str) -> str:
        if kind == "integer" and self.dialect_31:
            return f"not {self.predicate(kind, value)}"
        return failed_type_test(kind, value)

    def typed_checks(self, rules: Rules, here: Here) -> None:
        assert here.known is not None
        for keyword in TYPED.get(here.known, {}).values():
            if keyword.present(rules):
                keyword.write(self, rules, here)

    def any_type_checks(self, rules: Rules, here: Here) -> None:
        for keyword in ANY_TYPE.values():
            if keyword.present(rules):
                keyword.write(self, rules, here)

    def emit_nested(
        self, rules: Rules, value: str, at: list[PointerPart], depth: int, hint: str
    ) -> None:
        """A subschema: inline, or a call when it is a container nested deep enough."""
        if depth + 1 >= _MAX_INLINE_DEPTH and _is_container(rules):
            self.call(self.writer.spawn(rules, self.hint(at, hint)), value, at)
            return
        self.emit(rules, value, at, depth + 1)

    # -- before the type -------------------------------------------------------------------

    def ref(self, rules: Rules, here: Here) -> None:
        assert rules.ref is not None
        self.call(self.writer.callee(rules.ref), here.value, here.at)

    def read_only(self, rules: Rules, here: Here) -> None:
        with self.block(f'if {self.direction} == "request":'):
            self.error("read_only", here.at)

    def write_only(self, rules: Rules, here: Here) -> None:
        with self.block(f'if {self.direction} == "response":'):
            self.error("write_only", here.at)

    # -- strings ---------------------------------------------------------------------------

    def min_length(self, rules: Rules, here: Here) -> None:
        with self.block(f"if len({here.value}) < {literal(rules.min_length)}:"):
            self.error("too_short", here.at, here.value, literal(rules.min_length))

    def max_length(self, rules: Rules, here: Here) -> None:
        with self.block(f"if len({here.value}) > {literal(rules.max_length)}:"):
            self.error("too_long", here.at, here.value, literal(rules.max_length))

    def pattern(self, rules: Rules, here: Here) -> None:
        assert rules.pattern is not None
        compiled = self.writer.pattern(rules.pattern)
        with self.block(f"if {compiled}.search({here.value}) is None:"):
            self.error("no_match", here.at, here.value, literal(rules.pattern.source))

    def string_format(self, rules: Rules, here: Here) -> None:
        assert rules.format is not None
        checker = self.writer.helper(STRING_FORMATS[rules.format].checker)
        with self.block(f"if not {checker}({here.value}):"):
            self.error("bad_format", here.at, here.value, literal(rules.format))

    # -- numbers ---------------------------------------------------------------------------

    def bound(self, limit: object, operator: str, helper: str, here: Here) -> None:
        with self.block(f"if {here.value} {operator} {literal(limit)}:"):
            self.error(helper, here.at, here.value, literal(limit))

    def minimum(self, rules: Rules, here: Here) -> None:
        self.bound(rules.minimum, "<", "below_minimum", here)

    def maximum(self, rules: Rules, here: Here) -> None:
        self.bound(rules.maximum, ">", "above_maximum", here)

    def exclusive_minimum(self, rules: Rules, here: Here) -> None:
        self.bound(rules.exclusive_minimum, "<=", "not_above", here)

    def exclusive_maximum(self, rules: Rules, here: Here) -> None:
        self.bound(rules.exclusive_maximum, ">=", "not_below", here)

    def multiple_of(self, rules: Rules, here: Here) -> None:
        factor, value = rules.multiple_of, here.value
        if here.known == "integer" and not self.dialect_31 and isinstance(factor, int):
            condition = f"{value} % {literal(factor)}"
        else:
            condition = f"not {self.writer.helper('is_multiple_of')}({value}, {literal(factor)})"
        with self.block(f"if {condition}:"):
            self.error("not_multiple", here.at, value, literal(factor))

    def integer_format(self, rules: Rules, here: Here) -> None:
        if _bounded(rules):
            return
        value = here.value
        bits = INTEGER_FORMATS[str(rules.format)]
        low, high = literal(-(2**bits)), literal(2**bits - 1)
        exact = here.known == "integer" and not self.dialect_31
        guard = "" if exact else f"isinstance({value}, int) and "
        with self.block(f"if {guard}not {low} <= {value} <= {high}:"):
            self.error("bad_format", here.at, value, literal(rules.format))

    # -- any type --------------------------------------------------------------------------

    def enum(self, rules: Rules, here: Here) -> None:
        assert rules.enum is not None
        values, value = rules.enum, here.value
        options = self.writer.constant(
            self.hint(here.at, "enum"), tuple_code([literal(v) for v in values])
        )
        if values and all(isinstance(v, str) for v in values):
            condition = f"{value} not in {options}"
            if here.known != "string":
                condition = f"not (isinstance({value}, str) and {value} in {options})"
        else:
            condition = f"not {self.writer.helper('json_in')}({value}, {options})"
        with self.block(f"if {condition}:"):
            self.error("not_in_enum", here.at, value, options)

    def const(self, rules: Rules, here: Here) -> None:
        assert rules.const is not None
        (constant,), value = rules.const, here.value
        if isinstance(constant, str):
            condition = f"{value} != {literal(constant)}"
        elif constant is None:
            condition = f"{value} is not None"
        else:
            condition = f"not {self.writer.helper('json_equal')}({value}, {literal(constant)})"
        with self.block(f"if {condition}:"):
            self.error("not_const", here.at, value, literal(constant))

    def all_of(self, rules: Rules, here: Here) -> None:
        for sub in rules.all_of:
            self.emit(sub, here.value, here.at, here.depth)

    def any_of(self, rules: Rules, here: Here) -> None:
        self.combinator("any_of", rules.any_of, rules, here)

    def one_of(self, rules: Rules, here: Here) -> None:
        self.combinator("one_of", rules.one_of, rules, here)

    def combinator(
        self, combinator: str, branches: tuple[Rules, ...], rules: Rules, here: Here
    ) -> None:
        """``anyOf`` or ``oneOf``: a runtime helper over one function per branch, told the
        discriminator's tags when there is one (the ``oneOf``'s, when both are written)."""
        at = here.at
        functions = [
            self.writer.spawn(b, self.hint(at, f"{combinator} {i}")) for i, b in enumerate(branches)
        ]
        args = [here.value, self.pointer(at), "errors", self.direction]
        tag = rules.discriminator
        if tag is not None and (combinator == "one_of" or not rules.one_of):
            if not self.dialect_31:  # 3.0: the tag's schema decides alone
                routes = ", ".join(f"{literal(k)}: {functions[i]}" for k, i in tag.tags)
                args += [
                    literal(tag.property),
                    f"{{{routes}}}",
                    literal(_COMBINATORS[combinator]),
                ]
                self.line(f"{self.writer.helper('match_tagged')}({', '.join(args)})")
                return
            tags = ", ".join(f"{literal(k)}: {i}" for k, i in tag.tags)
            args += [tuple_code(functions), f"tag=({literal(tag.property)}, {{{tags}}})"]
        else:
            args.append(tuple_code(functions))
        self.line(f"{self.writer.helper('match_' + combinator)}({', '.join(args)})")

    def not_(self, rules: Rules, here: Here) -> None:
        assert rules.not_ is not None
        function = self.writer.spawn(rules.not_, self.hint(here.at, "not"))
        matches = self.writer.helper("matches")
        with self.block(f"if {matches}({function}, {here.value}, {self.direction}):"):
            self.error("matches_not", here.at, here.value)

    def if_then_else(self, rules: Rules, here: Here) -> None:
        assert rules.if_ is not None
        value, at, depth = here.value, here.at, here.depth
        function = self.writer.spawn(rules.if_, self.hint(at, "if"))
        matched = f"{self.writer.helper('matches')}({function}, {value}, {self.direction})"
        if rules.then is None:
            assert rules.else_ is not None
            with self.block(f"if not {matched}:"):
                self.emit(rules.else_, value, at, depth)
            return
        with self.block(f"if {matched}:", chained=rules.else_ is not None):
            self.emit(rules.then, value, at, depth)
        if rules.else_ is not None:
            with self.block("else:"):
                self.emit(rules.else_, value, at, depth)


@dataclass(frozen=True, slots=True)
class Keyword:
    present: Callable[[Rules], bool]  # whether the rules say something with this keyword
    write: Callable[[Checks, Rules, Here], None]


def _given(name: str) -> Callable[[Rules], bool]:
    """For a keyword that is ``None`` when absent (``enum: []`` is given)."""
    return lambda rules: getattr(rules, name) is not None


def _listed(name: str) -> Callable[[Rules], bool]:
    """For a keyword that is empty or false when absent."""
    return lambda rules: bool(getattr(rules, name))


BEFORE_TYPE: dict[str, Keyword] = {
    "$ref": Keyword(_given("ref"), Checks.ref),
    "readOnly": Keyword(_listed("read_only"), Checks.read_only),
    "writeOnly": Keyword(_listed("write_only"), Checks.write_only),
}
_STRING: dict[str, Keyword] = {
    "minLength": Keyword(_given("min_length"), Checks.min_length),
    "maxLength": Keyword(_given("max_length"), Checks.max_length),
    "pattern": Keyword(_given("pattern"), Checks.pattern),
    "format": Keyword(
        lambda rules: rules.format is not None and rules.format not in INTEGER_FORMATS,
        Checks.string_format,
    ),
}
_NUMBER: dict[str, Keyword] = {
    "minimum": Keyword(_given("minimum"), Checks.minimum),
    "maximum": Keyword(_given("maximum"), Checks.maximum),
    "exclusiveMinimum": Keyword(_given("exclusive_minimum"), Checks.exclusive_minimum),
    "exclusiveMaximum": Keyword(_given("exclusive_maximum"), Checks.exclusive_maximum),
    "multipleOf": Keyword(_given("multiple_of"), Checks.multiple_of),
    "format": Keyword(lambda rules: rules.format in INTEGER_FORMATS, Checks.integer_format),
}
_ARRAY: dict[str, Keyword] = {
    "minItems": Keyword(_given("min_items"), containers.min_items),
    "maxItems": Keyword(_given("max_items"), containers.max_items),
    "uniqueItems": Keyword(_listed("unique_items"), containers.unique_items),
    "prefixItems": Keyword(_listed("prefix_items"), containers.prefix_items),
    "items": Keyword(_given("items"), containers.items),
    "contains": Keyword(_given("contains"), containers.contains),
}
_OBJECT: dict[str, Keyword] = {
    "required": Keyword(_listed("required"), containers.required),
    "minProperties": Keyword(_given("min_properties"), containers.min_properties),
    "maxProperties": Keyword(_given("max_properties"), containers.max_properties),
    "dependentRequired": Keyword(_listed("dependent_required"), containers.dependent_required),
    "properties": Keyword(_listed("properties"), containers.properties),
    # additionalProperties only concerns names that no patternProperties pattern matches.
    "patternProperties": Keyword(
        lambda rules: rules.additional is not None or bool(rules.pattern_properties),
        containers.other_properties,
    ),
    "propertyNames": Keyword(_given("property_names"), containers.property_names),
    "dependentSchemas": Keyword(_listed("dependent_schemas"), containers.dependent_schemas),
}
# The keywords that only constrain a value of one JSON type, by that type.
TYPED: dict[JsonType, dict[str, Keyword]] = {
    "string": _STRING,
    "integer": _NUMBER,
    "number": _NUMBER,
    "array": _ARRAY,
    "object": _OBJECT,
}
ANY_TYPE: dict[str, Keyword] = {
    "enum": Keyword(_given("enum"), Checks.enum),
    "const": Keyword(_given("const"), Checks.const),
    "allOf": Keyword(_listed("all_of"), Checks.all_of),
    "anyOf": Keyword(_listed("any_of"), Checks.any_of),
    "oneOf": Keyword(_listed("one_of"), Checks.one_of),
    "not": Keyword(_given("not_"), Checks.not_),
    "if": Keyword(
        lambda rules: rules.if_ is not None and (rules.then is not None or rules.else_ is not None),
        Checks.if_then_else,
    ),
}


def has_typed_checks(kind: JsonType, rules: Rules) -> bool:
    return any(keyword.present(rules) for keyword in TYPED.get(kind, {}).values())


def _bounded(rules: Rules) -> bool:
    """Whether the bounds already keep an integer within its ``int32``/``int64`` format."""
    bits = INTEGER_FORMATS[str(rules.format)]
    low = rules.minimum if rules.minimum is not None else rules.exclusive_minimum
    high = rules.maximum if rules.maximum is not None else rules.exclusive_maximum
    return low is not None and high is not None and low >= -(2**bits) and high <= 2**bits - 1


def _is_container(rules: Rules) -> bool:
    return bool(
        rules.properties
        or rules.items is not None
        or rules.prefix_items
        or rules.additional is not None
        or rules.pattern_properties
        or rules.all_of
        or rules.any_of
        or rules.one_of
    )
