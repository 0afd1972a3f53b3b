"""``templates/README.md``, the contract a user's overriding templates are written against, is
generated from the context classes the planners really pass (their fields, declared types and
attribute docstrings) and kept current like a golden file (``--update-golden`` rewrites it)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

from generator.output.contexts import TemplateContext
from generator.output.resources import template_dir
from tests.unit.test_template_contracts import _reachable, pairs  # noqa: F401 (a fixture)

DOC = template_dir() / "README.md"
INTRO = """\
# Templates, and how to override them

Every file of a generated package (except the runtime modules, which are copied) is rendered
from one of these Jinja templates, and so are the project's `pyproject.toml` and `README.md`
(`project = true`). To change one, put a file of the same relative name in a
folder of your own and pass it as `--templates DIR` (or `templates = "DIR"` under
`[tool.generator]`): yours is used instead of ours, partials included (a name starting with
`_` is a partial, included by the others). A file that overrides nothing is an error, so a
misspelt name cannot silently do nothing; the banners (`package/_banner.py.jinja`,
`project/_banner.toml.jinja`) cannot be overridden: the generator tells its files from yours by
them. What your templates render goes through black like ours, and a template error is
reported with its file and line.

Each template receives the fields of one context class as its variables; nested items are
objects read as `item.field`. Every string is finished code: names are identifiers, values
encoded literals, docstrings escaped and indented. Spec text reaches a template only through
these fields, already escaped: keep it that way in your templates (never build code from a raw
spec string). This file is generated from the context classes (`pytest --update-golden`).
"""


def _field_docs(cls: type) -> dict[str, tuple[str, str]]:
    """Each field's declared type (as written) and the docstring written under it."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, tuple[str, str]] = {}
    for statement, after in zip(body, [*body[1:], None], strict=True):
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            doc = ""
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                doc = " ".join(str(after.value.value).split())
            found[statement.target.id] = (ast.unparse(statement.annotation), doc)
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _class_section(cls: type, level: str) -> list[str]:
    lines = [f"{level} `{cls.__name__}`", ""]
    if cls.__doc__:
        lines += [" ".join(cls.__doc__.split()), ""]
    lines += ["| field | type | meaning |", "|---|---|---|"]
    for field in dataclasses.fields(cls):
        kind, doc = _field_docs(cls).get(field.name, ("", ""))
        lines.append(f"| `{field.name}` | `{kind}` | {_cell(doc)} |")
    for name, (kind, doc) in _field_docs(cls).items():
        if kind.startswith("ClassVar"):
            lines.append(f"| `{name}` | `{kind}` | {_cell(doc)} |")
    return [*lines, ""]


def _document(found: dict[str, set[type[TemplateContext]]]) -> str:
    lines = [INTRO, "## Templates", ""]
    nested: set[type] = set()
    for template in sorted(found):
        (context,) = found[template]
        lines += [f"### `{template}`", "", f"Context: `{context.__name__}`.", ""]
        nested |= _reachable(context) - {context}
    lines += ["## Context classes", ""]
    contexts = {next(iter(classes)) for classes in found.values()}
    for cls in sorted(contexts | nested, key=lambda c: c.__name__):
        lines += _class_section(cls, "###")
    return "\n".join(lines).rstrip("\n") + "\n"


def test_the_template_contract_is_documented(
    pairs: dict[str, set[type[TemplateContext]]],  # noqa: F811
    update_golden: bool,
) -> None:
    text = _document(pairs)
    if update_golden:
        DOC.write_text(text, encoding="utf-8")
    assert Path(DOC).read_text(encoding="utf-8") == text
