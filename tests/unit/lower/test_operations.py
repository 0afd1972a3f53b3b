"""Paths to the client's IR: parameters merged from the path level, names made once."""

from __future__ import annotations

from generator.ir import ModelRef, Parameter, Response, Scalar
from tests.unit.lower.spec import lower

PATH = "/paths/~1pets~1{petId}"


def test_path_level_parameters_come_first_and_inline_responses_get_a_model() -> None:
    api = lower(
        {},
        paths={
            "/pets/{petId}": {
                "parameters": [
                    {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "get": {
                    "operationId": "getPet",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"a": {"type": "string"}},
                                    }
                                }
                            },
                        }
                    },
                },
            }
        },
    )
    (operation,) = api.operations
    assert (operation.python_name, operation.method, operation.path) == (
        "get_pet",
        "GET",
        "/pets/{petId}",
    )
    assert operation.parameters == (
        Parameter(
            name="petId",
            location="path",
            python_name="pet_id",
            type=Scalar("str"),
            required=True,
            description=None,
            deprecated=False,
            style="simple",
            explode=False,
            pointer=f"{PATH}/parameters/0",
            schema_pointer=f"{PATH}/parameters/0/schema",
        ),
        Parameter(
            name="limit",
            location="query",
            python_name="limit",
            type=Scalar("int"),
            required=False,
            description=None,
            deprecated=False,
            style="form",
            explode=True,
            pointer=f"{PATH}/get/parameters/0",
            schema_pointer=f"{PATH}/get/parameters/0/schema",
        ),
    )
    assert operation.responses == (
        Response(
            status="200",
            description="ok",
            media_type="application/json",
            encoding="json",
            type=ModelRef("GetPetResponse", "get_pet"),
            headers=(),
        ),
    )
    (rules,) = api.validators.operations
    assert [(p.name, p.required, p.rules.types) for p in rules.parameters] == [
        ("petId", True, ("string",)),
        ("limit", False, ("integer",)),
    ]
