"""Time ``journeys validate`` against a bare C-parser load of the same files.

    python benchmarks/bench_validate.py [--sizes 100 1000] [--repeat 5] [--sample 50]

For each project size N (N synthetic maps of 6 stages x 4 steps, ~14 KB each, plus 100
personas) it times, best of ``--repeat`` and alternating so noise hits both:

- journeys: ``load_settings`` + ``load_project`` in-process (discovery, reading, parsing
  with positions, every validation rule, building the model);
- bare C parse: listing, reading and ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the
  same files, the cheapest way Python can turn them into data;

then ``journeys validate DIR`` once as a real subprocess (interpreter start-up included),
and ruamel.yaml's round-trip loader on a sample of maps for context. The target (issue 2):
validating 1,000 maps within 3x of the bare C parse.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import bare_c_parse, content_files, print_table, race, synthetic_project
from journeys.config import load_settings
from journeys.loading.project import load_project

TARGET_RATIO = 3.0


def validate_in_process(root: Path) -> int:
    """What ``journeys validate`` does, minus printing; returns the number of issues."""
    settings, config_issues = load_settings(root)
    return len(config_issues) + len(load_project(settings).issues)


def validate_subprocess(root: Path) -> float:
    """Seconds for the real command, interpreter start-up and imports included."""
    command = shutil.which("journeys") or "journeys"
    start = time.perf_counter()
    done = subprocess.run([command, "validate", str(root)], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"journeys validate failed on the synthetic project:\n{done.stdout}{done.stderr}")
    return seconds


def ruamel_round_trip_per_file(root: Path, sample: int) -> float:
    """Milliseconds per map for ruamel's round-trip loader (what positions used to cost)."""
    from ruamel.yaml import YAML

    paths = content_files(root, ("maps",))[:sample]

    def load_all() -> None:
        for path in paths:
            YAML(typ="rt").load(path.read_text(encoding="utf-8"))

    best = race({"rt": load_all}, repeat=2)["rt"]
    return best / len(paths) * 1000


def measure(size: int, personas: int, repeat: int, subprocess_run: bool) -> list[object]:
    root = synthetic_project(maps=size, personas=personas)
    issues = validate_in_process(root)
    if issues:
        raise SystemExit(f"the synthetic project of {size} maps has {issues} issues; fix the generator")
    files = len(content_files(root))
    best = race({"journeys": lambda: validate_in_process(root), "bare": lambda: bare_c_parse(root)}, repeat)
    cli = validate_subprocess(root) if subprocess_run else float("nan")
    ratio = best["journeys"] / best["bare"]
    return [size, files, best["journeys"], best["journeys"] / files * 1000, best["bare"], ratio, cli]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="numbers of maps")
    parser.add_argument("--personas", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    parser.add_argument("--sample", type=int, default=50, help="maps loaded with ruamel's round-trip loader")
    parser.add_argument("--no-subprocess", dest="subprocess_run", action="store_false")
    args = parser.parse_args(argv)

    rows = [measure(size, args.personas, args.repeat, args.subprocess_run) for size in args.sizes]
    print(f"journeys validate vs bare PyYAML C parse (best of {args.repeat}, {args.personas} personas)")
    print_table(
        ["maps", "files", "journeys s", "ms/file", "bare C s", "ratio", "CLI subprocess s"],
        rows,
    )
    rt_ms = ruamel_round_trip_per_file(synthetic_project(maps=max(args.sizes), personas=args.personas), args.sample)
    print(f"ruamel round-trip loader, for context: {rt_ms:.1f} ms per map ({args.sample} maps), "
          f"{rt_ms * max(args.sizes) / 1000:.1f} s for {max(args.sizes)} maps")
    largest = rows[-1]
    verdict = "met" if largest[5] <= TARGET_RATIO else "NOT met"
    print(f"target: {largest[0]} maps within {TARGET_RATIO:g}x of the bare C parse: {verdict} ({largest[5]:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
