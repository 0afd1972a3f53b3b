"""Settings from ``[tool.generator]`` in ``pyproject.toml``, overridden by the command line."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class Settings:
    spec: Path
    out: Path
    package: str
    root: Path
    strict: bool = False  # warnings fail the run as errors do
    ref_root: Path | None = None  # the folder $refs to other files may not leave

    def shown(self, path: Path) -> str:
        """``path`` relative to the project root when inside it, for messages and banners."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


class ConfigError(Exception):
    pass


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(
    cwd: Path,
    spec: str | None,
    out: str | None,
    package: str | None,
    *,
    strict: bool = False,
    ref_root: str | None = None,
) -> Settings:
    """Command-line values win; the rest come from the nearest pyproject.toml.

    ``strict`` can only be turned on from the command line, never off.
    """
    table: dict[str, Any] = {}
    root = cwd
    pyproject = find_pyproject(cwd)
    if pyproject is not None:
        try:
            document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{pyproject}: cannot read [tool.generator]: {exc}") from exc
        found = document.get("tool", {}).get("generator")
        if isinstance(found, dict):
            table = found
            root = pyproject.parent
    chosen_spec = spec if spec is not None else table.get("spec")
    chosen_out = out if out is not None else table.get("out", "generated")
    chosen_package = package if package is not None else table.get("package")
    if not chosen_spec:
        raise ConfigError(
            "no spec: pass --spec PATH or set spec under [tool.generator] in pyproject.toml"
        )
    if not chosen_package:
        raise ConfigError(
            "no package name: pass --package NAME "
            "or set package under [tool.generator] in pyproject.toml"
        )
    strict_setting = table.get("strict", False)
    if not isinstance(strict_setting, bool):
        raise ConfigError(
            f"{pyproject}: [tool.generator] strict must be true or false, "
            f"not {strict_setting!r}"
        )
    chosen_root = ref_root if ref_root is not None else table.get("ref_root")
    if chosen_root is not None and not isinstance(chosen_root, str):
        raise ConfigError(
            f"{pyproject}: [tool.generator] ref_root must be a folder path, not {chosen_root!r}"
        )
    # Paths from the command line are relative to where it ran; from the file, to the file.
    spec_path = Path(chosen_spec) if spec is not None else root / str(chosen_spec)
    out_path = Path(chosen_out) if out is not None else root / str(chosen_out)
    root_path = None
    if chosen_root is not None:
        root_path = Path(chosen_root) if ref_root is not None else root / chosen_root
    return Settings(
        spec_path, out_path, str(chosen_package), root, strict or strict_setting, root_path
    )
