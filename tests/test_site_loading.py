"""The serve-time cache re-parses only the files whose bytes changed, with the same result."""

from __future__ import annotations

import os
import time

import pytest

from issue_helpers import VALID_MAP
from journeys.config import load_settings
from journeys.loading.project import ParseCache, load_project
from journeys.loading.sources import SourceReads


def test_only_changed_files_are_parsed_again_and_results_match(make_project):
    root = make_project({"maps/a.yaml": VALID_MAP, "maps/b.yaml": VALID_MAP})
    settings, _ = load_settings(root)
    cache = ParseCache()

    first = load_project(settings, cache)
    assert cache.parsed_files == 3  # sam, a, b

    assert load_project(settings, cache) == first
    assert cache.parsed_files == 0

    (root / "maps" / "b.yaml").write_text(VALID_MAP.replace("emotion: -1", "emotion: 9"), encoding="utf-8")
    edited = load_project(settings, cache)
    assert cache.parsed_files == 1
    assert edited == load_project(settings)
    assert [str(issue) for issue in edited.issues] == ["maps/b.yaml:7:18: error: emotion 9 is outside the scale -2..+2"]


def test_a_file_that_came_back_is_parsed_again(make_project):
    # Outcomes of files missing from a load are forgotten, not kept forever.
    root = make_project({"maps/a.yaml": VALID_MAP})
    settings, _ = load_settings(root)
    cache = ParseCache()
    load_project(settings, cache)
    saved = (root / "maps" / "a.yaml").read_bytes()
    (root / "maps" / "a.yaml").unlink()
    load_project(settings, cache)
    (root / "maps" / "a.yaml").write_bytes(saved)
    load_project(settings, cache)
    # a was forgotten while it was missing; sam is parsed again as the map ids changed.
    assert cache.parsed_files == 2


def _settled_reads() -> SourceReads:
    """Discovery that takes every file as changed long ago (as after a while of serving)."""
    return SourceReads(clock=lambda: time.time_ns() + 60 * 10**9)


def test_a_file_unchanged_on_disk_is_not_read_again(make_project):
    root = make_project({"maps/a.yaml": VALID_MAP, "maps/b.yaml": VALID_MAP})
    settings, _ = load_settings(root)
    cache = ParseCache(_settled_reads())
    first = load_project(settings, cache)
    assert cache.reads.read_files == 3

    again = load_project(settings, cache)
    assert (cache.reads.read_files, cache.parsed_files) == (0, 0)
    assert again == first


def test_an_edit_that_keeps_size_and_modification_time_is_read(make_project):
    root = make_project({"maps/a.yaml": VALID_MAP, "maps/b.yaml": VALID_MAP})
    settings, _ = load_settings(root)
    cache = ParseCache(_settled_reads())
    load_project(settings, cache)
    path = root / "maps" / "b.yaml"
    before = path.stat()
    path.write_text(VALID_MAP.replace("emotion: -1", "emotion: -9"), encoding="utf-8")  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a coarse clock or a tool would leave it
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    edited = load_project(settings, cache)
    assert cache.reads.read_files == 1
    assert [str(issue) for issue in edited.issues] == [
        "maps/b.yaml:7:18: error: emotion -9 is outside the scale -2..+2"
    ]


def test_a_file_changed_just_now_is_read_again_until_it_settles(make_project):
    # A file system whose timestamps tick once a second keeps every status field through
    # a second write within the same second: a fresh file is never taken as unchanged.
    root = make_project({"maps/a.yaml": VALID_MAP})
    settings, _ = load_settings(root)
    now = time.time_ns()
    cache = ParseCache(SourceReads(clock=lambda: now))
    load_project(settings, cache)
    load_project(settings, cache)
    assert cache.reads.read_files == 2  # sam and a, both written a moment ago


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_symlinked_file_is_read_every_time(make_project):
    root = make_project({"maps/a.yaml": VALID_MAP, "elsewhere/b.yaml": VALID_MAP})
    (root / "maps" / "b.yaml").symlink_to(root / "elsewhere" / "b.yaml")
    settings, _ = load_settings(root)
    cache = ParseCache(_settled_reads())
    load_project(settings, cache)
    (root / "elsewhere" / "b.yaml").write_text(VALID_MAP.replace("emotion: -1", "emotion: 9"), encoding="utf-8")
    edited = load_project(settings, cache)
    assert cache.reads.read_files == 1  # the link's own status did not change; its target did
    assert [issue.path for issue in edited.errors] == ["maps/b.yaml"]
