"""Wall time of the pipeline with openapi-spec-validator in line against in another process.

Run from the repository root:

    python benchmarks/spec_validation.py [--repeat 3] [--specs oci_core,twilio_api_v2010]

Each run is a fresh subprocess (interpreter start-up and imports included, as a user's run)
calling ``generate_package`` on the spec with black switched off (formatting comes after both
and is the same either way): ``in line`` forces the validator to run between resolve and build,
as it did before, ``beside`` forces it into its own process whatever the spec's size. The
figures are the best of ``--repeat`` runs, the two modes taking turns. Specs are read from
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
import sys
from pathlib import Path
import generator.pipeline as pipeline
pipeline.BACKGROUND_FROM_BYTES = int(sys.argv[2])
pipeline.format_files = lambda files, cache, in_layout: files  # black is not what is timed
pipeline.generate_package(Path(sys.argv[1]), "pkg")
"""


def spec_path(name: str) -> Path:
    if name == "oci_core":
        return ROOT / "spec" / "oci_core.yaml"
    found = sorted(SHARED.glob(f"{name}.*"))
    if not found:
        raise SystemExit(f"no spec named {name} in {SHARED}")
    return found[0]


def run_once(spec: Path, threshold: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CHILD, str(spec), str(threshold)], check=True, env=env, cwd=ROOT
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
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
        f" --specs {args.specs}\n"
    )
    print("| spec | size | in line | beside | beside / in line |")
    print("|---|---:|---:|---:|---:|")
    for name in args.specs.split(","):
        spec = spec_path(name)
        inline, beside = float("inf"), float("inf")
        for _ in range(args.repeat):
            inline = min(inline, run_once(spec, sys.maxsize))
            beside = min(beside, run_once(spec, 0))
        size = spec.stat().st_size // 1000
        print(
            f"| `{spec.name}` | {size} KB | {inline:.2f} s | {beside:.2f} s "
            f"| {beside / inline:.2f} |"
        )


if __name__ == "__main__":
    main()
