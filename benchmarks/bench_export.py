"""Time PNG and PDF export per map against drawing the same maps' SVG.

    python benchmarks/bench_export.py [--maps 100] [--repeat 3] [--profile]

For N synthetic maps (6 stages x 4 steps, ~14 KB, from benchmarks/generate.py) it loads
and validates the project once, then times, best of ``--repeat`` and alternating so a
busy spell slows all of them:

- svg: ``render_map_svg`` for every map, as the site and ``journeys render`` draw it
  (the baseline, measured in the same run);
- split: the same maps split for A4 paper (``render.paper.paper_parts``) and each part
  drawn, the work a printed map page adds to the site build;
- png: ``journeys export png`` at its default scale (2), resvg drawing each map;
- pdf: ``journeys export pdf`` on A4, svglib + reportlab writing each map's pages.

Each time is per map, with its ratio to the SVG. PNG and PDF need ``journeys[export]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import print_table, race, synthetic_project
from journeys.config import load_settings
from journeys.formats import FileOptions
from journeys.formats import pdf as pdf_format
from journeys.formats import png as png_format
from journeys.loading.project import load_project
from journeys.render import render_map_svg
from journeys.render.paper import MM, paper_parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=100)
    parser.add_argument("--personas", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--profile", action="store_true", help="print the top functions of one PDF export")
    args = parser.parse_args(argv)

    root = synthetic_project(maps=args.maps, personas=min(args.personas, args.maps))
    settings, _ = load_settings(root)
    project = load_project(settings).project
    maps = project.maps
    out = Path(tempfile.mkdtemp(prefix="journeys-bench-export-"))

    def svg() -> int:
        return sum(len(render_map_svg(m, project, settings, compare=project.compared_map(m))) for m in maps)

    def split() -> int:
        total = 0
        for journey in maps:
            compare = project.compared_map(journey)
            for part in paper_parts(journey, project, settings, (277 * MM, 190 * MM), compare):
                lanes = dataclasses.replace(settings, lanes=part.lanes)
                svg = render_map_svg(journey, project, lanes, compare=compare, steps=part.steps, layout=part.layout)
                total += len(svg)
        return total

    def png() -> int:
        return len(png_format.export_files(project, maps, settings, out, FileOptions()))

    def pdf() -> int:
        return len(pdf_format.export_files(project, maps, settings, out, FileOptions()))

    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("pdf()", globals(), {"pdf": pdf}, str(out / "profile"))
        pstats.Stats(str(out / "profile")).sort_stats("cumulative").print_stats(25)
        return 0
    pages = sum(len(paper_parts(m, project, settings, (277 * MM, 190 * MM), project.compared_map(m))) for m in maps)
    best = race({"svg": svg, "split": split, "png": png, "pdf": pdf}, repeat=args.repeat)
    print(f"{len(maps)} maps, {pages} A4 pages ({pages / len(maps):.1f} per map), best of {args.repeat}")
    print_table(
        ["what", "s total", "ms per map", "x svg"],
        [(name, seconds, seconds / len(maps) * 1000, seconds / best["svg"]) for name, seconds in best.items()],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
