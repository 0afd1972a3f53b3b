"""Light imports: a package's indexes (``models``, ``validators``, ``results``, the client's
``_operations``) import a module when one of its names is first used, and each client method
imports its group of operations when first looked up. Checked in fresh interpreters, where
``sys.modules`` says what an import loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import generate_package

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "golden" / "cases"


def _run(folder: Path, code: str) -> Any:
    """Run ``code`` in a fresh interpreter that imports from ``folder``; it prints JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(folder), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


_LOADED = """
import json, sys
def loaded(prefix):
    return sorted(m for m in sys.modules if m.startswith(prefix))
"""


def test_importing_the_client_loads_no_group_model_or_validator(tmp_path: Path) -> None:
    generate_package(CASES / "client" / "spec.yaml", "shapes", tmp_path)
    code = _LOADED + (
        "import shapes.client\n"
        "after_import = {p: loaded(p) for p in "
        "('shapes.models.', 'shapes.validators.', 'shapes.client._operations.')}\n"
        "import httpx\n"
        "answer = lambda request: httpx.Response(200, json={'detail': 'up'})\n"
        "http = httpx.Client(transport=httpx.MockTransport(answer))\n"
        "client = shapes.client.Client('http://example.com', http_client=http)\n"
        "data = client.ping().data\n"
        "print(json.dumps({**after_import, 'after_call': loaded('shapes.client._operations.'),"
        " 'models_after_call': loaded('shapes.models.'), 'data': type(data).__name__}))\n"
    )
    found = _run(tmp_path, code)
    assert found["shapes.models."] == []
    assert found["shapes.validators."] == []
    assert found["shapes.client._operations."] == []
    # The one group called is loaded, and the models it answers with; the other four are not.
    assert found["after_call"] == ["shapes.client._operations.ping"]
    assert found["models_after_call"] == ["shapes.models.problem"]
    assert found["data"] == "Problem"


def test_lazily_reached_names_are_the_objects_their_modules_define(tmp_path: Path) -> None:
    generate_package(CASES / "client" / "spec.yaml", "shapes", tmp_path)
    code = _LOADED + (
        "import importlib\n"
        "import shapes.models, shapes.validators, shapes.results\n"
        "from shapes.client import _operations, AsyncClient, Client\n"
        "same, names = [], {}\n"
        "for index in (shapes.models, shapes.validators, shapes.results, _operations):\n"
        "    names[index.__name__] = list(index.__all__)\n"
        "    for name in index.__all__:\n"
        "        value = getattr(index, name)\n"
        "        where = getattr(index, '_MODULES', {}).get(name)\n"
        "        if where is not None:\n"
        "            home = importlib.import_module(f'{index.__package__}.{where}')\n"
        "            same.append(getattr(home, name) is value)\n"
        "        else:\n"
        "            same.append(value is sys.modules.get(f'{index.__name__}.{name}', value))\n"
        "        same.append(getattr(index, name) is value)\n"
        "        assert name in dir(index), name\n"
        "from shapes.models import Part\n"
        "same.append(Part is shapes.models.part.Part)\n"
        "method = Client.ping\n"
        "same.append(method is _operations.ping.SyncMethods.ping)\n"
        "same.append(Client.__dict__['ping'] is method)\n"
        "same.append(AsyncClient.ping is _operations.ping.AsyncMethods.ping)\n"
        "try:\n"
        "    shapes.models.NoSuchModel\n"
        "except AttributeError as error:\n"
        "    same.append(str(error) == \"module 'shapes.models' has no attribute 'NoSuchModel'\")\n"
        "print(json.dumps({'same': same, 'names': names, 'modules': loaded('shapes.models.'),"
        " 'methods': sorted(_operations.METHODS)}))\n"
    )
    found = _run(tmp_path, code)
    assert found["same"] and all(found["same"])
    names = found["names"]
    assert "Part" in names["shapes.models"] and "DecodeError" in names["shapes.models"]
    assert "validate_part" in names["shapes.validators"]
    assert names["shapes.client._operations"] == ["cells", "notes", "parts", "ping", "root"]
    assert found["methods"] == ["get_cells", "get_part", "list_", "ping", "post_notes", "put_part"]


def test_every_name_a_module_defines_is_listed_by_its_index(tmp_path: Path) -> None:
    """``__all__`` and ``dir()`` of each index name every public name of its modules."""
    generate_package(CASES / "client" / "spec.yaml", "shapes", tmp_path)
    code = _LOADED + (
        "import importlib, pkgutil\n"
        "missing = []\n"
        "for package in ('shapes.models', 'shapes.validators'):\n"
        "    index = importlib.import_module(package)\n"
        "    listed = set(dir(index))\n"
        "    for info in pkgutil.iter_modules(index.__path__):\n"
        "        module = importlib.import_module(f'{package}.{info.name}')\n"
        "        for name, value in vars(module).items():\n"
        "            mine = getattr(value, '__module__', None) == module.__name__\n"
        "            public = not name.startswith('_') and mine and callable(value)\n"
        "            if public and not (name in index.__all__ and name in listed):\n"
        "                missing.append(f'{package}.{info.name}.{name}')\n"
        "print(json.dumps({'missing': missing}))\n"
    )
    assert _run(tmp_path, code) == {"missing": []}


def test_any_model_of_an_import_cycle_can_be_reached_first(tmp_path: Path) -> None:
    """The models break import cycles; reached first, in a fresh interpreter, each name of a
    recursive spec's models imports, and each model decodes its valid fixture, whichever
    module of its cycle is imported first."""
    generate_package(CASES / "recursive_schema" / "spec.yaml", "loops", tmp_path)
    listing = _run(tmp_path, "import json, loops.models as m; print(json.dumps(m.__all__))")
    names = [name for name in listing if name != "DecodeError"]
    assert len(names) > 10
    decoded = 0
    for name in names:
        fixture = tmp_path / "loops" / "fixtures" / f"{name}.json"
        code = (
            "import json, sys\n"
            "import loops.models as m\n"
            f"name, fixture = {name!r}, {str(fixture)!r}\n"
            "value = getattr(m, name)\n"
            "home = vars(sys.modules['loops.models.' + m._MODULES[name]])\n"
            "decoded = None\n"
            "if hasattr(value, 'from_dict'):\n"
            "    try:\n"
            "        data = json.load(open(fixture))['valid_full']\n"
            "    except (FileNotFoundError, KeyError):\n"
            "        pass\n"
            "    else:\n"
            "        decoded = type(value.from_dict(data)) is value\n"
            "print(json.dumps({'decoded': decoded, 'loaded': value is home[name]}))\n"
        )
        found = _run(tmp_path, code)
        assert found["loaded"], name
        assert found["decoded"] in (None, True), name
        decoded += found["decoded"] is True
    assert decoded >= 5
