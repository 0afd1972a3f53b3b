"""The generated code is typed and lint-clean: mypy --strict and ruff on every output."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.output.write import write_tree
from tests.conftest import generate_package
from tests.golden.test_golden import CASE_NAMES, case_package

pytestmark = pytest.mark.slow  # deselected by the quick loop: pytest -m 'not slow'

ROOT = Path(__file__).resolve().parent.parent
REAL_SPECS = ROOT / "tests" / "specs"


# One mypy cache for the module's runs: most of mypy's time goes to reading the standard
# library and httpx, the same for every package checked here (its cache is keyed by each
# file's hash, so packages of the same name in other folders are checked anew).
_CACHE = Path(tempfile.mkdtemp(prefix="quality-mypy-"))
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


def _mypy(folder: Path, *packages: str) -> None:
    # One mypy for many packages: most of its time goes to reading the standard library and
    # httpx, which it then does once.
    chosen = [option for package in packages for option in ("-p", package)]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(_CACHE), *chosen],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _ruff(folder: Path) -> None:
    # --isolated: ruff's own defaults, not this project's settings, as a user's checkout would see.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--no-cache",
            "--target-version",
            "py310",
            ".",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_seed_package_passes_mypy_strict_and_ruff() -> None:
    _mypy(ROOT / "generated", "oci_core")
    _ruff(ROOT / "generated")


def test_golden_outputs_pass_mypy_strict_and_ruff(tmp_path: Path) -> None:
    for name in CASE_NAMES:
        # Each case's whole package, not only the layers its golden files store.
        write_tree(tmp_path, case_package(name))
    _mypy(tmp_path, *CASE_NAMES)
    _ruff(tmp_path)


@pytest.mark.parametrize(
    "spec", ["petstore.yaml", "oci_block_storage.yaml", "twilio_lookups_v2.json"]
)
def test_real_specs_generate_import_and_type_check(
    spec: str, tmp_path: Path, import_generated: object
) -> None:
    package = spec.split(".")[0]
    files = generate_package(REAL_SPECS / spec, package, tmp_path)
    assert any(str(path).startswith(f"{package}/models/") for path in files)
    models = import_generated(tmp_path, package, "models")  # type: ignore[operator]
    assert models.__all__
    _mypy(tmp_path, package)
    _ruff(tmp_path)


def test_the_generator_itself_passes_mypy_strict_and_ruff() -> None:
    for command in (
        [sys.executable, "-m", "mypy", "--cache-dir", os.devnull, "generator"],
        [sys.executable, "-m", "ruff", "check", "--no-cache", "generator", "tests", "benchmarks"],
    ):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
