"""A user's own templates: files in a folder that replace ours by name.

Only our template names may be overridden, so that a misspelt file is an error instead of an
override that silently never applies; the banner never is, because stale-file removal trusts it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.output.resources import template_dir

BANNER = "package/_banner.py.jinja"
# The banners the write stage trusts to tell our files from the user's: never overridden.
BANNERS = frozenset({BANNER, "project/_banner.toml.jinja"})


class TemplateOverrideError(Exception):
    """A user's template folder that cannot be used, or a template of theirs that fails."""


def check_overrides(folder: Path) -> list[str]:
    """The template names ``folder`` overrides; every problem with it at once, as one error."""
    if not folder.is_dir():
        raise TemplateOverrideError(f"{folder}: the templates folder does not exist")
    ours = {p.relative_to(template_dir()).as_posix() for p in template_dir().rglob("*.jinja")}
    names, problems = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if name in BANNERS:
            problems.append(f"{path}: the banner cannot be overridden")
        elif name not in ours:
            problems.append(f"{path}: overrides no template of ours (see templates/README.md)")
        else:
            names.append(name)
    if problems:
        raise TemplateOverrideError("\n".join(problems))
    return names


def overrides_digest(folder: Path | None) -> str:
    """A hash of the overriding templates, for the result cache's key ('' when there are none)."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for name in check_overrides(folder):
        digest.update(name.encode() + b"\0")
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
