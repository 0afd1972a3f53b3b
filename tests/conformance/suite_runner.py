"""Runs the official JSON-Schema-Test-Suite through the validator generator.

Each suite file becomes one OpenAPI document (draft 4 files as OpenAPI 3.0, draft 2020-12 files
as 3.1) whose ``components/schemas/Case<n>`` are its test groups' schemas, with ``#``-relative
references moved under the case. The document goes through the real stages (load, validate,
resolve, rules, plan, render); black is left out because formatting cannot change meaning.
A group is skipped, with its reason, when its schema uses what an OpenAPI document of that
version cannot say, or when the generator refuses it (a pattern Python cannot read the same
way, ``unevaluatedProperties``): refusing is the promised behaviour, so it is not a failure.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import GenerationError
from generator.ir import Api, Validators
from generator.lower.operations import operation_rules
from generator.lower.rules import RulesBuilder
from generator.output.contexts import Banner
from generator.output.planned import CopiedFile, PlannedFile
from generator.output.render import render_files
from generator.spec.load import load_document
from generator.spec.resolve import resolve_document
from generator.spec.validate import validate_document
from generator.validators.plan import plan_validator_files

SUITE = Path(__file__).resolve().parent / "suite"

# The keywords an OpenAPI 3.0 Schema Object has (its fixed fields that constrain data).
OAS30_KEYWORDS = frozenset(
    {"title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"}
    | {"maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems"}
    | {"maxProperties", "minProperties", "required", "enum", "type", "allOf", "oneOf", "anyOf"}
    | {"not", "items", "properties", "additionalProperties", "description", "format"}
    | {"default", "$ref"}
)


@dataclass
class FileResult:
    path: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # case -> reason

    @property
    def total(self) -> int:
        return self.passed + len(self.failed) + len(self.skipped)


def suite_files() -> list[Path]:
    return sorted(SUITE.rglob("*.json"))


def run_file(path: Path, work: Path) -> FileResult:
    relative = path.relative_to(SUITE).as_posix()
    dialect = "3.0" if relative.startswith("draft4") else "3.1"
    result = FileResult(relative)
    groups = json.loads(path.read_text(encoding="utf-8"))
    schemas: dict[str, Any] = {}
    for number, group in enumerate(groups):
        reason = _skip_reason(relative, group, dialect)
        if reason is not None:
            for test in group["tests"]:
                result.skipped[_case(group, test)] = reason
            continue
        schemas[f"Case{number}"] = _moved(group["schema"], f"#/components/schemas/Case{number}")
    try:
        validators = _generate(schemas, dialect, relative, work) if schemas else None
    except GenerationError:
        # One group's schema spoils the batch: generate group by group to find which.
        validators = None
    modules: dict[str, Any] = {}
    for name in list(schemas) if validators is None else []:
        try:
            modules[name] = _generate({name: schemas[name]}, dialect, f"{relative} {name}", work)
        except GenerationError as error:
            refused = all(p.is_warning for p in error.problems)
            number = int(name.removeprefix("Case"))
            for test in groups[number]["tests"]:
                case = _case(groups[number], test)
                if refused:
                    result.skipped[case] = (
                        f"not checked (a warning at generation time): {error.problems[0].message}"
                    )
                else:
                    result.failed.append(f"{case}: generation failed: {error}")
            del schemas[name]
    for number, group in enumerate(groups):
        name = f"Case{number}"
        if name not in schemas:
            continue
        for test in group["tests"]:
            case = _case(group, test)
            module = validators if validators is not None else modules[name]
            check = getattr(module, f"validate_case{number}")
            errors = check(test["data"])
            if (not errors) == test["valid"]:
                result.passed += 1
            else:
                result.failed.append(f"{case}: expected valid={test['valid']}, got {errors}")
    return result


def _case(group: dict[str, Any], test: dict[str, Any]) -> str:
    return f"{group['description']} / {test['description']}"


def _skip_reason(relative: str, group: dict[str, Any], dialect: str) -> str | None:
    schema = group["schema"]
    if dialect == "3.0":
        if not isinstance(schema, dict):
            return "a boolean schema is not an OpenAPI 3.0 Schema Object"
        for where, key, value in _walk(schema):
            if key not in OAS30_KEYWORDS:
                return f"{key!r} is not an OpenAPI 3.0 Schema Object keyword"
            if key == "type" and not isinstance(value, str):
                return "a list of types is not OpenAPI 3.0"
            if key == "type" and value == "null":
                return "type 'null' is not OpenAPI 3.0 (which has nullable instead)"
            if key == "items" and not isinstance(value, dict):
                return "items as an array (or boolean) is not OpenAPI 3.0"
            if key == "$ref" and not str(value).startswith("#"):
                return f"a reference to another document ({value})"
            if key in ("additionalProperties",) and not isinstance(value, dict | bool):
                return "additionalProperties must be a schema or a boolean"
            del where
    for _, key, value in _walk(schema):
        if key in ("$id", "id", "$anchor", "$dynamicRef", "$dynamicAnchor"):
            return f"{key} (base URIs and anchors): references here are JSON pointers"
        if key == "$ref" and not str(value).startswith("#"):
            return f"a reference to another document ({value})"
        if key in ("unevaluatedProperties", "unevaluatedItems"):
            return f"{key} is not checked (a warning at generation time)"
    del relative
    return None


def _walk(schema: Any, where: str = "") -> list[tuple[str, str, Any]]:
    """Every (pointer, keyword, value) in a schema, through its subschemas only."""
    found: list[tuple[str, str, Any]] = []
    if not isinstance(schema, dict):
        return found
    for key, value in schema.items():
        found.append((where, key, value))
        if key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
            if isinstance(value, dict):
                for name, sub in value.items():
                    found += _walk(sub, f"{where}/{key}/{name}")
        elif key in ("allOf", "anyOf", "oneOf", "prefixItems") or (
            key == "items" and isinstance(value, list)
        ):
            for index, sub in enumerate(value):
                found += _walk(sub, f"{where}/{key}/{index}")
        elif key in (
            "items",
            "additionalProperties",
            "not",
            "if",
            "then",
            "else",
            "contains",
            "propertyNames",
        ):
            found += _walk(value, f"{where}/{key}")
    return found


def _moved(node: Any, base: str) -> Any:
    """``#``-relative references made relative to where the schema now lives (only in schema
    positions: an ``enum`` or ``const`` value that looks like a reference is data)."""
    if isinstance(node, dict):
        moved = {
            key: value if key in ("enum", "const", "default", "examples") else _moved(value, base)
            for key, value in node.items()
        }
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            moved["$ref"] = base + ref[1:]
        return moved
    if isinstance(node, list):
        return [_moved(item, base) for item in node]
    return node


def _generate(schemas: dict[str, Any], dialect: str, relative: str, work: Path) -> Any:
    openapi = "3.0.3" if dialect == "3.0" else "3.1.0"
    document = {
        "openapi": openapi,
        "info": {"title": relative, "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    package = "suite_" + "".join(c if c.isalnum() else "_" for c in relative.removesuffix(".json"))
    package = package.lower()
    out = work / package
    spec = work / f"{package}.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    files = _validator_files(spec, package)
    for relative_path, text in files.items():
        target = work / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (out / "_runtime.py").write_text("UNSET = object()\n", encoding="utf-8")
    if str(work) not in sys.path:
        sys.path.insert(0, str(work))
    importlib.invalidate_caches()
    return importlib.import_module(f"{package}.validators")


def _validator_files(spec: Path, package: str) -> dict[Any, str]:
    document = load_document(spec, spec.name)
    index = resolve_document(document)
    problems = validate_document(document, skip_refs=False)
    if any(not p.is_warning for p in problems):
        raise GenerationError(problems)
    builder = RulesBuilder(index)
    operations = operation_rules(builder, ())  # the suite has no paths
    targets = builder.build_targets()
    if builder.problems:  # warnings too: what the validators would not check is skipped
        raise GenerationError(builder.problems)
    api = Api(
        source=spec.name,
        title=package,
        version="1",
        description=None,
        openapi=str(document.data["openapi"]),
        definitions=(),
        validators=Validators(builder.dialect, targets, operations, ()),
        operations=(),
        base_url=None,
    )
    from pathlib import PurePosixPath

    banner = Banner(spec.name)
    validation = PurePosixPath("_validation.py")
    # The runtime modules validators import (their index loads them through _lazy): the
    # linear-time matcher only where a pattern needs it, as the generator decides.
    linear = [PurePosixPath("_linear_regex.py")] * builder.linear_patterns
    runtime = [PurePosixPath("_lazy.py"), validation, *linear]
    planned: list[PlannedFile | CopiedFile] = [
        *plan_validator_files(api, PurePosixPath(package), banner),
        *(CopiedFile(PurePosixPath(package) / path, path, banner) for path in runtime),
    ]
    files = render_files(planned)
    files[PurePosixPath(package) / "__init__.py"] = ""
    return files


def table(results: list[FileResult]) -> str:
    """The README's conformance table."""
    lines = ["| suite file | passed | failed | skipped |", "|---|---:|---:|---:|"]
    for result in results:
        lines.append(
            f"| {result.path} | {result.passed}/{result.total} | {len(result.failed)} "
            f"| {len(result.skipped)} |"
        )
    return "\n".join(lines)


def skip_reasons(results: list[FileResult]) -> str:
    """Why cases were skipped, counted per file and reason."""
    lines = []
    for result in results:
        counts: dict[str, int] = {}
        for reason in result.skipped.values():
            counts[reason] = counts.get(reason, 0) + 1
        for reason, count in counts.items():
            lines.append(f"- {result.path}: {count} x {reason}")
    return "\n".join(lines)
