"""The ``fixtures`` subpackage: JSON files per named object schema, a manifest, a loader."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any

from generator.encode import docstring, identifier, literal
from generator.fixtures import Fixture, Sampler, Skipped, fixtures_for
from generator.ir import Api, Model
from generator.planned import PlannedFile
from generator.resolve import schema_pointer
from generator.strategy_code import StrategyWriter
from generator.write import FIXTURES_MARKER

_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def plan_fixture_files(api: Api, root: PurePosixPath, banner: dict[str, str]) -> list[PlannedFile]:
    targets = {t.pointer: t for t in api.validators.targets}
    sampler = Sampler(targets)
    models = {d.pointer: d for d in api.definitions if isinstance(d, Model)}
    modules = {d.pointer: d.module for d in api.definitions}
    folders: set[str] = set()  # taken, compared without case (for case-blind file systems)
    entries: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    files: list[PlannedFile] = []
    model_of: dict[str, tuple[str, str]] = {}
    for target in api.validators.targets:
        if target.name is None:
            continue
        made = fixtures_for(target, sampler)
        if isinstance(made, Skipped):
            skipped.append({"schema": made.schema, "reason": made.reason})
            continue
        model = models.get(schema_pointer(target.name))
        if model is not None:
            model_of[target.name] = (model.module, model.name)
        folder = _folder(target.name, modules.get(schema_pointer(target.name)), folders)
        if folder is None:
            skipped.append({"schema": target.name, "reason": "no folder name of its own"})
            continue
        for fixture in made:
            file = f"{folder}/{fixture.name}.json"
            files.append(
                PlannedFile(
                    root / "fixtures" / file, "fixture.json.jinja", {"text": _json(fixture.data)}
                )
            )
            entries.append(_entry(fixture, file))
    manifest = {"generated_by": FIXTURES_MARKER, "fixtures": entries, "skipped": skipped}
    files.append(
        PlannedFile(
            root / "fixtures" / "manifest.json", "fixture.json.jinja", {"text": _json(manifest)}
        )
    )
    files.append(
        PlannedFile(
            root / "fixtures" / "__init__.py",
            "fixtures_init.py.jinja",
            {
                "banner": banner,
                "models": [
                    {"schema": literal(schema), "module": literal(module), "name": literal(name)}
                    for schema, (module, name) in sorted(model_of.items())
                ],
                "docstring": docstring(
                    "Test fixtures for every named object schema: valid examples (minimal, full, "
                    "at each boundary) and invalid ones that each break one rule, as JSON files "
                    "listed in manifest.json."
                ),
            },
        )
    )
    files.append(_strategies_file(api, root, banner))
    files.append(_plugin_file(api, root, banner, entries))
    return files


def _plugin_file(
    api: Api,
    root: PurePosixPath,
    banner: dict[str, str],
    entries: list[dict[str, Any]],
) -> PlannedFile:
    package = root.name
    modules = {d.pointer: d.module for d in api.definitions}
    items = []
    for schema in dict.fromkeys(entry["schema"] for entry in entries):
        module = modules.get(schema_pointer(schema))
        if module is None:
            continue
        for valid in (True, False):
            kind = "valid" if valid else "invalid"
            items.append(
                {
                    "name": identifier(f"{package}_{kind}_{module}"),
                    "schema": literal(schema),
                    "valid": literal(valid),
                }
            )
    text = (
        "pytest fixtures over the generated fixtures: for each schema, "
        f"``{package}_valid_<schema>`` and ``{package}_invalid_<schema>``, parametrised over "
        "its valid and invalid examples (each a ``fixtures.Fixture``).\n\n"
        f'Enable it in a conftest.py: ``pytest_plugins = ["{package}.pytest_plugin"]``. '
        "This module needs pytest, which the rest of the package does not."
    )
    return PlannedFile(
        root / "pytest_plugin.py",
        "pytest_plugin.py.jinja",
        {"banner": banner, "docstring": docstring(text), "fixtures": items},
    )


def _strategies_file(api: Api, root: PurePosixPath, banner: dict[str, str]) -> PlannedFile:
    targets = {t.pointer: t for t in api.validators.targets}
    modules = {d.pointer: d for d in api.definitions if d.pointer.count("/") == 3}
    named = [t for t in api.validators.targets if t.name is not None]
    functions: dict[str, str] = {}
    for target in named:
        definition = modules.get(target.pointer)
        module = definition.module if definition else None
        if module is not None:
            functions[target.pointer] = identifier(f"{module}_data")
    writer = StrategyWriter(targets, functions)
    schemas = []
    for target in named:
        if target.pointer not in functions:
            continue
        definition = modules[target.pointer]
        model = definition.name if isinstance(definition, Model) else None
        schemas.append(
            {
                "data": functions[target.pointer],
                "models": identifier(f"{definition.module}_models"),
                "validate": identifier(f"validate_{definition.module}"),
                "model": identifier(model) if model else None,
                "expression": writer.expression(target.rules),
                "docstring": docstring(f"Valid {target.name} data, as JSON values.", 4),
                "models_docstring": docstring(f"Valid {target.name} model instances.", 4),
            }
        )
    return PlannedFile(
        root / "strategies.py",
        "strategies.py.jinja",
        {
            "banner": banner,
            "docstring": docstring(
                "Hypothesis strategies that draw only valid data for each named schema: "
                "``<schema>_data()`` gives JSON values, ``<schema>_models()`` model instances.\n\n"
                "This module needs hypothesis, which the rest of the package does not."
            ),
            "schemas": schemas,
            "uses_models": any(schema["model"] for schema in schemas),
            "uses": sorted(writer.uses),
        },
    )


def _folder(schema: str, module: str | None, taken: set[str]) -> str | None:
    """The schema's name when it is a safe folder name, else its module's name; never one
    that another schema's folder already has, whatever the case."""
    for candidate in (schema, module):
        if candidate and _SAFE_NAME.fullmatch(candidate) and candidate.lower() not in taken:
            taken.add(candidate.lower())
            return candidate
    return None


def _entry(fixture: Fixture, file: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "schema": fixture.schema,
        "name": fixture.name,
        "file": file,
        "valid": fixture.valid,
    }
    if not fixture.valid:
        entry["pointer"] = fixture.pointer
        entry["keyword"] = fixture.keyword
    return entry


def _json(data: Any) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from the spec: only an escape can hold it
        return json.dumps(data, indent=2) + "\n"
    return text
