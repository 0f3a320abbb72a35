"""Helpers for the site tests: real builds and checks over the built HTML."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE_MKDOCS_YML = """\
site_name: Test journeys
theme:
  name: {theme}
plugins:
  - search
  - journeys
"""

SHOP_MAP = """\
title: Buying a laptop online
description: From broken laptop to a new one at home.
personas: [sam, pat]
state: current
owner: Web shop team
status: review
tags: [ecommerce, students]
stages:
  - name: Discover
    goal: Find a laptop that lasts
    steps:
      - name: Compares specifications
        touchpoint: Product pages
        channel: web
        actions: Opens five tabs
        thoughts: Why is every page different?
        emotion: {sam: -1, pat: 0}
        feeling: Overwhelmed
        pain_points:
          - {text: Specification tables disagree with each other, severity: high}
        opportunities:
          - {text: Side-by-side comparison view, impact: high, effort: medium}
        evidence: [Usability test 3, "https://example.org/report"]
  - name: Purchase
    steps:
      - name: Enters card details
        channel: mobile
        emotion: {sam: -2, pat: 1}
        pain_points: [Card form rejects spaces]
        opportunities: [Accept wallet payments]
        backstage: Payment provider fraud check
        moment_of_truth: true
metrics:
  - {name: Cart abandonment, stage: Purchase, value: 68%, target: 50%}
"""

FUTURE_MAP = """\
---
title: Buying a laptop, the way we want it
personas: [sam]
state: future
compares_to: laptop
status: draft
tags: [ecommerce]
stages:
  - name: Purchase
    steps:
      - name: Pays with a wallet
        channel: mobile
        emotion: 2
---
The **future** journey removes the card form entirely.
"""

PAT_PERSONA = """\
---
name: Pat Lee
role: Parent buying for a teenager
quote: I just want it to arrive before school starts.
goals: [Arrives on time]
frustrations: [Delivery windows]
behaviours: [Shops at lunch]
channels: [web, mobile]
tags: [parents]
description: Buys the *family's* devices.
---
Pat researches on the **bus** and buys at lunch.
"""


def shop_project(
    make_project, theme: str = "mkdocs", extra: dict[str, str] | None = None, search: str | None = None
) -> Path:
    """The shop project; ``search`` sets the journeys block's ``search`` option."""
    config = SITE_MKDOCS_YML.format(theme=theme)
    if search is not None:
        config = config.replace("  - journeys\n", f"  - journeys:\n      search: {search}\n")
    files = {
        "mkdocs.yml": config,
        "docs/guide.md": "# Guide\n\nHow we map journeys.\n",
        "maps/laptop.yaml": SHOP_MAP,
        "maps/laptop-future.md": FUTURE_MAP,
        "personas/pat.md": PAT_PERSONA,
    }
    files.update(extra or {})
    return make_project(files)


def mkdocs_build(
    root: Path, site: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Plain ``mkdocs build`` in a child process, exactly as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site), *args],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img", "image", "use"):
                self.links.append(values[name])  # type: ignore[arg-type]


def parse_page(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    # The 404 page links from the site root: it is served at any depth.
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if url.split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_internal_links(site: Path) -> list[str]:
    """Every relative href/src of every built page that does not resolve (file or anchor)."""
    problems = []
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    for page, parsed in pages.items():
        for url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or url in ("#", ""):
                continue
            target = _target(site, page, url)
            if not target.is_file() or site.resolve() not in target.parents:
                problems.append(f"{page.relative_to(site)}: {url} (no file)")
                continue
            if parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{page.relative_to(site)}: {url} (no anchor)")
    return problems


def search_docs(site: Path) -> list[dict]:
    """The site's search entries (location, title, text): MkDocs' index, or Pagefind's
    pages cut into one entry per heading, as its sub-results are."""
    mkdocs_index = site / "search" / "search_index.json"
    if mkdocs_index.is_file():
        return json.loads(mkdocs_index.read_text(encoding="utf-8"))["docs"]
    return [doc for fragment in pagefind_fragments(site) for doc in _sections(fragment)]


def pagefind_fragments(site: Path) -> list[dict]:
    """Every page Pagefind indexed: url, content, meta, filters, anchors."""
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{"):]))  # after Pagefind's signature
    assert fragments, f"no search index in {site}"
    return fragments


def _sections(fragment: dict) -> list[dict]:
    words = fragment["content"].split()
    url = fragment["url"].lstrip("/")
    cuts = [(0, url, fragment["meta"].get("title", ""))]
    cuts += [(anchor["location"], f"{url}#{anchor['id']}", anchor["text"]) for anchor in fragment["anchors"]]
    ends = [start for start, _, _ in cuts[1:]] + [len(words)]
    return [
        {"location": location, "title": title, "text": " ".join(words[start:end])}
        for (start, location, title), end in zip(cuts, ends, strict=True)
    ]


def search_text(site: Path) -> str:
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in search_docs(site))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
