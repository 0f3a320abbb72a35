"""Shared pieces of the benchmark scripts: cached synthetic projects, timing, tables.

Benchmarks run on small, shared, noisy machines, so every script measures its baseline
in the same run as the thing it times, alternates the two (noise then hits both), keeps
the best of several runs, and reports a ratio. Never compare absolute seconds between
runs or machines; compare ratios.

Use from a script in this folder::

    from benchmarks.harness import synthetic_project, race, print_table
    root = synthetic_project(maps=1000)          # generated once, then reused
    best = race({"journeys": lambda: ..., "baseline": lambda: ...}, repeat=5)
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.generate import generate_project

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

BENCHMARKS_DIR = Path(__file__).resolve().parent
#: Where generated projects are kept between runs; override with JOURNEYS_BENCH_CACHE.
CACHE_DIR = Path(os.environ.get("JOURNEYS_BENCH_CACHE", Path(tempfile.gettempdir()) / "journeys-bench"))


def _generator_fingerprint() -> str:
    """Changes whenever the generator changes, so a stale cached project is never reused."""
    digest = hashlib.sha256()
    for name in ("generate.py", "vocabulary.py"):
        digest.update((BENCHMARKS_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def synthetic_project(maps: int, personas: int = 100, seed: int = 0) -> Path:
    """A generated project of that size, made on first use and then read from the cache.

    The returned folder is shared by every benchmark: copy it before changing files in it.
    """
    root = CACHE_DIR / f"maps{maps}-personas{personas}-seed{seed}-{_generator_fingerprint()}"
    if not (root / "mkdocs.yml").is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        # Build beside the final folder and rename, so an interrupted run leaves no half project.
        partial = Path(tempfile.mkdtemp(prefix=root.name + ".", dir=CACHE_DIR))
        generate_project(partial, maps=maps, personas=personas, seed=seed)
        try:
            partial.rename(root)
        except OSError:  # another run made it first
            shutil.rmtree(partial, ignore_errors=True)
    return root


def time_once(work: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds for one call of ``work`` (with a collection first, so earlier runs' garbage
    is not charged to it) and what it returned."""
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def race(candidates: dict[str, Callable[[], Any]], repeat: int = 5) -> dict[str, float]:
    """Best-of-``repeat`` seconds per candidate, running them in turn each round so a busy
    spell on a shared machine slows all of them rather than one."""
    best = {name: float("inf") for name in candidates}
    for _ in range(repeat):
        for name, work in candidates.items():
            seconds, _ = time_once(work)
            best[name] = min(best[name], seconds)
    return best


def content_files(root: Path, folders: Iterable[str] = ("personas", "maps")) -> list[Path]:
    return [path for folder in folders for path in sorted((root / folder).iterdir()) if path.is_file()]


def front_matter_or_all(text: str) -> str:
    """The YAML of a file: the front matter of Markdown, else the whole text."""
    if text.startswith("---\n"):
        return text[4:].split("\n---\n", 1)[0]
    return text


def bare_c_parse(root: Path) -> int:
    """The baseline: list, read and load every persona and map with PyYAML's C loader and
    nothing else (no positions, no checks). Returns the number of files loaded."""
    import yaml

    loaded = 0
    for path in content_files(root):
        yaml.load(front_matter_or_all(path.read_text(encoding="utf-8")), Loader=yaml.CSafeLoader)
        loaded += 1
    return loaded


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table, right-aligned, that reads well in a terminal and in a PR."""
    cells = [list(map(str, headers))] + [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    # Every row has one cell per header: a short or long row is a bug in the caller.
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    print(format_table(headers, rows), flush=True)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 100 else f"{value:.1f}"
    return str(value)
