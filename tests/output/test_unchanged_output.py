"""A run whose inputs are those of the run that last wrote the output, and whose output is as
that run left it, knows from the file system alone that nothing changed (``stamp.py``); any
change to the output, however it hides, takes the ordinary path and is mended."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.output.cache
import generator.output.stamp
import generator.pipeline
from generator.cli import main

SPEC = Path(__file__).resolve().parents[2] / "tests" / "golden" / "cases" / "all_of" / "spec.yaml"
MODEL = Path("pkg") / "models" / "volume.py"


@pytest.fixture
def run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, list[str]]]:
    """A function that runs the generator on ``SPEC`` into ``tmp_path/out`` with its own cache;
    it returns the exit code, the summary line and what the run took its files from."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    taken: list[str] = []
    generate = generator.pipeline.generate_package
    read = generator.output.cache.ResultCache.get

    def generating(*args: Any, **kwargs: Any) -> Any:
        taken.append("generated")
        return generate(*args, **kwargs)

    def reading(self: Any, *args: Any) -> Any:
        taken.append("result cache")
        return read(self, *args)

    monkeypatch.setattr(generator.pipeline, "generate_package", generating)
    monkeypatch.setattr(generator.output.cache.ResultCache, "get", reading)

    def call(*extra: str) -> tuple[int, str, list[str]]:
        taken.clear()
        capsys.readouterr()
        out = str(tmp_path / "out")
        code = main(["--spec", str(SPEC), "--out", out, "--package", "pkg", *extra])
        return code, capsys.readouterr().out.strip(), list(taken)

    return call


def _summary(line: str) -> str:
    """The summary line without its time."""
    return line.rsplit(" in ", 1)[0]


def test_an_output_left_as_it_was_is_confirmed_without_reading_a_file_of_it(
    tmp_path: Path, run: Callable[..., tuple[int, str, list[str]]]
) -> None:
    code, line, taken = run()
    assert code == 0 and taken == ["result cache", "generated"]
    count = int(line.split(": ")[1].split()[0])
    assert count > 20
    code, line, taken = run()
    assert (code, _summary(line), taken) == (
        0,
        f"{tmp_path / 'out'}: 0 written, {count} " "unchanged, 0 removed",
        [],
    )
    code, line, taken = run("--check")
    assert (code, line, taken) == (0, f"{tmp_path / 'out'} is up to date ({count} files)", [])
    # Another output folder has no stamp of its own: the result cache serves it.
    code, line, taken = run("--out", str(tmp_path / "elsewhere"))
    assert (code, taken) == (0, ["result cache"])


def _same_size_edit(path: Path) -> None:
    """Change the file's text but not its size, and set its times back as they were."""
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("class Volume", "class Volumf", 1), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns


def test_an_edit_that_keeps_the_size_and_the_times_is_found_and_mended(
    tmp_path: Path, run: Callable[..., tuple[int, str, list[str]]]
) -> None:
    run()
    model = tmp_path / "out" / MODEL
    original = model.read_text(encoding="utf-8")
    _same_size_edit(model)
    code, _, taken = run("--check")
    assert (code, taken) == (1, ["result cache"])
    code, line, _ = run()
    assert code == 0 and ": 1 written," in line
    assert model.read_text(encoding="utf-8") == original


def test_on_coarse_file_times_a_file_written_near_the_record_is_compared_by_content(
    tmp_path: Path,
    run: Callable[..., tuple[int, str, list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where an edit can land in the same timestamp as the write before it (FAT's 2 s), stat
    shows nothing: a file written that close to the record is judged by its content."""
    coarse = lambda status: (status.st_size, status.st_ino, status.st_mtime_ns)  # noqa: E731
    monkeypatch.setattr(generator.output.stamp, "_signature", coarse)
    run()
    _same_size_edit(tmp_path / "out" / MODEL)
    code, line, taken = run()
    assert (code, taken) == (0, ["result cache"]) and ": 1 written," in line


def test_a_file_added_or_removed_takes_the_ordinary_path_and_the_user_s_file_is_kept(
    tmp_path: Path, run: Callable[..., tuple[int, str, list[str]]]
) -> None:
    run()
    mine = tmp_path / "out" / "pkg" / "models" / "mine.py"
    mine.write_text("MINE = 1\n", encoding="utf-8")
    code, line, taken = run()
    assert (code, taken) == (0, ["result cache"]) and ": 0 written," in line
    assert run()[2] == []  # the user's file is part of the output as recorded
    (tmp_path / "out" / MODEL).unlink()
    code, line, taken = run()
    assert (code, taken) == (0, ["result cache"]) and ": 1 written," in line
    assert mine.read_text(encoding="utf-8") == "MINE = 1\n"
    shutil.rmtree(tmp_path / "out" / "pkg" / "fixtures")
    assert run("--check")[0] == 1


def test_a_stamp_that_is_not_as_recorded_is_ignored_and_check_writes_none(
    tmp_path: Path, run: Callable[..., tuple[int, str, list[str]]]
) -> None:
    run()
    cache = tmp_path / "cache" / "openapi-generator"
    (stamp,) = [path for path in (cache / "stamps").rglob("*") if path.is_file()]
    stamp.write_text(stamp.read_text(encoding="utf-8").replace('"recorded": ', '"recorded": 1'))
    assert run()[2] == ["result cache"]
    assert run()[2] == []  # recorded anew by the run before
    before = {path: path.read_bytes() for path in cache.rglob("*") if path.is_file()}
    assert run("--check")[0] == 0
    (tmp_path / "out" / MODEL).unlink()
    assert run("--check")[0] == 1
    assert {path: path.read_bytes() for path in cache.rglob("*") if path.is_file()} == before
