"""Time our generator against datamodel-code-generator and openapi-python-client.

    python benchmarks/generate.py [--specs petstore,stripe_spec3_2023-09] [--repeat 3]

Every figure is a subprocess's wall-clock time, the best of ``--repeat`` runs, each writing into
a fresh temporary folder. See benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
]
PEERS = ("datamodel-codegen", "openapi-python-client")


@dataclass(frozen=True)
class Outcome:
    """Best wall-clock seconds, or why there is no time ("fails: ...", "not installed")."""

    seconds: float | None = None
    note: str = ""

    def cell(self) -> str:
        if self.seconds is not None:
            return f"{self.seconds:.2f} s"
        return self.note.split(":")[0]


class Failed(Exception):
    pass


def run(command: Sequence[str], env: dict[str, str], timeout: float) -> float:
    """Seconds ``command`` took; ``Failed`` with its error line when it exits non-zero."""
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise Failed(f"timed out: over {timeout:.0f} s") from None
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise Failed(f"fails: {reason(proc.stderr) or f'exit code {proc.returncode}'}")
    return elapsed


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


Attempt = Callable[[Path], dict[str, float]]  # a fresh folder -> seconds by column


def measure(spec: Path, repeat: int, timeout: float) -> dict[str, Outcome]:
    """Best times by column; the tools take turns, so a slow spell of the machine hits all."""

    def cold(tmp: Path) -> dict[str, float]:
        env = environment(tmp / "cache")
        return {"cold": run(ours(spec, tmp / "out", "--no-cache"), env, timeout)}

    def cached(tmp: Path) -> dict[str, float]:
        env = environment(tmp / "cache")  # an empty cache folder, kept for the re-run
        first = run(ours(spec, tmp / "out"), env, timeout)
        return {"first": first, "again": run(ours(spec, tmp / "out"), env, timeout)}

    def peer(name: str, executable: Path) -> Attempt:
        def attempt(tmp: Path) -> dict[str, float]:
            env = environment(tmp / "cache", executable.parent)
            return {name: run(peer_command(name, executable, spec, tmp / "out"), env, timeout)}

        return attempt

    attempts: dict[tuple[str, ...], Attempt] = {("cold",): cold, ("first", "again"): cached}
    results: dict[str, Outcome] = {}
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
                    results.update((column, Outcome(note=str(failure))) for column in columns)
    for column, found in times.items():
        results.setdefault(column, Outcome(seconds=min(found)))
    return results


def ratio(peer: Outcome, base: Outcome) -> str:
    if peer.seconds is None or base.seconds is None:
        return "–"
    return f"{peer.seconds / base.seconds:.1f}x"


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
        f"Command: `{shlex.join(sys.orig_argv)}` (best of {repeat}, wall-clock per subprocess)",
        "",
    ]


def table(rows: list[tuple[Path, dict[str, Outcome]]]) -> list[str]:
    lines = [
        "| spec | size | ours cold | ours first run (empty cache) | ours unchanged re-run "
        "| datamodel-codegen | openapi-python-client | dmc / ours cold | opc / ours cold |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for spec, result in rows:
        cells = [result[key].cell() for key in ("cold", "first", "again", *PEERS)]
        ratios = [ratio(result[peer], result["cold"]) for peer in PEERS]
        lines.append(f"| `{spec.name}` | {size(spec)} | " + " | ".join(cells + ratios) + " |")
        for tool, key in (("ours", "cold"), *((peer, peer) for peer in PEERS)):
            if result[key].note.startswith(("fails", "timed out")):
                notes.append(f"- `{spec.name}`, {tool}: {result[key].note}")
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
    rows = []
    for spec in specs:
        print(f"measuring {spec.name} ...", file=sys.stderr, flush=True)
        rows.append((spec, measure(spec, args.repeat, args.timeout)))
    print("\n".join(header(args.repeat) + table(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
