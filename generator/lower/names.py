"""Names the lowering derives (an inline schema's class, a property's attribute), kept apart
from each other and from the names the spec's author gave, by one rule: the author's name
keeps it, and the derived one is numbered apart (``naming.number_apart``) with a warning
naming both places; two names the author gave that Python spells alike are numbered apart
by the same rule (``name_schemas``). Never an error: numbered names are correct code."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from generator.lower.schema_facts import class_and_module
from generator.naming import number_apart
from generator.spec.resolve import Index, schema_pointer

Warn = Callable[[str, str], None]


class ClassNames:
    """Every class name, and the pointer of the schema whose class took it."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}
        self._lent: dict[str, str] = {}

    def take(self, name: str, pointer: str) -> None:
        """A named schema's own class name, taken before anything is derived (the first of
        two that agree keeps it here; the check stage reports the pair)."""
        self._owners.setdefault(name, pointer)

    @contextmanager
    def lent(self, name: str, pointer: str) -> Iterator[None]:
        """While the named schema at ``pointer`` is built, the one class its body is made of
        (``allOf: [{properties: ...}]``, an allOf that narrows to an enum) may take its name:
        that class is the schema itself and takes its place."""
        self._lent[name] = pointer
        try:
            yield
        finally:
            self._lent.pop(name, None)

    def claim(self, name: str, pointer: str, warn: Warn) -> str:
        """``name`` for the schema at ``pointer``, unless a named schema or an earlier derived
        class holds it; then ``name`` numbered apart (``FacetResponse2``), with a warning."""
        owner = self._owners.get(name)
        if owner is None:
            self._owners[name] = pointer
            return name
        if self._lent.get(name) == owner:
            del self._lent[name]
            return name
        chosen = number_apart(name, self._owners, separator="")
        self._owners[chosen] = pointer
        warn(
            pointer,
            f"the class name {name!r} made for this schema is already the name of {owner}; "
            f"this one is {chosen!r}",
        )
        return chosen


def distinct_attributes(
    properties: list[tuple[str, str, str]], warn: Warn
) -> dict[str, tuple[str, str]]:
    """Each property's (wire name, attribute, pointer) to its attribute name and the number it
    was given ("" or "2"), by this rule: of properties whose names give the same attribute
    (``caller-name`` and ``caller_name``), the one whose wire name is that attribute keeps
    it, else the first in spec order; the others are numbered apart (``caller_name_2``),
    each with a warning naming the property that kept it."""
    keepers: dict[str, tuple[str, str, str]] = {}
    for prop in sorted(properties, key=lambda p: p[0] != p[1]):
        keepers.setdefault(prop[1], prop)
    taken = set(keepers)
    result = {}
    for prop in properties:
        wire, python, pointer = prop
        keeper = keepers[python]
        if keeper is prop:
            result[wire] = (python, "")
            continue
        chosen = number_apart(python, taken)
        taken.add(chosen)
        warn(
            pointer,
            f"the attribute name {python!r} is already made from {keeper[2]}; "
            f"this one is {chosen!r}",
        )
        result[wire] = (chosen, chosen[len(python) + 1 :])
    return result


def name_schemas(index: Index, names: Sequence[str], warn: Warn) -> dict[str, tuple[str, str]]:
    """The class and module of every named schema. Two names the author gave that Python
    spells alike (``ruleset`` and ``Ruleset``, ``tunnel-response`` and ``tunnel_response``)
    cannot both have them: the one whose name is already its class name keeps them (else the
    first in the spec), and the other is numbered apart, class and module together
    (``Ruleset2``, ``ruleset_2``), with a warning. ``x-python-name`` chooses names instead."""
    wanted = {name: class_and_module(index.lookup(schema_pointer(name)), name) for name in names}
    exact = [name for name in names if wanted[name][0] == name]
    order = exact + [name for name in names if wanted[name][0] != name]
    classes: dict[str, str] = {}
    modules: dict[str, str] = {}
    chosen: dict[str, tuple[str, str]] = {}
    for name in order:
        class_name, module = wanted[name]
        owner = classes.get(class_name) or modules.get(module)
        number = 2
        while class_name in classes or module in modules:
            class_name = f"{wanted[name][0]}{number}"
            module = f"{wanted[name][1]}_{number}"
            number += 1
        if owner is not None:
            warn(
                schema_pointer(name),
                f"the class {wanted[name][0]!r} and module {wanted[name][1]!r} this schema "
                f"would get are those of {owner}; this one gets {class_name!r} and "
                f"{module!r} (x-python-name chooses others)",
            )
        classes[class_name] = modules[module] = schema_pointer(name)
        chosen[name] = (class_name, module)
    return chosen
