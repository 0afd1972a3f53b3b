"""Shared fixtures: the repository root, --update-golden, and importing generated packages."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest

from generator import generate
from generator.output.write import write_tree

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help=(
            "rewrite every golden file from the generator's current output: the golden cases'"
            " expected trees, the broken specs' expected messages, generated/ and the README's"
            " conformance table"
        ),
    )


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or fills the user's cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def root() -> Path:
    return ROOT


def generate_package(spec: Path, package: str, out: Path) -> dict[PurePosixPath, str]:
    files = generate(spec, package)
    write_tree(out, files)
    return files


@contextmanager
def generated_packages(out: Path, specs: dict[str, Path]) -> Iterator[Callable[[str], ModuleType]]:
    """Generate each spec into ``out`` as the package its key names, make them importable,
    and forget them (and ``out`` on sys.path) afterwards. Yields ``importlib.import_module``."""
    for package, spec in specs.items():
        generate_package(spec, package, out)
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n.split(".")[0] in specs]:
            del sys.modules[name]


@pytest.fixture
def import_generated() -> Iterator[object]:
    """Import a package generated under a folder, and forget it (and sys.path) afterwards."""
    added: list[str] = []
    names: list[str] = []

    def load(out: Path, package: str, module: str = "") -> ModuleType:
        if str(out) not in sys.path:
            sys.path.insert(0, str(out))
            added.append(str(out))
        names.append(package)
        return importlib.import_module(f"{package}.{module}" if module else package)

    yield load
    for path in added:
        sys.path.remove(path)
    for name in list(sys.modules):
        if any(name == n or name.startswith(n + ".") for n in names):
            del sys.modules[name]
