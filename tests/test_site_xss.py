"""Every text field of a project holds an XSS payload: the built site has none as markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_checks import SITE_MKDOCS_YML, mkdocs_build

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
MD_PAYLOAD = (
    f"Body {PAYLOAD}\n\n[click me](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)\n\n"
    "<a href=\"javascript:alert(1)\">raw link</a>\n\n<svg onload=alert(1)></svg>\n"
)


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def xss_files(theme: str) -> dict[str, str]:
    p = q(PAYLOAD)
    step = lambda n: f"""
      - name: {q(PAYLOAD + f' {n}')}
        touchpoint: {p}
        channel: {p}
        actions: {p}
        thoughts: {p}
        feeling: {p}
        emotion: -1
        pain_points: [{{text: {p}, severity: high}}]
        opportunities: [{{text: {p}, impact: high, effort: low}}]
        backstage: {p}
        owner: {p}
        evidence: [{p}, "javascript&colon;alert(1)", {q('https://example.org/"onmouseover=alert(1)')}]
"""  # noqa: E731
    map_text = f"""---
title: {p}
description: {p}
personas: [evil]
owner: {p}
status: draft
tags: [{p}]
stages:
  - name: {q(PAYLOAD + ' stage')}
    goal: {p}
    description: {p}
    steps:{step(1)}{step(2)}
metrics:
  - {{name: {p}, value: {p}, target: {p}}}
---
{MD_PAYLOAD}"""
    persona = f"""---
name: {p}
role: {p}
quote: {p}
goals: [{p}]
frustrations: [{p}]
behaviours: [{p}]
channels: [{p}]
tags: [{p}]
---
{MD_PAYLOAD}"""
    return {
        "mkdocs.yml": SITE_MKDOCS_YML.format(theme=theme),
        "docs/guide.md": "# Guide\n",
        "maps/evil.md": map_text,
        "personas/evil.md": persona,
        "maps/rejected.yaml": "title: Rejected\npersonas: [evil]\nstages:\n  - name: S\n    steps:\n"
        "      - name: A\n        evidence: ['javascript:alert(1)']\n",
    }


class _Markup(HTMLParser):
    """Collects every element, attribute and script in the built HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.event_handlers: list[str] = []
        self.unsafe_urls: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.event_handlers.append(f"<{tag} {name}={value}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                if squeezed.startswith(("javascript:", "data:text", "vbscript:")):
                    self.unsafe_urls.append(value)
        self._in_script = tag == "script" and not dict(attrs).get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script and "xss" in data:
            self.inline_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_no_payload_becomes_markup(make_project, tmp_path: Path, theme: str) -> None:
    root = make_project(xss_files(theme), personas=False)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert re.search(r"maps/rejected.yaml:7:\d+: error: evidence uses the link scheme .javascript:.", result.stderr)
    site = tmp_path / "site"
    assert not (site / "maps" / "rejected").exists()
    pages = list(site.rglob("*.html")) + list(site.rglob("*.svg"))
    assert (site / "maps" / "evil" / "index.html").is_file() and (site / "personas" / "evil" / "index.html").is_file()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html, page
        parser = _Markup()
        parser.feed(html)
        assert parser.event_handlers == [], (page, parser.event_handlers)
        assert parser.unsafe_urls == [], (page, parser.unsafe_urls)
        assert parser.inline_scripts == [], page
    # The payload is still there for readers, as text, on every page that shows it.
    for page in ("maps/evil/index.html", "personas/evil/index.html", "index.html", "journeys/pain-points/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(" in html, page
    page = (site / "maps" / "evil" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "<" not in title.group(1)
