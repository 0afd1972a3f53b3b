"""The fixtures planned and rendered in a forked process (``generator/render_process.py``) give
the package planned in line: the same files in the same order, and the same when the process
fails and the output is planned in line after all."""

from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath

import pytest

import generator.render_process as render_process
from generator.pipeline import generate_package

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "tests" / "specs" / "oci_block_storage.yaml"


def _forks(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    """Fork for any spec. Two lists: one gets an item at each fork, the other at each
    rendering of the output in this process (the forked one's are in its own memory)."""
    started: list[int] = []
    here: list[int] = []
    real_start = render_process.RenderedBeside.__init__
    real_render = render_process.RenderedBeside._render

    def counted(self: render_process.RenderedBeside, *args: object) -> None:
        started.append(1)
        real_start(self, *args)  # type: ignore[arg-type]

    def rendered(self: render_process.RenderedBeside) -> dict[PurePosixPath, str]:
        here.append(1)
        return real_render(self)

    monkeypatch.setattr(render_process, "FORK_FROM_BYTES", 0)
    monkeypatch.setattr(render_process.RenderedBeside, "__init__", counted)
    monkeypatch.setattr(render_process.RenderedBeside, "_render", rendered)
    return started, here


def test_the_forked_fixtures_are_the_ones_planned_in_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    in_line = generate_package(SPEC, "pkg")
    started, here = _forks(monkeypatch)
    forked = generate_package(SPEC, "pkg")
    assert started == [1] and here == []
    assert forked.files == in_line.files
    assert list(forked.files) == list(in_line.files)
    assert any("/fixtures/" in str(path) for path in forked.files)


def test_a_process_that_sends_nothing_leaves_the_fixtures_to_this_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    in_line = generate_package(SPEC, "pkg")
    started, here = _forks(monkeypatch)

    def silent(self: render_process.RenderedBeside, sending: Connection) -> None:
        sending.close()  # as when its planning raised, or it was killed

    monkeypatch.setattr(render_process.RenderedBeside, "_render_and_send", silent)
    forked = generate_package(SPEC, "pkg")
    assert started == [1] and here == [1]
    assert forked.files == in_line.files
    assert list(forked.files) == list(in_line.files)


def test_what_the_fixtures_planning_raises_is_raised_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import generator.plan as plan_stage

    _forks(monkeypatch)

    def broken(*args: object) -> object:
        raise RuntimeError("the fixtures' planning failed")

    monkeypatch.setitem(plan_stage.OUTPUTS, "fixtures", broken)
    with pytest.raises(RuntimeError, match="the fixtures' planning failed"):
        generate_package(SPEC, "pkg")
