"""Time ``journeys diff`` on a large repository where only a few maps changed.

    python benchmarks/bench_diff.py [--maps 1000] [--changed 5] [--repeat 5]

A copy of the synthetic project (benchmarks/generate.py; N maps of ~14 KB plus 100
personas) is committed to a fresh git repository; then ``--changed`` maps get an
emotion score and a pain point edited. Timed in-process, best of ``--repeat``,
alternating so noise hits everything alike:

- diff, working tree: ``journeys diff HEAD`` (the edits uncommitted);
- diff, two commits: ``journeys diff HEAD~1 HEAD`` (the edits committed);
- baseline: validating just the changed maps (``load_source`` of each, with the
  project's ids as references) plus reading git: ``git ls-tree`` of the map and persona
  folders and ``git cat-file --batch`` of every blob in them ("of the tree");
- strict baseline: the same but ``cat-file`` of only the changed blobs.

It also times freshness: ``journeys.history.last_changes`` for every file (one
``git log`` pass) against an estimate of one ``git log -1`` per file.

The target (issue 5): diff under 2x the baseline. A diff must parse each changed map
twice (before and after), so it cannot beat ~2x the parse part of the strict baseline;
what the target guards against is loading unchanged maps at all.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import print_table, race, synthetic_project
from journeys.app import diff as run_diff
from journeys.config import load_settings
from journeys.history import last_changes
from journeys.loading.project import References, load_source
from journeys.loading.sources import Source

TARGET_RATIO = 2.0
BASELINE = "baseline (validate changed + ls-tree + cat-file tree)"
STRICT_BASELINE = "strict baseline (cat-file changed only)"


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=True).stdout


def make_repository(maps: int, personas: int, into: Path) -> Path:
    root = into / "repo"
    shutil.copytree(synthetic_project(maps=maps, personas=personas), root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Bench")
    git(root, "config", "user.email", "bench@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def change_maps(root: Path, count: int) -> list[Path]:
    """Edit ``count`` maps spread over the project: one emotion score and one pain point each."""
    paths = sorted((root / "maps").iterdir())
    chosen = paths[:: max(1, len(paths) // count)][:count]
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"emotion: (-?[\d.]+)", lambda m: "emotion: 0" if m.group(1) != "0" else "emotion: 1", text, count=1
        )
        text = text.replace("pain_points:\n", "pain_points:\n          - Benchmark pain point\n", 1)
        path.write_text(text, encoding="utf-8")
    return chosen


def baseline(root: Path, changed: list[Path], *, whole_tree: bool) -> int:
    """Validate just the changed maps, plus read git (ls-tree, and cat-file of the tree or the changes)."""
    settings, _ = load_settings(root)
    listing = git(root, "ls-tree", "-z", "HEAD", "--", "maps/", "personas/").split(b"\0")
    entries = [line.split(b"\t") for line in listing if line]
    changed_names = {f"maps/{p.name}".encode() for p in changed}
    blobs = [meta.split()[2] for meta, name in entries if whole_tree or name in changed_names]
    git(root, "cat-file", "--batch", stdin=b"\n".join(blobs) + b"\n")
    ids = [(name.decode().split("/")[0], name.decode().rsplit("/", 1)[1].rsplit(".", 1)[0]) for _, name in entries]
    refs = References(
        persona_ids=frozenset(i for folder, i in ids if folder == "personas"),
        map_ids=frozenset(i for folder, i in ids if folder == "maps"),
        scale=settings.scale,
    )
    problems = 0
    for path in changed:
        source = Source("map", path.stem, f"maps/{path.name}", path.read_bytes())
        problems += len(load_source(source, refs, settings.limits)[1])
    return problems


def diff_once(root: Path, base: str, target: str | None) -> int:
    run = run_diff(root, base, target, fmt="markdown", svg_dir=None)
    if run.issues or len(run.diff.maps) == 0:
        raise SystemExit(f"unexpected diff result: {len(run.issues)} issues, {len(run.diff.maps)} maps")
    return len(run.diff.maps)


def freshness(root: Path, sample: int = 20) -> tuple[int, float, float]:
    """(files, seconds for ``last_changes`` of every file, estimate for one ``git log -1`` per file)."""
    paths = sorted(f"{folder}/{p.name}" for folder in ("maps", "personas") for p in (root / folder).iterdir())
    seconds = race({"last_changes": lambda: last_changes(root, paths)}, 3)["last_changes"]
    start = time.perf_counter()
    for path in paths[:sample]:
        git(root, "log", "-1", "--format=%aI %an", "--", path)
    per_file = (time.perf_counter() - start) / sample
    return len(paths), seconds, per_file * len(paths)


def cli_seconds(root: Path, *args: str) -> float:
    command = shutil.which("journeys") or "journeys"
    start = time.perf_counter()
    subprocess.run([command, "diff", *args, "--project", str(root)], capture_output=True, check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--personas", type=int, default=100)
    parser.add_argument("--changed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="journeys-bench-diff-") as scratch:
        root = make_repository(args.maps, args.personas, Path(scratch))
        changed = change_maps(root, args.changed)
        best = race(
            {
                "diff HEAD (working tree)": lambda: diff_once(root, "HEAD", None),
                BASELINE: lambda: baseline(root, changed, whole_tree=True),
                STRICT_BASELINE: lambda: baseline(root, changed, whole_tree=False),
            },
            args.repeat,
        )
        cli_tree = cli_seconds(root, "HEAD")
        git(root, "commit", "-q", "-am", "change")
        best.update(race({"diff HEAD~1 HEAD (two commits)": lambda: diff_once(root, "HEAD~1", "HEAD")}, args.repeat))
        cli_commits = cli_seconds(root, "HEAD~1", "HEAD")
        files, history_seconds, one_per_file = freshness(root)

    base, strict = best[BASELINE], best[STRICT_BASELINE]
    print(f"journeys diff, {args.maps} maps + {args.personas} personas, {args.changed} maps changed "
          f"(best of {args.repeat}, in-process)")
    print_table(
        ["measurement", "seconds", "vs baseline", "vs strict"],
        [[name, seconds, seconds / base, seconds / strict] for name, seconds in best.items()],
    )
    print(f"CLI subprocess (interpreter start-up included): diff HEAD {cli_tree:.3f} s, "
          f"diff HEAD~1 HEAD {cli_commits:.3f} s")
    print(f"freshness: last change of {files} files in {history_seconds:.3f} s (one git log pass); "
          f"one 'git log -1' per file would take about {one_per_file:.2f} s")
    worst = max(best["diff HEAD (working tree)"], best["diff HEAD~1 HEAD (two commits)"]) / base
    verdict = "met" if worst < TARGET_RATIO else "NOT met"
    print(f"target: diff under {TARGET_RATIO:g}x the baseline: {verdict} ({worst:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
