"""One checker per distinct property rule set: the ``_common`` validators module.

Vendor specs repeat the same property rules schema after schema (Twilio's 34-character SIDs
with their prefix pattern, Stripe's currency codes and bounded strings): written inline each
time, they are most of a package's validators. A property whose rules are written more than
once in the package, and say more than a JSON type, is checked by one function in
``validators/_common.py`` that every such property calls. A type check alone stays inline:
one line reads better than a call to a function elsewhere.

The functions are named after what they check, since the properties that call them have
other names: ``_string_1_to_255``, ``_nullable_date_time``, ``_integer_at_least_0``; rules
that are more than a scalar's type, format and bounds (a pattern, an enumeration, objects,
arrays, unions) after the first property written with them, and a pattern's literal
start (``_account_sid_ac``,
``_lifecycle_state_values``, ``_defined_tags``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from generator.ir import Rules
from generator.ir.rules import sub_rules
from generator.validators.emit import demanded, shape

COMMON_MODULE = "_common"
_LITERAL_START = re.compile(r"\^([A-Za-z0-9]{1,12})")


def repeated_shapes(roots: Iterable[Rules]) -> frozenset[str]:
    """The shapes of the property rules written more than once under ``roots``."""
    counted = Counter(shape(rules) for rules in _properties(roots) if worth_sharing(rules))
    return frozenset(key for key, count in counted.items() if count > 1)


def worth_sharing(rules: Rules) -> bool:
    """Rules that say more than a type (and are not a bare reference, already one call)."""
    if rules.always_fails:
        return False
    said = _said(rules)
    return bool(said) and said != {"ref"}


def checker_name(rules: Rules, prop: str) -> str:
    """Words for the function that checks ``rules`` (``function_name`` makes the name)."""
    if rules.enum is not None or rules.const is not None:
        return f"{prop} values"
    scalar = {"types", "format", "min_length", "max_length", "minimum", "maximum"}
    said = _said(rules)
    types = [t for t in rules.types or () if t != "null"]
    nullable = ["nullable"] if rules.types and "null" in rules.types else []
    if rules.pattern is not None and said <= scalar | {"pattern"}:
        # Patterns tell SIDs and codes apart by their literal start (Twilio's "^CA", "^AC").
        start = _LITERAL_START.match(rules.pattern.source)
        return " ".join([*nullable, prop, *((start[1],) if start else ())])
    if not said <= scalar or len(types) != 1:
        return prop
    words = list(nullable)
    words.append(rules.format if rules.format else types[0])
    words += _range(rules.min_length, rules.max_length)
    words += _range(rules.minimum, rules.maximum)
    return " ".join(str(word) for word in words)


def _range(low: object, high: object) -> list[str]:
    if low is None and high is None:
        return []
    if low == high:
        return ["exactly", str(low)]
    if low is None:
        return ["at most", str(high)]
    if high is None:
        return ["at least", str(low)]
    return [str(low), "to", str(high)]


def _said(rules: Rules) -> set[str]:
    """What ``rules`` demand besides a type."""
    return set(demanded(rules)) - {"types"}


def _properties(roots: Iterable[Rules]) -> Iterator[Rules]:
    """Every property's rules under ``roots``, at any depth (in no particular order: they
    are counted)."""
    pending = list(roots)
    while pending:
        rules = pending.pop()
        yield from (sub for _, sub in rules.properties)
        pending.extend(sub_rules(rules))
