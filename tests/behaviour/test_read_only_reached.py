"""Properties read-only where the spec says so away from them (``read_only_reached.yaml``, cut
from Cloudflare's schemas): through a ``$ref``, an ``allOf`` branch, or the ``allOf`` branch an
object builds on while requiring them at its root. A request leaves them out and the request
validator does not require them, nor a name one ``allOf`` branch requires (itself, or the
schema it refers to) and another declares read-only; a schema read-only as a whole that a
request reaches only through a read-only property gets no request shape, one a body sends has
no fixtures, and one a request holds as a list's items or a union's alternative is never sent
(an empty list, another alternative)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import generate_package

SPEC = Path(__file__).resolve().parents[1] / "fixtures" / "read_only_reached.yaml"
PARTS = ("models", "validators", "fixtures", "client", "strategies")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("read_only_reached")
    generate_package(SPEC, "read_only_reached", folder)
    return folder


@pytest.fixture
def pkg(out: Path, import_generated: Any) -> Any:
    return SimpleNamespace(**{p: import_generated(out, "read_only_reached", p) for p in PARTS})


def test_a_request_leaves_out_what_is_read_only_through_a_ref_or_an_all_of(pkg: Any) -> None:
    models, validators = pkg.models, pkg.validators
    tsig = models.TsigRequest(algo="hmac-sha512.", name="tsig.customer.cf.", secret="s")
    assert validators.validate_tsig(tsig.to_dict(), direction="request") == []
    assert not hasattr(models.TsigRequest(algo="a", name="n", secret="s"), "id")
    with_id = tsig.to_dict() | {"id": "69cd1e10"}
    errors = validators.validate_tsig(with_id, direction="request")
    assert [(e.pointer, e.keyword) for e in errors] == [("/id", "readOnly")]
    assert validators.validate_role({"id": "r1"}, direction="request") == []
    body = models.CreateRulesetRequestBody(
        kind=models.RulesetKind.ZONE, name="My ruleset", phase=models.RulesetPhase.DDOS_L7
    )
    assert validators.validate_create_ruleset_request(body.to_dict(), direction="request") == []
    # As a response, every one of them is still required.
    missing = {e.message for e in validators.validate_tsig(tsig.to_dict(), direction="response")}
    assert missing == {"the required property 'id' is missing"}


def test_a_name_required_at_the_root_and_declared_read_only_in_a_branch_is_not_sent(
    pkg: Any,
) -> None:
    models, validators = pkg.models, pkg.validators
    rule = models.SchemasRuleRequest(
        configuration=models.IpConfiguration(target="ip", value="198.51.100.4"),
        mode=models.SchemasMode.BLOCK,
    )
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    pkg.client.Client("https://api.example.com", http_client=http).update_rule(rule)
    body = json.loads(sent[0].content)
    assert body == {"configuration": {"target": "ip", "value": "198.51.100.4"}, "mode": "block"}
    assert validators.validate_schemas_rule(body, direction="request") == []
    errors = validators.validate_schemas_rule(body, direction="response")
    assert {e.message for e in errors} == {
        f"the required property {name!r} is missing" for name in ("id", "allowed_modes", "scope")
    }


def test_a_read_only_property_s_schema_gets_no_request_shape(tmp_path: Path) -> None:
    # Without activate-railgun (not Cloudflare's), activation is reached only through
    # railgun's read-only activation property.
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    del spec["paths"]["/activations"]
    cut = tmp_path / "spec.yaml"
    cut.write_text(yaml.safe_dump(spec), encoding="utf-8")
    files = generate_package(cut, "pkg", tmp_path)
    models = "".join(text for path, text in files.items() if path.parts[1] == "models")
    assert "class SchemasRailgunRequest" in models
    assert "class Activation:" in models and "ActivationRequest" not in models


def test_a_body_read_only_as_a_whole_has_no_request_fixtures(pkg: Any) -> None:
    manifest = pkg.fixtures.manifest()
    assert {"schema": "ActivationRequest", "reason": _READ_ONLY} in manifest["skipped"]
    assert not [e for e in manifest["fixtures"] if e["schema"] == "ActivationRequest"]
    assert pkg.fixtures.valid("activation")  # as a response it has its fixtures
    assert pkg.strategies.activation_request_data().is_empty


_READ_ONLY = "the schema is read-only as a whole: no request can send it"


def test_request_strategies_draw_what_the_request_validator_accepts(pkg: Any) -> None:
    strategies, validators = pkg.strategies, pkg.validators

    @settings(max_examples=30, deadline=None)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        rule = data.draw(strategies.schemas_rule_request_data())
        assert validators.validate_schemas_rule(rule, direction="request") == []
        assert not {"id", "allowed_modes", "scope"} & set(rule)
        tsig = data.draw(strategies.tsig_request_data())
        assert validators.validate_tsig(tsig, direction="request") == []

    check()


def test_a_request_sends_no_item_and_no_alternative_that_is_read_only_as_a_whole(
    pkg: Any,
) -> None:
    fixtures, validators, strategies = pkg.fixtures, pkg.validators, pkg.strategies
    full = fixtures.load("NoteRequest", "valid_full").data
    assert full["stamps"] == [] and isinstance(full["last"], int)
    assert validators.validate_note(full, direction="request") == []
    stamped = full | {"stamps": [{"at": "2024-01-01T00:00:00Z"}]}
    errors = validators.validate_note(stamped, direction="request")
    assert [(e.pointer, e.keyword) for e in errors] == [("/stamps/0", "readOnly")]
    assert fixtures.load("note", "valid_full").data["stamps"]  # a response has its stamps

    @settings(max_examples=30, deadline=None)
    @given(note=strategies.note_request_data())
    def check(note: dict[str, Any]) -> None:
        assert note["stamps"] == []
        assert validators.validate_note(note, direction="request") == []

    check()


def test_a_name_required_by_one_all_of_branch_and_read_only_in_another_is_not_sent(
    pkg: Any,
) -> None:
    models, validators = pkg.models, pkg.validators
    assert validators.validate_group({"name": "admins"}, direction="request") == []
    missing = validators.validate_group({"name": "admins"}, direction="response")
    assert [e.message for e in missing] == ["the required property 'id' is missing"]
    assert models.GroupRequest(name="admins").to_dict() == {"name": "admins"}
    assert pkg.fixtures.load("GroupRequest", "valid_minimal").data == {"name": "group-request-name"}


def test_a_name_a_referenced_branch_requires_and_a_sibling_makes_read_only_is_not_sent(
    pkg: Any,
) -> None:
    models, validators = pkg.models, pkg.validators
    thing = models.ThingRequest(label="a", size=2)
    assert validators.validate_thing(thing.to_dict(), direction="request") == []
    missing = validators.validate_thing(thing.to_dict(), direction="response")
    assert [e.message for e in missing] == ["the required property 'id' is missing"]
    # base's own uses are as the spec writes them: id is required of base, whoever sends it.
    alone = validators.validate_base({"label": "a"}, direction="request")
    assert [e.message for e in alone] == ["the required property 'id' is missing"]
    assert pkg.fixtures.load("ThingRequest", "valid_minimal").data == {
        "label": "thing-request-label"
    }
