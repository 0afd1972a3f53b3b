"""``plan_groups`` hands the pipeline a few files at a time, planning each group when asked:
the groups make up ``plan_files`` in its order, and a run given up between them lets go of
what the planning keeps for the run."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

import generator.plan as plan_stage
from generator.ir import Api
from generator.lower import build_api
from generator.spec.load import load_document
from generator.spec.resolve import resolve_document
from generator.validators import emit

SPEC = Path(__file__).resolve().parents[2] / "tests" / "specs" / "oci_block_storage.yaml"


def _api() -> Api:
    return build_api(resolve_document(load_document(SPEC)), "spec")


def _folder(path: PurePosixPath) -> str:
    """The package's folder a file is in (the package's own files: "")."""
    return path.parts[1] if len(path.parts) > 2 else ""


def test_groups_are_small_and_make_up_the_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = _api()
    monkeypatch.setattr(plan_stage, "GROUP_FILES", 4)
    groups = list(plan_stage.plan_groups(api, "pkg"))
    assert all(0 < len(group) <= 4 for group in groups[1:])  # the first: the package's own
    assert len(groups) > 20
    flat = [f.path for group in groups for f in group]
    monkeypatch.setattr(plan_stage, "GROUP_FILES", 10**9)
    assert flat == [f.path for f in plan_stage.plan_files(api, "pkg")]


def test_closing_them_midway_ends_the_validators_planning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plan_stage, "GROUP_FILES", 1)
    groups = plan_stage.plan_groups(_api(), "pkg")
    for group in groups:
        if _folder(group[0].path) == "validators":
            break
    assert emit._SHAPES, "the validators' planning keeps their rules' shapes while it runs"
    groups.close()
    assert not emit._SHAPES and not emit._TOKENS
