"""Links in the output: nothing is read, written or removed through one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.output.write import OutputError, diff_tree, write_tree
from tests.output.trees import BANNER, MINE, NEW, OLD, leftovers, plant, read_tree

SEED = Path(__file__).resolve().parents[2] / "spec" / "oci_core.yaml"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the output with a canary that carries our banner (stale removal
    would take it for one of ours) and one that does not."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "canary.py").write_text(BANNER + "CANARY = 1\n")
    (folder / "canary.txt").write_text("alive\n")
    return folder


def _written(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    write_tree(out, OLD)
    plant(out, MINE)
    return out


def test_a_symlinked_pycache_is_refused_and_its_target_survives(
    tmp_path: Path, outside: Path
) -> None:
    out = _written(tmp_path)
    link = out / "pkg" / "gone" / "__pycache__"
    link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError) as raised:
        write_tree(out, NEW)
    assert raised.value.path == link
    assert raised.value.reason.startswith("is a symbolic link; the generator follows no link")
    assert sorted(p.name for p in outside.iterdir()) == ["canary.py", "canary.txt"]
    assert read_tree(out) == OLD | MINE
    assert leftovers(out) == []


@pytest.mark.parametrize("linked", ["pkg/models", "pkg/client", "pkg"])
def test_a_symlinked_folder_is_not_written_through(
    tmp_path: Path, outside: Path, linked: str
) -> None:
    out = _written(tmp_path)
    folder = out / linked
    if folder.exists():
        os.rename(folder, tmp_path / "moved")
    folder.symlink_to(outside, target_is_directory=True)
    before = {p.name: p.read_text() for p in outside.iterdir()}
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_tree(out, NEW)
    with pytest.raises(OutputError, match="is a symbolic link"):
        diff_tree(out, NEW)
    assert {p.name: p.read_text() for p in outside.iterdir()} == before
    assert os.path.islink(folder)


def test_a_symlinked_file_is_neither_read_nor_replaced(tmp_path: Path, outside: Path) -> None:
    out = _written(tmp_path)
    target = out / "pkg" / "models" / "changed.py"
    target.unlink()
    target.symlink_to(outside / "canary.py")
    with pytest.raises(OutputError, match="is a symbolic link"):
        diff_tree(out, NEW)
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_tree(out, NEW)
    assert (outside / "canary.py").read_text() == BANNER + "CANARY = 1\n"


def test_a_planted_staging_link_is_removed_without_following_it(
    tmp_path: Path, outside: Path
) -> None:
    out = _written(tmp_path)
    (out / ".pkg.staging").symlink_to(outside, target_is_directory=True)
    (out / ".pkg.previous").symlink_to(outside, target_is_directory=True)
    write_tree(out, NEW)
    assert read_tree(out) == NEW | MINE
    assert sorted(p.name for p in outside.iterdir()) == ["canary.py", "canary.txt"]
    assert leftovers(out) == []


def test_the_command_line_names_the_link_and_exits_1(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["--spec", str(SEED), "--out", str(out), "--package", "oci_core", "--no-cache"]
    assert main(args) == 0
    (out / "oci_core" / "__pycache__").symlink_to(outside, target_is_directory=True)
    (out / "oci_core" / "models" / "volume_backup.py").write_text(BANNER)  # a change to write
    capsys.readouterr()
    assert main(args) == 3
    error = capsys.readouterr().err
    assert error == (
        f"error: {out}/oci_core/__pycache__ is a symbolic link; the generator follows no link "
        f"inside the package it writes (remove it and run again); {out} left as it was\n"
    )
    assert (out / "oci_core" / "models" / "volume_backup.py").read_text() == BANNER
    assert main([*args, "--check"]) == 3
    assert "__pycache__ is a symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["canary.py", "canary.txt"]
