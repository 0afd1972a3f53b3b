"""Two runs under different hash seeds give byte-identical trees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

ROOT = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    "spec",
    [
        "spec/oci_core.yaml",
        "tests/golden/cases/enum_odd_values/spec.yaml",
        "tests/specs/oci_block_storage.yaml",
    ],
)
def test_hash_seed_does_not_change_the_output(spec: str, tmp_path: Path) -> None:
    # The runs share black's cache, which is keyed by the text black is given: the second run
    # formats only what it rendered differently, and no whole run is served from the cache.
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        shutil.rmtree(tmp_path / "cache" / "openapi-generator" / "results", ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "--spec",
                spec,
                "--out",
                str(out),
                "--package",
                "pkg",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        trees.append(_tree(out))
    assert trees[0] and trees[0] == trees[1]


@pytest.mark.real_black
def test_formatting_in_parallel_gives_the_same_text() -> None:
    from generator.lower import build_api
    from generator.output.format import PARALLEL_LINES, format_files
    from generator.output.render import render_files
    from generator.plan import plan_files
    from generator.spec.load import load_document
    from generator.spec.resolve import resolve_document

    # The seed: just over the lines that start workers, so the parallel path is the one taken.
    document = load_document(ROOT / "spec" / "oci_core.yaml")
    texts = render_files(plan_files(build_api(resolve_document(document), "spec"), "pkg"))
    assert sum(text.count("\n") for text in texts.values()) > PARALLEL_LINES
    serial = format_files(texts, workers=1)
    parallel = format_files(texts, workers=2)
    assert list(parallel.files) == list(texts)
    assert parallel == serial
    assert parallel.through_black == sum(1 for path in texts if path.suffix == ".py")


def _count_layout_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gets an item each time the layout stage starts its worker processes."""
    import generator.output.format as format_stage

    started: list[int] = []
    real_pool = format_stage.ProcessPoolExecutor

    def counted_pool(*args: object, **kwargs: object) -> object:
        started.append(1)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(format_stage, "ProcessPoolExecutor", counted_pool)
    return started


def test_laying_out_in_parallel_gives_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.output.format as format_stage
    from generator.lower import build_api
    from generator.output.render import render_files
    from generator.plan import plan_files
    from generator.spec.load import load_document
    from generator.spec.resolve import resolve_document

    spec = ROOT / "tests" / "specs" / "oci_block_storage.yaml"
    texts = render_files(plan_files(build_api(resolve_document(load_document(spec)), "s"), "pkg"))
    serial = format_stage.format_files(texts, workers=1, ours=True)
    # The seed's and this spec's packages are under the lines that start workers: lower it.
    monkeypatch.setattr(format_stage, "PARALLEL_LAYOUT_LINES", 1)
    started = _count_layout_pools(monkeypatch)
    # Long modules are laid out in pieces, on the workers and here: cut small, every module is.
    monkeypatch.setattr(format_stage, "PIECE_LINES", 40)
    parallel = format_stage.format_files(texts, workers=2, ours=True)
    assert started, "the layout pass did not start workers"
    assert parallel == serial and parallel.through_black == 0


def test_laying_out_while_planning_gives_the_same_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pipeline hands each group of files to the layout workers while it plans the next;
    the package is the one planned an output at a time and laid out in this process after
    everything was rendered."""
    import generator.output.format as format_stage
    import generator.plan as plan_stage
    from generator.pipeline import generate_package

    spec = ROOT / "tests" / "specs" / "oci_block_storage.yaml"
    monkeypatch.setattr(format_stage, "PARALLEL_LAYOUT_LINES", 10**9)
    monkeypatch.setattr(plan_stage, "GROUP_FILES", 10**9)
    in_process = generate_package(spec, "pkg")
    monkeypatch.setattr(plan_stage, "GROUP_FILES", 3)
    monkeypatch.setattr(format_stage, "PARALLEL_LAYOUT_LINES", 1)
    monkeypatch.setattr(format_stage, "PIECE_LINES", 40)
    monkeypatch.setattr(format_stage.os, "cpu_count", lambda: 2)
    started = _count_layout_pools(monkeypatch)
    streamed = generate_package(spec, "pkg")
    assert started, "the layout pass did not start workers"
    assert streamed.files == in_process.files
    assert list(streamed.files) == list(in_process.files)  # the same order, too
