"""Where every generated page and asset lives in the site.

These source URIs are part of the published contract (``maps/<id>/``,
``personas/<id>/``...): links to them must keep working, so they are defined once here.
Pages link to each other with URLs relative to the page, computed the way MkDocs
computes a page's URL, so the site works from any folder and with
``use_directory_urls: false``.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.utils import get_relative_url

ROLLUP_DIR = "journeys"
HOME_CATALOGUE = "index.md"
NESTED_CATALOGUE = f"{ROLLUP_DIR}/index.md"
PAIN_POINTS = f"{ROLLUP_DIR}/pain-points.md"
OPPORTUNITIES = f"{ROLLUP_DIR}/opportunities.md"
CHANNELS = f"{ROLLUP_DIR}/channels.md"
TAGS = f"{ROLLUP_DIR}/tags.md"
EVIDENCE = f"{ROLLUP_DIR}/evidence.md"
PERSONA_MATRIX = f"{ROLLUP_DIR}/personas-and-maps.md"
METRICS = f"{ROLLUP_DIR}/metrics.md"
JOURNEY_TREE = f"{ROLLUP_DIR}/tree.md"
ROLLUPS = (PAIN_POINTS, OPPORTUNITIES, CHANNELS, TAGS, METRICS, JOURNEY_TREE, EVIDENCE, PERSONA_MATRIX)
ASSET_DIR = "assets/journeys"
SITE_CSS = f"{ASSET_DIR}/site.css"
SORT_JS = f"{ASSET_DIR}/sort.js"
#: The whole project as ``journeys export json`` writes it, for other tools to read.
PROJECT_JSON = "journeys.json"

#: The pain-point and opportunity roll-ups as spreadsheets, offered for download on their pages.
PAIN_POINTS_CSV = f"{ROLLUP_DIR}/pain-points.csv"
OPPORTUNITIES_CSV = f"{ROLLUP_DIR}/opportunities.csv"


def map_page(map_id: str) -> str:
    return f"maps/{map_id}.md"


def map_svg(map_id: str) -> str:
    return f"maps/{map_id}.svg"


def map_download(map_id: str, kind: str) -> str:
    """The map's diagram as a ``png`` or ``pdf`` file."""
    return f"maps/{map_id}.{kind}"


def persona_page(persona_id: str) -> str:
    return f"personas/{persona_id}.md"


def step_anchor(step_id: str) -> str:
    return f"step-{step_id}"


def stage_anchor(stage_id: str) -> str:
    return f"stage-{stage_id}"


def slug(text: str) -> str:
    """An anchor for a tag or channel name (kept readable; never empty)."""
    cleaned = "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
    return cleaned or "x"


def url_of(src_uri: str, use_directory_urls: bool) -> str:
    """The site URL MkDocs gives the file ``src_uri`` (same rules as ``File.url``)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return "./"
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


@dataclass(frozen=True)
class Linker:
    """Relative hrefs from one page to other generated pages and assets."""

    page_uri: str
    use_directory_urls: bool
    catalogue_uri: str

    def to(self, src_uri: str, anchor: str | None = None) -> str:
        here = url_of(self.page_uri, self.use_directory_urls)
        target = url_of(src_uri, self.use_directory_urls)
        href = get_relative_url(target, here)
        if target.endswith("/") and not href.endswith("/"):
            href += "/"
        return f"{href}#{anchor}" if anchor else href

    def map(self, map_id: str, step_id: str | None = None) -> str:
        return self.to(map_page(map_id), step_anchor(step_id) if step_id else None)

    def persona(self, persona_id: str) -> str:
        return self.to(persona_page(persona_id))

    def catalogue(self) -> str:
        return self.to(self.catalogue_uri)

    def rollup(self, src_uri: str, anchor: str | None = None) -> str:
        return self.to(src_uri, anchor)
