"""Time our generator against datamodel-code-generator and openapi-python-client.

    python benchmarks/generate.py [--specs petstore,stripe_spec3_2023-09] [--repeat 3]

Every time is a subprocess's wall-clock time, the best of ``--repeat`` runs, each writing into
a fresh temporary folder; beside our times, the import time of the package made and the peak
memory of a cold run. See benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, benchmarks/ is not a package on the path

from benchmarks import imports  # noqa: E402
from benchmarks.schema_change import NoSchemaToChange, write_changed_copy  # noqa: E402

SHARED = Path("..", "shared", "specs")  # relative to ROOT, where every command runs
SPECS = [
    SHARED / "petstore.yaml",
    Path("spec", "oci_core.yaml"),
    SHARED / "twilio_lookups_v2.json",
    SHARED / "oci_block_storage.yaml",
    SHARED / "twilio_messaging_v1.json",
    SHARED / "twilio_api_v2010.json",
    SHARED / "openai_openapi.yaml",
    SHARED / "stripe_spec3_2023-09.yaml",
    # the corpus's single-file specs (its multi-file ones are benchmarks/corpus.py's)
    *(
        SHARED / "corpus" / name
        for name in (
            "vipps-management-api.yaml",
            "traccar-openapi.yaml",
            "adyen-BalancePlatformTransferNotification-v4.yaml",
            "iceberg-rest-catalog-open-api.yaml",
            "qdrant-openapi.json",
            "adyen-CheckoutService-v71.yaml",
            "xero_accounting.yaml",
            "linode-openapi.yaml",
            "cloudflare-openapi.yaml",
        )
    ),
]
PEERS = ("datamodel-codegen", "openapi-python-client")
IMPORT_RUNS = 3  # fresh interpreters per attempt, so the import figure is best of 3 x repeat
# ru_maxrss is in kilobytes on Linux, in bytes on macOS
RSS_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True)
class Outcome:
    """The best figure (seconds, or bytes for peak memory), or why there is none ("fails: ...",
    "not installed"); with a figure, ``note`` says what it is of when that is not the usual."""

    value: float | None = None
    note: str = ""
    unit: str = "s"

    def cell(self) -> str:
        if self.value is None:
            return self.note.split(":")[0]
        if self.unit == "ms":
            text = f"{self.value * 1000:.0f} ms"
        elif self.unit == "MB":
            text = f"{self.value / 1e6:.0f} MB"
        else:
            text = f"{self.value:.2f} s"
        return f"{text} ({self.note})" if self.note else text


UNITS = {"import": "ms", "memory": "MB"}


class Failed(Exception):
    pass


def run(command: Sequence[str], env: dict[str, str], timeout: float) -> float:
    """Seconds ``command`` took; ``Failed`` with its error line when it exits non-zero."""
    return run_measured(command, env, timeout)[0]


def run_measured(command: Sequence[str], env: dict[str, str], timeout: float) -> tuple[float, int]:
    """Seconds ``command`` took and its peak resident memory in bytes: ``os.wait4``'s, so the
    largest of the process and each child it waited for (on Linux), not their sum."""
    killed = threading.Event()
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(  # a session of its own: a timeout ends its children too
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if killed.is_set():
            raise Failed(f"timed out: over {timeout:.0f} s")
        if proc.returncode != 0:
            stderr.seek(0)
            error = reason(stderr.read().decode("utf-8", "replace"))
            raise Failed(f"fails: {error or f'exit code {proc.returncode}'}")
    return elapsed, usage.ru_maxrss * RSS_UNIT


def reason(stderr: str) -> str:
    """The first line of ``stderr`` that is not a Python warning; a traceback's exception."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    if lines and "Traceback" in lines[0]:  # plain or drawn by rich: the exception comes last
        frames = [i for i, line in enumerate(lines) if line[0].isspace() or line[0] in "│╰"]
        return " ".join(line.strip() for line in lines[frames[-1] + 1 if frames else -1 :])
    errors = (line for line in lines if not line[0].isspace() and "Warning: " not in line)
    return next(errors, "").strip()


