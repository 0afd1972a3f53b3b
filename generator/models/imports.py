"""Which model modules import which, and how.

Model modules refer to each other freely (a recursive pair of schemas, say). A reference that
closes an import cycle cannot be a top-level import, so it is imported for type checkers only
and again inside ``from_dict``, the one place that needs the class at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator import naming
from generator.encode import identifier, literal
from generator.graphs import strongly_connected
from generator.ir import (
    Alias,
    AliasRef,
    Definition,
    EnumRef,
    Model,
    ModelRef,
    TypeRef,
    walk_types,
)
from generator.output.line import LINE_LENGTH


def import_line(source: str, names: Iterable[str], *, indent: str = "", placed: str = "") -> str:
    """``from source import a, B, C``, names in isort's order: CONSTANTS, Classes, functions.
    One too long for a line is parenthesised, a name a line, as black writes it. ``indent``
    starts every line (for a template that writes the import at the margin); ``placed`` is
    the indentation the template gives the first line only, which the others then take."""
    for part in filter(None, source.lstrip(".").split(".")):
        identifier(part)
    ordered = [
        identifier(n)
        for n in sorted(set(names), key=lambda name: naming.name_order(name, fold_case=True))
    ]
    line = f"{indent}from {source} import {', '.join(ordered)}"
    if len(placed) + len(line) <= LINE_LENGTH:
        return line
    margin = placed + indent
    listed = "".join(f"{margin}    {name},\n" for name in ordered)
    return f"{indent}from {source} import (\n{listed}{margin})"


def module_table(where: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The entries of a lazy index's ``_MODULES`` table (``runtime/_lazy.py``), one
    ``"name": "module"`` per (name, module) pair: where each name it exports is defined,
    relative to the index's package. Sorted by name, so the table is deterministic."""
    return tuple(f"{literal(name)}: {literal(module)}" for name, module in sorted(where))


@dataclass(frozen=True, slots=True)
class ModuleGraph:
    # module -> other module -> names, for references needed at run time (by from_dict)
    runtime: dict[str, dict[str, set[str]]]
    # module -> other module -> names, for references only annotations make (type aliases)
    typing: dict[str, dict[str, set[str]]]
    component: dict[str, int]
    # (module, name) of the decoder functions referred to: called, never in an annotation
    called: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, modules: dict[str, tuple[Definition, ...]]) -> ModuleGraph:
        runtime: dict[str, dict[str, set[str]]] = {m: {} for m in modules}
        typing: dict[str, dict[str, set[str]]] = {m: {} for m in modules}
        called: set[tuple[str, str]] = set()
        for module, definitions in modules.items():
            for definition in definitions:
                for other, name, at_run_time in _references(definition):
                    if other != module:
                        target = runtime[module] if at_run_time else typing[module]
                        target.setdefault(other, set()).add(name)
                called.update(_decoders(definition))
        return cls(runtime, typing, strongly_connected(runtime), frozenset(called))

    def _cyclic(self, module: str, other: str) -> bool:
        return self.component[module] == self.component[other]

    def eager_imports(self, module: str) -> list[tuple[str, list[str]]]:
        return sorted(
            (other, sorted(names))
            for other, names in self.runtime[module].items()
            if not self._cyclic(module, other)
        )

    def lazy_imports(self, module: str) -> list[tuple[str, list[str]]]:
        lazy: dict[str, set[str]] = {}
        for other, names in self.runtime[module].items():
            if self._cyclic(module, other):
                # A decoder is imported where it is called; type checkers need only types.
                typed = {name for name in names if (other, name) not in self.called}
                if typed:
                    lazy.setdefault(other, set()).update(typed)
        for other, names in self.typing[module].items():
            eager = (
                self.runtime[module].get(other, set()) if not self._cyclic(module, other) else set()
            )
            rest = names - eager
            if rest:
                lazy.setdefault(other, set()).update(rest)
        return sorted((other, sorted(names)) for other, names in lazy.items())

    def function_imports(self, definition: Model | Alias) -> list[tuple[str, list[str]]]:
        """What the conversions of ``definition`` import when they run: the names they use
        from modules in an import cycle with its own."""
        module = definition.module
        needed: dict[str, set[str]] = {}
        for other, name, at_run_time in _references(definition):
            if at_run_time and other != module and self._cyclic(module, other):
                needed.setdefault(other, set()).add(name)
        return sorted((other, sorted(names)) for other, names in needed.items())


def _decoders(definition: Definition) -> list[tuple[str, str]]:
    """The (module, name) of the recursive aliases' decoder functions that the conversion of
    ``definition`` calls."""
    types, converts = _types(definition)
    return [
        (t.module, naming.alias_decoder(t.name))
        for root in types
        for t in walk_types(root)
        if converts and isinstance(t, AliasRef) and t.converts
    ]


def _types(definition: Definition) -> tuple[list[TypeRef], bool]:
    """The types ``definition`` holds, and whether its conversion code uses them at run time:
    a model converts in ``from_dict``, a recursive alias that converts in its decoder."""
    if isinstance(definition, Model):
        return [p.type for p in definition.properties] + [definition.extra], True
    if isinstance(definition, Alias):
        return [definition.type], definition.recursive and definition.converts
    return [], False


def _references(definition: Definition) -> list[tuple[str, str, bool]]:
    """The names ``definition`` uses from each module, and whether its conversion code uses
    them at run time (else only annotations do)."""
    types, converts = _types(definition)
    found = []
    for t in (t for root in types for t in walk_types(root)):
        if isinstance(t, AliasRef):
            found.append((t.module, t.name, False))
            if converts and t.converts:
                found.append((t.module, naming.alias_decoder(t.name), True))
        elif isinstance(t, ModelRef | EnumRef):
            found.append((t.module, t.name, converts))
    return found
