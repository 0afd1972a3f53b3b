"""Validation rules (``ir.Rules``) to straight-line Python, one function per schema.

Every function has the signature ``(data, at, errors, direction)``: it appends a
``ValidationError`` for each broken rule and returns nothing, so all errors are collected in one
pass. Pointers are only built when an error is, keeping the valid path cheap. Spec values reach
the code through ``generator.encode`` only: ``literal()`` for values, ``identifier()`` for names.
"""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from generator.encode import docstring, identifier, literal
from generator.errors import escape_pointer_token
from generator.ir import JsonType, Rules, Target
from generator.naming import words
from generator.runtime import VALIDATION_NAMES

_TYPE_TEXT = {
    "null": "null",
    "boolean": "a boolean",
    "integer": "an integer",
    "number": "a number",
    "string": "a string",
    "array": "an array",
    "object": "an object",
}
# A container nested this deep inside one function gets a function of its own.
_MAX_INLINE_DEPTH = 3

PointerPart = tuple[str, str]  # ("literal", "/name") | ("key", variable) | ("index", variable)


@dataclass
class Function:
    name: str
    docstring: str
    lines: list[str] = field(default_factory=list)


@dataclass
class ModuleCode:
    functions: list[Function] = field(default_factory=list)
    constants: list[str] = field(default_factory=list)
    helpers: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)  # other validator modules it calls into
    uses_re: bool = False


class Names:
    """Module-level names of the validators package, unique across it."""

    def __init__(self, modules: set[str]) -> None:
        self.aliases = {"_" + m for m in modules}  # how modules import each other
        self.taken: set[str] = set()
        self.of_target: dict[str, tuple[str, str]] = {}  # pointer -> (module, function)

    def claim(self, wanted: str, module: str | None = None) -> str:
        """``wanted``, or it numbered; a module's own alias is free inside that module."""
        name = wanted
        number = 2
        while name in self.taken or (name in self.aliases and name != f"_{module}"):
            name = f"{wanted}_{number}"
            number += 1
        self.taken.add(name)
        return identifier(name)


def function_name(*parts: str) -> str:
    text = "_".join(w.lower() for part in parts for w in words(part))
    return "_" + (text or "schema")


class ModuleWriter:
    """Writes the functions of one validators module."""

    def __init__(self, module: str, names: Names, dialect: str) -> None:
        self.module = module
        self.names = names
        self.dialect = dialect
        self.code = ModuleCode()
        self._pending: list[tuple[Function, Rules]] = []
        self._constants: dict[str, str] = {}
        self._shared: dict[str, str] = {}

    def callee(self, pointer: str) -> str:
        module, name = self.names.of_target[pointer]
        if module == self.module:
            return name
        self.code.modules.add(module)
        return f"_{module}.{name}"

    def write_target(self, target: Target, name: str, description: str) -> None:
        self._queue(name, description, target.rules)
        self.flush()

    def flush(self) -> None:
        """Write every queued function, and those their bodies queue in turn."""
        while self._pending:
            function, rules = self._pending.pop(0)
            Body(self, function).emit(rules, "data", [], depth=0)
            self.code.functions.append(function)

    def _queue(self, name: str, text: str, rules: Rules) -> None:
        self._pending.append((Function(name, docstring(text, 4)), rules))

    def spawn(self, rules: Rules, hint: str) -> str:
        """A function of its own for an inline schema; its name."""
        if rules.ref is not None and _only_ref(rules):
            return self.callee(rules.ref)
        name = self.names.claim(hint)
        self._queue(name, f"The schema at ``{rules.pointer}``.", rules)
        return name

    def constant(self, hint: str, expression: str) -> str:
        """A module constant for ``expression``, shared by every use of the same value.
        Constants are upper case, so they only need to differ from each other."""
        if expression not in self._constants:
            wanted = identifier(hint.upper())
            name, number = wanted, 2
            while name in self._constants.values():
                name, number = f"{wanted}_{number}", number + 1
            self.code.constants.append(f"{name} = {expression}")
            self._constants[expression] = name
        return self._constants[expression]

    def shared(self, rules: Rules, hint: str, what: str) -> str:
        """One function for every use of the same rules (parameters repeat across operations)."""
        key = shape(rules)
        if key not in self._shared:
            self._shared[key] = self.names.claim(hint)
            self._queue(self._shared[key], f"{what} (first at ``{rules.pointer}``).", rules)
        return self._shared[key]

    def pattern(self, python: str) -> str:
        self.code.uses_re = True
        hint = f"_PATTERN_{sum(1 for c in self.code.constants if c.startswith('_PATTERN_')) + 1}"
        return self.constant(hint, f"re.compile({literal(python)}, re.ASCII)")

    def helper(self, name: str) -> str:
        self.code.helpers.add(name)
        return name


