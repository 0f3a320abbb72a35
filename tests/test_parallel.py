"""Maps rendered by forked workers: the same site as one process builds, in order, with
the workers' log records reaching MkDocs once, and never forked beside another thread."""

from __future__ import annotations

import logging
import os
import re
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


@needs_two_cores
def test_results_come_back_in_order_from_other_processes() -> None:
    done = parallel.map_parallel(_pid_and_square, MANY)
    assert [square for _, square in done] == [index * index for index in range(MANY)]
    assert {pid for pid, _ in done} - {os.getpid()}, "no worker process did any of the work"


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


def _warn(index: int) -> int:
    logging.getLogger("mkdocs.plugins.journeys").warning("map %d drawn with boxes", index)
    return index


@needs_two_cores
def test_worker_warnings_are_logged_here_once_each_in_order(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert parallel.map_parallel(_warn, MANY) == list(range(MANY))
    messages = [record.getMessage() for record in caplog.records if record.name == "mkdocs.plugins.journeys"]
    assert messages == [f"map {index} drawn with boxes" for index in range(MANY)]


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


@needs_two_cores
def test_a_site_built_by_workers_is_the_one_built_here(
    many_maps: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli("build", many_maps, "--no-cache")
    assert result.exit_code == 0, result.output
    shared = _site_files(many_maps / "site")
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    result = cli("build", many_maps, "--no-cache")
    assert result.exit_code == 0, result.output
    here = _site_files(many_maps / "site")
    assert shared.keys() == here.keys()
    assert [name for name in shared if shared[name] != here[name]] == []
    assert "maps/laptop-23/index.html" in shared and b"Laptop 23" in shared["maps/laptop-23/index.html"]


@needs_two_cores
def test_what_workers_render_is_cached_for_the_next_build(
    many_maps: Path, cli: Callable[..., Result], renders: list[str]
) -> None:
    assert cli("build", many_maps).exit_code == 0  # rendered by the workers, stored by them
    renders.clear()
    edited = many_maps / "maps" / "laptop-07.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Laptop 7", "Laptop seven"), encoding="utf-8")
    result = cli("build", many_maps)
    assert result.exit_code == 0, result.output
    assert renders == ["laptop-07"]
    assert "Laptop seven" in (many_maps / "site" / "maps" / "laptop-07" / "index.html").read_text(encoding="utf-8")