def environment(cache: Path, peers_bin: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), COLUMNS="1000")  # rich: one-line errors
    if peers_bin is not None:  # openapi-python-client's post-hooks call ruff from its venv
        env["PATH"] = f"{peers_bin}{os.pathsep}{env.get('PATH', '')}"
    return env


def ours(spec: Path, out: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "generator", "--spec", str(spec), "--out", str(out)]
    return [*command, "--package", "pkg", *extra]


def peer_command(peer: str, executable: Path, spec: Path, out: Path) -> list[str]:
    if peer == "datamodel-codegen":
        return [
            str(executable),
            *("--input", str(spec), "--input-file-type", "openapi"),
            *("--output", str(out / "models.py")),
            *("--output-model-type", "dataclasses.dataclass"),
            "--no-treat-dot-as-module",  # dotted schema names would need a folder, not a file
            *("--formatters", "black", "isort"),  # today's default, stated to silence a warning
        ]
    return [
        str(executable),
        *("generate", "--path", str(spec), "--output-path", str(out / "client")),
        *("--overwrite", "--meta", "none"),
    ]


def find_peer(name: str) -> Path | None:
    folder = os.environ.get("BENCH_PEERS_BIN")
    found = shutil.which(name, path=folder) if folder else shutil.which(name)
    return Path(found) if found else None


Attempt = Callable[[Path], dict[str, float]]  # a fresh folder -> figures by column


def import_statement(out: Path) -> str:
    """What a user of the package imports first: its client, or its models without one."""
    has_client = (out / "pkg" / "client").is_dir() or (out / "pkg" / "client.py").is_file()
    return "import pkg.client" if has_client else "import pkg.models"


def measure(spec: Path, repeat: int, timeout: float) -> dict[str, Outcome]:
    """Best figures by column; the tools take turns, so a slow spell of the machine hits all."""
    results: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="bench-change-") as folder:
        changed: Path | None = None
        try:
            changed, schema = write_changed_copy(ROOT / spec, Path(folder))
            results["changed schema"] = Outcome(note=schema)
        except NoSchemaToChange as missing:
            results["change"] = Outcome(note=f"n/a: {missing}")
        return take_turns(spec, changed, repeat, timeout, results)


def take_turns(
    spec: Path, changed: Path | None, repeat: int, timeout: float, results: dict[str, Outcome]
) -> dict[str, Outcome]:
    statements: set[str] = set()

    def cold(tmp: Path) -> dict[str, float]:
        env = environment(tmp / "cache")
        seconds, peak = run_measured(ours(spec, tmp / "out", "--no-cache"), env, timeout)
        return {"cold": seconds, "memory": peak}

    def cached(tmp: Path) -> dict[str, float]:
        env = environment(tmp / "cache")  # an empty cache folder, kept for the later runs
        out = tmp / "out"
        found = {"first": run(ours(spec, out), env, timeout)}
        found["again"] = run(ours(spec, out), env, timeout)
        if "import" not in results:
            compileall.compile_dir(out, quiet=1)  # as pip does when it installs a package
            statement = import_statement(out)
            statements.add(statement)
            try:
                found["import"] = imports.measure(statement, out, "pkg", IMPORT_RUNS).seconds
            except subprocess.CalledProcessError as error:
                results["import"] = Outcome(note=f"fails: {reason(error.stderr)}")
        if changed is not None:  # the caches are warm from the first run
            found["change"] = run(ours(changed, out), env, timeout)
        return found

    def peer(name: str, executable: Path) -> Attempt:
        def attempt(tmp: Path) -> dict[str, float]:
            env = environment(tmp / "cache", executable.parent)
            return {name: run(peer_command(name, executable, spec, tmp / "out"), env, timeout)}

        return attempt

    cached_columns = ("first", "again", "import", "change")
    attempts: dict[tuple[str, ...], Attempt] = {("cold", "memory"): cold, cached_columns: cached}
    for name in PEERS:
        executable = find_peer(name)
        if executable is None:
            results[name] = Outcome(note="not installed")
        else:
            attempts[(name,)] = peer(name, executable)
    times: dict[str, list[float]] = {}
    for _ in range(repeat):
        for columns, attempt in attempts.items():
            if columns[0] in results:
                continue  # failed before: not timed again
            with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
                try:
                    for column, seconds in attempt(Path(tmp)).items():
                        times.setdefault(column, []).append(seconds)
                except Failed as failure:
                    for column in columns:
                        results.setdefault(column, Outcome(note=str(failure)))
    for column, found in times.items():
        best = max(found) if column == "memory" else min(found)
        note = "models" if column == "import" and statements == {"import pkg.models"} else ""
        results.setdefault(column, Outcome(best, note, UNITS.get(column, "s")))
    return results


