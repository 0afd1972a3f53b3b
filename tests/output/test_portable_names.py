"""Every file name the generator makes can exist on Windows and fits any file system: device
names get a trailing underscore, long names are shortened with a hash, decided in planning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator import GenerationError, generate
from generator.naming import MAX_FILE_NAME, bounded, is_portable_file_name, module_name
from generator.output.write import OutputError, write_tree
from tests.output.trees import BANNER

DEVICES = ["Con", "Aux", "nul", "Com1", "PRN", "Lpt1", "com¹"]
LONG = "Very" + "Long" * 64  # 260 characters
LONG_VALUE = "v" * 260


def _spec() -> dict[str, Any]:
    schemas: dict[str, Any] = {
        name: {"type": "object", "properties": {"id": {"type": "string"}}}
        for name in DEVICES
        if name.isascii()
    }
    schemas[LONG] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"type": "string", "enum": [LONG_VALUE, "short"]}},
    }
    schemas[LONG + "Other"] = {"type": "object", "properties": {LONG_VALUE: {"type": "integer"}}}
    paths = {
        f"/{device.lower()}": {
            "get": {
                "operationId": f"get{device}",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{device}"}
                            }
                        },
                    }
                },
            }
        }
        for device in DEVICES
        if device.isascii()
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Devices", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[PurePosixPath, str]:
    spec = tmp_path_factory.mktemp("spec") / "spec.yaml"
    spec.write_text(yaml.safe_dump(_spec(), allow_unicode=True), encoding="utf-8")
    return generate(spec, "devices")


def test_every_file_name_is_portable_bounded_and_apart_whatever_the_case(
    files: dict[PurePosixPath, str],
) -> None:
    for path in files:
        for part in path.parts:
            assert is_portable_file_name(part), path
            assert len(part) <= MAX_FILE_NAME, path
    folded = {str(path).lower() for path in files}
    assert len(folded) == len(files)
    names = {path.as_posix() for path in files}
    assert {"devices/models/con_.py", "devices/models/prn_.py", "devices/models/lpt1_.py"} <= names
    assert "devices/client/_operations/com1_.py" in names
    assert "devices/fixtures/Aux.json" not in names
    assert "devices/fixtures/aux_.json" in names


def test_the_package_with_those_names_imports_and_works(
    tmp_path: Path,
    files: dict[PurePosixPath, str],
    import_generated: Callable[[Path, str, str], ModuleType],
) -> None:
    write_tree(tmp_path, files)
    models = import_generated(tmp_path, "devices", "models")
    assert models.Con.from_dict({"id": "x"}).id == "x"
    long_module = import_generated(tmp_path, "devices", f"models.{module_name(LONG)}")
    made = getattr(long_module, LONG).from_dict({"kind": LONG_VALUE})
    assert made.to_dict() == {"kind": LONG_VALUE}
    validators = import_generated(tmp_path, "devices", "validators")
    assert validators.validate_con_({"id": 1})[0].pointer == "/id"


def test_the_rules() -> None:
    assert [module_name(name) for name in ("Con", "AUX", "Com1", "lpt9", "Console")] == [
        "con_",
        "aux_",
        "com1_",
        "lpt9_",
        "console",
    ]
    long = module_name(LONG)
    assert len(long) == 80 and long.startswith("very_long_long_") and long[-9] == "_"
    assert bounded("a" * 100, 100) == "a" * 100
    assert bounded("a" * 101, 100) != bounded("a" * 102, 100)
    assert [is_portable_file_name(n) for n in ("con.py", "CON", "nul.json", "conx.py")] == [
        False,
        False,
        False,
        True,
    ]
    assert not is_portable_file_name("trailing.") and not is_portable_file_name("a" * 101)


def test_a_package_named_after_a_device_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(_spec()), encoding="utf-8")
    with pytest.raises(GenerationError) as raised:
        generate(spec, "aux")
    assert [str(p) for p in raised.value.problems] == [
        f"{spec}: /: package name 'aux' cannot be a folder on every system "
        "(a Windows device name, or too long)"
    ]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("pkg/models/con.py", "has a name that is not portable ('con.py')"),
        ("pkg/" + "a" * 101 + ".py", "has a name that is not portable ('" + "a" * 101 + ".py')"),
        ("pkg/Models/x.py", "differs only in case from pkg/Models/x.py"),
        ("pkg/../x.py", "has a name that is not portable ('..')"),
    ],
)
def test_the_write_stage_refuses_such_names_before_writing_anything(
    tmp_path: Path, path: str, reason: str
) -> None:
    files = {PurePosixPath("pkg/models/x.py"): BANNER, PurePosixPath(path): BANNER}
    with pytest.raises(OutputError) as raised:
        write_tree(tmp_path / "out", files)
    assert raised.value.reason == reason
    assert not (tmp_path / "out").exists()
