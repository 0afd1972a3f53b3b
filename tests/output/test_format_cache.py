"""The format cache keeps many results at once (a first run's) in threads, each taking whole
folders: every entry is then there to read, and one written twice is written once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output import cache as cache_module
from generator.output.cache import FormatCache


@pytest.mark.parametrize("count", [3, 500], ids=["in line", "in threads"])
def test_every_result_kept_at_once_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setattr(cache_module.os, "cpu_count", lambda: 2)
    store = FormatCache(tmp_path / "cache")
    results = [(f"text {n}\n", f"formatted {n}\n") for n in range(count)]
    results.append(results[0])  # the same text twice: one entry
    store.put_all("mode", results)
    assert all(store.get("mode", text) == formatted for text, formatted in results)
    assert store.get("other mode", results[0][0]) is None
    kept = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert len(kept) == count and not [p for p in kept if p.name.endswith(".tmp")]


def test_a_read_only_cache_keeps_nothing(tmp_path: Path) -> None:
    store = FormatCache(tmp_path / "cache", read_only=True)
    store.put_all("mode", [(f"text {n}", "x") for n in range(100)])
    assert not os.path.exists(tmp_path / "cache")
