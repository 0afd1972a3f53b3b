"""Schemas to the models' IR: one construct per test, the IR compared whole."""

from __future__ import annotations

import pytest

from generator.ir import (
    Alias,
    Enum,
    EnumMember,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    Nullable,
    Property,
    Scalar,
    Tagged,
    TypeRef,
    UnionOf,
)
from tests.unit.lower.spec import lower, ref

SCHEMAS = "/components/schemas"


def _property(schema: str, name: str, type_: TypeRef, *, required: bool = False) -> Property:
    return Property(
        wire_name=name,
        python_name=name,
        type=type_,
        required=required,
        description=None,
        deprecated=False,
        pointer=f"{SCHEMAS}/{schema}/properties/{name}",
    )


def test_object_properties_keep_spec_order_and_refer_by_name() -> None:
    api = lower(
        {
            "Pet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "owner": ref("Owner"),
                },
            },
            "Owner": {"type": "object", "properties": {"id": {"type": "integer"}}},
        }
    )
    assert api.definitions == (
        Model(
            name="Pet",
            module="pet",
            source_name="Pet",
            description=None,
            deprecated=False,
            properties=(
                _property("Pet", "name", Scalar("str"), required=True),
                _property("Pet", "tags", ListOf(Scalar("str"))),
                _property("Pet", "owner", ModelRef("Owner", "owner")),
            ),
            extra=Scalar("any"),
            pointer=f"{SCHEMAS}/Pet",
        ),
        Model(
            name="Owner",
            module="owner",
            source_name="Owner",
            description=None,
            deprecated=False,
            properties=(_property("Owner", "id", Scalar("int")),),
            extra=Scalar("any"),
            pointer=f"{SCHEMAS}/Owner",
        ),
    )


@pytest.mark.parametrize(
    ("openapi", "schema"),
    [
        ("3.0.3", {"type": "string", "nullable": True}),
        ("3.1.0", {"type": ["string", "null"]}),
        ("3.1.0", {"oneOf": [{"type": "string"}, {"type": "null"}]}),
    ],
    ids=["3.0 nullable", "3.1 type list", "3.1 oneOf null"],
)
def test_null_is_normalised_across_versions(openapi: str, schema: dict[str, object]) -> None:
    (alias,) = lower({"N": schema}, openapi=openapi).definitions
    assert alias == Alias("N", "n", "N", None, Nullable(Scalar("str")), f"{SCHEMAS}/N")


def test_map_of_integers_is_an_alias() -> None:
    (alias,) = lower(
        {"M": {"type": "object", "additionalProperties": {"type": "integer"}}}
    ).definitions
    assert isinstance(alias, Alias)
    assert alias.type == MapOf(Scalar("int"))


def test_enum_members_are_named_from_their_values() -> None:
    (enum,) = lower({"Color": {"type": "string", "enum": ["red", "dark-blue"]}}).definitions
    assert enum == Enum(
        name="Color",
        module="color",
        source_name="Color",
        description=None,
        base="str",
        members=(EnumMember("RED", "red"), EnumMember("DARK_BLUE", "dark-blue")),
        pointer=f"{SCHEMAS}/Color",
    )


def test_all_of_merges_the_referenced_object_first() -> None:
    definitions = lower(
        {
            "A": {
                "allOf": [
                    ref("B"),
                    {"type": "object", "properties": {"x": {"type": "number"}}},
                ]
            },
            "B": {"type": "object", "required": ["y"], "properties": {"y": {"type": "boolean"}}},
        }
    ).definitions
    merged = definitions[0]
    assert isinstance(merged, Model)
    assert merged.properties == (
        _property("B", "y", Scalar("bool"), required=True),
        Property(
            "x", "x", Scalar("float"), False, None, False, f"{SCHEMAS}/A/allOf/1/properties/x"
        ),
    )


def test_discriminator_without_mapping_tags_each_alternative_by_its_schema_name() -> None:
    kind = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
    definitions = lower(
        {
            "Shape": {"oneOf": [ref("Sq"), ref("Ci")], "discriminator": {"propertyName": "kind"}},
            "Sq": kind,
            "Ci": kind,
        }
    ).definitions
    assert definitions[0] == Alias(
        "Shape",
        "shape",
        "Shape",
        None,
        Tagged("kind", (("Sq", ModelRef("Sq", "sq")), ("Ci", ModelRef("Ci", "ci")))),
        f"{SCHEMAS}/Shape",
    )


def test_discriminator_values_type_each_alternative_property_as_a_literal() -> None:
    kind = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
    count = {"type": "object", "properties": {"kind": {"type": "integer"}}}
    definitions = lower(
        {
            "Shape": {
                "oneOf": [ref("Sq"), ref("Ci"), ref("N")],
                "discriminator": {"propertyName": "kind", "mapping": {"square": "Sq"}},
            },
            # A second union names Sq again: the class holds both values.
            "Box": {"oneOf": [ref("Sq")], "discriminator": {"propertyName": "kind"}},
            "Sq": kind,
            "Ci": kind,
            "N": count,
        }
    ).definitions
    types = {d.name: d.properties[0].type for d in definitions if isinstance(d, Model)}
    # A property no string can fill keeps its type: Literal would lie about the wire value.
    assert types == {
        "Sq": LiteralOf(("square", "Sq")),
        "Ci": LiteralOf(("Ci",)),
        "N": Scalar("int"),
    }


@pytest.mark.parametrize(
    ("const", "expected"),
    [
        ("x", LiteralOf(("x",))),
        (3, LiteralOf((3,))),
        (True, LiteralOf((True,))),
        (None, Scalar("none")),
        (0.5, Scalar("float")),
        ({"a": 1}, Scalar("any")),
        ([1], Scalar("any")),
    ],
)
def test_a_constant_is_a_literal_where_literal_can_spell_it(
    const: object, expected: TypeRef
) -> None:
    (alias,) = lower({"C": {"const": const}}, openapi="3.1.0").definitions
    assert isinstance(alias, Alias)
    assert alias.type == expected


def test_constants_in_a_union_make_one_literal_and_true_is_not_one() -> None:
    definitions = lower(
        {
            "Flags": {"anyOf": [{"const": True}, {"const": 1}, {"const": "a"}, {"const": 1}]},
            "Word": {"anyOf": [{"const": "a"}, {"type": "string"}, {"const": 2}]},
        },
        openapi="3.1.0",
    ).definitions
    assert [d.type for d in definitions if isinstance(d, Alias)] == [
        LiteralOf((True, 1, "a")),
        UnionOf((LiteralOf((2,)), Scalar("str"))),  # where the first constant was
    ]


def test_a_recursive_schema_refers_to_itself_by_name() -> None:
    (node,) = lower(
        {
            "Node": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": ref("Node")}},
            }
        }
    ).definitions
    assert isinstance(node, Model)
    assert node.properties[0].type == ListOf(ModelRef("Node", "node"))
