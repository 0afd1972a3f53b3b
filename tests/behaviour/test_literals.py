"""Constants and discriminator values as ``Literal`` types: the golden case ``literal_types``
generated, imported, exercised, and type-checked with mypy the way a user's code would be."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import generate_package

SPEC = Path(__file__).resolve().parents[1] / "golden" / "cases" / "literal_types" / "spec.yaml"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("literal_types")
    generate_package(SPEC, "literal_types", folder)
    return folder


@pytest.fixture
def pkg(out: Path, import_generated: Any) -> Any:
    parts = ("models", "validators", "fixtures")
    return SimpleNamespace(**{p: import_generated(out, "literal_types", p) for p in parts})


def test_an_alternative_needs_no_tag_and_its_wire_form_carries_it(pkg: Any) -> None:
    models, validators = pkg.models, pkg.validators
    email = models.EmailReminder(address="a@example.com")
    assert email.to_dict() == {"channel": "email", "address": "a@example.com"}
    assert validators.validate_reminder(email.to_dict()) == []
    contact = models.Contact(primary=email, reminder=models.SmsReminder(number="+4712345678"))
    wire = contact.to_dict()
    assert wire["reminder"] == {"channel": "sms", "number": "+4712345678"}
    back = models.Contact.from_dict(wire)
    assert back == contact and isinstance(back.reminder, models.SmsReminder)


def test_a_schema_named_by_two_tags_takes_either_and_round_trips(pkg: Any) -> None:
    models = pkg.models
    for tag in ("push", "apns"):
        wire = {"reminder": {"channel": tag, "device": "d"}}
        contact = models.Contact.from_dict(wire)
        assert contact.reminder == models.PushReminder(channel=tag, device="d")
        assert contact.to_dict() == wire
    with pytest.raises(TypeError, match="channel"):
        models.PushReminder(device="d")  # no default: the caller says which tag


def test_constants_default_to_their_value_and_round_trip(pkg: Any) -> None:
    models, validators = pkg.models, pkg.validators
    constants = models.Constants(nothing=None, ratio=0.5, shape={"a": 1}, items=[1, 2])
    wire = constants.to_dict()
    assert wire == {
        "word": "fixed",
        "count": 3,
        "flag": True,
        "nothing": None,
        "ratio": 0.5,
        "shape": {"a": 1},
        "items": [1, 2],
    }
    assert validators.validate_constants(wire) == []
    assert models.Constants.from_dict(wire) == constants
    # Optional constants stay absent until set; a union of constants takes each of them.
    full = models.Constants.from_dict({**wire, "either": "right", "maybeWord": "later"})
    assert (full.either, full.maybe_word, full.word_or_text) == ("right", "later", None)
    # Literal cannot spell 0.5: the validator checks it.
    assert [e.keyword for e in validators.validate_constants({**wire, "ratio": 0.25})] == ["const"]


def test_valid_fixtures_decode_and_round_trip(pkg: Any) -> None:
    fixtures, models = pkg.fixtures, pkg.models
    for schema in ("Constants", "Contact", "EmailReminder", "PushReminder"):
        for fixture in fixtures.valid(schema):
            assert fixture.model.to_dict() == fixture.data, (schema, fixture.name)
    for fixture in fixtures.valid("Reminder"):  # the union, through the model that holds it
        contact = models.Contact.from_dict({"reminder": fixture.data})
        assert contact.to_dict() == {"reminder": fixture.data}


def _mypy(folder: Path, *files: str) -> str:
    env = {**os.environ, "MYPYPATH": str(folder)}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull, *files],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout


def test_a_wrong_or_missing_tag_fails_type_checking(out: Path) -> None:
    (out / "good.py").write_text(textwrap.dedent("""
            from literal_types.models import Constants, EmailReminder, PushReminder

            EmailReminder(address="a@example.com")
            EmailReminder(channel="email", address="a@example.com")
            PushReminder(channel="apns", device="d")
            Constants(nothing=None, ratio=0.5, shape={}, items=[])
            """))
    (out / "bad.py").write_text(textwrap.dedent("""
            from literal_types.models import Constants, EmailReminder, PushReminder

            EmailReminder(channel="sms", address="a@example.com")
            PushReminder(device="d")
            Constants(word="other", count=4, nothing=None, ratio=0.5, shape={}, items=[])
            """))
    report = _mypy(out, "good.py", "bad.py")
    errors = sorted(line.split(": error:")[0] for line in report.splitlines() if ": error:" in line)
    assert errors == ["bad.py:4", "bad.py:5", "bad.py:6", "bad.py:6"], report
    assert 'Argument "channel" to "EmailReminder" has incompatible type' in report
    assert 'Missing named argument "channel" for "PushReminder"' in report
