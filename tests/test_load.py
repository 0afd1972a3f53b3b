"""Loading YAML: what the event-built loader must let through and what it must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GenerationError
from generator.spec.load import load_document
from generator.spec.yaml_events import MAX_NESTING


def _load(tmp_path: Path, text: str) -> object:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    return load_document(spec, "spec.yaml").data


def test_brackets_in_prose_are_text(tmp_path: Path) -> None:
    lines = "".join("    see [the interval [0, 1)\n" for _ in range(2 * MAX_NESTING))
    data = _load(tmp_path, f"info:\n  description: |\n{lines}")
    assert isinstance(data, dict)
    assert data["info"]["description"].count("[") == 4 * MAX_NESTING


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 30_000 + "]" * 30_000,
        "x:\n" + "- " * 30_000 + "a\n",
        "x: [a'b, " + "[" * 30_000 + "]" * 30_000 + ", c'd]",
        "y: a" + "]" * 30_000 + "\nx: " + "[" * 30_000 + "]" * 30_000,
    ],
    ids=["flow", "compact sequences", "quote in a plain scalar", "stray closers"],
)
def test_any_deep_shape_is_refused_without_crashing(tmp_path: Path, text: str) -> None:
    with pytest.raises(GenerationError, match="the document is nested too deeply"):
        _load(tmp_path, text)


def test_scalars_keys_and_aliases(tmp_path: Path) -> None:
    data = _load(
        tmp_path,
        "a: &v {n: 1, f: 1.5, t: true, z: null, d: 2026-01-02, s: 'x'}\n"
        "b: *v\n"
        "200: ok\n"
        "c: [1, [2, {k: v}]]\n",
    )
    assert data == {
        "a": {"n": 1, "f": 1.5, "t": True, "z": None, "d": "2026-01-02", "s": "x"},
        "b": {"n": 1, "f": 1.5, "t": True, "z": None, "d": "2026-01-02", "s": "x"},
        "200": "ok",
        "c": [1, [2, {"k": "v"}]],
    }


def test_lines_and_problems_carry_pointers(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("a:\n  b:\n    - x\n    - {c: 1, c: 2}\n? [complex]\n: value\n")
    with pytest.raises(GenerationError) as caught:
        load_document(spec, "spec.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "spec.yaml:4: /a/b/1/c: duplicate key 'c'",
        "spec.yaml:5: /: a mapping key must be a string",
    ]
    document = load_document(_write(tmp_path, "a:\n  b:\n    - x\n    - y\n"), "ok.yaml")
    assert document.line_of("/a/b/1") == 4
    assert document.line_of("/a/b/1/missing") == 4


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ok.yaml"
    path.write_text(text)
    return path


def test_a_second_document_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GenerationError, match="more than one YAML document"):
        _load(tmp_path, "a: 1\n---\nb: 2\n")


def test_yaml_flow_style_that_is_not_json_still_loads(tmp_path: Path) -> None:
    data = _load(tmp_path, "{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {}}\n")
    assert data == {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}


def test_json_errors_win_when_the_text_is_neither(tmp_path: Path) -> None:
    with pytest.raises(GenerationError, match="invalid JSON"):
        _load(tmp_path, '{"openapi": "3.0.3",\n  "info": [}\n')


def test_an_alias_to_no_finished_anchor_is_a_problem_in_place(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("a: *nope\nb: 1\nc: &s [1, *s]\n")
    with pytest.raises(GenerationError) as caught:
        load_document(spec, "spec.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "spec.yaml:1: /a: alias *nope names no finished anchor",
        "spec.yaml:3: /c/1: alias *s names no finished anchor",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9e+07", 9e7),  # a string in YAML 1.1 (no dot), a number in JSON and YAML 1.2
        ("1e-08", 1e-8),
        ("-.5", -0.5),
        ("0777", 777),  # octal in YAML 1.1
        ("0o17", 15),
        ("0x1F", 31),
        ("12:30", "12:30"),  # 750 in YAML 1.1
        ("1_000", "1_000"),
        ("yes", "yes"),  # true in YAML 1.1
        ("off", "off"),
        ("True", True),
        ("~", None),
        ("2024-01-01", "2024-01-01"),
        ("'9e+07'", "9e+07"),
    ],
)
def test_plain_scalars_are_read_as_yaml_12(tmp_path: Path, text: str, value: object) -> None:
    assert _load(tmp_path, f"x: {text}\n") == {"x": value}


def test_an_integer_past_pythons_digit_limit_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(GenerationError) as raised:
        _load(tmp_path, "a: 1\nx: " + "9" * 5000 + "\n")
    (problem,) = raised.value.problems
    assert (problem.line, problem.pointer) == (2, "/x")
    assert problem.message.startswith("invalid YAML value: Exceeds the limit")
