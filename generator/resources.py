"""Where the templates are: inside the package in a wheel, beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def template_dir() -> Path:
    installed = _HERE / "templates"
    return installed if installed.is_dir() else _HERE.parent / "templates"
