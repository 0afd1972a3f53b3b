"""Breadth on real specs: does our generator make a working package from each? (issue 10)

    BENCH_PEERS_BIN=/tmp/bench-peers/bin python benchmarks/corpus.py [--peers]
        [--specs petstore,vonage/voice] [--timeout 600] [--skip-checks]
        [--log DIR [--every-stage]] [--keep DIR]

Reads, never copies or changes, the specs in ``../shared/specs/`` (``*.yaml``, ``*.json``) and
in ``../shared/specs/corpus/``: its single files, and for each multi-file folder the entry
documents its ``ENTRY`` file lists (one a line, relative to the folder), each a spec of its own.
Each spec is generated into a fresh temporary folder with ``--no-cache``: generated, refused
(problem lines, no traceback) or crashed. For each package we generate, in subprocesses: import
``models``, ``validators`` and ``client``; ``mypy --strict`` when under ``MYPY_LINES`` lines; and
every fixture the manifest marks valid through its own validator and openapi-schema-validator,
as tests/fixtures/test_fixtures.py does on small specs. With ``--peers``, datamodel-code-generator
and openapi-python-client run on the same spec, invoked as benchmarks/generate.py does. Prints a
Markdown table. Not part of the test suite: the corpus is too large for it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import PIPE
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks/ and tests/ are not installed with the project

from benchmarks.generate import (  # noqa: E402
    PEERS,
    environment,
    find_peer,
    ours,
    peer_command,
    reason,
)

SHARED = Path("..", "shared", "specs")  # relative to ROOT, where every command runs
CORPUS = SHARED / "corpus"
MYPY_LINES = 60_000
PACKAGE = "pkg"  # the name benchmarks.generate.ours gives every package
# file:line: /pointer: message (the line is absent when unknown; warnings say "warning:")
PROBLEM = re.compile(r"^(?P<file>\S.*?)(?::(?P<line>\d+))?: (?P<pointer>/.*?): (?P<message>.*)$")
SUMMARY = re.compile(r"^\d+ problems?; .* left as it was$")


@dataclass(frozen=True)
class Spec:
    name: str  # the file's stem, or folder/stem for an entry of a multi-file spec
    path: Path  # relative to ROOT

    def size(self) -> str:
        count = (ROOT / self.path).stat().st_size
        return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.0f} KB"


@dataclass
class Run:
    """One tool on one spec: what came of it, and the first line saying why not."""

    result: str  # generated, refused, crashed, fails, timed out, not installed
    seconds: float | None = None
    errors: int = 0
    warnings: int = 0
    note: str = ""

    def cell(self) -> str:
        if self.seconds is None or self.result == "timed out":
            return self.result
        return f"{self.result}, {self.seconds:.1f} s"


@dataclass
class Row:
    spec: Spec
    ours: Run
    checks: dict[str, str] = field(default_factory=dict)
    peers: dict[str, Run] = field(default_factory=dict)


def find_specs() -> list[Spec]:
    """The shared specs, then the corpus: single files, then each folder's entry documents."""
    specs = []
    for folder in (SHARED, CORPUS):
        for path in sorted((ROOT / folder).iterdir()):
            if path.is_file() and path.suffix in {".yaml", ".yml", ".json"}:
                specs.append(Spec(path.stem, folder / path.name))
    for entries in sorted((ROOT / CORPUS).glob("*/ENTRY")):
        folder = entries.parent.relative_to(ROOT)
        for line in entries.read_text(encoding="utf-8").splitlines():
            if line.strip():
                specs.append(Spec(f"{folder.name}/{Path(line).stem}", folder / line.strip()))
    return specs


def select(specs: list[Spec], wanted: str | None) -> list[Spec]:
    """``wanted``: comma-separated names, stems, or a multi-file folder for all its entries."""
    if not wanted:
        return specs
    names = set(wanted.split(","))
    chosen = [s for s in specs if {s.name, s.path.stem, s.name.split("/")[0]} & names]
    known = {s.name for s in chosen} | {s.path.stem for s in chosen}
    known |= {s.name.split("/")[0] for s in chosen}
    if names - known:
        raise SystemExit(f"unknown specs: {', '.join(sorted(names - known))}")
    return chosen


