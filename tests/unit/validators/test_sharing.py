"""Property rules written more than once in a package are checked by one function in
``validators/_common.py``: which rules are shared, what the shared functions are called, and
the lines a property that calls one gets."""

from __future__ import annotations

from generator.ir import Pattern, Rules
from generator.validators.emit import Function, Names, shape
from generator.validators.keywords import Checks, ModuleWriter
from generator.validators.sharing import COMMON_MODULE, checker_name, repeated_shapes

SID = Rules("#/a", types=("string",), min_length=34, max_length=34)
NULLABLE_SID = Rules(
    "#/b", types=("null", "string"), pattern=Pattern("^CA[0-9a-f]{32}$", "^CA[0-9a-f]{32}\\Z")
)
PLAIN = Rules("#/c", types=("string",))


def _object(*properties: tuple[str, Rules]) -> Rules:
    return Rules("#/o", types=("object",), properties=properties)


def test_rules_written_twice_and_saying_more_than_a_type_are_shared() -> None:
    roots = [
        _object(("id", SID), ("name", PLAIN), ("call", NULLABLE_SID)),
        _object(("parent", SID), ("title", PLAIN), ("nested", _object(("other", SID)))),
    ]
    assert repeated_shapes(roots) == {shape(SID)}


def test_shared_functions_are_named_after_what_they_check() -> None:
    bounded = Rules("#/x", types=("integer",), minimum=0, maximum=100)
    assert checker_name(SID, "sid") == "string exactly 34"
    assert checker_name(bounded, "count") == "integer 0 to 100"
    assert checker_name(Rules("#/x", types=("string",), max_length=9), "n") == "string at most 9"
    dated = Rules("#/x", types=("null", "string"), format="date-time")
    assert checker_name(dated, "at") == "nullable date-time"
    assert checker_name(NULLABLE_SID, "call_sid") == "nullable call_sid CA"
    assert checker_name(Rules("#/x", types=("string",), enum=("a", "b")), "kind") == "kind values"
    assert checker_name(_object(("id", SID)), "owner") == "owner"


def test_a_property_with_shared_rules_is_one_call() -> None:
    names = Names({"thing", COMMON_MODULE})
    repeated = repeated_shapes([_object(("a", SID), ("b", SID))])
    common = ModuleWriter(COMMON_MODULE, names, "3.1", repeated=repeated)
    writer = ModuleWriter("thing", names, "3.1", common)
    function = Function("_thing", '""')
    Checks(writer, function).emit(_object(("sid", SID), ("name", PLAIN)), "data", [], depth=0)
    assert function.lines == [
        "if not isinstance(data, dict):",
        '    errors.append(wrong_type(at, data, "an object"))',
        "else:",
        '    if "sid" in data:',
        '        _common._string_exactly_34(data["sid"], at, "/sid", errors, direction)',
        '    if "name" in data:',
        '        name = data["name"]',
        "        if not isinstance(name, str):",
        '            errors.append(wrong_type(at + "/name", name, "a string"))',
    ]
    assert writer.code.modules == {COMMON_MODULE}
    common.flush()
    (shared,) = common.code.functions
    assert shared.name == "_string_exactly_34" and shared.keyed
    assert shared.lines[1] == '    errors.append(wrong_type(at + key, data, "a string"))'
    assert "``sid``" in shared.docstring
