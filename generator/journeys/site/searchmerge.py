"""Keep MkDocs' built-in search index whole across dirty serve rebuilds.

A dirty rebuild renders only the pages that changed, and the built-in ``search``
plugin indexes only the pages it sees rendered, so after one map is edited the preview
could find nothing else. This keeps the previous build's entries for every page that
still exists and was not rebuilt. Material's search plugin does the same itself, so
only the built-in one is completed here; a full build is left untouched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.contrib.search import SearchPlugin as BuiltinSearch

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def _page_of(entry: dict[str, Any]) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


class SearchIndexMerger:
    def __init__(self) -> None:
        self._previous: list[dict[str, Any]] | None = None
        self._existing: set[str] = set()
        self._built: set[str] = set()

    def remember_pages(self, files: Files) -> None:
        self._existing = {file.url for file in files.documentation_pages()}
        self._built = set()

    def page_built(self, page: Page) -> None:
        self._built.add(page.url)

    def complete_dirty_index(self, config: MkDocsConfig) -> None:
        if not any(isinstance(plugin, BuiltinSearch) for plugin in config.plugins.values()):
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        if self._previous is not None and not self._existing <= self._built:
            kept = [
                entry
                for entry in self._previous
                if _page_of(entry) in self._existing and _page_of(entry) not in self._built
            ]
            data["docs"] = kept + data["docs"]
            data.pop("index", None)  # a prebuilt lunr index would no longer match the docs
            path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        self._previous = data["docs"]
