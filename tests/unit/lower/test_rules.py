"""Schemas to the validators' IR: every keyword kept in JSON Schema's own terms."""

from __future__ import annotations

import dataclasses

from generator.ir import Pattern, Required, Rules
from generator.ir.rules import KEYED_RULES, MANY_RULES, ONE_RULES, sub_rules
from tests.unit.lower.spec import lower, ref

SCHEMAS = "/components/schemas"


def _rules(schemas: dict[str, object], name: str, openapi: str = "3.1.0") -> Rules:
    targets = {t.name: t.rules for t in lower(schemas, openapi=openapi).validators.targets}
    return targets[name]


def test_string_keywords_and_pattern_translated_for_python() -> None:
    rules = _rules({"N": {"type": ["string", "null"], "minLength": 2, "pattern": "^[a-z]+$"}}, "N")
    assert rules == Rules(
        pointer=f"{SCHEMAS}/N",
        types=("null", "string"),
        min_length=2,
        pattern=Pattern(source="^[a-z]+$", python="^[a-z]+\\Z"),
    )


def test_nullable_of_30_becomes_a_null_type() -> None:
    rules = _rules({"N": {"type": "integer", "nullable": True, "maximum": 9}}, "N", "3.0.3")
    assert rules == Rules(pointer=f"{SCHEMAS}/N", types=("null", "integer"), maximum=9)


def test_boolean_exclusive_minimum_of_30_becomes_a_bound() -> None:
    rules = _rules({"N": {"type": "number", "minimum": 1, "exclusiveMinimum": True}}, "N", "3.0.3")
    assert rules == Rules(pointer=f"{SCHEMAS}/N", types=("number",), exclusive_minimum=1)


def test_all_of_keeps_each_branch_and_the_reference_stays_a_reference() -> None:
    rules = _rules(
        {
            "A": {"allOf": [ref("B"), {"type": "object", "required": ["x"]}]},
            "B": {"type": "object", "properties": {"y": {}}},
        },
        "A",
    )
    assert rules == Rules(
        pointer=f"{SCHEMAS}/A",
        all_of=(
            Rules(pointer=f"{SCHEMAS}/A/allOf/0", ref=f"{SCHEMAS}/B"),
            Rules(
                pointer=f"{SCHEMAS}/A/allOf/1",
                types=("object",),
                required=(Required("x", ("", "request", "response")),),
            ),
        ),
    )


def test_read_only_property_is_not_required_in_requests() -> None:
    """Directions: ``""`` is data checked without one, then ``request`` and ``response``."""
    rules = _rules(
        {
            "R": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {"id": {"type": "string", "readOnly": True}, "name": {}},
            }
        },
        "R",
    )
    assert rules.required == (
        Required("id", ("", "response")),
        Required("name", ("", "request", "response")),
    )


def test_the_fields_that_hold_rules_are_all_walked() -> None:
    """``sub_rules`` names the fields of ``Rules`` that hold rules; one added to ``Rules``
    without being named there would be skipped by every walk over the rules."""
    holding = {
        f.name for f in dataclasses.fields(Rules) if "Rules" in str(f.type) and f.name != "pointer"
    }
    assert holding == set(ONE_RULES) | set(MANY_RULES) | set(KEYED_RULES)
    inner = [Rules(f"/{n}") for n in range(7)]
    rules = Rules(
        "/",
        items=inner[0],
        else_=inner[1],
        all_of=(inner[2], inner[3]),
        properties=(("a", inner[4]),),
        dependent_schemas=(("b", inner[5]),),
        dependent_required=(("c", ("d",)),),
        not_=inner[6],
    )
    assert sorted(r.pointer for r in sub_rules(rules)) == sorted(r.pointer for r in inner)
