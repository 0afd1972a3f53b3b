"""openapi-spec-validator in its own process (``validation_process.py``): every error and
warning case reports exactly the same in every mode (tests/errors and tests/warnings run
with the default, a fork on Linux; here in line and spawned), and an invalid spec never shows
what a stage running beside the validator made of it."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

import generator.pipeline as pipeline
from generator.cli import main
from generator.output.format import Formatted
from generator.spec import validation_process

TESTS = Path(__file__).resolve().parents[2]
ERROR_CASES = sorted(
    p for p in (TESTS / "errors" / "cases").iterdir() if p.suffix in (".yaml", ".json")
)
WARNING_CASES = sorted(
    p for p in (TESTS / "warnings" / "cases").iterdir() if p.suffix in (".yaml", ".json")
)
SCHEMA_ERROR = TESTS / "errors" / "cases" / "schema_error.yaml"


@pytest.fixture(autouse=True)
def black_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Black runs after the findings are in, the same way in every mode, and is the slow
    part; each run must have waited for its process and closed it."""
    monkeypatch.setattr(pipeline, "Formatter", _Unformatted)
    started: list[validation_process.SpecValidation] = []
    original = validation_process.SpecValidation.__init__

    def record(self: validation_process.SpecValidation, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(validation_process.SpecValidation, "__init__", record)
    yield
    assert all(not validation.in_background for validation in started)


class _Unformatted:
    """The layout stage's stand-in: the files as rendered."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.files: dict[PurePosixPath, str] = {}

    def add(self, texts: dict[PurePosixPath, str], in_layout: object) -> None:
        self.files.update(texts)

    def finish(self) -> Formatted:
        return Formatted(dict(self.files), 0)

    def close(self) -> None:
        pass


def force(monkeypatch: pytest.MonkeyPatch, method: str | None) -> None:
    monkeypatch.setattr(pipeline, "choose_start_method", lambda spec_bytes: method)


def run(spec: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(TESTS.parent)
    relative = spec.relative_to(TESTS.parent).as_posix()
    return main(["--spec", relative, "--out", str(out), "--package", "pkg", "--no-cache"])


MODES = ["in line", "spawn"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("spec", ERROR_CASES, ids=[p.name for p in ERROR_CASES])
def test_an_error_case_reports_the_same_in_every_mode(
    spec: Path,
    mode: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    force(monkeypatch, None if mode == "in line" else mode)
    out = tmp_path / "out"
    code = run(spec, out, monkeypatch)
    stderr = capsys.readouterr().err.replace(str(out), "OUT")
    assert code == 2
    assert stderr == spec.with_suffix(spec.suffix + ".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("spec", WARNING_CASES, ids=[p.name for p in WARNING_CASES])
def test_a_warning_case_reports_the_same_in_every_mode(
    spec: Path,
    mode: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    force(monkeypatch, None if mode == "in line" else mode)
    code = run(spec, tmp_path / "out", monkeypatch)
    stderr = capsys.readouterr().err
    assert code == 0
    assert stderr == spec.with_suffix(spec.suffix + ".expected").read_text(encoding="utf-8")


def test_a_stage_that_breaks_on_an_invalid_spec_is_not_what_the_user_sees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("what a build stage made of an invalid spec")

    force(monkeypatch, "fork")
    monkeypatch.setattr(pipeline, "build_api", broken)
    out = tmp_path / "out"
    code = run(SCHEMA_ERROR, out, monkeypatch)
    stderr = capsys.readouterr().err.replace(str(out), "OUT")
    assert code == 2
    assert stderr == SCHEMA_ERROR.with_suffix(".yaml.expected").read_text(encoding="utf-8")


def test_a_stage_that_breaks_on_a_valid_spec_still_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    force(monkeypatch, "fork")
    monkeypatch.setattr(pipeline, "build_api", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        pipeline.generate_package(TESTS.parent / "spec" / "oci_core.yaml", "pkg")


def test_a_validator_process_that_dies_is_replaced_by_validating_in_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def die(*args: object) -> None:
        os._exit(1)

    force(monkeypatch, "fork")
    monkeypatch.setattr(validation_process, "_validate_and_send", die)
    out = tmp_path / "out"
    code = run(SCHEMA_ERROR, out, monkeypatch)
    stderr = capsys.readouterr().err.replace(str(out), "OUT")
    assert code == 2
    assert stderr == SCHEMA_ERROR.with_suffix(".yaml.expected").read_text(encoding="utf-8")


def test_beside_other_threads_a_large_spec_is_validated_by_a_spawned_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """fork is not safe beside other threads: a fresh interpreter then, for a large spec."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        large = validation_process.choose_start_method(validation_process.SPAWN_FROM_BYTES)
        small = validation_process.choose_start_method(validation_process.SPAWN_FROM_BYTES - 1)
    finally:
        release.set()
        other.join()
    assert (large, small) == ("spawn", None)
    alone = validation_process.choose_start_method(0)
    assert alone == ("fork" if sys.platform != "darwin" else None)
