"""The JSON-Schema-Test-Suite cases for the supported keywords pass through the generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.report import END, README, START, section, write_section
from tests.conformance.suite_runner import SUITE, run_file, suite_files


@pytest.mark.parametrize("path", suite_files(), ids=lambda p: p.relative_to(SUITE).as_posix())
def test_suite_file(path: Path, tmp_path: Path) -> None:
    result = run_file(path, tmp_path)
    assert result.passed > 0 or result.skipped, "the file ran no case"
    assert not result.failed, "\n".join(result.failed)


def test_readme_reports_the_current_results(update_golden: bool) -> None:
    if update_golden:
        write_section()
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(START), readme.index(END) + len(END)
    assert (
        readme[start:end] == section()
    ), "the README's conformance table is stale: pytest tests/conformance --update-golden"
