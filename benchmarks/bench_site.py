"""Time the journeys site: builds against plain MkDocs, a rebuild after one edit, and serve.

    python benchmarks/bench_site.py [--maps 1000] [--personas 100] [--repeat 3]
                                    [--serve-sizes 100,1000] [--edits 5] [--skip-build]

Build (issue 11's targets at 1,000 maps: ``journeys build`` within 1.2x of the peer, a
rebuild after editing one map within 0.5x of the first build). Every command runs as a
user types it, in a child process, on a copy of the synthetic project; the commands
alternate, best of ``--repeat``:

- ``mkdocs build (peer)``: the baseline, a plain MkDocs project with one static
  Markdown page per map and per persona holding the same text (a heading per stage and
  step, a table per step), the same site theme and search plugin, and a nav that does
  not list every page;
- ``journeys build --no-cache``: validate N synthetic maps + personas
  (benchmarks/generate.py), then the MkDocs build with the plugin (SVG diagrams, map
  and persona pages, catalogue, roll-ups, search index), rendering every page, the
  maps in one worker per core (MkDocs builds in one process, so a busy machine costs
  journeys more than the peer: compare ``cpu s`` too);
- ``journeys build, first``: the same with an empty build cache (``.cache/journeys/``
  removed first), which it fills;
- ``journeys build, one map edited``: after one map's title changed, with the cache the
  previous build left: one map is rendered again, the rest comes from the cache.

Seconds are wall-clock; ``cpu s`` is the user + system time of the child (what a busy
shared machine distorts least). Ratios are given for both.

Serve (target: under 1 s): ``journeys serve`` on a copy of the project; after the first
build, one map file is edited ``--edits`` times and the time from the write until the
server returns the edited map page with the new text is measured (this includes the
file watcher's delay). For comparison, plain ``mkdocs serve`` rebuilds every page on
every change; ``--baseline-serve`` measures that too (slow at 1,000 maps).
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from journeys.model import JourneyMap, Persona

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import print_table, race, synthetic_project
from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.publish.site import load_site_config

BIN = Path(sys.executable).parent
TARGET_BUILD_RATIO = 1.2
TARGET_REBUILD_RATIO = 0.5
PEER, NO_CACHE = "mkdocs build (peer)", "journeys build --no-cache"
FIRST, EDITED = "journeys build, first", "journeys build, one map edited"
TARGET_RELOAD_SECONDS = 1.0


# --- the baseline: the same text as static Markdown pages ----------------------------


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def map_markdown(journey: JourneyMap) -> str:
    lines = [f"# {journey.title}", "", f"Owner: {journey.owner or ''} · Status: {journey.status}", ""]
    for stage in journey.stages:
        lines += [f"## {stage.name}", "", stage.goal or "", ""]
        for step in stage.steps:
            lines += [f"### {step.name}", "", "| Field | Value |", "| --- | --- |"]
            fields = [("Touchpoint", step.touchpoint), ("Channel", step.channel),
                      ("Actions", "; ".join(step.actions.texts())), ("Thoughts", "; ".join(step.thoughts.texts())),
                      ("Feeling", "; ".join(step.feeling.texts())), ("Backstage", step.backstage)]  # fmt: skip
            fields += [("Emotion", "; ".join(f"{e.persona}: {e.score:g}" for e in step.emotions))]
            fields += [("Pain point", p.text) for p in step.pain_points]
            fields += [("Opportunity", o.text) for o in step.opportunities]
            fields += [("Evidence", e) for e in step.evidence]
            lines += [f"| {name} | {_cell(value)} |" for name, value in fields if value]
            lines.append("")
    lines += ["## Metrics", ""] + [f"- {m.name}: {m.value}" for m in journey.metrics]
    return "\n".join(lines) + "\n\n" + journey.narrative


def persona_markdown(persona: Persona) -> str:
    items = [f"- {item}" for item in (*persona.goals, *persona.frustrations, *persona.behaviours)]
    return "\n".join([f"# {persona.name}", "", persona.role or "", "", *items, "", persona.body])


def static_twin(root: Path, into: Path) -> Path:
    """A plain MkDocs project with one Markdown page per map and persona of ``root``."""
    settings, _ = load_settings(root)
    project = load_project(settings).project
    docs = into / "docs"
    (docs / "maps").mkdir(parents=True)
    (docs / "personas").mkdir()
    (docs / "index.md").write_text("# Static twin\n", encoding="utf-8")
    for journey in project.maps:
        (docs / "maps" / f"{journey.id}.md").write_text(map_markdown(journey), encoding="utf-8")
    for persona in project.personas:
        (docs / "personas" / f"{persona.id}.md").write_text(persona_markdown(persona), encoding="utf-8")
    # The project's site theme and search, as the journeys build has them.
    config = load_site_config(root)
    search = [name for name in config.plugins if name.endswith("search")]
    (into / "mkdocs.yml").write_text(
        f"site_name: Static twin\ntheme: {{name: {config.theme.name}}}\nplugins: [{', '.join(search)}]\n"
        "nav: [index.md]\n",
        encoding="utf-8",
    )
    return into


def run(command: list[str], cwd: Path) -> float:
    """Run ``command``; returns the user + system seconds it used."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edit_one_map(root: Path, token: str) -> None:
    """Change the title of one map (the same one each time), as a user's edit would."""
    path = sorted((root / "maps").glob("*.yaml"))[1]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[index] = f"title: {token} {lines[index].split(' ', 1)[1].split(' ', 1)[-1]}"
    path.write_text("".join(lines), encoding="utf-8")


