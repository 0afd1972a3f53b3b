"""Validation rules to hypothesis strategy expressions, one function per named schema.

Each expression aims at valid data (lengths, bounds, multiples, enums, formats, required and
optional properties); the generated function then keeps only what the generated validator
accepts, so a rule the expression does not model (a pattern beside a length, ``not``) can cost
examples but never lets an invalid one through. Spec values enter through ``literal()`` only.
"""

from __future__ import annotations

import math
from dataclasses import replace

from generator.encode import literal
from generator.fixtures import implied_type
from generator.ir import Rules, Target

_FORMAT_STRATEGIES = {
    "date-time": "_date_times()",
    "date": "st.dates().map(date.isoformat)",
    "time": "_times()",
    "uuid": "st.uuids().map(str)",
    "email": 'st.from_regex(r"[a-z]{1,8}(\\.[a-z]{1,8})?@[a-z]{1,8}\\.(com|org)", fullmatch=True)',
    "hostname": 'st.from_regex(r"[a-z][a-z0-9]{0,8}(\\.[a-z][a-z0-9]{0,8}){0,2}", fullmatch=True)',
    "ipv4": "st.ip_addresses(v=4).map(str)",
    "ipv6": "st.ip_addresses(v=6).map(str)",
    "uri": 'st.from_regex(r"https://[a-z]{1,8}\\.example/[a-z0-9]{0,8}", fullmatch=True)',
    "uri-reference": 'st.from_regex(r"/[a-z0-9]{0,8}", fullmatch=True)',
    "byte": "st.binary(max_size=16).map(lambda b: base64.b64encode(b).decode())",
}


