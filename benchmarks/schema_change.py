"""A copy of a spec with one schema's description rewritten: the "one-schema change" run.

The edit is made in the text, so the copy is the original byte for byte but for a few words
appended to one description, and it reads as the original does (same format, same size):
what a build step meets when someone edits one schema. The schema is the first one, in
document order, whose description is a single line found exactly once in the text; the copy
is parsed again to check that this description is all that changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SUFFIX = " Changed for the benchmark."


class NoSchemaToChange(Exception):
    pass


def parse(text: str, path: Path) -> Any:
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - the C build of the safe loader


def write_changed_copy(spec: Path, folder: Path) -> tuple[Path, str]:
    """The copy (named as ``spec``, in ``folder``) and the name of the schema changed."""
    text = spec.read_text(encoding="utf-8")
    document = parse(text, spec)
    schemas = document.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        description = schema.get("description") if isinstance(schema, dict) else None
        if not isinstance(description, str) or "\n" in description or not description:
            continue
        if text.count(description) != 1:
            continue  # the same words elsewhere: the edit might land on them
        changed = text.replace(description, description + SUFFIX)
        schema["description"] = description + SUFFIX
        if parse(changed, spec) == document:  # the one description, and nothing else
            copy = folder / spec.name
            copy.write_text(changed, encoding="utf-8")
            return copy, name
        schema["description"] = description
    raise NoSchemaToChange("no schema has a one-line description that occurs once in the text")