def measure_build(root: Path, twin: Path, work: Path, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Best wall and best CPU seconds of each build, by name (see the module's docstring)."""
    journeys = [str(BIN / "journeys"), "build", str(root), "--site-dir", str(work / "j")]
    peer = [str(BIN / "mkdocs"), "build", "-q", "-f", str(twin / "mkdocs.yml"), "-d", str(work / "m")]
    cpu: dict[str, float] = {}
    edits = itertools.count()

    def timed(name: str, command: list[str], cwd: Path, prepare: Callable[[], object] = lambda: None) -> None:
        prepare()  # inside the timed call, but a removal or a one-line edit costs milliseconds
        cpu[name] = min(cpu.get(name, float("inf")), run(command, cwd))

    candidates: dict[str, Callable[[], None]] = {
        PEER: lambda: timed(PEER, peer, twin),
        NO_CACHE: lambda: timed(NO_CACHE, [*journeys, "--no-cache"], root),
        FIRST: lambda: timed(FIRST, journeys, root, lambda: shutil.rmtree(root / ".cache", ignore_errors=True)),
        EDITED: lambda: timed(EDITED, journeys, root, lambda: edit_one_map(root, f"Edited{next(edits)}")),
    }
    return race(candidates, repeat=repeat), cpu


# --- serve: edit one map, wait for the served page to change --------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return time.monotonic()
        time.sleep(0.02)
    raise TimeoutError(f"{url} never showed {text!r}")


def measure_reload(root: Path, edits: int, command: list[str]) -> list[float]:
    """Seconds from writing an edited map to the server returning the new page."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    map_file = sorted((root / "maps").glob("*.yaml"))[1]
    page = f"http://127.0.0.1:{port}/maps/{map_file.stem}/"
    original = map_file.read_text(encoding="utf-8")
    anchor = "title: "
    try:
        _wait_for(page, "<html", timeout=900)
        times = []
        for edit in range(edits):
            token = f"Edited title {edit}"
            text = original.replace(anchor, f"{anchor}{token} ", 1)
            time.sleep(1.0)  # let the server settle after the previous reload
            start = time.monotonic()
            map_file.write_text(text, encoding="utf-8")
            times.append(_wait_for(page, token, timeout=900) - start)
        return times
    finally:
        map_file.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--personas", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="builds per command; the best counts")
    parser.add_argument("--serve-sizes", default="100,1000", help="map counts for the serve measurement")
    parser.add_argument("--edits", type=int, default=5, help="edits per serve measurement")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--baseline-serve", action="store_true", help="also time plain 'mkdocs serve' (full rebuilds)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        work = Path(scratch)
        if not args.skip_build:
            # A copy: the shared synthetic project is never edited, and its cache stays out of it.
            root = work / "project"
            shutil.copytree(synthetic_project(args.maps, args.personas), root)
            twin = static_twin(root, work / "twin")
            print(f"build: {args.maps} maps + {args.personas} personas, best of {args.repeat}", flush=True)
            wall, cpu = measure_build(root, twin, work, args.repeat)
            print_table(
                ["command", "seconds", "cpu s", "/ peer", "cpu / peer"],
                [(name, wall[name], cpu[name], wall[name] / wall[PEER], cpu[name] / cpu[PEER]) for name in wall],
            )
            print(f"journeys build (one map edited) / peer: {wall[EDITED] / wall[PEER]:.2f}x, "
                  f"cpu {cpu[EDITED] / cpu[PEER]:.2f}x (target <= {TARGET_BUILD_RATIO}x)")
            print(f"rebuild after one edit / first build: {wall[EDITED] / wall[FIRST]:.2f}x, "
                  f"cpu {cpu[EDITED] / cpu[FIRST]:.2f}x (target <= {TARGET_REBUILD_RATIO}x)\n", flush=True)

        rows = []
        for size in [int(n) for n in args.serve_sizes.split(",") if n]:
            copy = work / f"serve-{size}"
            shutil.copytree(synthetic_project(size, min(args.personas, size)), copy)
            commands = {"journeys serve": [str(BIN / "journeys"), "serve", str(copy)]}
            if args.baseline_serve:
                commands["mkdocs serve"] = [str(BIN / "mkdocs"), "serve", "-f", str(copy / "mkdocs.yml")]
            for name, command in commands.items():
                times = measure_reload(copy, args.edits, command)
                rows.append((name, size, min(times), statistics.median(times), max(times)))
                print(f"{name} at {size} maps: " + ", ".join(f"{t:.2f}" for t in times) + " s", flush=True)
        print_table(["server", "maps", "best s", "median s", "worst s"], rows)
        print(f"target: edit-to-reload under {TARGET_RELOAD_SECONDS} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
