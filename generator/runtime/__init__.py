"""The generated package's static modules, kept as real Python so that mypy, ruff and the unit
tests see them.

Each module here is copied into every package that needs it under the same relative path
(``client/_transport.py`` becomes ``<package>/client/_transport.py``), so their relative imports
work unchanged in both places; the output file is the banner followed by the module's text,
byte for byte. The modules are kept in black's layout at the output's line length (88), which
``tests/unit/runtime`` checks, so the pipeline copies them without formatting them again.
``_validation.py`` starts with a blank line because the output has always had one there.

This file and ``client/__init__.py`` only make the folders importable: they are not copied.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path, PurePosixPath
from types import ModuleType

_FOLDER = Path(__file__).resolve().parent


def source_text(path: PurePosixPath) -> str:
    """The text of the runtime module at ``path``, relative to this folder."""
    return (_FOLDER / path).read_text(encoding="utf-8")


def exported_names(module: ModuleType) -> frozenset[str]:
    """The public names ``module`` defines itself (functions, classes, constants and type
    aliases, not what it imports): what code generated beside it may import from it.

    Read from the module's source because a type alias does not know where it was defined.
    """
    names: set[str] = set()
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(n for n in names if not n.startswith("_"))

