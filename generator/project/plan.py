"""``pyproject.toml`` and ``README.md`` beside the package, so that the output folder is a
project ``pip`` can install (``pip install './generated[client]'``).

The package needs nothing but the standard library for its models, validators, fixtures and
webhooks; the client and the testing helpers are extras, with the bounds the generator's own
tests run the generated code with.
"""

from __future__ import annotations

import re
import shlex
from pathlib import PurePosixPath

from generator.encode import (
    comment,
    identifier,
    markdown_code,
    markdown_text,
    toml_string,
    toml_strings,
)
from generator.ir import Api
from generator.output.contexts import Banner
from generator.output.planned import PlannedFile
from generator.project.contexts import Extra, Install, ProjectReadmeContext, PyprojectContext
from generator.project.version import FALLBACK, project_version

# The optional dependencies, by extra, and the package file that needs each extra: the client
# (and errors, retry) needs httpx, strategies.py hypothesis, the pytest plugin pytest.
# tests/unit/test_project.py holds the bounds to the versions the tests run with.
EXTRAS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("client", ("httpx>=0.27,<1",), ("client/__init__.py",)),
    ("testing", ("hypothesis>=6.155,<7", "pytest>=8,<10"), ("strategies.py", "pytest_plugin.py")),
)
PROJECT_FILES = (PurePosixPath("pyproject.toml"), PurePosixPath("README.md"))
_PLUGIN = "pytest_plugin.py"


def plan_project_files(
    api: Api, root: PurePosixPath, banner: Banner, paths: set[PurePosixPath], folder: str
) -> list[PlannedFile]:
    """The project's files for the package at ``root`` whose files are ``paths``; ``folder`` is
    the output folder as a user would give it to pip (``./generated``)."""
    package = identifier(root.name)
    inside = {PurePosixPath(*path.parts[1:]) for path in paths}
    extras = [
        (name, requirements)
        for name, requirements, needed_by in EXTRAS
        if any(PurePosixPath(path) in inside for path in needed_by)
    ]
    has_plugin = PurePosixPath(_PLUGIN) in inside
    suffixes = sorted({path.suffix or path.name for path in inside if path.suffix != ".py"})
    pyproject = PyprojectContext(
        banner=banner,
        package=package,
        name=toml_string(package),
        version=toml_string(project_version(api.version) or FALLBACK),
        description=toml_string(comment(api.title or f"The {package} package")),
        extras=tuple(
            Extra(identifier(name), toml_strings(requirements)) for name, requirements in extras
        ),
        plugin=toml_string(f"{package}.{_PLUGIN[:-3]}") if has_plugin else None,
        package_data=toml_strings(_glob(suffix) for suffix in suffixes),
        include=toml_strings((package, f"{package}.*")),
    )
    installs = [Install(_pip(folder, None), "the package alone: only the standard library")]
    gives = {"client": "with the HTTP client (httpx)", "testing": _testing_gives(inside)}
    installs += [Install(_pip(folder, name), gives[name]) for name, _ in extras]
    commands = "".join(install.command for install in installs)
    longest = max((len(run) for run in re.findall(r"`+", commands)), default=0)
    readme = ProjectReadmeContext(
        package=package,
        title=markdown_text(_title(api)).replace("\n", " "),
        source=markdown_code(api.source),
        fence="`" * max(3, longest + 1),
        installs=tuple(installs),
        has_client=any(name == "client" for name, _ in extras),
        has_plugin=has_plugin,
    )
    return [
        PlannedFile(PROJECT_FILES[0], "project/pyproject.toml.jinja", pyproject),
        PlannedFile(PROJECT_FILES[1], "project/README.md.jinja", readme),
    ]


def version_problem(api: Api) -> str | None:
    """Why the spec's version cannot be the project's, or None when it can."""
    if project_version(api.version) is not None:
        return None
    return f"version {api.version!r} is not a PEP 440 version; the project's version is {FALLBACK}"


def _title(api: Api) -> str:
    title = " ".join((api.title or "The API").split())
    return f"{title}, version {' '.join(api.version.split())}" if api.version else title


def _glob(suffix: str) -> str:
    """A setuptools package-data glob for every file of the package with ``suffix`` (or name)."""
    return f"**/*{suffix}" if suffix.startswith(".") else f"**/{suffix}"


def _pip(folder: str, extra: str | None) -> str:
    """``pip install`` of the project in ``folder``, quoted so that a shell passes it as is."""
    target = folder if extra is None else f"{folder}[{extra}]"
    line = f"python -m pip install {shlex.quote(target)}"
    return "".join(char if char.isprintable() else " " for char in line)


def _testing_gives(inside: set[PurePosixPath]) -> str:
    parts = [
        label
        for path, label in (("strategies.py", "hypothesis strategies"), (_PLUGIN, "pytest plugin"))
        if PurePosixPath(path) in inside
    ]
    return "with the " + " and the ".join(parts) + " (hypothesis, pytest)"
