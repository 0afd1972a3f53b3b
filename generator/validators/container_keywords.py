"""The keywords of arrays and objects, as ``keywords.py``'s table calls them: each writes its
checks of ``here.value``, already known to be a list or a dict, through ``checks``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.encode import literal
from generator.errors import escape_pointer_token
from generator.ir import Rules
from generator.validators.emit import PointerPart, is_empty
from generator.validators.sharing import checker_name

if TYPE_CHECKING:
    from generator.validators.keywords import Checks, Here


def min_items(checks: Checks, rules: Rules, here: Here) -> None:
    with checks.block(f"if len({here.value}) < {literal(rules.min_items)}:"):
        checks.error("too_few_items", here.at, here.value, literal(rules.min_items))


def max_items(checks: Checks, rules: Rules, here: Here) -> None:
    with checks.block(f"if len({here.value}) > {literal(rules.max_items)}:"):
        checks.error("too_many_items", here.at, here.value, literal(rules.max_items))


def unique_items(checks: Checks, rules: Rules, here: Here) -> None:
    with checks.block(f"if {checks.writer.helper('has_duplicates')}({here.value}):"):
        checks.error("not_unique", here.at, here.value)


def prefix_items(checks: Checks, rules: Rules, here: Here) -> None:
    value = here.value
    for position, sub in enumerate(rules.prefix_items):
        if is_empty(sub):
            continue
        with checks.block(f"if len({value}) > {position}:"):
            item = checks.fresh(f"item {position}")
            checks.line(f"{item} = {value}[{position}]")
            where = [*here.at, ("literal", f"/{position}")]
            checks.emit_nested(sub, item, where, here.depth, "item")


def items(checks: Checks, rules: Rules, here: Here) -> None:
    assert rules.items is not None
    if is_empty(rules.items):
        return
    value = here.value
    index, item = checks.fresh("index"), checks.fresh("item")
    start = len(rules.prefix_items)
    source = f"enumerate({value}[{start}:], {start})" if start else f"enumerate({value})"
    with checks.block(f"for {index}, {item} in {source}:"):
        checks.emit_nested(rules.items, item, [*here.at, ("index", index)], here.depth, "items")


def contains(checks: Checks, rules: Rules, here: Here) -> None:
    """``contains`` with ``minContains`` and ``maxContains``."""
    assert rules.contains is not None
    at = here.at
    matches = checks.writer.spawn(rules.contains, checks.hint(at, "contains"))
    count = f"{checks.writer.helper('count_matches')}({matches}, {here.value}, {checks.direction})"
    low = 1 if rules.min_contains is None else rules.min_contains
    high = rules.max_contains
    if low > 0 or high is not None:
        counted = checks.fresh("matching")
        checks.line(f"{counted} = {count}")
        if low > 0:
            with checks.block(f"if {counted} < {literal(low)}:"):
                checks.error("too_few_contained", at, counted, literal(low))
        if high is not None:
            with checks.block(f"if {counted} > {literal(high)}:"):
                checks.error("too_many_contained", at, counted, literal(high))


def required(checks: Checks, rules: Rules, here: Here) -> None:
    """Each required name, where the data's direction asks for it."""
    for name in rules.required:
        condition = f"{literal(name.name)} not in {here.value}"
        directions = set(name.directions)
        if not directions:
            continue
        if len(directions) == 1:
            condition += " and " + _direction_test(checks.direction, directions.pop(), equal=True)
        elif len(directions) == 2:
            (other,) = {"", "request", "response"} - directions
            condition += " and " + _direction_test(checks.direction, other, equal=False)
        with checks.block(f"if {condition}:"):
            checks.error("missing", here.at, literal(name.name))


def min_properties(checks: Checks, rules: Rules, here: Here) -> None:
    with checks.block(f"if len({here.value}) < {literal(rules.min_properties)}:"):
        checks.error("too_few_properties", here.at, here.value, literal(rules.min_properties))


def max_properties(checks: Checks, rules: Rules, here: Here) -> None:
    with checks.block(f"if len({here.value}) > {literal(rules.max_properties)}:"):
        checks.error("too_many_properties", here.at, here.value, literal(rules.max_properties))


