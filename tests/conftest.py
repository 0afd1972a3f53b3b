"""Shared fixtures: the repository root, --update-golden, and importing generated packages."""

from __future__ import annotations

import hashlib
import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

import generator.output.format
from generator import generate
from generator.errors import Problem
from generator.output.write import write_tree

ROOT = Path(__file__).resolve().parent.parent

# Speed is measured in benchmarks, not in tests: hypothesis's own clocks (the per-example
# deadline, the "drawing is too slow" health check) would fail a run on a busy machine.
settings.register_profile("untimed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("untimed")


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


# Black's output by a hash of its input, for the whole session. Black is most of the suite's
# time, and tests generate the same specs (the seed above all) over and over; the generator's
# own FormatCache is on disk and per test (``private_cache``), so it cannot share this.
_FORMATTED: dict[str, str] = {}
_FORMAT_ALL = generator.output.format._format_all


def _format_all_remembered(
    pending: list[tuple[PurePosixPath, str]], workers: int | None
) -> list[tuple[str | None, Problem | None]]:
    keys = [
        hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() for _, text in pending
    ]
    results: list[tuple[str | None, Problem | None]] = [(_FORMATTED.get(key), None) for key in keys]
    misses = [index for index, key in enumerate(keys) if key not in _FORMATTED]
    for index, result in zip(
        misses, _FORMAT_ALL([pending[i] for i in misses], workers), strict=True
    ):
        results[index] = result
        if result[0] is not None:
            _FORMATTED[keys[index]] = result[0]
    return results


@pytest.fixture(autouse=True, scope="session")
def remembered_formatting() -> Iterator[None]:
    """Black's results shared across tests (module-scoped fixtures' packages included)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.output.format, "_format_all", _format_all_remembered)
        yield


@pytest.fixture(autouse=True)
def real_black_when_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests marked ``real_black`` are about formatting (the format cache, parallel
    formatting): they see black itself."""
    if request.node.get_closest_marker("real_black") is not None:
        monkeypatch.setattr(generator.output.format, "_format_all", _FORMAT_ALL)


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
