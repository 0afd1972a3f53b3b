"""Specs that generate with warnings: the exact text, the package written, and --strict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

CASES = Path(__file__).parent / "cases"
SPECS = sorted(p for p in CASES.iterdir() if p.suffix in (".yaml", ".json"))


def _run(spec: Path, out: Path, root: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.chdir(root)
    relative = spec.relative_to(root).as_posix()
    return main(["--spec", relative, "--out", str(out), "--package", "pkg", "--no-cache", *extra])


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_warnings_are_printed_and_the_package_is_written(
    spec: Path,
    root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    update_golden: bool,
) -> None:
    out = tmp_path / "out"

    code = _run(spec, out, root, monkeypatch)

    captured = capsys.readouterr()
    expected_file = spec.with_suffix(spec.suffix + ".expected")
    if update_golden:
        expected_file.write_text(captured.err, encoding="utf-8")
    assert code == 0
    assert captured.err == expected_file.read_text(encoding="utf-8")
    count = captured.err.count(": warning: ")
    assert count > 0
    noun = "warning" if count == 1 else "warnings"
    assert f" removed, {count} {noun} in " in captured.out
    assert (out / "pkg" / "models" / "__init__.py").is_file()


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_strict_turns_warnings_into_a_failure(
    spec: Path,
    root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"

    code = _run(spec, out, root, monkeypatch, "--strict")

    err = capsys.readouterr().err.replace(str(out), "OUT")
    warnings = spec.with_suffix(spec.suffix + ".expected").read_text(encoding="utf-8")
    count = warnings.count(": warning: ")
    noun = "warning" if count == 1 else "warnings"
    assert code == 2
    assert err == f"{warnings}{count} {noun}, errors under --strict; OUT left as it was\n"
    assert not out.exists()


def test_strict_from_pyproject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.generator]\nspec = "{SPECS[0].as_posix()}"\nout = "out"\npackage = "pkg"\n'
        "strict = true\n"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache"]) == 2
    assert "errors under --strict" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_strict_must_be_a_boolean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.generator]\nspec = "s.yaml"\npackage = "pkg"\nstrict = "yes"\n'
    )
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache"]) == 3
    assert "[tool.generator] strict must be true or false, not 'yes'" in capsys.readouterr().err


def test_old_spellings_are_read_as_their_authors_meant(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    assert _run(CASES / "old_spellings_31.yaml", tmp_path, root, monkeypatch) == 0
    validators = import_generated(tmp_path, "pkg", "validators")
    assert validators.validate_range({"low": None}) == []  # nullable
    assert [e.keyword for e in validators.validate_range({"low": 1})] == ["exclusiveMinimum"]
    assert validators.validate_range({"low": 2, "high": 9}) == []  # exclusiveMaximum: false
    assert [e.keyword for e in validators.validate_range({})] == ["required"]


def test_warnings_survive_the_result_cache(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged re-run, served from the cache, says the same warnings again."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    args = ["--spec", SPECS[0].relative_to(root).as_posix(), "--out", str(tmp_path / "out")]
    args += ["--package", "pkg"]
    assert main(args) == 0
    first = capsys.readouterr().err
    assert main(args) == 0
    assert capsys.readouterr().err == first
    assert main([*args, "--strict"]) == 2


def test_what_is_translated_is_checked_and_what_is_not_never_rejects(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    assert _run(CASES / "not_checked.yaml", tmp_path, root, monkeypatch) == 0
    validators = import_generated(tmp_path, "pkg", "validators")
    assert validators.validate_not_digits("ab_") == []
    assert [e.keyword for e in validators.validate_not_digits("a1")] == ["pattern"]
    assert validators.validate_letters("héllo wörld") == []
    assert [e.keyword for e in validators.validate_letters("h1")] == ["pattern"]
    assert validators.validate_greek("anything") == []
    # The names the unread pattern would take are unknown: additionalProperties is not applied.
    assert validators.validate_named({"A": "x", "b": 1}) == []
    assert "Not checked" in (validators.__doc__ or "")


def test_every_enum_value_gets_a_member_by_the_rule(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, import_generated: Any
) -> None:
    assert _run(CASES / "enums.yaml", tmp_path, root, monkeypatch) == 0
    models = import_generated(tmp_path, "pkg", "models")
    validators = import_generated(tmp_path, "pkg", "validators")
    assert {m.name: m.value for m in models.Symbol} == {
        "DOT": ".",
        "SLASH": "/",
        "PLUS_1": "+1",
        "MINUS_1": "-1",
        "VALUE_1": "1",
        "MINUS": "-",
        "LESS_THAN_EQUALS": "<=",
        "GREATER_THAN_EQUALS": ">=",
        "A_DOT_B": "a.b",
        "A_MINUS_B": "a-b",
        "A_UNDERSCORE_B": "a_b",
    }
    assert [m.name for m in models.Order] == ["ASC", "ASC_LOWER", "DESC_TITLE", "DESC_LOWER"]
    assert [m.name for m in models.Level] == ["VALUE_MINUS_1", "VALUE_0", "VALUE_1"]
    assert [e.keyword for e in validators.validate_nothing("x")] == ["enum"]
    fixtures = import_generated(tmp_path, "pkg", "fixtures")
    with pytest.raises(KeyError, match="'Nothing' has no fixtures: an empty enum"):
        fixtures.valid("Nothing")
    with pytest.raises(KeyError, match="no schema 'Ordr' has fixtures; did you mean 'Order'"):
        fixtures.invalid("Ordr")
