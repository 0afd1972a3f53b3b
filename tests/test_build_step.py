"""The build-step integrations: the pre-commit hooks this repository offers run as pre-commit
would run them (the entry, split like a shell, with no file names) in a user's project."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def _hook(hook_id: str, project: Path) -> subprocess.CompletedProcess[str]:
    """``language: python`` installs this package, whose console script is the entry's first
    word; here the same code runs as ``python -m generator``."""
    entry = shlex.split(HOOKS[hook_id]["entry"])
    assert entry[0] == "generator"
    return subprocess.run(
        [sys.executable, "-m", "generator", *entry[1:]],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(project / ".cache"), "PATH": ""},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "api").mkdir()
    shutil.copy(ROOT / "spec" / "oci_core.yaml", tmp_path / "api" / "core.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.generator]\nspec = "api/core.yaml"\nout = "src"\npackage = "core"\n',
        encoding="utf-8",
    )
    return tmp_path


def test_the_hooks_run_on_spec_changes_without_file_names() -> None:
    assert sorted(HOOKS) == ["generator", "generator-check"]
    for hook in HOOKS.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert _matches(hook, "api/core.yaml") and _matches(hook, "pyproject.toml")
        assert not _matches(hook, "src/core/models/page.py")


def _matches(hook: dict[str, str], path: str) -> bool:
    return re.search(hook["files"], path) is not None


def test_the_check_hook_fails_on_a_stale_package_and_passes_once_regenerated(
    project: Path,
) -> None:
    stale = _hook("generator-check", project)
    assert stale.returncode == 1
    assert "+++ " in stale.stdout  # the diff a developer reads in the hook's output
    regenerated = _hook("generator", project)
    assert regenerated.returncode == 0, regenerated.stderr
    assert regenerated.stdout == ""
    assert (project / "src" / "core" / "models" / "volume_backup.py").is_file()
    current = _hook("generator-check", project)
    assert (current.returncode, current.stdout, current.stderr) == (0, "", "")
