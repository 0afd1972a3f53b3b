"""Print, or write into the README, the conformance table: ``python -m tests.conformance.report``.

``--write`` replaces the text between the README's conformance markers.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conformance.suite_runner import run_file, skip_reasons, suite_files, table

README = Path(__file__).resolve().parents[2] / "README.md"
START = "<!-- conformance:start -->"
END = "<!-- conformance:end -->"


def section() -> str:
    with tempfile.TemporaryDirectory() as work:
        results = [run_file(path, Path(work)) for path in suite_files()]
    return f"{START}\n{table(results)}\n\nSkipped, and why:\n\n{skip_reasons(results)}\n{END}"


def write_section() -> None:
    """Put the current table between the README's markers."""
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    README.write_text(before + section() + after, encoding="utf-8")


def main() -> None:
    if "--write" in sys.argv:
        write_section()
    else:
        print(section())


if __name__ == "__main__":
    main()
