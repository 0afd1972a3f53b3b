"""Runs on one output at once: each waits for the lock, all end, the result is one run's tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from generator import generate
from generator.output import switch
from generator.output.write import OutputError, write_tree
from tests.output.trees import BANNER, NEW, OLD, leftovers, read_tree

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "golden" / "cases"

# A child that writes each of the trees it is given, one after another, as fast as it can.
_WRITER = """
import json, sys
from pathlib import Path, PurePosixPath
from generator.output.write import write_tree

out, trees = Path(sys.argv[1]), json.loads(sys.argv[2])
for files in trees:
    write_tree(out, {PurePosixPath(path): text for path, text in files.items()})
"""


def _tree(writer: int, round_: int) -> dict[PurePosixPath, str]:
    """A tree only this writer's round makes: a module of its own, one shared module with its
    own text, and the stale and user files of the common trees."""
    base = OLD if round_ % 2 else NEW
    mark = f"WRITER = {writer}\nROUND = {round_}\n"
    return base | {
        PurePosixPath("pkg/shared.py"): BANNER + mark,
        PurePosixPath(f"pkg/only_{writer}/r{round_}.py"): BANNER + mark,
    }


def test_writers_racing_on_one_output_all_end_with_one_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    rounds = 12
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WRITER,
                str(out),
                json.dumps(
                    [{str(p): text for p, text in _tree(writer, r).items()} for r in range(rounds)]
                ),
            ],
            env=environment,
            stderr=subprocess.PIPE,
        )
        for writer in range(3)
    ]
    for child in children:
        _, error = child.communicate(timeout=300)
        assert child.returncode == 0, error.decode()
    last = [_tree(writer, rounds - 1) for writer in range(3)]
    assert read_tree(out) in last
    assert leftovers(out) == []


def test_two_command_line_runs_with_different_specs_end_with_one_spec_s_tree(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    specs = [CASES / "all_of" / "spec.yaml", CASES / "recursive_schema" / "spec.yaml"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "--spec", str(spec), "--out", str(out)]
            + ["--package", "pkg", "--no-cache"],
            env=environment,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for spec in specs
    ]
    for child in children:
        _, error = child.communicate(timeout=300)
        assert child.returncode == 0, error.decode()
    assert read_tree(out) in [generate(spec, "pkg") for spec in specs]
    assert leftovers(out) == []


def test_a_run_that_cannot_get_the_lock_in_time_fails_clearly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, OLD)
    with switch.locked(out, "pkg"), pytest.raises(OutputError) as raised:
        write_tree(out, NEW, lock_timeout=0)
    assert raised.value.path == out / "pkg"
    assert raised.value.reason == (
        "is being written by another run (which holds .pkg.lock); gave up waiting after 0 s"
    )
    assert read_tree(out) == OLD
    assert leftovers(out) == []
    write_tree(out, NEW, lock_timeout=0)
    assert read_tree(out) == NEW