class StrategyWriter:
    """Strategy expressions for the rules of one spec; ``functions`` maps pointers to names."""

    def __init__(self, targets: dict[str, Target], functions: dict[str, str]) -> None:
        self.targets = targets
        self.functions = functions
        self.uses: set[str] = set()  # optional imports the expressions need

    def expression(self, rules: Rules, depth: int = 0) -> str:
        if rules.always_fails:
            return "st.nothing()"
        if rules.ref is not None and rules.ref in self.functions:
            return f"st.deferred({self.functions[rules.ref]})"
        if rules.ref is not None:
            return self.expression(self.targets[rules.ref].rules, depth + 1)
        if rules.const is not None:
            return f"st.just({literal(rules.const[0])})"
        if rules.enum is not None:
            return f"st.sampled_from({literal(list(rules.enum))})"
        if rules.if_ is not None:
            # Data that takes the then branch, or data that takes the else branch.
            base = self.expression(_without_condition(rules), depth + 1)
            arms = [self.expression(arm, depth + 1) for arm in (rules.then, rules.else_) if arm]
            merged = [f"st.tuples({base}, {arm}).map(_merged)" for arm in arms] or [base]
            return f"st.one_of({', '.join(merged)})"
        if rules.one_of or rules.any_of:
            alternatives = [self.expression(b, depth + 1) for b in rules.one_of or rules.any_of]
            if rules.discriminator is not None:
                # Each branch carries the tag that names it (the mapping's, listed last).
                named = {index: tag for tag, index in rules.discriminator.tags}
                key = literal(rules.discriminator.property)
                alternatives = [
                    f"{branch}.map(_tagged({key}, {literal(named[i])}))" if i in named else branch
                    for i, branch in enumerate(alternatives)
                ]
            return f"st.one_of({', '.join(alternatives)})"
        if rules.all_of:
            parts = [self.expression(b, depth + 1) for b in rules.all_of]
            return f"st.tuples({', '.join(parts)}).map(_merged)"
        types = rules.types or (implied_type(rules) or "any",)
        options = [self._typed(kind, rules, depth) for kind in types]
        return options[0] if len(options) == 1 else f"st.one_of({', '.join(options)})"

    def _typed(self, kind: str, rules: Rules, depth: int) -> str:
        if kind == "null":
            return "st.none()"
        if kind == "boolean":
            return "st.booleans()"
        if kind == "string":
            if rules.format in _FORMAT_STRATEGIES:
                self.uses |= {"byte": {"base64"}, "date": {"date"}}.get(rules.format, set())
                return _FORMAT_STRATEGIES[rules.format]
            if rules.pattern is not None:
                return f"st.from_regex({literal(rules.pattern.python)})"
            low = rules.min_length or 0
            high = rules.max_length if rules.max_length is not None else max(low, 20)
            return (
                f"st.text(_TEXT, min_size={literal(low)}, max_size={literal(min(high, low + 40))})"
            )
        if kind in ("integer", "number"):
            return self._number(rules, integer=kind == "integer")
        if kind == "array":
            item = self.expression(rules.items, depth + 1) if rules.items else "_JSON"
            if rules.items is not None and rules.items.always_fails:
                high = 0  # no item may follow
            low = rules.min_items or 0
            high = rules.max_items if rules.max_items is not None else low + 3
            if rules.contains is not None:
                # Draw the tail from what 'contains' counts, as many as it asks for.
                item = self.expression(rules.contains, depth + 1)
                low = max(low - len(rules.prefix_items), rules.min_contains or 1, 0)
                high = min(high, rules.max_contains if rules.max_contains is not None else high)
            size = f"min_size={literal(low)}, max_size={literal(max(low, min(high, low + 3)))}"
            tail = f"st.lists({item}, {size})"
            if not rules.prefix_items:
                return tail
            head = ", ".join(self.expression(p, depth + 1) for p in rules.prefix_items)
            return f"st.tuples(st.tuples({head}), {tail}).map(_joined)"
        if kind == "object":
            return self._object(rules, depth)
        return "_JSON"

    def _number(self, rules: Rules, *, integer: bool) -> str:
        low = rules.minimum if rules.minimum is not None else rules.exclusive_minimum
        high = rules.maximum if rules.maximum is not None else rules.exclusive_maximum
        factor = rules.multiple_of
        whole_factor = factor is not None and float(factor).is_integer() and factor >= 1
        if integer or whole_factor:
            # Multiples of a whole factor, or plain integers (a fractional factor of an
            # integer is left to the validator's filter).
            step = int(factor) if whole_factor and factor is not None else 1
            first = None if low is None else math.ceil(low / step)
            last = None if high is None else math.floor(high / step)
            ints = f"st.integers(min_value={literal(first)}, max_value={literal(last)})"
            return ints if step == 1 else f"{ints}.map(lambda k: k * {literal(step)})"
        bounds = f"min_value={literal(low)}, max_value={literal(high)}"
        return f"st.floats({bounds}, allow_nan=False, allow_infinity=False)"

    def _object(self, rules: Rules, depth: int) -> str:
        # Every required name, read-only and write-only ones too: the data then also builds
        # the model (whose from_dict wants them) and stays valid when no direction is given.
        # What dependentRequired may ask for is always drawn.
        required = {r.name for r in rules.required}
        required |= {name for _, needed in rules.dependent_required for name in needed}
        must: list[str] = []
        may: list[str] = []
        for name, sub in rules.properties:
            entry = f"{literal(name)}: {self.expression(sub, depth + 1)}"
            (must if name in required else may).append(entry)
        for name in sorted(required - {n for n, _ in rules.properties}):
            must.append(f"{literal(name)}: _JSON")
        extra = rules.additional
        if not rules.properties and extra is not None and not extra.always_fails:
            values = self.expression(extra, depth + 1)
            return f"st.dictionaries(st.text(_TEXT, max_size=8), {values}, max_size=3)"
        return f"st.fixed_dictionaries({{{', '.join(must)}}}, optional={{{', '.join(may)}}})"


def _without_condition(rules: Rules) -> Rules:
    return replace(rules, if_=None, then=None, else_=None)
