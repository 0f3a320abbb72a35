"""Keep MkDocs' built-in search index whole across dirty serve rebuilds, and make the
journeys entries of any MkDocs search index (the built-in one or Material's) say where
they are.

A dirty rebuild renders only the pages that changed, and the built-in ``search``
plugin indexes only the pages it sees rendered, so after one map is edited the preview
could find nothing else. This keeps the previous build's entries for every page that
still exists and was not rebuilt. Material's search plugin does the same itself, so
only the built-in one is completed here; a full build is left untouched.

A site that keeps MkDocs' own search (the ``search: mkdocs`` option) gets each journeys
page once: the built-in plugin adds a page-level entry holding the whole page's text
on top of one entry per section, so a journeys page's page-level entry keeps only its
title. A step's entry is titled ``Map › Stage › Step``, since a list of results would
otherwise show two maps' "Tracks the parcel" alike.
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
    from mkdocs.structure.toc import TableOfContents


def _page_of(entry: dict[str, Any]) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


class SearchIndexMerger:
    def __init__(self) -> None:
        #: Page URL -> that page's index entries, JSON-encoded (re-encoding a thousand
        #: pages' entries on every reload would cost a tenth of a second).
        self._entries: dict[str, list[str]] = {}
        self._existing: set[str] = set()
        self._built: set[str] = set()
        #: Generated page URL -> its sections' titles in the index, by anchor.
        self._journeys: dict[str, dict[str, str]] = {}

    def remember_pages(self, files: Files) -> None:
        self._existing = {file.url for file in files.documentation_pages()}
        self._built = set()

    def page_built(self, page: Page) -> None:
        self._built.add(page.url)

    def journeys_page_built(self, page: Page, toc: TableOfContents) -> None:
        """A generated page (title and toc HTML-escaped, as the index holds them): its
        h2 sections are titled ``Page › Section``, their h3 ones ``Page › Section › Name``."""
        names = {}
        for top in toc:
            for section in top.children:
                names[section.url] = f"{page.title} › {section.title}"
                names.update({item.url: f"{names[section.url]} › {item.title}" for item in section.children})
        self._journeys[page.url] = names

    def name_journeys_entries(self, config: MkDocsConfig) -> None:
        """Rewrite the site's search index: journeys sections named with their page, and a
        journeys page's page-level entry (the built-in plugin's) without the text its
        sections hold."""
        self._journeys = {url: names for url, names in self._journeys.items() if url in self._existing}
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not self._journeys or not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data["docs"]:
            location = str(entry.get("location", ""))
            page = _page_of(entry)
            names = self._journeys.get(page)
            if names is None:
                continue
            if location == page:
                entry["text"] = ""
            entry["title"] = names.get(location[len(page):], entry.get("title", ""))
        data.pop("index", None)  # a prebuilt lunr index would no longer match the docs
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")

    def complete_dirty_index(self, config: MkDocsConfig) -> None:
        if not any(isinstance(plugin, BuiltinSearch) for plugin in config.plugins.values()):
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        fresh: dict[str, list[str]] = {url: [] for url in self._built}
        for entry in data["docs"]:
            fresh.setdefault(_page_of(entry), []).append(_encode(entry))
        partial = bool(self._entries) and not self._existing <= self._built
        kept = {url: entries for url, entries in self._entries.items() if url in self._existing and url not in fresh}
        self._entries = {**kept, **fresh}
        if partial:
            # Without "index": a prebuilt lunr index would no longer match the docs.
            docs = ",".join(entry for entries in self._entries.values() for entry in entries)
            path.write_text(f'{{"config":{_encode(data.get("config", {}))},"docs":[{docs}]}}', encoding="utf-8")


def _encode(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
