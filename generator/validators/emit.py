"""The machinery that writes validator modules: functions as lines of code, the module's names,
constants and helpers, pointers and error calls, and the folding of nested ``if`` blocks.

What a schema's keywords turn into is ``keywords.py``'s business; this module only knows how to
write a function down. Every function has the signature ``(data, at, errors, direction)``: it
appends a ``ValidationError`` for each broken rule and returns nothing, so all errors are
collected in one pass. Pointers are only built when an error is, keeping the valid path cheap.
Spec values reach the code through ``generator.encode`` only: ``literal()`` for values,
``identifier()`` for names.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from operator import attrgetter

from generator.encode import docstring, identifier, literal
from generator.ir import Pattern, Rules
from generator.naming import words
from generator.reserved import SHADOWED_IN_VALIDATORS

PointerPart = tuple[str, str]  # ("literal", "/name") | ("key", variable) | ("index", variable)


@dataclass
class Function:
    name: str
    docstring: str
    lines: list[str] = field(default_factory=list)
    # Called with the parent's pointer and the key apart (``at``, ``key``), joined only when
    # an error is reported: the shared property checkers, called on every property they check.
    keyed: bool = False


@dataclass
class ModuleCode:
    functions: list[Function] = field(default_factory=list)
    constants: list[str] = field(default_factory=list)
    helpers: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)  # other validator modules it calls into
    uses_re: bool = False
    uses_linear: bool = False  # a constant is a LinearPattern (runtime/_linear_regex.py)


class Names:
    """Module-level names of the validators package, unique across it."""

    def __init__(self, modules: set[str]) -> None:
        self.aliases = {module_alias(m) for m in modules}  # how modules import each other
        self.taken: set[str] = set()
        self.of_target: dict[str, tuple[str, str]] = {}  # pointer -> (module, function)

    def claim(self, wanted: str, module: str | None = None) -> str:
        """``wanted``, or it numbered; a module's own alias is free inside that module."""
        name = wanted
        number = 2
        own = module_alias(module) if module is not None else None
        while name in self.taken or (name in self.aliases and name != own):
            name = f"{wanted}_{number}"
            number += 1
        self.taken.add(name)
        return identifier(name)


def module_alias(module: str) -> str:
    """The name a validators module is imported under by the others: private, as every
    module-level name of the generated code is (``_requests_...`` and ``_common`` already are)."""
    return module if module.startswith("_") else "_" + module


def function_name(*parts: str) -> str:
    text = "_".join(w.lower() for part in parts for w in words(part))
    return "_" + (text or "schema")


class Module:
    """The module being written: its code, constants and helpers, and the functions queued
    for it; ``keywords.ModuleWriter`` writes the queued functions' bodies."""

    def __init__(
        self,
        module: str,
        names: Names,
        dialect: str,
        common: Module | None = None,
        repeated: frozenset[str] = frozenset(),
    ) -> None:
        self.module = module
        self.names = names
        self.dialect = dialect
        # The module where property rules that repeat across the package are checked once
        # (sharing.py): the one told which rules repeat is that module itself.
        self.repeated = repeated
        self.common = self if repeated else common
        self.code = ModuleCode()
        self._pending: list[tuple[Function, Rules]] = []
        self._constants: dict[str, str] = {}
        self._shared: dict[str, str] = {}

    def callee(self, pointer: str) -> str:
        module, name = self.names.of_target[pointer]
        if module == self.module:
            return name
        self.code.modules.add(module)
        return f"{module_alias(module)}.{name}"

    def common_check(self, rules: Rules, name: str, words: str) -> str | None:
        """The one function that checks ``rules`` for every property they repeat in (named
        by ``words``); ``None`` when they are written once (or say no more than a type),
        and are checked inline."""
        common = self.common
        if common is None or shape(rules) not in common.repeated:
            return None
        function = common.shared(
            rules,
            function_name(words),
            f"The rules of ``{name}``, and of every property with the same rules; the value "
            "is at ``at + key``",
            keyed=True,
        )
        if common is self:
            return function
        self.code.modules.add(common.module)
        return f"{module_alias(common.module)}.{function}"

    def queue(self, name: str, text: str, rules: Rules, *, keyed: bool = False) -> None:
        self._pending.append((Function(name, docstring(text, 4), keyed=keyed), rules))

    def next_pending(self) -> tuple[Function, Rules] | None:
        return self._pending.pop(0) if self._pending else None

    def spawn(self, rules: Rules, hint: str) -> str:
        """A function of its own for an inline schema; its name."""
        if rules.ref is not None and _only_ref(rules):
            return self.callee(rules.ref)
        name = self.names.claim(hint)
        self.queue(name, f"The schema at ``{rules.pointer}``.", rules)
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

    def shared(self, rules: Rules, hint: str, what: str, *, keyed: bool = False) -> str:
        """One function for every use of the same rules (parameters repeat across operations)."""
        key = shape(rules)
        if key not in self._shared:
            self._shared[key] = self.names.claim(hint)
            text = f"{what} (first at ``{rules.pointer}``)."
            self.queue(self._shared[key], text, rules, keyed=keyed)
        return self._shared[key]

    def pattern(self, pattern: Pattern) -> str:
        """A constant whose ``search`` finds ``pattern``: ``re``'s compiled pattern, or the
        linear-time matcher where ``re`` could take more than linear time on some text."""
        hint = f"_PATTERN_{sum(1 for c in self.code.constants if c.startswith('_PATTERN_')) + 1}"
        if pattern.program is not None:
            self.code.uses_linear = True
            return self.constant(hint, f"LinearPattern({literal(pattern.program)})")
        self.code.uses_re = True
        return self.constant(hint, f"re.compile({literal(pattern.python)}, re.ASCII)")

    def helper(self, name: str) -> str:
        self.code.helpers.add(name)
        return name


