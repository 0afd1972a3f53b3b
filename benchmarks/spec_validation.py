"""Wall time of the pipeline with openapi-spec-validator in line against in another process.

Run from the repository root:

    python benchmarks/spec_validation.py [--repeat 3] [--specs oci_core,twilio_api_v2010]

Each run is a fresh subprocess (interpreter start-up and imports included, as a user's run)
calling ``generate_package`` on the spec with black switched off (formatting comes after both
and is the same either way): ``in line`` forces the validator to run between resolve and build,
as it did before, ``beside`` forces it into its own process (started by ``--method``, fork by
default) whatever the spec's size. The
figures are the best of ``--repeat`` runs (by wall time), the two modes taking turns. On a
machine shared with other work wall times say little, so the CPU times are given too: the
run's own (its critical path when the validator has a core of its own) and the validator
process's. Specs are read from
``../shared/specs/``; ``oci_core`` is the seed ``spec/oci_core.yaml``.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "specs"

CHILD = """
import resource
import sys
from pathlib import Path
import generator.pipeline as pipeline
from generator.output.format import Formatted
pipeline.choose_start_method = lambda size: sys.argv[2] if sys.argv[2] != "inline" else None
# Formatting is not what is timed.
pipeline.format_files = lambda files, cache, in_layout, ours: Formatted(files, 0)
pipeline.generate_package(Path(sys.argv[1]), "pkg")
own = resource.getrusage(resource.RUSAGE_SELF)
validator = resource.getrusage(resource.RUSAGE_CHILDREN)
print(own.ru_utime + own.ru_stime, validator.ru_utime + validator.ru_stime)
"""


def spec_path(name: str) -> Path:
    if name == "oci_core":
        return ROOT / "spec" / "oci_core.yaml"
    found = sorted(SHARED.glob(f"{name}.*"))
    if not found:
        raise SystemExit(f"no spec named {name} in {SHARED}")
    return found[0]


def run_once(spec: Path, method: str) -> tuple[float, float, float]:
    """Wall time, the run's own CPU time, and its validator process's CPU time (seconds)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(spec), method],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    own, validator = (float(word) for word in done.stdout.split())
    return wall, own, validator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--method", choices=["fork", "spawn"], default="fork")
    parser.add_argument(
        "--specs",
        default="oci_core,twilio_lookups_v2,oci_block_storage,twilio_messaging_v1,twilio_api_v2010",
    )
    args = parser.parse_args()
    print(
        f"Machine: {platform.system()} {platform.machine()}, nproc {os.cpu_count()}, "
        f"python {platform.python_version()}"
    )
    print(
        f"Command: python benchmarks/spec_validation.py --repeat {args.repeat}"
        f" --method {args.method} --specs {args.specs}\n"
    )
    print(
        "| spec | size | in line: wall | beside: wall | wall ratio "
        "| in line: CPU | beside: main CPU + validator CPU | critical path ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.specs.split(","):
        spec = spec_path(name)
        inline = beside = (float("inf"), 0.0, 0.0)
        for _ in range(args.repeat):
            inline = min(inline, run_once(spec, "inline"))
            beside = min(beside, run_once(spec, args.method))
        size = spec.stat().st_size // 1000
        print(
            f"| `{spec.name}` | {size} KB | {inline[0]:.2f} s | {beside[0]:.2f} s "
            f"| {beside[0] / inline[0]:.2f} | {inline[1]:.2f} s "
            f"| {beside[1]:.2f} s + {beside[2]:.2f} s | {beside[1] / inline[1]:.2f} |"
        )


if __name__ == "__main__":
    main()
