"""User-written Markdown (persona bodies, map narratives) to safe HTML.

MkDocs' Python-Markdown passes raw HTML such as ``<script>`` straight through, so user
text never reaches it. markdown-it-py renders it here instead, with raw HTML off (tags
come out as visible, escaped text) and links limited to http, https, mailto and
relative URLs; anything else (``javascript:``, ``data:``, ``vbscript:``...) is left as
plain text. The result is inserted into the page after MkDocs' own Markdown step.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from journeys.safety import safe_href

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

#: User headings sit below the page's own h1/h2/h3 structure.
LOWEST_USER_HEADING = 4


def _demote_headings(state: StateCore) -> None:
    """``# Heading`` in a persona body becomes an h4, so the page outline stays ours."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + LOWEST_USER_HEADING - 1)
            token.tag = f"h{level}"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: safe_href(url) is not None  # type: ignore[method-assign]
    md.core.ruler.push("journeys_demote_headings", _demote_headings)
    return md


def markdown_to_html(text: str) -> str:
    """HTML for user Markdown; raw HTML is escaped and unsafe links are not linked."""
    if not text.strip():
        return ""
    return _parser().render(text)