class Body:
    """The statements of one function."""

    def __init__(
        self,
        writer: ModuleWriter,
        function: Function,
        *,
        at: str = "at",
        direction: str = "direction",
    ) -> None:
        self.writer = writer
        self.function = function
        self.depth = 1
        self.locals = {"data", "at", "errors", "direction"}
        self.at = at  # the expression for the pointer of the function's value
        self.direction = direction  # the expression for the direction of the data

    # -- plumbing -------------------------------------------------------------------------

    def line(self, text: str) -> None:
        self.function.lines.append("    " * (self.depth - 1) + text)

    @contextmanager
    def block(self, header: str, *, chained: bool = False) -> Iterator[None]:
        """An indented block; ``chained`` when an ``elif``/``else`` will follow it."""
        self.line(header)
        start = len(self.function.lines)
        self.depth += 1
        yield
        self.depth -= 1
        if len(self.function.lines) == start:
            self.function.lines.append("    " * self.depth + "pass")
        elif not chained:
            _collapse(self.function.lines, start - 1)

    def fresh(self, hint: str) -> str:
        base = "_".join(w.lower() for w in words(hint)) or "value"
        if not base.isidentifier() or base[0].isdigit():
            base = "value"
        if not _usable(base):
            base += "_value"
        name = base
        number = 2
        while name in self.locals:
            name = f"{base}_{number}"
            number += 1
        self.locals.add(name)
        return identifier(name)

    def pointer(self, at: list[PointerPart]) -> str:
        if any(kind == "key" for kind, _ in at):
            self.writer.helper("escape_token")
        return pointer_code(at, self.at)

    def error(self, helper: str, at: list[PointerPart], *args: str) -> None:
        call = ", ".join([self.pointer(at), *args])
        self.line(f"errors.append({self.writer.helper(helper)}({call}))")

    def hint(self, at: list[PointerPart], suffix: str) -> str:
        tokens = [text for kind, text in at if kind == "literal"]
        return function_name(self.function.name, *tokens, suffix)

    # -- one schema -----------------------------------------------------------------------

    def emit(self, rules: Rules, value: str, at: list[PointerPart], depth: int) -> None:
        if rules.always_fails:
            self.error("never_valid", at, value)
            return
        if rules.ref is not None:
            callee = self.writer.callee(rules.ref)
            self.line(f"{callee}({value}, {self.pointer(at)}, errors, {self.direction})")
        if rules.read_only:
            with self.block(f'if {self.direction} == "request":'):
                self.error("read_only", at)
        if rules.write_only:
            with self.block(f'if {self.direction} == "response":'):
                self.error("write_only", at)
        types = _normalised(rules.types)
        if types is not None and len(types) == 1 and types[0] != "null":
            (only,) = types
            with self.block(f"if {self.negated(only, value)}:", chained=True):
                self.error("wrong_type", at, value, literal(_TYPE_TEXT[only]))
            self.line("else:")
            start = len(self.function.lines)
            self.depth += 1
            self.typed_checks(only, rules, value, at, depth)
            self.generic_checks(rules, value, at, depth, known=only)
            self.depth -= 1
            if len(self.function.lines) == start:
                self.function.lines.pop()  # an else with nothing in it
            else:
                _collapse(self.function.lines, start - 1)
            return
        if types is not None:
            self.type_dispatch(types, rules, value, at, depth)
        else:
            for kind in ("string", "number", "array", "object"):
                if self.has_typed_checks(kind, rules):
                    with self.block(f"if {self.predicate(kind, value)}:"):
                        self.typed_checks(kind, rules, value, at, depth)
        self.generic_checks(rules, value, at, depth, known=None)

    def type_dispatch(
        self,
        types: tuple[JsonType, ...],
        rules: Rules,
        value: str,
        at: list[PointerPart],
        depth: int,
    ) -> None:
        checked = [t for t in types if self.has_typed_checks(t, rules)]
        rest_types = [t for t in types if t not in checked]
        rest = [self.predicate(t, value) for t in rest_types]
        expected = literal(" or ".join(_TYPE_TEXT[t] for t in types))
        keyword = "if"
        for kind in checked:
            with self.block(f"{keyword} {self.predicate(kind, value)}:", chained=True):
                self.typed_checks(kind, rules, value, at, depth)
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
            self.error("wrong_type", at, value, expected)

    def predicate(self, kind: JsonType, value: str) -> str:
        if kind == "null":
            return f"{value} is None"
        if kind == "boolean":
            return f"isinstance({value}, bool)"
        if kind == "integer":
            if self.dialect_31:
                return f"{self.writer.helper('is_integer')}({value})"
            return f"(isinstance({value}, int) and not isinstance({value}, bool))"
        if kind == "number":
            return f"(isinstance({value}, (int, float)) and not isinstance({value}, bool))"
        if kind == "string":
            return f"isinstance({value}, str)"
        if kind == "array":
            return f"isinstance({value}, list)"
        return f"isinstance({value}, dict)"

    def negated(self, kind: JsonType, value: str) -> str:
        if kind == "null":
            return f"{value} is not None"
        if kind == "integer" and not self.dialect_31:
            return f"isinstance({value}, bool) or not isinstance({value}, int)"
        if kind == "number":
            return f"isinstance({value}, bool) or not isinstance({value}, (int, float))"
        return f"not {self.predicate(kind, value)}"

    @property
    def dialect_31(self) -> bool:
        return self.writer.dialect == "3.1"

    def has_typed_checks(self, kind: JsonType, rules: Rules) -> bool:
        if kind == "string":
            return _any(rules.min_length, rules.max_length, rules.pattern) or (
                rules.format is not None and rules.format not in ("int32", "int64")
            )
        if kind in ("number", "integer"):
            return _any(
                rules.minimum,
                rules.maximum,
                rules.exclusive_minimum,
                rules.exclusive_maximum,
                rules.multiple_of,
            ) or rules.format in ("int32", "int64")
        if kind == "array":
            return bool(
                _any(rules.items, rules.contains, rules.min_items, rules.max_items)
                or rules.prefix_items
                or rules.unique_items
            )
        if kind == "object":
            return bool(
                rules.properties
                or rules.required
                or _any(rules.additional, rules.property_names)
                or _any(rules.min_properties, rules.max_properties)
                or rules.pattern_properties
                or rules.dependent_required
                or rules.dependent_schemas
            )
        return False

    def typed_checks(
        self, kind: JsonType, rules: Rules, value: str, at: list[PointerPart], depth: int
    ) -> None:
        if kind == "string":
            self.string_checks(rules, value, at)
        elif kind in ("number", "integer"):
            self.number_checks(rules, value, at, integer_only=kind == "integer")
        elif kind == "array":
            self.array_checks(rules, value, at, depth)
        elif kind == "object":
            self.object_checks(rules, value, at, depth)

    # -- per type -------------------------------------------------------------------------

    def string_checks(self, rules: Rules, value: str, at: list[PointerPart]) -> None:
        if rules.min_length is not None:
            with self.block(f"if len({value}) < {literal(rules.min_length)}:"):
                self.error("too_short", at, value, literal(rules.min_length))
        if rules.max_length is not None:
            with self.block(f"if len({value}) > {literal(rules.max_length)}:"):
                self.error("too_long", at, value, literal(rules.max_length))
        if rules.pattern is not None:
            compiled = self.writer.pattern(rules.pattern.python)
            with self.block(f"if {compiled}.search({value}) is None:"):
                self.error("no_match", at, value, literal(rules.pattern.source))
        if rules.format is not None and rules.format not in ("int32", "int64"):
            checker = "is_" + rules.format.replace("-", "_")
            with self.block(f"if not {self.writer.helper(checker)}({value}):"):
                self.error("bad_format", at, value, literal(rules.format))

    def number_checks(
        self, rules: Rules, value: str, at: list[PointerPart], *, integer_only: bool
    ) -> None:
        bounds = (
            (rules.minimum, "<", "below_minimum"),
            (rules.maximum, ">", "above_maximum"),
            (rules.exclusive_minimum, "<=", "not_above"),
            (rules.exclusive_maximum, ">=", "not_below"),
        )
        for limit, operator, helper in bounds:
            if limit is not None:
                with self.block(f"if {value} {operator} {literal(limit)}:"):
                    self.error(helper, at, value, literal(limit))
        factor = rules.multiple_of
        if factor is not None:
            if integer_only and not self.dialect_31 and isinstance(factor, int):
                condition = f"{value} % {literal(factor)}"
            else:
                condition = (
                    f"not {self.writer.helper('is_multiple_of')}({value}, {literal(factor)})"
                )
            with self.block(f"if {condition}:"):
                self.error("not_multiple", at, value, literal(factor))
        if rules.format in ("int32", "int64") and not _bounded(rules):
            bits = 31 if rules.format == "int32" else 63
            low, high = literal(-(2**bits)), literal(2**bits - 1)
            guard = "" if integer_only and not self.dialect_31 else f"isinstance({value}, int) and "
            with self.block(f"if {guard}not {low} <= {value} <= {high}:"):
                self.error("bad_format", at, value, literal(rules.format))

    def array_checks(self, rules: Rules, value: str, at: list[PointerPart], depth: int) -> None:
        if rules.min_items is not None:
            with self.block(f"if len({value}) < {literal(rules.min_items)}:"):
                self.error("too_few_items", at, value, literal(rules.min_items))
        if rules.max_items is not None:
            with self.block(f"if len({value}) > {literal(rules.max_items)}:"):
                self.error("too_many_items", at, value, literal(rules.max_items))
        if rules.unique_items:
            with self.block(f"if {self.writer.helper('has_duplicates')}({value}):"):
                self.error("not_unique", at, value)
        for position, sub in enumerate(rules.prefix_items):
            if is_empty(sub):
                continue
            with self.block(f"if len({value}) > {position}:"):
                item = self.fresh(f"item {position}")
                self.line(f"{item} = {value}[{position}]")
                self.emit_nested(sub, item, [*at, ("literal", f"/{position}")], depth, "item")
        if rules.items is not None and not is_empty(rules.items):
            index, item = self.fresh("index"), self.fresh("item")
            start = len(rules.prefix_items)
            source = f"enumerate({value}[{start}:], {start})" if start else f"enumerate({value})"
            with self.block(f"for {index}, {item} in {source}:"):
                self.emit_nested(rules.items, item, [*at, ("index", index)], depth, "items")
        if rules.contains is not None:
            matches = self.writer.spawn(rules.contains, self.hint(at, "contains"))
            count = f"{self.writer.helper('count_matches')}({matches}, {value}, {self.direction})"
            low = 1 if rules.min_contains is None else rules.min_contains
            high = rules.max_contains
            if low > 0 or high is not None:
                counted = self.fresh("matching")
                self.line(f"{counted} = {count}")
                if low > 0:
                    with self.block(f"if {counted} < {literal(low)}:"):
                        self.error("too_few_contained", at, counted, literal(low))
                if high is not None:
                    with self.block(f"if {counted} > {literal(high)}:"):
                        self.error("too_many_contained", at, counted, literal(high))

    def object_checks(self, rules: Rules, value: str, at: list[PointerPart], depth: int) -> None:
        for required in rules.required:
            condition = f"{literal(required.name)} not in {value}"
            directions = set(required.directions)
            if not directions:
                continue
            if len(directions) == 1:
                condition += " and " + _direction_test(self.direction, directions.pop(), equal=True)
            elif len(directions) == 2:
                (other,) = {"", "request", "response"} - directions
                condition += " and " + _direction_test(self.direction, other, equal=False)
            with self.block(f"if {condition}:"):
                self.error("missing", at, literal(required.name))
        if rules.min_properties is not None:
            with self.block(f"if len({value}) < {literal(rules.min_properties)}:"):
                self.error("too_few_properties", at, value, literal(rules.min_properties))
        if rules.max_properties is not None:
            with self.block(f"if len({value}) > {literal(rules.max_properties)}:"):
                self.error("too_many_properties", at, value, literal(rules.max_properties))
        for name, needed in rules.dependent_required:
            with self.block(f"if {literal(name)} in {value}:"):
                for other in needed:
                    with self.block(f"if {literal(other)} not in {value}:"):
                        self.error("missing_dependency", at, literal(other), literal(name))
        for name, sub in rules.properties:
            if is_empty(sub):
                continue
            with self.block(f"if {literal(name)} in {value}:"):
                local = self.fresh(name)
                self.line(f"{local} = {value}[{literal(name)}]")
                where = [*at, ("literal", "/" + escape_pointer_token(name))]
                self.emit_nested(sub, local, where, depth, name)
        self.other_properties(rules, value, at, depth)
        if rules.property_names is not None and not is_empty(rules.property_names):
            key = self.fresh("key")
            with self.block(f"for {key} in {value}:"):
                self.emit_nested(rules.property_names, key, at, depth, "property names")
        for name, sub in rules.dependent_schemas:
            with self.block(f"if {literal(name)} in {value}:"):
                self.emit_nested(sub, value, at, depth, f"if {name}")

    def other_properties(self, rules: Rules, value: str, at: list[PointerPart], depth: int) -> None:
        """``patternProperties`` and ``additionalProperties``: checks by key."""
        extra = rules.additional
        if extra is not None and is_empty(extra):
            extra = None
        if extra is None and not rules.pattern_properties:
            return
        names = ", ".join(literal(name) for name, _ in rules.properties)
        declared = (
            self.writer.constant(self.hint(at, "properties"), f"frozenset({{{names}}})")
            if names
            else "frozenset()"
        )
        if extra is not None and extra.always_fails and not rules.pattern_properties:
            with self.block(f"if not {declared}.issuperset({value}):"):
                key = self.fresh("key")
                with (
                    self.block(f"for {key} in {value}:"),
                    self.block(f"if {key} not in {declared}:"),
                ):
                    self.error("unexpected", at, key)
            return
        key, item = self.fresh("key"), self.fresh("item")
        where = [*at, ("key", key)]
        with self.block(f"for {key}, {item} in {value}.items():"):
            if not rules.pattern_properties:
                assert extra is not None
                header = f"if {key} not in {declared}:" if rules.properties else None
                self.additional(extra, item, key, at, where, depth, header)
                return
            matched = self.fresh("matched") if extra is not None else None
            if matched is not None:
                self.line(f"{matched} = {key} in {declared}")
            for pattern, sub in rules.pattern_properties:
                compiled = self.writer.pattern(pattern.python)
                with self.block(f"if {compiled}.search({key}) is not None:"):
                    if matched is not None:
                        self.line(f"{matched} = True")
                    self.emit_nested(sub, item, where, depth, "pattern")
            if extra is not None:
                self.additional(extra, item, key, at, where, depth, f"if not {matched}:")

    def additional(
        self,
        extra: Rules,
        item: str,
        key: str,
        at: list[PointerPart],
        where: list[PointerPart],
        depth: int,
        header: str | None,
    ) -> None:
        if header is not None:
            with self.block(header):
                self.additional(extra, item, key, at, where, depth, None)
            return
        if extra.always_fails:
            self.error("unexpected", at, key)
        else:
            self.emit_nested(extra, item, where, depth, "values")

    def emit_nested(
        self, rules: Rules, value: str, at: list[PointerPart], depth: int, hint: str
    ) -> None:
        """A subschema: inline, or a call when it is a container nested deep enough."""
        if depth + 1 >= _MAX_INLINE_DEPTH and _is_container(rules):
            callee = self.writer.spawn(rules, self.hint(at, hint))
            self.line(f"{callee}({value}, {self.pointer(at)}, errors, {self.direction})")
            return
        self.emit(rules, value, at, depth + 1)

    # -- keywords for any type ------------------------------------------------------------

    def generic_checks(
        self, rules: Rules, value: str, at: list[PointerPart], depth: int, known: str | None
    ) -> None:
        if rules.enum is not None:
            self.enum_check(rules.enum, value, at, known)
        if rules.const is not None:
            (constant,) = rules.const
            if isinstance(constant, str):
                condition = f"{value} != {literal(constant)}"
            elif constant is None:
                condition = f"{value} is not None"
            else:
                condition = f"not {self.writer.helper('json_equal')}({value}, {literal(constant)})"
            with self.block(f"if {condition}:"):
                self.error("not_const", at, value, literal(constant))
        for sub in rules.all_of:
            self.emit(sub, value, at, depth)
        for combinator, branches in (("any_of", rules.any_of), ("one_of", rules.one_of)):
            if not branches:
                continue
            functions = [
                self.writer.spawn(b, self.hint(at, f"{combinator} {i}"))
                for i, b in enumerate(branches)
            ]
            args = [value, self.pointer(at), "errors", self.direction]
            tag = rules.discriminator
            if tag is not None and (combinator == "one_of" or not rules.one_of):
                if not self.dialect_31:  # 3.0: the tag's schema decides alone
                    routes = ", ".join(f"{literal(k)}: {functions[i]}" for k, i in tag.tags)
                    args += [
                        literal(tag.property),
                        f"{{{routes}}}",
                        literal(_KEYWORDS[combinator]),
                    ]
                    self.line(f"{self.writer.helper('match_tagged')}({', '.join(args)})")
                    continue
                tags = ", ".join(f"{literal(k)}: {i}" for k, i in tag.tags)
                args += [_tuple(functions), f"tag=({literal(tag.property)}, {{{tags}}})"]
            else:
                args.append(_tuple(functions))
            self.line(f"{self.writer.helper('match_' + combinator)}({', '.join(args)})")
        if rules.not_ is not None:
            function = self.writer.spawn(rules.not_, self.hint(at, "not"))
            with self.block(
                f"if {self.writer.helper('matches')}({function}, {value}, {self.direction}):"
            ):
                self.error("matches_not", at, value)
        if rules.if_ is not None and (rules.then is not None or rules.else_ is not None):
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

    def enum_check(
        self, values: tuple[object, ...], value: str, at: list[PointerPart], known: str | None
    ) -> None:
        options = self.writer.constant(self.hint(at, "enum"), _tuple([literal(v) for v in values]))
        if values and all(isinstance(v, str) for v in values):
            condition = f"{value} not in {options}"
            if known != "string":
                condition = f"not (isinstance({value}, str) and {value} in {options})"
        else:
            condition = f"not {self.writer.helper('json_in')}({value}, {options})"
        with self.block(f"if {condition}:"):
            self.error("not_in_enum", at, value, options)