def ratio(peer: Outcome, base: Outcome) -> str:
    if peer.value is None or base.value is None:
        return "–"
    return f"{peer.value / base.value:.1f}x"


def size(path: Path) -> str:
    count = (ROOT / path).stat().st_size
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.0f} KB"


def version(command: Sequence[str]) -> str:
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except OSError:
        return "?"
    words = (proc.stdout or proc.stderr).split()
    return words[-1] if proc.returncode == 0 and words else "?"


def header(repeat: int) -> list[str]:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    commit = version(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])
    tools = [f"python {platform.python_version()}", f"ours at {commit}"]
    for peer in PEERS:
        if executable := find_peer(peer):
            tools.append(f"{peer} {version([str(executable), '--version'])}")
    return [
        f"Machine: {platform.system()} {platform.machine()}, nproc {cpus}; " + ", ".join(tools),
        f"Command: `{shlex.join(sys.orig_argv)}` (best of {repeat}, wall-clock per subprocess;"
        f" import: best of {IMPORT_RUNS * repeat} fresh interpreters; peak memory: highest of"
        f" {repeat} cold runs)",
        "",
    ]


COLUMNS = {
    "cold": "ours cold",
    "first": "ours first run (empty cache)",
    "again": "ours unchanged re-run",
    "change": "ours one-schema change",
    "import": "ours import",
    "memory": "ours peak memory (cold)",
    **{peer: peer for peer in PEERS},
}


def table(rows: list[tuple[Path, dict[str, Outcome]]]) -> list[str]:
    titles = [*COLUMNS.values(), "dmc / ours cold", "opc / ours cold"]
    lines = [
        "| spec | size | " + " | ".join(titles) + " |",
        "|---|---:|" + "---:|" * len(titles),
    ]
    notes = []
    for spec, result in rows:
        cells = [result[key].cell() for key in COLUMNS]
        ratios = [ratio(result[peer], result["cold"]) for peer in PEERS]
        lines.append(f"| `{spec.name}` | {size(spec)} | " + " | ".join(cells + ratios) + " |")
        failures: dict[str, list[str]] = {}  # one note for the columns one failure left empty
        for key, title in COLUMNS.items():
            if result[key].value is None and result[key].note.startswith(
                ("fails", "timed out", "n/a")
            ):
                failures.setdefault(result[key].note, []).append(title)
        for note, columns in failures.items():
            notes.append(f"- `{spec.name}`, {', '.join(columns)}: {note}")
        if "changed schema" in result:  # not a column: which schema the change run edited
            schema = result["changed schema"].note
            notes.append(f"- `{spec.name}`: the one-schema change rewrote `{schema}`'s description")
    return lines + ([""] + notes if notes else [])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", help="comma-separated names (file names or stems)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell; the best counts")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run fails")
    args = parser.parse_args(argv)
    specs = SPECS
    if args.specs:
        wanted = set(args.specs.split(","))
        specs = [spec for spec in SPECS if {spec.name, spec.stem} & wanted]
        if len(specs) != len(wanted):
            known = ", ".join(spec.stem for spec in SPECS)
            parser.error(f"unknown spec in {args.specs!r}; known: {known}")
    # Bytecode for our code, as an installed package has (the peers' venv has it): without
    # it, under PYTHONDONTWRITEBYTECODE, every run would compile the generator again.
    compileall.compile_dir(ROOT / "generator", quiet=1)
    rows = []
    for spec in specs:
        print(f"measuring {spec.name} ...", file=sys.stderr, flush=True)
        rows.append((spec, measure(spec, args.repeat, args.timeout)))
    print("\n".join(header(args.repeat) + table(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
