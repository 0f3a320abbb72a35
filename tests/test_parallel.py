"""Maps rendered by forked workers: the same site as one process builds, in order, with
the workers' log records reaching MkDocs once, and never forked beside another thread."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from journeys import parallel
from site_checks import PAT_PERSONA, SHOP_MAP

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from click.testing import Result

#: Enough items for two workers to be used.
MANY = parallel.MIN_ITEMS_PER_WORKER * 3

needs_two_cores = pytest.mark.skipif(parallel.usable_cores() < 2, reason="one core: the work is never shared")


def _pid_and_square(index: int) -> tuple[int, int]:
    return os.getpid(), index * index


def in_a_fresh_process(*args: str) -> str:
    """The output of ``python *args`` run on its own: work is shared only by a process with
    a single thread, and this test session runs servers in threads of its own."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_two_cores
def test_results_come_back_in_order_from_other_processes() -> None:
    script = f"""
import json, os
from journeys.parallel import map_parallel
def work(index):
    return os.getpid(), index * index
print(json.dumps({{"parent": os.getpid(), "done": map_parallel(work, {MANY})}}))
"""
    shared = json.loads(in_a_fresh_process("-c", script))
    assert [square for _, square in shared["done"]] == [index * index for index in range(MANY)]
    assert {pid for pid, _ in shared["done"]} - {shared["parent"]}, "no worker process did any of the work"


@needs_two_cores
@pytest.mark.parametrize("frozen_before", [False, True])
def test_the_heap_is_frozen_for_the_workers_and_left_as_it_was_found(frozen_before: bool) -> None:
    script = f"""
import gc, os
from journeys.parallel import map_parallel
if {frozen_before}:
    gc.freeze()
before = gc.get_freeze_count()
def work(index):
    return os.getpid(), gc.get_freeze_count() > 0
done = map_parallel(work, {MANY})
workers = {{pid for pid, _ in done}} - {{os.getpid()}}
print(before > 0, gc.get_freeze_count() > 0, all(frozen for _, frozen in done), len(workers))
"""
    was_frozen, is_frozen, workers_frozen, workers = in_a_fresh_process("-c", script).split()
    assert (was_frozen, is_frozen) == (str(frozen_before), str(frozen_before))
    assert workers_frozen == "True" and int(workers) >= 1


def test_a_few_items_are_done_here() -> None:
    done = parallel.map_parallel(_pid_and_square, parallel.MIN_ITEMS_PER_WORKER)
    assert {pid for pid, _ in done} == {os.getpid()}


@pytest.fixture
def other_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield
    stop.set()
    thread.join()


@pytest.mark.usefixtures("other_thread")
def test_never_forks_beside_another_thread() -> None:
    done = parallel.map_parallel(_pid_and_square, MANY)
    assert {pid for pid, _ in done} == {os.getpid()}
    assert [square for _, square in done] == [index * index for index in range(MANY)]


@needs_two_cores
def test_worker_warnings_are_logged_here_once_each_in_order() -> None:
    script = f"""
import logging, os, sys
from journeys.parallel import map_parallel
logging.basicConfig(stream=sys.stdout, format="%(process)d %(name)s %(message)s")
def work(index):
    logging.getLogger("mkdocs.plugins.journeys").warning("map %d drawn with boxes", index)
    return os.getpid()
print("workers", len(set(map_parallel(work, {MANY})) - {{os.getpid()}}), os.getpid())
"""
    *logged, summary = in_a_fresh_process("-c", script).splitlines()
    _, workers, parent = summary.split()
    assert int(workers) >= 1
    assert logged == [f"{parent} mkdocs.plugins.journeys map {index} drawn with boxes" for index in range(MANY)]


@pytest.fixture
def many_maps(make_project: Callable[..., Path]) -> Path:
    files = {
        "mkdocs.yml": "site_name: Many maps\ntheme:\n  name: mkdocs\nplugins:\n  - journeys:\n      downloads: []\n"
    }
    files["personas/pat.md"] = PAT_PERSONA
    files["docs/index.md"] = "# Many maps\n"
    for number in range(MANY):
        files[f"maps/laptop-{number:02}.yaml"] = SHOP_MAP.replace("Buying a laptop online", f"Laptop {number}")
    return make_project(files)


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of the site, without the build time the mkdocs theme writes in its home page."""
    return {
        path.relative_to(site).as_posix(): re.sub(rb"Build Date UTC : [^\n]*", b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


#: ``journeys`` with one core: everything rendered in the one process.
ONE_CORE = "import sys, journeys.parallel as p; p.usable_cores = lambda: 1; from journeys.cli import main; main()"


@needs_two_cores
def test_a_site_built_by_workers_is_the_one_built_here(many_maps: Path, tmp_path: Path) -> None:
    journeys = str(Path(sys.executable).with_name("journeys"))
    done = subprocess.run([journeys, "build", str(many_maps), "--no-cache", "--site-dir", str(tmp_path / "shared")],
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    in_a_fresh_process("-c", ONE_CORE, "build", str(many_maps), "--no-cache", "--site-dir", str(tmp_path / "here"))
    shared, here = _site_files(tmp_path / "shared"), _site_files(tmp_path / "here")
    assert shared.keys() == here.keys()
    assert [name for name in shared if shared[name] != here[name]] == []
    assert "maps/laptop-23/index.html" in shared and b"Laptop 23" in shared["maps/laptop-23/index.html"]


@needs_two_cores
def test_what_workers_render_is_cached_for_the_next_build(
    many_maps: Path, cli: Callable[..., Result], renders: list[str]
) -> None:
    journeys = str(Path(sys.executable).with_name("journeys"))
    done = subprocess.run([journeys, "build", str(many_maps)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr  # rendered by the workers, stored by them
    edited = many_maps / "maps" / "laptop-07.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Laptop 7", "Laptop seven"), encoding="utf-8")
    result = cli("build", many_maps)
    assert result.exit_code == 0, result.output
    assert renders == ["laptop-07"]
    assert "Laptop seven" in (many_maps / "site" / "maps" / "laptop-07" / "index.html").read_text(encoding="utf-8")
