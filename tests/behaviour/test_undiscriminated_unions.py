"""Unions that neither JSON types nor a discriminator tell apart, decoded by the generated
validators: the golden case ``unions_undiscriminated`` (and the discriminator mistakes among
the warning cases) generated, imported and exercised."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from tests.conftest import generate_package

TESTS = Path(__file__).resolve().parents[1]
SPEC = TESTS / "golden" / "cases" / "unions_undiscriminated" / "spec.yaml"
MISTAKES = TESTS / "warnings" / "cases" / "discriminator_mapping.yaml"


@pytest.fixture
def pkg(tmp_path: Path, import_generated: Any) -> Any:
    generate_package(SPEC, "choices", tmp_path)
    parts = ("models", "validators", "client", "errors")
    return SimpleNamespace(**{part: import_generated(tmp_path, "choices", part) for part in parts})


def _owner(pkg: Any, **wire: Any) -> Any:
    from_dict = pkg.models.Owner.from_dict
    return from_dict({"pet": {"meow": True}, **wire})


def test_one_of_objects_decode_as_the_one_that_validates(pkg: Any) -> None:
    models = pkg.models
    assert isinstance(_owner(pkg).pet, models.Cat)
    owner = models.Owner.from_dict({"pet": {"bark": False, "name": "Rex"}})
    assert owner.pet == models.Dog(bark=False, name="Rex")
    visits = _owner(pkg, visits={"mon": {"meow": False}, "tue": {"bark": True}}).visits
    assert [type(v).__name__ for v in visits.values()] == ["Cat", "Dog"]


def test_any_of_takes_the_first_alternative_that_validates(pkg: Any) -> None:
    models = pkg.models
    assert _owner(pkg, favourite="cat_123").favourite == "cat_123"
    assert isinstance(_owner(pkg, favourite={"deleted": True}).favourite, models.DeletedCat)
    # Both Cat and DeletedCat accept it: Cat comes first in the spec.
    both = _owner(pkg, favourite={"meow": True, "deleted": True}).favourite
    assert isinstance(both, models.Cat)
    assert both.additional_properties == {"deleted": True}
    assert pkg.validators.choose_owner_favourite({"meow": True, "deleted": True}) == 1


def test_arrays_enums_maps_and_inline_alternatives(pkg: Any) -> None:
    models = pkg.models
    owner = _owner(
        pkg,
        litter=[{"bark": True}, {"bark": False}],
        tag="large",
        scores={"a": 1, "b": 2},
        rival={"fins": 2},
    )
    assert all(isinstance(pup, models.Dog) for pup in owner.litter)
    assert owner.tag is models.Size.LARGE
    assert owner.scores == {"a": 1, "b": 2}
    assert owner.rival == models.OwnerRivalOption2(fins=2)
    assert isinstance(_owner(pkg, scores={"meow": True}).scores, models.Cat)
    assert _owner(pkg, tag="red").tag is models.Color.RED


def test_null_is_null_before_any_alternative_is_tried(pkg: Any) -> None:
    owner = _owner(pkg, rival=None)
    assert owner.rival is None
    assert owner.to_dict()["rival"] is None
    assert "rival" not in _owner(pkg).to_dict()


def test_round_trips_through_to_dict(pkg: Any) -> None:
    wire = {
        "pet": {"bark": True},
        "favourite": {"deleted": True, "name": "Tom"},
        "litter": [{"meow": False, "name": "Kit"}],
        "tag": "green",
        "scores": {"x": 3},
        "rival": {"wings": 2},
        "visits": {"mon": {"meow": True}},
    }
    owner = pkg.models.Owner.from_dict(wire)
    assert owner.to_dict() == wire
    assert pkg.models.Owner.from_dict(owner.to_dict()) == owner


def test_no_alternative_matching_says_why_each_failed(pkg: Any) -> None:
    with pytest.raises(pkg.models.DecodeError) as raised:
        pkg.models.Owner.from_dict({"pet": {"purr": True}})
    assert str(raised.value) == (
        "cannot decode Owner: /pet: an object with 1 property matches none of the 2 "
        "alternatives (#0: (root): the required property 'meow' is missing; "
        "#1: (root): the required property 'bark' is missing)"
    )
    assert str(raised.value.__cause__).startswith(
        "1 problem with the oneOf at /components/schemas/Pet/oneOf:\n"
    )


def test_several_alternatives_matching_a_one_of_is_refused(pkg: Any) -> None:
    with pytest.raises(pkg.models.DecodeError) as raised:
        pkg.models.Owner.from_dict({"pet": {"meow": True, "bark": True}})
    (error,) = raised.value.__cause__.errors
    assert error.keyword == "oneOf"
    assert (
        raised.value.reason
        == error.message
        == ("an object with 2 properties matches alternatives 0, 1; exactly one must match")
    )
    with pytest.raises(pkg.models.DecodeError) as raised:  # [] is a list of cats and of dogs
        pkg.models.Owner.from_dict({"pet": {"meow": True}, "litter": []})
    assert raised.value.pointer == "/litter"


def test_the_choosers_are_public_validators(pkg: Any) -> None:
    validators = pkg.validators
    assert validators.choose_pet({"bark": True}) == 1
    assert validators.choose_owner_rival({"wings": 1}) == 0
    assert {"choose_pet", "choose_owner_litter", "choose_get_pet_response"} <= set(
        validators.__all__
    )


def test_the_client_reads_a_response_that_is_such_a_union(pkg: Any) -> None:
    client_module = pkg.client
    errors = pkg.errors

    def answer(request: httpx.Request) -> httpx.Response:
        body = {"bark": True} if request.url.path.endswith("/rex") else {"purr": 1}
        return httpx.Response(200, json=body)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with client_module.Client("https://pets.example.com", http_client=http) as client:
        assert client.get_pet("rex").data == pkg.models.Dog(bark=True)
        with pytest.raises(errors.UnexpectedResponse) as raised:
            client.get_pet("tom")
    assert isinstance(raised.value.__cause__, pkg.validators.ValidationFailed)


def test_a_discriminator_that_contradicts_itself_is_read_as_none(
    tmp_path: Path, import_generated: Any
) -> None:
    generate_package(MISTAKES, "mistakes", tmp_path)
    validators = import_generated(tmp_path, "mistakes", "validators")
    assert validators.choose_big_cat({"kind": "cat", "stripes": 3}) == 1
    assert validators.choose_big_cat({"kind": "cat", "roar": True}) == 0
    with pytest.raises(validators.ValidationFailed):  # Cat and the inline object both match
        validators.choose_pet({"kind": "dog"})