def _collapse(lines: list[str], at: int) -> None:
    """Fold a block whose whole body is one ``if`` into its header, as a person would write
    it: ``if a:`` + ``if b:`` becomes ``if a and b:``, ``else:`` + ``if b:`` becomes ``elif b:``."""
    header = lines[at]
    indent = len(header) - len(header.lstrip())
    inner = lines[at + 1]
    inner_indent = len(inner) - len(inner.lstrip())
    if not inner.lstrip().startswith("if ") or inner_indent != indent + 4:
        return
    body = lines[at + 2 :]
    if not body or any(len(line) - len(line.lstrip()) <= inner_indent for line in body):
        return
    outer = header.strip()
    condition = inner.strip()[3:-1]
    if outer == "else:":
        merged = f"elif {condition}:"
    elif outer.startswith("if "):
        merged = f"if {_grouped(outer[3:-1])} and {_grouped(condition)}:"
    else:
        return
    lines[at : at + 2] = [" " * indent + merged]
    for position in range(at + 1, len(lines)):
        lines[position] = lines[position][4:]


def _grouped(condition: str) -> str:
    return f"({condition})" if " or " in condition else condition


_KEYWORDS = {"any_of": "anyOf", "one_of": "oneOf"}


def _direction_test(code: str, direction: str, *, equal: bool) -> str:
    if direction == "":
        return f"{code} is None" if equal else f"{code} is not None"
    return f"{code} {'==' if equal else '!='} {literal(direction)}"


