"""An output generated with ``project = true`` is a project pip installs: into a fresh virtual
environment, then ``import <pkg>.client`` and the pytest plugin found by its entry point; and
without the client's dependencies, importing the client names the extra to install.

Offline: the environment sees the test environment's packages (httpx, hypothesis, pytest,
setuptools) and pip builds without isolation and without an index.
"""

from __future__ import annotations

import site
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

from generator.cli import main

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

SPEC = Path(__file__).resolve().parent / "golden" / "cases" / "project" / "spec.yaml"
TIMEOUT = 600  # generous: only a hang would reach it


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``out/``, generated with the project."""
    folder = tmp_path_factory.mktemp("project")
    out = folder / "out"
    args = ["--spec", str(SPEC), "--out", str(out), "--package", "petshop", "--no-cache"]
    assert main([*args, "--project", "--quiet"]) == 0
    return folder


def _python(environment: Path) -> str:
    return str(environment / "bin" / "python")


def _see_the_test_environment(environment: Path) -> None:
    """Where the tests themselves run in a virtual environment, ``--system-site-packages``
    shows the base interpreter's packages, not theirs: a ``.pth`` file adds those too."""
    done = _run(
        _python(environment),
        "-c",
        "import sysconfig; print(sysconfig.get_path('purelib'))",
        cwd=environment,
    )
    own = Path(done.stdout.strip())
    folders = {*site.getsitepackages(), sysconfig.get_path("purelib")}
    (own / "test_environment.pth").write_text("\n".join(sorted(folders)) + "\n", encoding="utf-8")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=TIMEOUT,
        env={"PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def installed(project: Path) -> Path:
    """A virtual environment with ``./out[client]`` installed in it (pip from the test
    environment, which ``--system-site-packages`` lets it see)."""
    environment = project / "venv"
    venv.create(environment, system_site_packages=True, with_pip=False)
    _see_the_test_environment(environment)
    done = _run(
        _python(environment),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "./out[client]",
        cwd=project,
    )
    assert done.returncode == 0, done.stderr
    return environment


def test_the_installed_client_imports(installed: Path, tmp_path: Path) -> None:
    done = _run(
        _python(installed),
        "-c",
        "import petshop, petshop.client, petshop.strategies; print(petshop.__file__)",
        cwd=tmp_path,  # not the output folder: the installed copy is imported
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(installed)
    assert "site-packages" in Path(done.stdout.strip()).parts


def test_the_installed_package_keeps_its_data(installed: Path, tmp_path: Path) -> None:
    done = _run(
        _python(installed),
        "-c",
        "from petshop import fixtures; print(len(fixtures.valid('Pet')))",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 0


def test_pytest_loads_the_plugin_by_its_entry_point(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "test_pets.py").write_text(
        "def test_pet(petshop_valid_pet):\n    assert petshop_valid_pet.valid\n",
        encoding="utf-8",
    )
    done = _run(_python(installed), "-m", "pytest", "-p", "no:cacheprovider", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout
    listed = _run(
        _python(installed),
        "-c",
        "from importlib.metadata import entry_points; "
        "print([e.value for e in entry_points(group='pytest11') if e.name == 'petshop'])",
        cwd=tmp_path,
    )
    assert listed.stdout.strip() == "['petshop.pytest_plugin']"


def test_without_the_client_extra_the_import_names_it(project: Path) -> None:
    """No site packages at all: the models import, the client says what to install."""
    environment = project / "bare"
    venv.create(environment, system_site_packages=False, with_pip=False)
    out = project / "out"
    models = _run(_python(environment), "-c", "import petshop.models", cwd=out)
    assert models.returncode == 0, models.stderr
    client = _run(_python(environment), "-c", "import petshop.client", cwd=out)
    assert client.returncode == 1
    assert client.stderr.splitlines()[-1] == (
        "ModuleNotFoundError: petshop.errors needs httpx, which is not installed: "
        "pip install 'petshop[client]' (the package's 'client' extra; or install httpx "
        "itself where petshop is vendored, not installed)"
    )
    testing = _run(_python(environment), "-c", "import petshop.pytest_plugin", cwd=out)
    assert "pip install 'petshop[testing]'" in testing.stderr.splitlines()[-1]
