"""How long importing a generated package takes: ``import <package>.client`` and friends.

Run from the repository root; the spec is a path, and the public specs are read from
``/work/shared/specs`` through ``../shared/specs``:

    python benchmarks/imports.py --spec ../shared/specs/twilio_api_v2010.json \\
        --package twilio_api --out /tmp/bench-imports [--repeat 7] [--no-generate]

The package is generated into ``--out`` first (``python -m generator``; ``--no-generate``
times what is there). Each statement then runs in fresh interpreters,
``python -X importtime -c '<statement>'``, ``--repeat`` times; the figure is the best wall
time of the statement itself (``time.perf_counter`` around it, so interpreter start-up is
left out), and beside it what ``-X importtime`` says: how many of the package's modules the
statement loaded, and how long httpx took (the client's one dependency, the same for every
package).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# "import time:       self [us] |    cumulative | imported package"
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


@dataclass(frozen=True)
class Measure:
    seconds: float
    package_modules: int
    httpx_seconds: float


def generate(spec: Path, out: Path, package: str) -> None:
    command = [sys.executable, "-m", "generator", "--spec", str(spec), "--out", str(out)]
    subprocess.run([*command, "--package", package, "--quiet"], cwd=ROOT, check=True)


def measure_once(statement: str, out: Path, package: str) -> Measure:
    code = (
        "import time\n"
        "start = time.perf_counter()\n"
        f"{statement}\n"
        "print(time.perf_counter() - start)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(out)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = 0
    httpx = 0
    for line in done.stderr.splitlines():
        found = _IMPORTTIME.match(line)
        if found is None:
            continue
        name = found.group(4)
        if name == package or name.startswith(package + "."):
            modules += 1
        if name == "httpx":
            httpx = int(found.group(2))
    return Measure(float(done.stdout.split()[-1]), modules, httpx / 1e6)


def measure(statement: str, out: Path, package: str, repeat: int) -> Measure:
    runs = [measure_once(statement, out, package) for _ in range(repeat)]
    return min(runs, key=lambda run: run.seconds)


def count_modules(out: Path, package: str) -> int:
    return sum(1 for _ in (out / package).rglob("*.py"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, required=True, help="the OpenAPI document")
    parser.add_argument("--package", required=True, help="the generated package's name")
    parser.add_argument("--out", type=Path, required=True, help="where to generate it")
    parser.add_argument("--repeat", type=int, default=7, help="fresh interpreters per figure")
    parser.add_argument("--no-generate", action="store_true", help="time what --out holds")
    options = parser.parse_args()
    out = options.out.resolve()
    if not options.no_generate:
        generate(options.spec, out, options.package)
    package = options.package
    statements = [
        f"import {package}.client",
        f"import {package}.models",
        f"import {package}.validators",
    ]
    print(f"Machine: {platform.system()} {platform.machine()}, nproc {os.cpu_count()}, ", end="")
    print(f"python {platform.python_version()}")
    print(f"Spec: {options.spec.name}, {count_modules(out, package)} Python modules")
    print(f"Command: python benchmarks/imports.py {' '.join(sys.argv[1:])}")
    print(f"(best of {options.repeat} fresh interpreters)")
    print()
    print("| statement | time | package modules loaded | of which httpx |")
    print("|---|---:|---:|---:|")
    for statement in statements:
        found = measure(statement, out, package, options.repeat)
        print(
            f"| `{statement}` | {found.seconds * 1000:.1f} ms | {found.package_modules} "
            f"| {found.httpx_seconds * 1000:.1f} ms |"
        )


if __name__ == "__main__":
    main()