class Body:
    """The statements of one function, written line by line."""

    def __init__(
        self,
        writer: Module,
        function: Function,
        *,
        at: str = "at",
        direction: str = "direction",
    ) -> None:
        self.writer = writer
        self.function = function
        self.depth = 1
        self.locals = {"data", "at", "errors", "direction"} | ({"key"} if function.keyed else set())
        self.at = at  # the expression for the pointer of the function's value
        self.direction = direction  # the expression for the direction of the data

    @property
    def dialect_31(self) -> bool:
        return self.writer.dialect == "3.1"

    def line(self, text: str) -> None:
        self.function.lines.append("    " * (self.depth - 1) + text)

    @contextmanager
    def block(self, header: str, *, chained: bool = False) -> Iterator[None]:
        """An indented block; ``chained`` when an ``elif``/``else`` will follow it."""
        self.line(_without_redundant_parens(header))
        start = len(self.function.lines)
        self.depth += 1
        yield
        self.depth -= 1
        if len(self.function.lines) == start:
            self.function.lines.append("    " * self.depth + "pass")
        elif not chained:
            _collapse(self.function.lines, start - 1)

    @contextmanager
    def else_block(self) -> Iterator[None]:
        """An ``else:`` that is left out when nothing is written in it."""
        self.line("else:")
        start = len(self.function.lines)
        self.depth += 1
        yield
        self.depth -= 1
        if len(self.function.lines) == start:
            self.function.lines.pop()
        else:
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

    def call(self, function: str, value: str, at: list[PointerPart]) -> None:
        """A call of another validator function on ``value``, found at ``at``."""
        self.line(f"{function}({value}, {self.pointer(at)}, errors, {self.direction})")

    def hint(self, at: list[PointerPart], suffix: str) -> str:
        tokens = [text for kind, text in at if kind == "literal"]
        return function_name(self.function.name, *tokens, suffix)


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


def _without_redundant_parens(header: str) -> str:
    """``if (a and b):`` as black writes it, ``if a and b:``: the condition's own parentheses
    are there for when it is combined with others."""
    keyword, _, rest = header.partition(" ")
    if keyword not in {"if", "elif"} or not rest.startswith("(") or not rest.endswith("):"):
        return header
    if '"' in rest or "'" in rest:
        return header  # a parenthesis in a string would mislead the count
    depth = 0
    for position, char in enumerate(rest[:-1]):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and position < len(rest) - 2:
            return header  # the first parenthesis closes before the end: not one group
    return f"{keyword} {rest[1:-2]}:"


def _grouped(condition: str) -> str:
    return f"({condition})" if " or " in condition else condition


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


def tuple_code(items: list[str]) -> str:
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


_NOT_RULES = frozenset({"pointer", "examples", "description"})


_RULE_FIELDS = tuple(f.name for f in fields(Rules) if f.name not in _NOT_RULES)
_DEFAULTS = tuple((f.name, f.default) for f in fields(Rules) if f.name not in _NOT_RULES)
_rule_values = attrgetter(*_RULE_FIELDS)  # a Rules object's values of those fields, in order
# While a package's validators are planned, each Rules object's shape by identity (a nested
# schema's shape is asked for at every level above it), and a short token for each distinct
# shape, so that a parent's shape holds its children's tokens, not their whole text (deeply
# nested inline objects made that quadratic). ``forget_shapes`` empties both.
_SHAPES: dict[int, tuple[Rules, str]] = {}
_TOKENS: dict[tuple[object, ...], str] = {}


def shape(rules: Rules) -> str:
    """What rules demand, without where they were written or what they say about themselves:
    equal for equal rules, within one planning of a package."""
    known = _SHAPES.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    key = tuple(map(_key, _rule_values(rules)))
    token = _TOKENS.setdefault(key, f"#{len(_TOKENS)}")
    _SHAPES[id(rules)] = (rules, token)
    return token


def _key(value: object) -> object:
    # None, True and False (most fields, at their defaults) stand for themselves: no other
    # value's key is one of them, since the rest are strings and tuples.
    if value is None or value is True or value is False:
        return value
    if isinstance(value, Rules):
        return shape(value)
    if isinstance(value, tuple):
        return tuple(map(_key, value)) if value else ()
    return repr(value)  # JSON values may be dicts; and true is not 1, nor 1.0 the integer 1


def forget_shapes() -> None:
    _SHAPES.clear()
    _TOKENS.clear()


def demanded(rules: Rules) -> list[str]:
    """The fields ``rules`` sets to other than their default (annotations aside), in the
    order ``Rules`` declares them."""
    values = _rule_values(rules)  # in _RULE_FIELDS order, which _DEFAULTS shares
    return [
        name for (name, default), value in zip(_DEFAULTS, values, strict=True) if value != default
    ]


def is_empty(rules: Rules) -> bool:
    """Rules that demand nothing (annotations aside)."""
    return not demanded(rules)


def _only_ref(rules: Rules) -> bool:
    return set(demanded(rules)) <= {"ref"}


def _usable(name: str) -> bool:
    return (
        name.isidentifier() and not keyword.iskeyword(name) and name not in SHADOWED_IN_VALIDATORS
    )
