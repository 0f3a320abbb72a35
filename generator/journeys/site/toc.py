"""The table of contents of a generated page, read back from its HTML headings.

MkDocs' search plugins index a page section by section, one section per heading
whose id is in ``page.toc``; since our HTML never passes through Python-Markdown, the
toc is built here from the h1-h3 headings the templates wrote. The templates are ours
and user text inside them is escaped, so a pattern is enough (and an HTML parser over
a multi-megabyte roll-up would cost seconds per build).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

from mkdocs.structure.toc import TableOfContents, get_toc

_HEADING = re.compile(r'<h(?P<level>[1-3]) id="(?P<id>[^"]+)">(?P<inner>.*?)</h(?P=level)>', re.S)
#: Badges (e.g. "Moment of truth") are decoration, not part of a heading's name.
_BADGE = re.compile(r'<span class="journeys-badge[^"]*">.*?</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


#: (level, id, name as escaped HTML text) of a heading.
Heading = tuple[int, str, str]


def headings(html: str) -> list[Heading]:
    """(level, id, name as escaped HTML text) of every h1-h3 with an id."""
    found = []
    for match in _HEADING.finditer(html):
        text = " ".join(unescape(_TAG.sub("", _BADGE.sub("", match["inner"]))).split())
        found.append((int(match["level"]), unescape(match["id"]), _escape(text)))
    return found


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def toc_from_headings(found: Iterable[Heading]) -> TableOfContents:
    """Nested toc of a page's h1-h3 headings, as :func:`headings` found them (names
    HTML-escaped, as MkDocs expects)."""
    roots: list[dict] = []
    stack: list[dict] = []
    for level, heading_id, name in found:
        token = {"level": level, "id": heading_id, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return get_toc(roots)  # type: ignore[arg-type]