def execute(
    command: Sequence[str], timeout: float, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[int | None, str, str, float]:
    """Exit code (None when timed out), stdout, stderr and wall-clock seconds."""
    started = time.perf_counter()
    # a session of its own, so that a timeout ends the formatter's pool workers too (killing
    # the generator alone left them running, orphaned, for minutes)
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdout=PIPE, stderr=PIPE, text=True, start_new_session=True
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None, "", "", time.perf_counter() - started
    return proc.returncode, stdout, stderr, time.perf_counter() - started


def run_ours(spec: Spec, tmp: Path, timeout: float) -> tuple[Run, str]:
    """Our generator's outcome, and its stderr (every problem line)."""
    command = ours(spec.path, tmp / "out", "--no-cache")
    code, _, stderr, seconds = execute(command, timeout, env=environment(tmp / "cache"))
    found = [m for line in stderr.splitlines() if (m := PROBLEM.match(line))]
    messages = [f"{m['pointer']}: {m['message']}" for m in found]
    warnings = sum(m["message"].startswith("warning:") for m in found)
    run = Run("generated", seconds, len(messages) - warnings, warnings)
    if code is None:
        run.result, run.note = "timed out", f"over {timeout:.0f} s"
    elif "Traceback" in stderr or (code != 0 and not messages):
        run.result, run.note = "crashed", reason(stderr) or f"exit code {code}"
    elif code != 0:
        summary = [line for line in stderr.splitlines() if SUMMARY.match(line)]
        run.result = "refused"
        run.note = f"{summary[0].split(';')[0] if summary else ''}; first: {messages[0]}"
    return run, stderr


def run_peer(name: str, spec: Spec, tmp: Path, timeout: float) -> Run:
    executable = find_peer(name)
    if executable is None:
        return Run("not installed")
    command = peer_command(name, executable, spec.path, tmp / name)
    env = environment(tmp / "cache", executable.parent)
    code, _, stderr, seconds = execute(command, timeout, env=env)
    if code is None:
        return Run("timed out", seconds, note=f"over {timeout:.0f} s")
    if code != 0:
        return Run("fails", seconds, note=reason(stderr) or f"exit code {code}")
    return Run("generated", seconds)


def count_lines(package: Path) -> int:
    return sum(len(path.read_bytes().splitlines()) for path in package.rglob("*.py"))


def check_package(spec: Spec, out: Path, timeout: float) -> dict[str, str]:
    """Cells for the imports, mypy and fixture columns of a package we generated; under
    "details", every mypy error and fixture failure, for --log."""
    checks = {"lines": f"{count_lines(out / PACKAGE):,}", "details": ""}
    # a spec with webhooks and no paths makes a package with no client, as documented
    present = [m for m in ("client", "webhooks") if {m, f"{m}.py"} & set(os.listdir(out / PACKAGE))]
    modules = ", ".join(f"{PACKAGE}.{m}" for m in ("models", "validators", *present))
    code, _, stderr, _ = execute([sys.executable, "-c", f"import {modules}"], timeout, cwd=out)
    checks["imports"] = "ok" if code == 0 else f"fails: {reason(stderr) or 'timed out'}"
    checks["details"] += stderr if code != 0 else ""
    if count_lines(out / PACKAGE) >= MYPY_LINES:
        checks["mypy"] = "skipped"
    else:
        mypy = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull]
        code, stdout, _, _ = execute([*mypy, "-p", PACKAGE], timeout, cwd=out)
        last = stdout.strip().splitlines()[-1:] or ["timed out"]
        checks["mypy"] = "ok" if code == 0 else last[0]
        checks["details"] += stdout if code != 0 else ""
    if checks["imports"] != "ok":
        checks["fixtures"] = "–"
        return checks
    command = [sys.executable, __file__, "--fixtures-of", str(out), str(ROOT / spec.path)]
    code, stdout, stderr, _ = execute(command, timeout)
    if code != 0:
        checks["fixtures"] = f"crashed: {reason(stderr) or 'timed out'}"
        checks["details"] += stderr
    else:
        found = json.loads(stdout)
        failing = len(found["failures"])
        checks["fixtures"] = f"{found['checked']} ok" if not failing else f"{failing} fail"
        checks["fixture failures"] = "; ".join(f[:300] for f in found["failures"][:3])
        checks["details"] += "".join(f"{failure}\n" for failure in found["failures"])
    return checks


def check_fixtures(out: Path, spec: Path) -> dict[str, Any]:
    """Every valid fixture through its own validator and openapi-schema-validator (run in a
    subprocess of its own, as the package is imported into it)."""
    from generator.spec.bundle import bundle_document
    from generator.spec.load import load_document
    from tests.fixtures.validator_names import validator_names
    from tests.validators.oracle import Oracle, float_division_errors

    sys.path.insert(0, str(out))
    validators = importlib.import_module(f"{PACKAGE}.validators")
    folder = out / PACKAGE / "fixtures"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    # a multi-file spec's schemas are named where the bundler brings them in, as ours are
    bundled = bundle_document(load_document(spec), spec)[0]
    oracle = Oracle(bundled.data)
    names = validator_names(bundled, spec.name)
    failures: list[str] = []
    checked = 0
    for entry in manifest["fixtures"]:
        if not entry["valid"]:
            continue
        # A request shape's fixtures (PetRequest) are their schema's (Pet), as a request.
        schema, direction = entry.get("request_of", entry["schema"]), entry.get("direction")
        where = f"{entry['schema']}/{entry['name']}"
        data = json.loads((folder / entry["file"]).read_text(encoding="utf-8"))[entry["name"]]
        mine = getattr(validators, names[schema])(data, direction=direction)
        if mine:
            failures.append(f"{where}: ours: {mine[0]}")
        try:
            errors = oracle.errors(schema, data, direction)
        except Exception as exc:  # noqa: BLE001 - one fixture's oracle failure, not the run's
            failures.append(f"{where}: openapi-schema-validator: {type(exc).__name__}: {exc}")
            continue
        if theirs := [e for e in errors if e not in float_division_errors(errors)]:
            failures.append(f"{where}: openapi-schema-validator: {theirs[0].message[:200]}")
        checked += 1
    return {"checked": checked, "failures": failures}


