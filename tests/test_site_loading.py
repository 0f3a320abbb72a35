"""The serve-time loader re-parses only the files whose bytes changed, with the same result."""

from __future__ import annotations

from issue_helpers import VALID_MAP

from journeys.config import load_settings
from journeys.load import load_project
from journeys.site.loading import CachedLoader


def test_only_changed_files_are_parsed_again_and_results_match(make_project):
    root = make_project({"maps/a.yaml": VALID_MAP, "maps/b.yaml": VALID_MAP})
    settings, _ = load_settings(root)
    loader = CachedLoader()

    first = loader.load(settings)
    assert loader.parsed_files == 3  # sam, a, b

    assert loader.load(settings) == first
    assert loader.parsed_files == 0

    (root / "maps" / "b.yaml").write_text(VALID_MAP.replace("emotion: -1", "emotion: 9"), encoding="utf-8")
    edited = loader.load(settings)
    assert loader.parsed_files == 1
    assert edited == load_project(settings)
    assert [str(issue) for issue in edited.issues] == ["maps/b.yaml:7:18: error: emotion 9 is outside the scale -2..+2"]
