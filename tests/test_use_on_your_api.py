"""The README's "Use it on your API" section, run as a user would: install the generator into a
fresh virtual environment, put the section's ``[tool.generator]`` table in a project, generate,
check, and import the result with the environment's own Python.

Two deviations, both so that the test runs offline: the environment sees the test
environment's site-packages (the generator's dependencies, and setuptools from the test extra,
are not downloaded again), and pip builds without an isolated build environment and without
an index. The git-URL install line has a placeholder
for the repository's URL and is not run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = ["--no-build-isolation", "--no-index", "--no-deps", "--quiet"]


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Use it on your API\n")
    return readme[start : readme.index("\n## ", start + 1)]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), re.DOTALL)


def _commands() -> list[list[str]]:
    return [shlex.split(line) for block in _blocks("sh") for line in block.splitlines() if line]


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the generator installed by the README's first command."""
    folder = tmp_path_factory.mktemp("venv")
    # No pip of its own: the test environment's pip and setuptools (seen through its
    # site-packages) install into it.
    venv.create(folder, system_site_packages=True, with_pip=False)
    executable = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = _commands()[0]
    assert install[:4] == ["python", "-m", "pip", "install"] and install[4] == "./generator"
    subprocess.run(
        [str(executable), *install[1:4], str(ROOT), *OFFLINE],
        check=True,
        capture_output=True,
        cwd=folder,
    )
    return executable


def test_the_table_names_every_key_the_generator_reads() -> None:
    from generator.config import KEYS

    (table,) = _blocks("toml")
    assert set(tomllib.loads(table)["tool"]["generator"]) == set(KEYS)


def test_the_section_s_commands_work_in_a_fresh_environment(python: Path, tmp_path: Path) -> None:
    (table,) = _blocks("toml")
    settings = tomllib.loads(table)["tool"]["generator"]
    project = tmp_path / "project"
    (project / settings["ref_root"]).mkdir(parents=True)
    (project / settings["templates"]).mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "specs" / "petstore.yaml", project / settings["spec"])
    (project / "pyproject.toml").write_text(table, encoding="utf-8")
    environment = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": "",  # the installed generator, not this checkout
    }
    installs, runs = _commands()[:2], _commands()[2:]
    assert [command[:4] for command in installs] == [["python", "-m", "pip", "install"]] * 2
    assert runs == [["python", "-m", "generator"], ["python", "-m", "generator", "--check"]]
    for command in runs:
        done = subprocess.run(
            [str(python), *command[1:]],
            cwd=project,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    located = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not located.startswith(str(ROOT / "generator"))
    package = project / settings["out"] / settings["package"]
    assert (package / "models" / "pet.py").is_file() and (package / "README.md").is_file()
    imported = subprocess.run(
        [
            str(python),
            "-c",
            "from petstore.models import Pet; print(Pet(id=1, name='a').to_dict())",
        ],
        cwd=project / settings["out"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert imported.stdout == "{'id': 1, 'name': 'a'}\n", imported.stderr