def pointer_code(at: list[PointerPart], base: str) -> str:
    """The expression for a JSON pointer: ``base`` plus literal tokens, keys and indexes."""
    pieces = [base]
    pending = ""
    for kind, text in at:
        if kind == "literal":
            pending += text
            continue
        pending += "/"
        pieces.append(literal(pending))
        pending = ""
        pieces.append(f"escape_token({text})" if kind == "key" else f"str({text})")
    if pending:
        pieces.append(literal(pending))
    if pieces[0] == '""' and len(pieces) > 1:
        pieces.pop(0)
    return " + ".join(pieces)


def _normalised(types: tuple[JsonType, ...] | None) -> tuple[JsonType, ...] | None:
    if types is None:
        return None
    if "number" in types:
        return tuple(t for t in types if t != "integer")
    return types


def _tuple(items: list[str]) -> str:
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _bounded(rules: Rules) -> bool:
    """Whether the bounds already keep an integer within its ``int32``/``int64`` format."""
    bits = 31 if rules.format == "int32" else 63
    low = rules.minimum if rules.minimum is not None else rules.exclusive_minimum
    high = rules.maximum if rules.maximum is not None else rules.exclusive_maximum
    return low is not None and high is not None and low >= -(2**bits) and high <= 2**bits - 1


def _any(*values: object) -> bool:
    return any(v is not None for v in values)


_NOT_RULES = frozenset({"pointer", "examples", "description"})


def shape(value: object) -> str:
    """What rules demand, without where they were written or what they say about themselves:
    equal for equal rules."""
    if isinstance(value, Rules):
        parts = (
            f"{f.name}={shape(getattr(value, f.name))}"
            for f in fields(Rules)
            if f.name not in _NOT_RULES
        )
        return "Rules(" + ", ".join(parts) + ")"
    if isinstance(value, tuple):
        return "(" + ", ".join(shape(item) for item in value) + ")"
    return repr(value)


def is_empty(rules: Rules) -> bool:
    return shape(rules) == _EMPTY


def _only_ref(rules: Rules) -> bool:
    return shape(rules) == shape(Rules("", ref=rules.ref))


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


def _usable(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and name not in _SHADOWED


# Builtins, the runtime's helpers and the modules the validators import (``re``): a local of
# that name would hide them.
_SHADOWED = frozenset(dir(builtins)) | VALIDATION_NAMES | {"re"}

_EMPTY = shape(Rules(""))