def dependent_required(checks: Checks, rules: Rules, here: Here) -> None:
    value = here.value
    for name, needed in rules.dependent_required:
        with checks.block(f"if {literal(name)} in {value}:"):
            for other in needed:
                with checks.block(f"if {literal(other)} not in {value}:"):
                    checks.error("missing_dependency", here.at, literal(other), literal(name))


def properties(checks: Checks, rules: Rules, here: Here) -> None:
    value = here.value
    for name, sub in rules.properties:
        if is_empty(sub):
            continue
        where = [*here.at, ("literal", "/" + escape_pointer_token(name))]
        common = checks.writer.common_check(sub, name, checker_name(sub, name))
        if common is not None:
            with checks.block(f"if {literal(name)} in {value}:"):
                key = literal("/" + escape_pointer_token(name))
                parent = checks.pointer(here.at)
                checks.line(
                    f"{common}({value}[{literal(name)}], {parent}, {key}, errors,"
                    f" {checks.direction})"
                )
            continue
        with checks.block(f"if {literal(name)} in {value}:"):
            local = checks.fresh(name)
            checks.line(f"{local} = {value}[{literal(name)}]")
            checks.emit_nested(sub, local, where, here.depth, name)


def other_properties(checks: Checks, rules: Rules, here: Here) -> None:
    """``patternProperties`` and ``additionalProperties``: checks by key."""
    value, at, depth = here.value, here.at, here.depth
    extra = rules.additional
    if extra is not None and is_empty(extra):
        extra = None
    if extra is None and not rules.pattern_properties:
        return
    names = ", ".join(literal(name) for name, _ in rules.properties)
    declared = (
        checks.writer.constant(checks.hint(at, "properties"), f"frozenset({{{names}}})")
        if names
        else "frozenset()"
    )
    if extra is not None and extra.always_fails and not rules.pattern_properties:
        with checks.block(f"if not {declared}.issuperset({value}):"):
            key = checks.fresh("key")
            with (
                checks.block(f"for {key} in {value}:"),
                checks.block(f"if {key} not in {declared}:"),
            ):
                checks.error("unexpected", at, key)
        return
    key, item = checks.fresh("key"), checks.fresh("item")
    where = [*at, ("key", key)]
    with checks.block(f"for {key}, {item} in {value}.items():"):
        if not rules.pattern_properties:
            assert extra is not None
            header = f"if {key} not in {declared}:" if rules.properties else None
            _additional(checks, extra, item, key, at, where, depth, header)
            return
        matched = checks.fresh("matched") if extra is not None else None
        if matched is not None:
            checks.line(f"{matched} = {key} in {declared}")
        for pattern, sub in rules.pattern_properties:
            compiled = checks.writer.pattern(pattern)
            with checks.block(f"if {compiled}.search({key}) is not None:"):
                if matched is not None:
                    checks.line(f"{matched} = True")
                checks.emit_nested(sub, item, where, depth, "pattern")
        if extra is not None:
            _additional(checks, extra, item, key, at, where, depth, f"if not {matched}:")


def _additional(
    checks: Checks,
    extra: Rules,
    item: str,
    key: str,
    at: list[PointerPart],
    where: list[PointerPart],
    depth: int,
    header: str | None,
) -> None:
    if header is not None:
        with checks.block(header):
            _additional(checks, extra, item, key, at, where, depth, None)
        return
    if extra.always_fails:
        checks.error("unexpected", at, key)
    else:
        checks.emit_nested(extra, item, where, depth, "values")


def property_names(checks: Checks, rules: Rules, here: Here) -> None:
    assert rules.property_names is not None
    if is_empty(rules.property_names):
        return
    key = checks.fresh("key")
    with checks.block(f"for {key} in {here.value}:"):
        checks.emit_nested(rules.property_names, key, here.at, here.depth, "property names")


def dependent_schemas(checks: Checks, rules: Rules, here: Here) -> None:
    for name, sub in rules.dependent_schemas:
        with checks.block(f"if {literal(name)} in {here.value}:"):
            checks.emit_nested(sub, here.value, here.at, here.depth, f"if {name}")


def _direction_test(code: str, direction: str, *, equal: bool) -> str:
    if direction == "":
        return f"{code} is None" if equal else f"{code} is not None"
    return f"{code} {'==' if equal else '!='} {literal(direction)}"
