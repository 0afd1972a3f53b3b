"""Request and response shapes: the golden case ``read_write_only`` generated, imported and
exercised. A request sends ``PetRequest`` (no read-only ``id``), a response decodes into
``Pet`` (with it); mypy refuses a read-only field on the request class; the request shapes'
fixtures and strategies hold no read-only property and pass the request validator; a recursive
alias holding such a model (``Outline``) has a request shape too; an inline body's request
shape is not named ``...RequestRequest``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import generate_package

SPEC = Path(__file__).resolve().parents[1] / "golden" / "cases" / "read_write_only" / "spec.yaml"
PARTS = ("models", "validators", "fixtures", "client", "errors", "strategies")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("read_write_only")
    generate_package(SPEC, "read_write_only", folder)
    return folder


@pytest.fixture
def pkg(out: Path, import_generated: Any) -> Any:
    return SimpleNamespace(**{p: import_generated(out, "read_write_only", p) for p in PARTS})


def _client(pkg: Any, sent: list[httpx.Request], answer: Any, status: int = 201) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(status, json=answer) if answer is not None else httpx.Response(status)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    return pkg.client.Client("https://api.example.com", http_client=http)


def test_a_request_sends_no_read_only_id_and_the_response_has_it(pkg: Any) -> None:
    models = pkg.models
    sent: list[httpx.Request] = []
    answer = {
        "id": "p-1",
        "name": "Rex",
        "owner": {"name": "Ann", "since": "2024-01-02T03:04:05Z"},
        "notes": {"vet": {"text": "fine", "at": "2024-01-02T03:04:05Z"}},
        "toy": {"kind": "ball", "serial": 7},
    }
    pet = models.PetRequest(
        name="Rex",
        password="secret",
        owner=models.OwnerRequest2(name="Ann"),
        notes={"vet": models.NoteRequest(text="fine")},
        toy=models.BallRequest(),
    )
    result = _client(pkg, sent, answer).create_pet(pet)
    body = json.loads(sent[0].content)
    assert body == {
        "name": "Rex",
        "password": "secret",
        "owner": {"name": "Ann"},
        "notes": {"vet": {"text": "fine"}},
        "toy": {"kind": "ball"},
    }
    assert isinstance(result.data, models.Pet)
    assert result.data.id == "p-1" and result.data.toy.serial == 7
    assert result.data.password is None  # write-only: the response shape never requires it
    assert result.data.owner.since.year == 2024


def test_a_read_only_property_in_a_request_is_refused_before_sending(pkg: Any) -> None:
    sent: list[httpx.Request] = []
    client = _client(pkg, sent, {})
    with pytest.raises(pkg.errors.InvalidRequest) as raised:
        client.create_pet({"id": "p-1", "name": "Rex", "password": "secret"})
    assert [(e.pointer, e.keyword) for e in raised.value.errors] == [("/body/id", "readOnly")]
    assert sent == []


def test_an_inline_body_s_request_shape_is_not_named_request_twice(pkg: Any) -> None:
    models = pkg.models
    sent: list[httpx.Request] = []
    body = models.RenamePetRequestBody(name="Max")
    _client(pkg, sent, None, 204).rename_pet("p-1", body)
    assert json.loads(sent[0].content) == {"name": "Max"}
    assert models.RenamePetRequest(name="Max", renamed_at=datetime.now(UTC)).name == "Max"
    assert not hasattr(models, "RenamePetRequestRequest")


def test_the_validators_agree_with_both_shapes(pkg: Any) -> None:
    models, validators = pkg.models, pkg.validators
    request = models.PetRequest(name="Rex", password="secret").to_dict()
    assert validators.validate_pet(request, direction="request") == []
    response = models.Pet(id="p-1", name="Rex").to_dict()
    assert validators.validate_pet(response, direction="response") == []
    # A schema no request body reaches has one shape; its write-only password is optional.
    assert models.Credentials(user="u").to_dict() == {"user": "u"}
    assert not hasattr(models, "CredentialsRequest") and not hasattr(models, "TagRequest")


def test_request_fixtures_hold_no_read_only_property(pkg: Any) -> None:
    fixtures, validators = pkg.fixtures, pkg.validators
    read_only = {"Pet": {"id", "createdBy"}, "Owner": {"since"}, "Note": {"at"}, "Ball": {"serial"}}
    read_only["Section"] = {"number"}
    shapes = {"PetRequest": "Pet", "OwnerRequest2": "Owner", "NoteRequest": "Note"}
    shapes |= {"BallRequest": "Ball", "SectionRequest": "Section"}
    entries = [e for e in fixtures.manifest()["fixtures"] if e.get("direction") == "request"]
    assert {e["schema"]: e["request_of"] for e in entries} == shapes
    for shape, schema in shapes.items():
        validate = getattr(validators, f"validate_{schema.lower()}")
        assert fixtures.valid(shape)
        for fixture in fixtures.valid(shape) + fixtures.invalid(shape):
            assert (fixture.direction, fixture.request_of) == ("request", schema), fixture.name
        for fixture in fixtures.valid(shape):
            assert not read_only[schema] & set(fixture.data), fixture.name
            assert validate(fixture.data, direction="request") == [], fixture.name
            assert type(fixture.model).__name__ == shape
            assert fixture.model.to_dict() == fixture.data
        for fixture in fixtures.invalid(shape):
            errors = validate(fixture.data, direction="request")
            assert [(e.pointer, e.keyword) for e in errors] == [(fixture.pointer, fixture.keyword)]
    nested = fixtures.load("PetRequest", "valid_full").data
    assert "since" not in nested["owner"] and "serial" not in nested["toy"]


def test_a_fixture_says_which_direction_it_is_checked_in(pkg: Any) -> None:
    fixtures = pkg.fixtures
    request = fixtures.load("PetRequest", "valid_minimal")
    assert (request.direction, request.request_of) == ("request", "Pet")
    for fixture in fixtures.valid("Pet") + fixtures.invalid("Pet"):
        assert (fixture.direction, fixture.request_of) == (None, None), fixture.name
    # Built as before the fields existed: positionally, the new fields left out.
    made = fixtures.Fixture("Pet", "mine", "Pet/mine.json", True, {"name": "Rex"}, None, None)
    assert (made.direction, made.request_of) == (None, None)


def test_a_recursive_alias_holds_request_shapes_in_a_request(pkg: Any) -> None:
    models, validators = pkg.models, pkg.validators
    sent: list[httpx.Request] = []
    deep = models.SectionRequest(title="Deep", index={"a": [models.SectionRequest(title="x")]})
    pet = models.PetRequest(
        name="Rex", password="secret", outline=[models.SectionRequest(title="Intro"), [deep]]
    )
    answer = {"id": "p-1", "name": "Rex", "outline": [{"number": 1, "title": "Intro"}]}
    result = _client(pkg, sent, answer).create_pet(pet)
    body = json.loads(sent[0].content)
    assert body["outline"] == [
        {"title": "Intro"},
        [{"title": "Deep", "index": {"a": [{"title": "x"}]}}],
    ]
    assert validators.validate_pet(body, direction="request") == []
    assert isinstance(result.data.outline[0], models.Section)
    assert result.data.outline[0].number == 1
    # Decoded as a request, every level holds request shapes.
    decoded = models.PetRequest.from_dict(body)
    assert decoded == pet
    inner = models.index_request_from_wire({"a": [{"title": "x"}, [{"title": "y"}]]})
    assert isinstance(inner["a"][0], models.SectionRequest)
    assert isinstance(inner["a"][1][0], models.SectionRequest)
    assert isinstance(models.outline_from_wire([{"number": 2, "title": "t"}])[0], models.Section)


def test_a_recursive_alias_as_the_body_is_sent_as_its_request_shape(pkg: Any) -> None:
    models = pkg.models
    sent: list[httpx.Request] = []
    client = _client(pkg, sent, [{"number": 1, "title": "a"}], 200)
    result = client.put_outline(
        [models.SectionRequest(title="a"), [models.SectionRequest(title="b")]]
    )
    assert json.loads(sent[0].content) == [{"title": "a"}, [{"title": "b"}]]
    assert isinstance(result.data[0], models.Section) and result.data[0].number == 1
    with pytest.raises(pkg.errors.InvalidRequest):
        client.put_outline([{"number": 1, "title": "a"}])
    assert len(sent) == 1


def test_request_strategies_draw_requests(pkg: Any) -> None:
    strategies, validators = pkg.strategies, pkg.validators

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(strategies.pet_request_data())
        assert "id" not in value and "since" not in value.get("owner", {})
        assert validators.validate_pet(value, direction="request") == []
        model = data.draw(strategies.pet_request_models())
        assert type(model).from_dict(model.to_dict()) == model
        outline = data.draw(strategies.outline_request_data())
        assert validators.validate_outline(outline, direction="request") == []
        assert "number" not in _keys(outline)

    check()


def _keys(value: Any) -> set[str]:
    """Every object key at any depth of ``value``."""
    if isinstance(value, dict):
        return set(value).union(*map(_keys, value.values()))
    if isinstance(value, list):
        return set().union(*map(_keys, value))
    return set()


def test_mypy_refuses_a_read_only_field_on_the_request_class(out: Path) -> None:
    (out / "good_shapes.py").write_text(textwrap.dedent("""
            from read_write_only.models import Pet, PetRequest, Section, SectionRequest

            PetRequest(name="Rex", password="secret", outline=[SectionRequest(title="a")])
            Pet(id="p-1", name="Rex", outline=[[Section(number=1, title="a")]])
            """))
    (out / "bad_shapes.py").write_text(textwrap.dedent("""
            from read_write_only.models import PetRequest, Section

            PetRequest(id="p-1", name="Rex", password="secret")
            PetRequest(name="Rex")
            PetRequest(name="Rex", password="secret", outline=[Section(number=1, title="a")])
            """))
    env = {**os.environ, "MYPYPATH": str(out)}
    report = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull]
        + ["good_shapes.py", "bad_shapes.py"],
        cwd=out,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    errors = sorted(line.split(": error:")[0] for line in report.splitlines() if ": error:" in line)
    assert errors == ["bad_shapes.py:4", "bad_shapes.py:5", "bad_shapes.py:6"], report
    assert 'Unexpected keyword argument "id" for "PetRequest"' in report
    assert 'Missing named argument "password" for "PetRequest"' in report
