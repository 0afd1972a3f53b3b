"""Each template reads only what its context class declares, and each declared field is read.

The check is static, so it covers every branch of every template, not only those some spec
happens to take: each template (with the partials it includes) is walked with the types of its
context class's fields; a name must be a field, ``x.attr`` must be a field of ``x``'s class, a
``for`` must loop over a tuple, and a branch on ``x.kind == "..."`` narrows a union to the class
whose ``kind`` that is. Which class each template gets is read from what the planners plan for
the repository's specs, so the pairing under test is the real one.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, get_args, get_origin, get_type_hints

import jinja2
import pytest
from jinja2 import nodes

from generator.lower import build_api
from generator.output.contexts import TemplateContext
from generator.output.planned import PlannedFile
from generator.output.resources import template_dir
from generator.plan import plan_files
from generator.spec.bundle import bundle_document
from generator.spec.load import load_document
from generator.spec.resolve import resolve_document

ROOT = Path(__file__).resolve().parents[2]
SPECS = [
    ROOT / "spec" / "oci_core.yaml",
    *sorted((ROOT / "tests" / "golden" / "cases").glob("*/spec.yaml")),
    *sorted((ROOT / "tests" / "specs").glob("*.yaml")),
]
# Fields whose items are not typed, with the reason; nothing else may hold a dict or Any.
UNTYPED_FIELDS: dict[tuple[str, str], str] = {}
_LOADER = jinja2.FileSystemLoader(template_dir())
_ENVIRONMENT = jinja2.Environment(loader=_LOADER)
_OPAQUE = object()  # a value the template may only place or compare, never look into


def _planned(spec: Path) -> list[PlannedFile]:
    """The files rendered from templates (the runtime's modules are copied, not rendered)."""
    document, _ = bundle_document(load_document(spec, spec.name), spec)
    api = build_api(resolve_document(document), source=spec.name)
    planned = plan_files(api, "pkg", project="./generated")
    return [file for file in planned if isinstance(file, PlannedFile)]


@pytest.fixture(scope="module")
def pairs() -> dict[str, set[type[TemplateContext]]]:
    found: dict[str, set[type[TemplateContext]]] = defaultdict(set)
    for spec in SPECS:
        for planned in _planned(spec):
            found[planned.template].add(type(planned.context))
    return found


def _parse(template: str) -> list[nodes.Node]:
    return _ENVIRONMENT.parse(_LOADER.get_source(_ENVIRONMENT, template)[0]).body


class _Walker:
    """Walks a template's nodes with the static type of every variable in scope."""

    def __init__(self, template: str, context: type[TemplateContext]) -> None:
        self.template = template
        self.context = context
        self.top = {field.name for field in dataclasses.fields(context)}
        self.problems: list[str] = []
        self.used: set[tuple[type, str]] = set()

    def check(self) -> None:
        hints = _hints(self.context)
        self.walk(
            _parse(self.template), {name: _opaque_if_untyped(hints[name]) for name in self.top}
        )

    def walk(self, body: list[nodes.Node], scope: dict[str, Any]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expression(child, scope)
        elif isinstance(node, nodes.If):
            self.branches(node, scope)
        elif isinstance(node, nodes.For):
            item = self.loop_item(self.expression(node.iter, scope), node)
            if not isinstance(node.target, nodes.Name) or node.target.name in self.top:
                self.problems.append(
                    f"{self.template}:{node.lineno}: a loop variable must be one new name"
                )
                return
            self.walk(node.body, {**scope, node.target.name: item})
            self.walk(node.else_, scope)
        elif isinstance(node, nodes.Include):
            including = self.template
            self.template = f"{including} -> {node.template.as_const()}"
            self.walk(_parse(node.template.as_const()), scope)
            self.template = including
        else:
            self.problems.append(f"{self.template}: unexpected {type(node).__name__} statement")

    def branches(self, node: nodes.If, scope: dict[str, Any]) -> None:
        """``if``/``elif``/``else``, narrowing ``x.kind == "..."`` tests to that class."""
        remaining = dict(scope)
        for branch in [node, *node.elif_]:
            self.expression(branch.test, remaining)
            narrowed = self.narrow(branch.test, remaining)
            if narrowed is None:
                self.walk(branch.body, remaining)
                continue
            name, chosen, rest = narrowed
            self.walk(branch.body, {**remaining, name: chosen})
            remaining = {**remaining, name: rest}
        self.walk(node.else_, remaining)

    def narrow(self, test: nodes.Expr, scope: dict[str, Any]) -> tuple[str, Any, Any] | None:
        if not (
            isinstance(test, nodes.Compare)
            and isinstance(test.expr, nodes.Getattr)
            and test.expr.attr == "kind"
            and isinstance(test.expr.node, nodes.Name)
            and len(test.ops) == 1
            and test.ops[0].op == "eq"
            and isinstance(test.ops[0].expr, nodes.Const)
        ):
            return None
        name = test.expr.node.name
        members = _members(scope[name])
        kind = test.ops[0].expr.value
        chosen = [m for m in members if getattr(m, "kind", None) == kind]
        rest = [m for m in members if m not in chosen]
        if not chosen:
            self.problems.append(f"{self.template}: no class of {name} has kind {kind!r}")
        return name, _union(chosen or rest), _union(rest or chosen)

    def loop_item(self, iterable: Any, node: nodes.For) -> Any:
        if get_origin(iterable) is tuple and len(get_args(iterable)) == 2:
            item, ellipsis = get_args(iterable)
            if ellipsis is Ellipsis:
                return _opaque_if_untyped(item)
        if iterable is _OPAQUE:
            return _OPAQUE
        self.problems.append(
            f"{self.template}:{node.lineno}: a loop over {iterable!r}, not a tuple[X, ...]"
        )
        return _OPAQUE

    def expression(self, node: nodes.Expr, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            if node.name not in scope:
                self.problems.append(f"{self.template}:{node.lineno}: {node.name} is undeclared")
                return _OPAQUE
            if node.name in self.top:
                self.used.add((self.context, node.name))
            return scope[node.name]
        if isinstance(node, nodes.Getattr):
            return self.attribute(self.expression(node.node, scope), node)
        if isinstance(node, nodes.Const):
            return type(node.value)
        if isinstance(node, (nodes.Filter, nodes.Test)):
            for child in [node.node, *node.args]:
                if child is not None:
                    self.expression(child, scope)
            return _OPAQUE
        if isinstance(node, (nodes.Compare, nodes.CondExpr, nodes.BinExpr, nodes.UnaryExpr)):
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Operand):
                    self.expression(child.expr, scope)
                elif isinstance(child, nodes.Expr):
                    self.expression(child, scope)
            return _OPAQUE
        self.problems.append(
            f"{self.template}:{node.lineno}: unexpected {type(node).__name__} expression"
        )
        return _OPAQUE

    def attribute(self, owner: Any, node: nodes.Getattr) -> Any:
        if owner is _OPAQUE:
            return _OPAQUE
        kinds: list[Any] = []
        for member in _members(owner):
            hints = _hints(member) if dataclasses.is_dataclass(member) else {}
            if node.attr not in hints:
                self.problems.append(
                    f"{self.template}:{node.lineno}: {getattr(member, '__name__', member)} "
                    f"has no field {node.attr}"
                )
                return _OPAQUE
            self.used.add((member, node.attr))
            kinds.append(_opaque_if_untyped(hints[node.attr]))
        return _OPAQUE if _OPAQUE in kinds else _union(kinds)


def _members(kind: Any) -> list[Any]:
    """The classes a value may be: a union's members, None left out (templates test it)."""
    if get_origin(kind) in (typing.Union, types.UnionType):
        return [m for m in get_args(kind) if m is not type(None)]
    return [kind]


def _union(kinds: list[Any]) -> Any:
    return functools.reduce(operator.or_, kinds)


def _hints(cls: type) -> dict[str, Any]:
    return {
        name: get_args(hint)[0] if get_origin(hint) is ClassVar else hint
        for name, hint in get_type_hints(cls).items()
    }


def _opaque_if_untyped(hint: Any) -> Any:
    return _OPAQUE if get_origin(hint) is dict else hint


def _template_names() -> list[str]:
    root = template_dir()
    return sorted(
        str(PurePosixPath(*path.relative_to(root).parts))
        for path in root.rglob("*.jinja")
        if not path.name.startswith("_")
    )


def _reachable(cls: type) -> set[type]:
    """The dataclasses a context holds, itself included, through tuples and unions."""
    found: set[type] = set()
    pending: list[Any] = [cls]
    while pending:
        kind = pending.pop()
        if dataclasses.is_dataclass(kind) and isinstance(kind, type):
            if kind not in found:
                found.add(kind)
                pending.extend(_hints(kind).values())
        else:
            pending.extend(get_args(kind))
    return found


def test_every_template_is_planned_with_one_context_class(
    pairs: dict[str, set[type[TemplateContext]]],
) -> None:
    assert sorted(pairs) == _template_names()
    mixed = {template: classes for template, classes in pairs.items() if len(classes) != 1}
    assert not mixed


def test_every_template_reads_only_declared_fields_and_every_field_is_read(
    pairs: dict[str, set[type[TemplateContext]]],
) -> None:
    problems: list[str] = []
    used: set[tuple[type, str]] = set()
    classes: set[type] = set()
    for template, (context,) in sorted(pairs.items(), key=lambda item: item[0]):
        walker = _Walker(template, context)
        walker.check()
        problems += walker.problems
        used |= walker.used
        classes |= _reachable(context)
    unread = sorted(
        f"{cls.__name__}.{name}"
        for cls in classes
        for name in _hints(cls)
        if (cls, name) not in used
    )
    assert problems == []
    assert unread == []


def test_context_classes_are_frozen_documented_and_typed(
    pairs: dict[str, set[type[TemplateContext]]],
) -> None:
    classes = set().union(*(_reachable(c) for (c,) in pairs.values()))
    problems = []
    for cls in sorted(classes, key=lambda c: c.__name__):
        params = cls.__dataclass_params__
        if not params.frozen or "__slots__" not in cls.__dict__:
            problems.append(f"{cls.__name__} is not frozen with slots")
        if not cls.__doc__ or cls.__doc__.startswith(f"{cls.__name__}("):
            problems.append(f"{cls.__name__} has no docstring")
        for name, hint in _hints(cls).items():
            text = repr(hint)
            if ("list[" in text or "dict[" in text or "Any" in text) and (
                cls.__name__,
                name,
            ) not in UNTYPED_FIELDS:
                problems.append(f"{cls.__name__}.{name} is {text}: use tuples of dataclasses")
    assert problems == []
