"""The serve-time cache re-parses only the files whose bytes changed, with the same result."""

from __future__ import annotations

from issue_helpers import VALID_MAP
from journeys.config import load_settings
from journeys.loading.project import ParseCache, load_project


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
