"""No generated function binds a name that it also reads from module scope (a helper the
module imports, a function it defines): such a local hides the helper, and the call fails
with ``TypeError`` where the local is set and ``UnboundLocalError`` where it is not, which mypy
does not see. Checked over every generated file the tests hold (the golden cases and
``generated/``), and for the case that found it: a property named ``matchTagged`` beside a
discriminated ``oneOf``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, generate_package

OUTPUTS = sorted(
    [
        *(ROOT / "tests" / "golden" / "cases").glob("*/expected/**/*.py"),
        *(ROOT / "generated").rglob("*.py"),
    ]
)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _module_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _own_nodes(scope: ast.AST) -> Iterator[tuple[ast.AST, bool]]:
    """The nodes of one function's own scope, each with whether it sits in a comprehension
    (which reads the function's names but binds its own): not those of the functions and
    classes inside it."""
    stack = [(node, False) for node in ast.iter_child_nodes(scope)]
    while stack:
        node, inner = stack.pop()
        yield node, inner
        if not isinstance(node, _SCOPES):
            inner = inner or isinstance(node, _COMPREHENSIONS)
            stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def _shadowing(source: str) -> list[str]:
    tree = ast.parse(source)
    module = _module_names(tree)
    found = []
    for scope in ast.walk(tree):
        if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        arguments = scope.args
        bound = {
            a.arg
            for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            + [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
        }
        read = set()
        for node, in_comprehension in _own_nodes(scope):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                read.add(node.id)
            elif isinstance(node, ast.Name) and not in_comprehension:
                bound.add(node.id)
            elif isinstance(node, _SCOPES) and not isinstance(node, ast.Lambda):
                bound.add(node.name)
        name = getattr(scope, "name", "<lambda>")
        found += [f"{name} binds {n!r}" for n in sorted(bound & read & module)]
    return found


@pytest.mark.parametrize("path", OUTPUTS, ids=[str(p.relative_to(ROOT)) for p in OUTPUTS])
def test_no_function_hides_a_module_name_it_reads(path: Path) -> None:
    assert _shadowing(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_hidden_helper() -> None:
    source = "from ._validation import match_tagged\n\ndef check(data):\n"
    source += "    match_tagged = data.get('matchTagged')\n    return match_tagged(data)\n"
    assert _shadowing(source) == ["check binds 'match_tagged'"]


def test_properties_named_like_the_runtimes_helpers_are_checked(
    tmp_path: Path, import_generated: Any
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        """\
openapi: 3.0.3
info: {title: names of the runtime, version: "1"}
paths: {}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
    Owner:
      type: object
      properties:
        matchTagged: {type: string}
        chooseBranch: {type: string}
        wrongType: {type: string}
        errors: {type: string}
        pet:
          oneOf:
            - $ref: "#/components/schemas/Cat"
            - $ref: "#/components/schemas/Dog"
          discriminator:
            propertyName: kind
""",
        encoding="utf-8",
    )
    files = generate_package(spec, "shadow", tmp_path / "out")
    python = [text for path, text in files.items() if path.suffix == ".py"]
    assert python and all(_shadowing(text) == [] for text in python)
    validators = import_generated(tmp_path / "out", "shadow", "validators")

    good = {"matchTagged": "x", "chooseBranch": "y", "errors": "z", "pet": {"kind": "Cat"}}
    assert validators.validate_owner(good) == []
    assert validators.validate_owner({"pet": {"kind": "Cat"}}) == []  # absent too
    errors = validators.validate_owner({"matchTagged": 3, "pet": {"kind": "Fish"}})
    assert [(e.pointer, e.keyword) for e in errors] == [("/matchTagged", "type"), ("/pet", "oneOf")]
