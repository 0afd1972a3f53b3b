"""The validators' keyword emitters, one keyword at a time: the exact lines each writes.

These document the emitter's contract: a value of the wrong type is reported and its own
keywords checked in the ``else``; nested ``if``s are folded into one condition; spec values
appear only as literals; constants and patterns become module constants; subschemas of
``oneOf`` become functions of their own.
"""

from __future__ import annotations

from generator.ir import Discriminator, Pattern, Required, Rules
from generator.validators.emit import Function, Names
from generator.validators.keywords import Checks, ModuleWriter


def _writer(dialect: str) -> ModuleWriter:
    return ModuleWriter("thing", Names({"thing"}), dialect)


def _written(rules: Rules, dialect: str = "3.1") -> tuple[list[str], ModuleWriter]:
    writer = _writer(dialect)
    function = Function("_thing", '""')
    Checks(writer, function).emit(rules, "data", [], depth=0)
    return function.lines, writer


def test_min_length_and_max_length_under_the_type_check() -> None:
    lines, writer = _written(Rules("#/x", types=("string",), min_length=2, max_length=5))
    assert lines == [
        "if not isinstance(data, str):",
        '    errors.append(wrong_type(at, data, "a string"))',
        "else:",
        "    if len(data) < 2:",
        "        errors.append(too_short(at, data, 2))",
        "    if len(data) > 5:",
        "        errors.append(too_long(at, data, 5))",
    ]
    assert writer.code.helpers == {"wrong_type", "too_short", "too_long"}


def test_a_pattern_without_a_type_folds_into_one_condition() -> None:
    lines, writer = _written(Rules("#/x", pattern=Pattern("^a+$", "^a+$")))
    assert lines == [
        "if isinstance(data, str) and _PATTERN_1.search(data) is None:",
        '    errors.append(no_match(at, data, "^a+$"))',
    ]
    assert writer.code.constants == ['_PATTERN_1 = re.compile("^a+$", re.ASCII)']
    assert writer.code.uses_re


def test_an_enum_of_strings_is_a_module_constant() -> None:
    lines, writer = _written(Rules("#/x", enum=("a", "b")))
    assert lines == [
        "if not (isinstance(data, str) and data in _THING_ENUM):",
        "    errors.append(not_in_enum(at, data, _THING_ENUM))",
    ]
    assert writer.code.constants == ['_THING_ENUM = ("a", "b")']


def test_required_names_follow_the_direction() -> None:
    rules = Rules(
        "#/x",
        types=("object",),
        required=(
            Required("id", ("", "request", "response")),
            Required("secret", ("request",)),
            Required("created", ("", "response")),
        ),
    )
    lines, _ = _written(rules)
    assert lines == [
        "if not isinstance(data, dict):",
        '    errors.append(wrong_type(at, data, "an object"))',
        "else:",
        '    if "id" not in data:',
        '        errors.append(missing(at, "id"))',
        '    if "secret" not in data and direction == "request":',
        '        errors.append(missing(at, "secret"))',
        '    if "created" not in data and direction != "request":',
        '        errors.append(missing(at, "created"))',
    ]


def test_multiple_of_an_integer_in_30_is_a_remainder() -> None:
    lines, _ = _written(Rules("#/x", types=("integer",), multiple_of=5), dialect="3.0")
    assert lines == [
        "if isinstance(data, bool) or not isinstance(data, int):",
        '    errors.append(wrong_type(at, data, "an integer"))',
        "elif data % 5:",
        "    errors.append(not_multiple(at, data, 5))",
    ]


def test_multiple_of_in_31_asks_the_runtime() -> None:
    lines, writer = _written(Rules("#/x", types=("integer",), multiple_of=0.5))
    assert lines == [
        "if not is_integer(data):",
        '    errors.append(wrong_type(at, data, "an integer"))',
        "elif not is_multiple_of(data, 0.5):",
        "    errors.append(not_multiple(at, data, 0.5))",
    ]
    assert {"is_integer", "is_multiple_of"} <= writer.code.helpers


def test_items_are_checked_in_a_loop_with_their_pointer() -> None:
    lines, _ = _written(Rules("#/x", types=("array",), items=Rules("#/x/items", types=("string",))))
    assert lines == [
        "if not isinstance(data, list):",
        '    errors.append(wrong_type(at, data, "an array"))',
        "else:",
        "    for index, item in enumerate(data):",
        "        if not isinstance(item, str):",
        '            errors.append(wrong_type(at + "/" + str(index), item, "a string"))',
    ]


def test_one_of_gives_each_branch_a_function() -> None:
    branches = (Rules("#/x/oneOf/0", types=("string",)), Rules("#/x/oneOf/1", types=("null",)))
    lines, writer = _written(Rules("#/x", one_of=branches))
    assert lines == [
        "match_one_of(data, at, errors, direction, (_thing_one_of_0, _thing_one_of_1))",
    ]
    writer.flush()
    assert [(f.name, f.lines) for f in writer.code.functions] == [
        (
            "_thing_one_of_0",
            [
                "if not isinstance(data, str):",
                '    errors.append(wrong_type(at, data, "a string"))',
            ],
        ),
        (
            "_thing_one_of_1",
            ["if data is not None:", '    errors.append(wrong_type(at, data, "null"))'],
        ),
    ]


def test_a_discriminated_one_of_in_30_routes_by_tag() -> None:
    branches = (Rules("#/x/oneOf/0"), Rules("#/x/oneOf/1"))
    rules = Rules("#/x", one_of=branches, discriminator=Discriminator("kind", (("a", 0), ("b", 1))))
    lines, _ = _written(rules, dialect="3.0")
    assert lines == [
        'match_tagged(data, at, errors, direction, "kind", '
        '{"a": _thing_one_of_0, "b": _thing_one_of_1}, "oneOf")',
    ]
