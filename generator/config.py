"""Settings from ``[tool.generator]`` in ``pyproject.toml``, overridden by the command line.

Every key is checked: a key we do not know or a value of the wrong type is an error naming the
key and the file, because a typo (``output`` for ``out``) that passed silently would write
somewhere the user did not ask for.
"""

from __future__ import annotations

import difflib
import keyword
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.output.overrides import TemplateOverrideError, check_overrides

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# Packages the generated code imports beside the standard library: an output of the same name
# would hide them.
OUTPUT_IMPORTS = frozenset(
    {"anyio", "httpcore", "httpx", "hypothesis", "pytest", "typing_extensions"}
)

# The keys of [tool.generator]: the type each must have, and what it holds (for messages).
KEYS: dict[str, tuple[type, str]] = {
    "spec": (str, "a file path"),
    "out": (str, "a folder path"),
    "package": (str, "a package name"),
    "strict": (bool, "true or false"),
    "ref_root": (str, "a folder path"),
    "cache": (bool, "true or false"),
    "templates": (str, "a folder path"),
    "project": (bool, "true or false"),
    "format": (str, '"layout" or "black"'),
}
FORMATS = ("layout", "black")


@dataclass(frozen=True, slots=True)
class Settings:
    spec: Path
    out: Path
    package: str
    root: Path
    strict: bool = False  # warnings fail the run as errors do
    ref_root: Path | None = None  # the folder $refs to other files may not leave
    cache: bool = True  # reuse and keep earlier results
    templates: Path | None = None  # a folder of the user's templates, overriding ours by name
    project: bool = False  # also write pyproject.toml and README.md beside the package
    format: str = "layout"  # "black": every file through black, not only those not vouched for

    def shown(self, path: Path) -> str:
        """``path`` relative to the project root when inside it, for messages and banners."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def project_folder(self) -> str | None:
        """The output folder as ``pip install`` is given it (``./generated``), when the
        project is asked for; None when not."""
        if not self.project:
            return None
        shown = self.shown(self.out)
        return shown if shown.startswith(("/", ".")) else f"./{shown}"


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
    cache: bool = True,
    templates: str | None = None,
    project: bool = False,
    format: str | None = None,
) -> Settings:
    """Command-line values win; the rest come from the nearest pyproject.toml.

    ``strict`` and ``project`` can only be turned on from the command line, never off;
    ``cache`` only off.
    """
    table: dict[str, Any] = {}
    root = cwd
    pyproject = find_pyproject(cwd)
    if pyproject is not None:
        found = read_table(pyproject)
        if found is not None:
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
    check_package_name(chosen_package, "--package" if package is not None else pyproject)
    chosen_root = ref_root if ref_root is not None else table.get("ref_root")
    # Paths from the command line are relative to where it ran; from the file, to the file.
    spec_path = Path(chosen_spec) if spec is not None else root / chosen_spec
    out_path = Path(chosen_out) if out is not None else root / chosen_out
    root_path = None
    if chosen_root is not None:
        root_path = Path(chosen_root) if ref_root is not None else root / chosen_root
    chosen_templates = templates if templates is not None else table.get("templates")
    templates_path = None
    if chosen_templates is not None:
        templates_path = (
            Path(chosen_templates) if templates is not None else root / chosen_templates
        )
        try:
            check_overrides(templates_path)
        except TemplateOverrideError as exc:
            raise ConfigError(str(exc)) from None
    return Settings(
        spec_path,
        out_path,
        chosen_package,
        root,
        strict or table.get("strict", False),
        root_path,
        cache and table.get("cache", True),
        templates_path,
        project or table.get("project", False),
        format if format is not None else table.get("format", "layout"),
    )


def read_table(pyproject: Path) -> dict[str, Any] | None:
    """``[tool.generator]`` of ``pyproject``, every key known and of its type; None if absent."""
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read [tool.generator]: {exc}") from exc
    tool = document.get("tool", {})
    found = tool.get("generator") if isinstance(tool, dict) else None
    if found is None:
        return None
    if not isinstance(found, dict):
        raise ConfigError(f"{pyproject}: tool.generator must be a table, not {_spelled(found)}")
    problems = [_key_problem(key, value) for key, value in found.items()]
    reported = [f"{pyproject}: [tool.generator] {problem}" for problem in problems if problem]
    if reported:
        raise ConfigError("\n".join(reported))
    return found


def check_package_name(name: str, where: Path | str | None) -> None:
    """Refuse a name Python could not import, or one that would hide a standard module."""
    prefix = f"{where}: " if isinstance(where, Path) else ""
    shown = f"{where} {name!r}" if isinstance(where, str) else f"package name {name!r}"
    if not (name.isidentifier() and name.isascii() and name == name.lower()):
        raise ConfigError(f"{prefix}{shown} is not a lower-case Python identifier")
    if keyword.iskeyword(name):
        raise ConfigError(f"{prefix}{shown} is a Python keyword")
    if name in sys.stdlib_module_names or name in OUTPUT_IMPORTS:
        kind = "standard-library module" if name in sys.stdlib_module_names else "package"
        raise ConfigError(
            f"{prefix}{shown} is the name of a {kind} the generated code imports or may "
            "import: one would hide the other"
        )


def _key_problem(key: str, value: object) -> str | None:
    if key not in KEYS:
        close = difflib.get_close_matches(key, KEYS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        known = ", ".join(KEYS)
        return f"unknown key {key!r}{hint}; the keys are {known}"
    expected, meaning = KEYS[key]
    if not isinstance(value, expected) or (expected is str and not value):
        return f"{key} must be {meaning}, not {_spelled(value)}"
    if key == "format" and value not in FORMATS:
        return f"{key} must be {meaning}, not {_spelled(value)}"
    return None


def _spelled(value: object) -> str:
    """A TOML value as TOML writes it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return repr(value)
