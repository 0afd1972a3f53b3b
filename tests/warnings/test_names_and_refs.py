"""What the readings behind the naming, dangling-$ref and $recursiveRef warnings mean in the
generated package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

CASES = Path(__file__).parent / "cases"


def _generate(name: str, out: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    spec = (CASES / name).relative_to(root).as_posix()
    assert main(["--spec", spec, "--out", str(out), "--package", "pkg", "--no-cache"]) == 0


def test_derived_names_are_numbered_apart_and_the_authors_keep_theirs(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    _generate("derived_names.yaml", tmp_path, root, monkeypatch)
    models = import_generated(tmp_path, "pkg", "models")
    # The schema keeps its name; the response class made for /facet is numbered apart.
    assert models.FacetResponse.from_dict({"hits": 3}).hits == 3
    response = models.FacetResponse2.from_dict({"result": {"hits": 3}})
    assert isinstance(response.result, models.FacetResponse)
    assert models.CreateSnapshotResponse.from_dict({"result": "ok"}).result == "ok"
    assert models.CreateSnapshotResponse2.from_dict({"status": "queued"}).status == "queued"
    # A named schema made of one inline object is that object's class, not an alias to it.
    assert models.Client.from_dict({"id": "c1"}).to_dict() == {"id": "c1"}
    wire = {
        "caller-type": "person",
        "caller_type": "company",
        "caller-name": "A",
        "caller_name": "B",
    }
    caller = models.Caller.from_dict(wire)
    assert (caller.caller_type_2, caller.caller_type) == ("person", "company")
    assert isinstance(caller.caller_type_2, models.CallerCallerType2)
    assert isinstance(caller.caller_type, models.CallerCallerType)
    assert (caller.caller_name_2, caller.caller_name) == ("A", "B")
    assert caller.to_dict() == wire


def test_a_dangling_ref_is_read_as_any_json_value(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    _generate("dangling_refs.yaml", tmp_path, root, monkeypatch)
    models = import_generated(tmp_path, "pkg", "models")
    validators = import_generated(tmp_path, "pkg", "validators")
    for owner in ({"x": [1]}, "text", None):
        assert validators.validate_thing({"owner": owner}) == []
        assert models.Thing.from_dict({"owner": owner}).owner == owner
    assert [e.keyword for e in validators.validate_thing({"name": 1})] == ["type"]


def test_a_recursive_ref_is_a_ref_to_its_anchored_schema(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    _generate("recursive_ref_2019.yaml", tmp_path, root, monkeypatch)
    models = import_generated(tmp_path, "pkg", "models")
    validators = import_generated(tmp_path, "pkg", "validators")
    inner = {"type": "or", "filters": [{"type": "eq", "key": "a"}]}
    data = {"type": "and", "filters": [{"type": "ne", "key": "b"}, inner]}
    compound = models.CompoundFilter.from_dict(data)
    assert isinstance(compound.filters[0], models.ComparisonFilter)
    assert isinstance(compound.filters[1], models.CompoundFilter)
    assert isinstance(compound.filters[1].filters[0], models.ComparisonFilter)
    assert compound.to_dict() == data
    assert validators.validate_compound_filter(data) == []
    broken = {"type": "and", "filters": [{"type": "or", "filters": [{"type": "eq"}]}]}
    assert validators.validate_compound_filter(broken) != []
    # Without an anchor, the reference is any JSON value.
    assert validators.validate_unanchored({"next": 5}) == []


def test_author_names_python_spells_alike_are_numbered_apart(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    _generate("author_names.yaml", tmp_path, root, monkeypatch)
    models = import_generated(tmp_path, "pkg", "models")
    validators = import_generated(tmp_path, "pkg", "validators")
    fixtures = import_generated(tmp_path, "pkg", "fixtures")
    assert models.VolumeBackup.__module__ == "pkg.models.volume_backup"
    assert models.VolumeBackup2.__module__ == "pkg.models.volume_backup_2"
    assert models.VolumeBackup2.from_dict({"id": "b"}).to_dict() == {"id": "b"}
    assert validators.validate_volume_backup_2({"id": 3})[0].keyword == "type"
    assert validators.validate_volume_backup({"id": "a"}) == []
    assert sorted(fixtures.schemas()) == ["VolumeBackup", "volume_backup"]
    assert fixtures.valid("volume_backup") and fixtures.valid("VolumeBackup")
