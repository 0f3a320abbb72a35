"""User Markdown on the site: raw HTML stays text, only safe links become links."""

from __future__ import annotations

import re

import pytest

from journeys.safety import safe_href
from journeys.site.markdown import markdown_to_html

UNSAFE_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "x-unknown:thing",
]
SAFE_LINKS = [
    "https://example.org/a?b=c#d", "http://example.org", "mailto:team@example.org", "../maps/x/", "notes.md#top",
    "#anchor",
]  # fmt: skip


@pytest.mark.parametrize("url", UNSAFE_LINKS)
def test_unsafe_schemes_are_refused(url: str) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize("url", SAFE_LINKS)
def test_http_mailto_and_relative_links_are_kept(url: str) -> None:
    assert safe_href(url) == url


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT&#x3A;alert(1))",
        "[click](java&#x09;script:alert(1))",
        "<javascript:alert(1)>",
        "![img](javascript:alert(1))",
        "[click][ref]\n\n[ref]: vbscript:msgbox(1)",
        "[click](data:text/html,<script>alert(1)</script>)",
    ],
)
def test_markdown_never_links_an_unsafe_url(source: str) -> None:
    html = markdown_to_html(source)
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert all(safe_href(href) is not None for href in hrefs), html
    assert "javascript:" not in " ".join(hrefs).lower()


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=//evil></iframe>",
        "<!-- comment --><style>body{}</style>",
    ],
)
def test_raw_html_is_shown_as_text(payload: str) -> None:
    html = markdown_to_html(f"Before {payload} after\n\n{payload}\n")
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "<style" not in html and "<!--" not in html and "<a href=\"javascript" not in html
    assert "&lt;" in html  # still visible to the reader, as text


def test_ordinary_markdown_renders() -> None:
    html = markdown_to_html("Some *emphasis*, a [link](https://example.org) and\n\n- a list\n")
    assert "<em>emphasis</em>" in html
    assert '<a href="https://example.org">link</a>' in html
    assert "<li>a list</li>" in html


def test_user_headings_sit_below_the_page_outline() -> None:
    html = markdown_to_html("# Top\n\n## Next\n\n###### Deep\n")
    assert "<h4>Top</h4>" in html and "<h5>Next</h5>" in html and "<h6>Deep</h6>" in html
    assert "<h1" not in html and "<h2" not in html


def test_blank_text_renders_nothing() -> None:
    assert markdown_to_html("  \n") == ""