def every_stage(spec: Spec) -> list[str]:
    """Problem lines of every stage, lowering included when only validation failed: what the
    generator would report next, once the first stage's findings are fixed or made warnings.
    Lowering needs every reference resolved, so it is left out when one is not."""
    from generator.errors import GenerationError
    from generator.lower import build_api
    from generator.lower.check import check_api
    from generator.spec.load import load_document
    from generator.spec.resolve import resolve_document
    from generator.spec.validate import validate_document

    try:
        document = load_document(ROOT / spec.path, str(spec.path))
    except GenerationError as error:
        return [str(problem) for problem in error.problems]
    problems = []
    try:
        index = resolve_document(document)
    except GenerationError as error:
        index, problems = None, list(error.problems)
    problems += validate_document(document, skip_refs=bool(problems))
    if index is not None:
        try:
            check_api(build_api(index, source=spec.path.name), document)
        except GenerationError as error:
            problems += error.problems
    return [str(problem) for problem in problems]


def measure(spec: Spec, args: argparse.Namespace) -> tuple[Row, str]:
    with tempfile.TemporaryDirectory(prefix="corpus-") as name:
        tmp = Path(name)
        if args.keep:  # the package stays for a look; the caches still go with tmp
            tmp = args.keep / spec.name.replace("/", "__")
            tmp.mkdir(parents=True, exist_ok=True)
        run, stderr = run_ours(spec, tmp, args.timeout)
        row = Row(spec, run)
        if run.result == "generated" and not args.skip_checks:
            row.checks = check_package(spec, tmp / "out", args.timeout)
        for peer in PEERS if args.peers else ():
            row.peers[peer] = run_peer(peer, spec, tmp, args.timeout)
    return row, stderr


def table(rows: list[Row], peers: bool) -> list[str]:
    columns = ["spec", "size", "result", "errors", "warnings", "time", "lines", "imports"]
    columns += ["mypy --strict", "valid fixtures", *(PEERS if peers else ())]
    lines = ["| " + " | ".join(columns) + " |", "|---|---:|---|---:|---:|---:|---:|---|---|---|"]
    lines[-1] += "---|" * (len(PEERS) if peers else 0)
    notes = []
    for row in rows:
        run, checks = row.ours, row.checks
        seconds = f"{run.seconds:.1f} s" if run.seconds is not None else "–"
        cells = [f"`{row.spec.name}`", row.spec.size(), run.result, str(run.errors)]
        cells += [str(run.warnings), seconds]
        cells += [checks.get(key, "–") for key in ("lines", "imports", "mypy", "fixtures")]
        cells += [row.peers[peer].cell() for peer in PEERS if peer in row.peers]
        lines.append("| " + " | ".join(cells).replace("\n", " ") + " |")
        if run.note:
            notes.append(f"- `{row.spec.name}`, ours {run.result}: {run.note}")
        if checks.get("fixture failures"):
            notes.append(f"- `{row.spec.name}`, fixtures: {checks['fixture failures']}")
        notes += [
            f"- `{row.spec.name}`, {peer}: {outcome.note}"
            for peer, outcome in row.peers.items()
            if outcome.note
        ]
    skipped = [row.spec.name for row in rows if row.checks.get("mypy") == "skipped"]
    if skipped:
        notes.append(f"- mypy skipped (over {MYPY_LINES:,} lines): " + ", ".join(skipped))
    return lines + ([""] + notes if notes else [])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--specs", help="comma-separated names, stems or multi-file folders")
    parser.add_argument("--peers", action="store_true", help="run the two peers as well")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("--skip-checks", action="store_true", help="no import, mypy, fixtures")
    parser.add_argument("--log", type=Path, help="keep our stderr for each spec in this folder")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--every-stage",
        action="store_true",
        help="with --log, also every stage's problems for a refused spec (in process)",
    )
    parser.add_argument("--fixtures-of", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fixtures_of:
        print(json.dumps(check_fixtures(*args.fixtures_of)))
        return 0
    rows = []
    for spec in select(find_specs(), args.specs):
        print(f"{spec.name} ...", file=sys.stderr, flush=True)
        row, stderr = measure(spec, args)
        rows.append(row)
        if args.log:
            args.log.mkdir(parents=True, exist_ok=True)
            stem = spec.name.replace("/", "__")
            (args.log / f"{stem}.txt").write_text(stderr, "utf-8")
            if row.checks.get("details"):
                (args.log / f"{stem}.checks.txt").write_text(row.checks["details"], "utf-8")
            if args.every_stage and row.ours.result == "refused":
                lines = "".join(f"{line}\n" for line in every_stage(spec))
                (args.log / f"{stem}.every-stage.txt").write_text(lines, "utf-8")
    print("\n".join(table(rows, args.peers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
