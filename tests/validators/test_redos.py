"""A crafted value costs the generated validators linear time, whatever the pattern.

Each check runs in a subprocess with a generous timeout: with ``re``'s backtracking these
patterns take minutes (``^(a+)+$`` on 31 characters already does), so a hang fails the test
without the test timing anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import generate_package

SPEC = """\
openapi: 3.1.0
info: {title: Hostile patterns, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: q, in: query, schema: {type: string, pattern: '(a|a)*b'}}
      responses:
        "204": {description: none}
components:
  schemas:
    Nested: {type: string, pattern: '^(a+)+$'}
    Alternatives: {type: string, pattern: '(a|a)*b'}
    EmptyLoop: {type: string, pattern: '(a*)*b'}
    Words: {type: string, pattern: '(\\\\w+\\\\s?)*$'}
    Keys:
      type: object
      patternProperties:
        '^(a+)+$': {type: integer}
      additionalProperties: false
"""

HOSTILE = "a" * 10_000 + "!"
WORDY = "word " * 2_000 + "!"

CHECKS = """\
import json, sys
from hostile import validators as v
from hostile.validators import _requests_items as r
hostile, wordy = sys.argv[1], sys.argv[2]
def keywords(errors):
    return [(e.pointer, e.keyword) for e in errors]
print(json.dumps({
    "nested": keywords(v.validate_nested(hostile)),
    "nested_ok": keywords(v.validate_nested(hostile[:-1])),
    "alternatives": keywords(v.validate_alternatives(hostile)),
    "alternatives_ok": keywords(v.validate_alternatives(hostile[:-1] + "b")),
    "empty_loop": keywords(v.validate_empty_loop(hostile)),
    "words": keywords(v.validate_words(wordy)),
    "keys": keywords(v.validate_keys({hostile: 1})),
    "keys_ok": keywords(v.validate_keys({hostile[:-1]: 1})),
    "parameter": keywords(r.validate_list_items_parameters(q=hostile)),
}))
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("redos")
    spec = out / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generate_package(spec, "hostile", out)
    return out


def test_hostile_values_are_judged_in_linear_time_and_rightly(package: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECKS, HOSTILE, WORDY],
        cwd=package,
        env={**os.environ, "PYTHONPATH": str(package)},
        capture_output=True,
        text=True,
        check=True,
        timeout=20,
    )
    assert json.loads(result.stdout) == {
        "nested": [["", "pattern"]],
        "nested_ok": [],
        "alternatives": [["", "pattern"]],
        "alternatives_ok": [],
        "empty_loop": [["", "pattern"]],
        # (\\w+\\s?)*$ matches the empty string at the end of any text.
        "words": [],
        "keys": [["", "additionalProperties"]],
        "keys_ok": [],
        "parameter": [["/q", "pattern"]],
    }


def test_only_the_patterns_re_could_be_slow_on_use_the_linear_matcher(package: Path) -> None:
    validators = package / "hostile" / "validators"
    assert (package / "hostile" / "_linear_regex.py").is_file()
    assert "LinearPattern(" in (validators / "nested.py").read_text(encoding="utf-8")
    assert "re.compile" not in (validators / "keys.py").read_text(encoding="utf-8")


def test_a_package_whose_patterns_are_all_safe_has_no_linear_matcher(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Safe, version: '1'}\npaths: {}\ncomponents:\n"
        "  schemas:\n    Slug: {type: string, pattern: '^[a-z]+$'}\n",
        encoding="utf-8",
    )
    files = generate_package(spec, "safe", tmp_path)
    assert not any(path.name == "_linear_regex.py" for path in files)
    slug = next(
        text for path, text in files.items() if path.parts[-2:] == ("validators", "slug.py")
    )
    assert "re.compile(" in slug
