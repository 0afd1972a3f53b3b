"""What a schema's rules demand, said in a few words for the reference's tables."""

from __future__ import annotations

import json

from generator.ir.rules import Rules


def describe_rules(rules: Rules | None) -> list[str]:
    """Short phrases (``1 to 255 characters``, ``>= 0``, ``read-only``) for ``rules``' own
    keywords; what a ``$ref`` demands is documented where that schema is."""
    if rules is None:
        return []
    found: list[str] = []
    if rules.format:
        found.append(f"format {rules.format}")
    found += _range(rules.min_length, rules.max_length, "characters")
    if rules.pattern is not None:
        found.append(f"pattern {rules.pattern.source}")
    found += _bounds(rules)
    if rules.multiple_of is not None:
        found.append(f"multiple of {_number(rules.multiple_of)}")
    found += _range(rules.min_items, rules.max_items, "items")
    if rules.unique_items:
        found.append("unique items")
    found += _range(rules.min_properties, rules.max_properties, "properties")
    if rules.const is not None:
        found.append(f"always {json.dumps(rules.const[0])}")
    if rules.read_only:
        found.append("read-only (responses only)")
    if rules.write_only:
        found.append("write-only (requests only)")
    return found


def _range(low: int | None, high: int | None, unit: str) -> list[str]:
    if low is None and high is None:
        return []
    if low is not None and high is not None:
        return [f"{low} {unit}" if low == high else f"{low} to {high} {unit}"]
    return [f"at least {low} {unit}" if low is not None else f"at most {high} {unit}"]


def _bounds(rules: Rules) -> list[str]:
    found = []
    for value, sign in (
        (rules.minimum, ">="),
        (rules.exclusive_minimum, ">"),
        (rules.maximum, "<="),
        (rules.exclusive_maximum, "<"),
    ):
        if value is not None:
            found.append(f"{sign} {_number(value)}")
    return found


def _number(value: int | float) -> str:
    return json.dumps(value)
