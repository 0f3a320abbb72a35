"""Time drawing journey diagrams against a bare C-parser load of the same maps.

    python benchmarks/bench_render.py [--maps 1000] [--repeat 5] [--profile]

For N synthetic maps (6 stages x 4 steps = 24 steps each, ~14 KB, from
benchmarks/generate.py) it loads and validates the project once, then times, best of
``--repeat`` and alternating so noise hits both:

- render: ``render_map_svg`` for every map (layout, text wrapping, curves, SVG text),
  future-state maps drawn over their ``compares_to`` map as ``--compare`` does;
- the same with the text-measurement caches emptied before every diagram (the
  synthetic maps share a vocabulary, so warm caches flatter the first figure);
- bare C parse: listing, reading and ``yaml.load(..., Loader=yaml.CSafeLoader)`` of the
  same files: the cheapest way Python turns them into data, as a yardstick that moves
  with the machine.

The figure to beat (issue 3): Mermaid's CLI at 0.48 s per diagram when batching 20 on
this kind of machine; the target is 300x faster, i.e. at most 1.6 ms per diagram.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import content_files, front_matter_or_all, race, synthetic_project
from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.render import clear_caches, render_map_svg

MERMAID_BATCHED_SECONDS = 0.48
TARGET_SPEEDUP = 300


def render_all(project, settings) -> int:
    """Every map's diagram; returns the total SVG size so the work cannot be skipped."""
    total = 0
    for journey in project.maps:
        compare = project.compared_map(journey)
        total += len(render_map_svg(journey, project, settings, compare=compare))
    return total


def render_all_cold(project, settings) -> int:
    """As ``render_all``, but with the text-measurement caches emptied before every
    diagram: what one ``journeys render --map ID`` costs, with no help from other maps."""
    total = 0
    for journey in project.maps:
        clear_caches()
        compare = project.compared_map(journey)
        total += len(render_map_svg(journey, project, settings, compare=compare))
    return total


def bare_parse_maps(paths: list[Path]) -> int:
    """The baseline: read and load each map file with PyYAML's C loader, nothing else."""
    import yaml

    for path in paths:
        yaml.load(front_matter_or_all(path.read_text(encoding="utf-8")), Loader=yaml.CSafeLoader)
    return len(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--personas", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    parser.add_argument("--profile", action="store_true", help="print the top functions of one render pass")
    args = parser.parse_args(argv)

    root = synthetic_project(maps=args.maps, personas=args.personas)
    settings, _ = load_settings(root)
    project = load_project(settings).project
    maps = len(project.maps)
    steps = sum(1 for journey in project.maps for _ in journey.steps())
    map_files = content_files(root, ("maps",))
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("render_all(project, settings)", globals(), locals(), "/tmp/bench_render.prof")
        pstats.Stats("/tmp/bench_render.prof").sort_stats("tottime").print_stats(15)
    size = render_all(project, settings)  # warm: theme file read, caches filled as in a real build
    best = race({"render": lambda: render_all(project, settings), "bare": lambda: bare_parse_maps(map_files),
                 "cold": lambda: render_all_cold(project, settings)}, args.repeat)
    per_diagram_ms = best["render"] / maps * 1000
    bare_ms = best["bare"] / len(map_files) * 1000
    speedup = MERMAID_BATCHED_SECONDS * 1000 / per_diagram_ms
    print(f"{maps} maps, {steps / maps:.0f} steps each on average, {size / maps / 1024:.1f} KB of SVG each "
          f"(best of {args.repeat})")
    print(f"render:       {best['render']:.3f} s  = {per_diagram_ms:.3f} ms per diagram")
    cold_ms = best["cold"] / maps * 1000
    print(f"render, caches emptied before each diagram: {best['cold']:.3f} s  = {cold_ms:.3f} ms per diagram")
    print(f"bare C parse: {best['bare']:.3f} s  = {bare_ms:.3f} ms per map file")
    print(f"ratio render / bare parse: {per_diagram_ms / bare_ms:.2f}x")
    verdict = "met" if speedup >= TARGET_SPEEDUP else "NOT met"
    print(f"vs Mermaid's {MERMAID_BATCHED_SECONDS} s per diagram (batched): {speedup:.0f}x faster; "
          f"target {TARGET_SPEEDUP}x ({MERMAID_BATCHED_SECONDS * 1000 / TARGET_SPEEDUP:.1f} ms): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
