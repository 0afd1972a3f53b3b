"""Specs in several files: what relative references reach is brought in; nothing else is read.

The spec under ``specs/api/v1/root.yaml`` refers to files in nested folders and upwards, to
whole files and to fragments, in YAML and JSON, with a cycle across files.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

SPECS = Path(__file__).parent / "specs"
ROOT_SPEC = SPECS / "api" / "v1" / "root.yaml"


def _generate(spec: Path, out: Path, *extra: str) -> int:
    return main(["--spec", str(spec), "--out", str(out), "--package", "pkg", "--no-cache", *extra])


def test_a_spec_in_several_files_generates_one_package(
    tmp_path: Path, import_generated: Any
) -> None:
    assert _generate(ROOT_SPEC, tmp_path) == 0
    models = import_generated(tmp_path, "pkg", "models")
    validators = import_generated(tmp_path, "pkg", "validators")
    assert sorted(models.__all__) == ["Address", "Country", "DecodeError", "Owner", "Pet", "Tag"]
    owner = {"id": "1", "pets": [{"name": "Rex", "tag": "dog"}], "home": {"country": "NO"}}
    assert validators.validate_owner(owner) == []
    assert models.Owner.from_dict(owner).to_dict() == owner
    broken = {"id": "1", "pets": [{"name": "", "tag": "cow"}], "home": {"country": "no"}}
    assert [(e.pointer, e.keyword) for e in validators.validate_owner(broken)] == [
        ("/pets/0/name", "minLength"),
        ("/pets/0/tag", "enum"),
        ("/home/country", "pattern"),
    ]
    # The cycle across files (a pet's owner is the root's Owner) is one class, not a copy.
    assert models.Pet.from_dict({"name": "a", "owner": {"id": "2"}}).owner == models.Owner(id="2")


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "spec" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path / "spec" / "root.yaml"


def _root(ref: str) -> str:
    return (
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n'
        f"components:\n  schemas:\n    A:\n      type: object\n      properties:\n"
        f"        b: {{$ref: '{ref}'}}\n"
    )


def test_a_problem_in_another_file_names_that_file_its_line_and_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _tree(
        tmp_path,
        {
            "root.yaml": _root("parts/b.yaml#/B"),
            "parts/b.yaml": "# a part\nB:\n  type: object\n  properties:\n    x: {type: strin}\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert _generate(spec.relative_to(tmp_path), tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert err.startswith('spec/parts/b.yaml:5: /B/properties/x/type: "strin" is not one of'), err


SECRET = "the secret text nobody may print"


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"type: string\n")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        ("{secret}", "only relative file paths are followed"),
        ("file://{secret}", "only relative file paths are followed"),
        ("{url}/x.yaml", "only relative file paths are followed"),
        ("../secret.txt", "only .yaml, .yml and .json files are read"),
        ("missing.yaml", "spec/missing.yaml: no such file"),
        ("parts/b.yaml#/Nope", "points at nothing"),
    ],
)
def test_references_that_are_not_followed_are_errors_that_print_no_content(
    ref: str,
    reason: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    listener: tuple[str, list[str]],
) -> None:
    url, requests = listener
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    (tmp_path / "secret.yaml").write_text(f"description: {SECRET}\n")
    written = ref.format(secret=tmp_path / "secret.yaml", url=url)
    spec = _tree(tmp_path, {"root.yaml": _root(written), "parts/b.yaml": "B: {type: string}\n"})
    assert _generate(spec, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert reason in err
    assert SECRET not in err
    assert requests == []
    assert not (tmp_path / "out").exists()


def test_ref_root_confines_the_files_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _tree(tmp_path, {"root.yaml": _root("../outside.yaml#/B")})
    (tmp_path / "outside.yaml").write_text("B: {type: string}\n")
    assert _generate(spec, tmp_path / "open") == 0
    assert _generate(spec, tmp_path / "out", "--ref-root", str(spec.parent)) == 2
    assert "is not followed: it leaves the folder ref_root allows" in capsys.readouterr().err


def test_the_result_cache_sees_a_change_in_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tree = tmp_path / "tree"
    shutil.copytree(SPECS, tree)
    spec = tree / "api" / "v1" / "root.yaml"
    args = ["--spec", str(spec), "--out", str(tmp_path / "out"), "--package", "pkg"]
    assert main(args) == 0
    kinds = tree / "shared" / "events" / "kinds.yaml"
    kinds.write_text(kinds.read_text().replace("[cat, dog]", "[cat, dog, fox]"))
    assert main(args) == 0
    assert '"fox"' in (tmp_path / "out" / "pkg" / "models" / "tag.py").read_text()
