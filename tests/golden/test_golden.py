"""Golden cases: one small spec per feature, its generated tree compared byte for byte.

Each case's ``expected/`` holds the files of the outputs it is about (``LAYERS``), and the
package's own ``__init__.py`` and ``py.typed``; the rest of its package is not stored, but
``tests/test_quality.py`` still type-checks and lints all of it. The runtime's modules
(``_runtime.py``, ``_validation.py``, ``_payloads.py``, ``errors.py``, ``retry.py``,
``client/_transport.py``, ``client/_deadline.py``, ``client/_sending.py``,
``client/_body.py``) are never stored: every package must have the ones it needs, each
exactly the banner and its source in ``generator/runtime/``.

`pytest --update-golden` rewrites `expected/`; review that diff and commit it on its own.
"""

from __future__ import annotations

import difflib
import shutil
from functools import cache
from pathlib import Path, PurePosixPath

import pytest

from generator.pipeline import generate_package
from generator.plan import RUNTIME_FILES, runtime_paths
from generator.runtime import source_text

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "spec.yaml").exists())
# The outputs each case is about: only their files are stored and compared.
LAYERS: dict[str, tuple[str, ...]] = {
    "all_of": ("models", "validators", "fixtures"),
    "all_of_intersection": ("models", "validators", "fixtures"),
    "data_is_data": ("models", "validators", "client"),
    "ecma_patterns": ("validators",),
    "enum_names": ("models",),
    "multi_file": ("models", "validators"),
    "parameter_names": ("client", "validators"),
    "parameters_unchecked": ("validators",),
    "project": ("project",),
    "yaml_12_numbers": ("models", "validators"),
    "callbacks": ("webhooks", "models", "validators"),
    "client": ("client", "models", "validators", "docs"),
    "discriminator": ("models", "validators"),
    "enum_odd_values": ("models", "fixtures", "docs"),
    "keyword_names": ("models", "validators", "fixtures"),
    "literal_types": ("models", "client", "fixtures"),
    "nested_objects_and_maps": ("models", "validators"),
    "openapi_31": ("models", "validators", "fixtures"),
    "operations_only": ("client", "validators", "fixtures"),
    "read_write_only": ("models", "validators", "client", "fixtures", "docs"),
    "recursive_containers": ("models", "validators", "fixtures"),
    "recursive_schema": ("models", "validators"),
    "redos_patterns": ("validators", "fixtures"),
    "template_override": ("models",),
    "unions": ("models", "validators"),
    "unions_undiscriminated": ("models", "validators", "client"),
    "validators_30": ("validators", "fixtures"),
    "validators_31": ("validators", "fixtures"),
    "webhooks": ("webhooks", "models", "validators", "docs"),
}
# Which output a file of the package belongs to, by its first part inside the package.
_LAYER_OF = {
    "__init__.py": "package",
    "py.typed": "package",
    "README.md": "docs",
    "models": "models",
    "validators": "validators",
    "fixtures": "fixtures",
    "strategies.py": "fixtures",
    "pytest_plugin.py": "fixtures",
    "client": "client",
    "results.py": "client",
    "webhooks.py": "webhooks",
}
_RUNTIME = {path for path, _ in RUNTIME_FILES}
_BANNER_LINES = 3


def _read_tree(folder: Path) -> dict[PurePosixPath, str]:
    if not folder.is_dir():
        return {}
    return {
        PurePosixPath(p.relative_to(folder).as_posix()): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@cache
def _generated(name: str) -> dict[PurePosixPath, str]:
    """A case's package; a ``templates/`` folder beside its spec overrides ours; a case about
    the project gets it (as if in ``./generated``)."""
    overrides = CASES / name / "templates"
    return generate_package(
        CASES / name / "spec.yaml",
        name,
        display="spec.yaml",
        templates=overrides if overrides.is_dir() else None,
        project="./generated" if "project" in LAYERS[name] else None,
    ).files


def split_runtime(
    files: dict[PurePosixPath, str],
) -> tuple[dict[PurePosixPath, str], dict[PurePosixPath, str]]:
    """A generated tree as (the files its spec shapes, the runtime's modules)."""
    own: dict[PurePosixPath, str] = {}
    runtime: dict[PurePosixPath, str] = {}
    for path, text in files.items():
        (runtime if PurePosixPath(*path.parts[1:]) in _RUNTIME else own)[path] = text
    return own, runtime


def runtime_tree(name: str, own: dict[PurePosixPath, str]) -> dict[PurePosixPath, str]:
    """The runtime's modules a package made of ``own`` must have: its banner (the one its
    ``__init__.py`` starts with) over each module's source; the client's only with a client."""
    root = PurePosixPath(name)
    banner = "".join(own[root / "__init__.py"].splitlines(keepends=True)[:_BANNER_LINES])
    has_client = any(path.parts[1] == "client" for path in own if len(path.parts) > 2)
    has_webhooks = root / "webhooks.py" in own
    has_linear = any("from .._linear_regex import" in text for text in own.values())
    return {
        root / path: banner + source_text(path)
        for path in runtime_paths(has_client, has_webhooks, has_linear)
    }


def case_package(name: str) -> dict[PurePosixPath, str]:
    """A case's whole package, as the generator makes it now."""
    return _generated(name)


def layer_of(path: PurePosixPath) -> str:
    """The output a file of a package belongs to (``models``, ``client``...); the files beside
    the package are the project's."""
    return _LAYER_OF[path.parts[1]] if len(path.parts) > 1 else "project"


def stored(name: str, files: dict[PurePosixPath, str]) -> dict[PurePosixPath, str]:
    """The files of ``files`` that case ``name`` stores: those of its layers."""
    return {
        path: text for path, text in files.items() if layer_of(path) in ("package", *LAYERS[name])
    }


def _diff(expected: dict[PurePosixPath, str], actual: dict[PurePosixPath, str]) -> str:
    lines: list[str] = []
    for path in sorted(set(expected) | set(actual)):
        old, new = expected.get(path), actual.get(path)
        if old == new:
            continue
        lines.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"expected/{path}" if old is not None else "/dev/null",
                tofile=f"actual/{path}" if new is not None else "/dev/null",
            )
        )
    return "".join(lines)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden(name: str, update_golden: bool) -> None:
    case = CASES / name
    own, _ = split_runtime(_generated(name))
    actual = stored(name, own)
    if update_golden:
        shutil.rmtree(case / "expected", ignore_errors=True)
        for path, text in actual.items():
            target = case / "expected" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        return
    expected = _read_tree(case / "expected")
    assert expected, f"{name} has no expected/ tree: run pytest --update-golden and review it"
    difference = _diff(expected, actual)
    assert not difference, f"{name} differs from its golden files:\n{difference}"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_runtime_modules_are_copied_under_the_banner(name: str) -> None:
    own, runtime = split_runtime(_generated(name))
    difference = _diff(runtime_tree(name, own), runtime)
    assert not difference, f"{name}'s runtime modules are not their sources:\n{difference}"


def test_every_case_is_collected() -> None:
    """A case folder without spec.yaml would silently test nothing."""
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir())
    assert folders == CASE_NAMES


def test_every_case_says_what_it_is_about() -> None:
    assert sorted(LAYERS) == CASE_NAMES
    layers_known = {*_LAYER_OF.values(), "project"}
    assert all(set(layers) <= layers_known for layers in LAYERS.values())
