"""Page details: last change from git, the catalogue's grouping, sparklines, the toc."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from journeys.model import EmotionScale
from journeys.site.context import GeneratedPage
from journeys.site.freshness import describe
from journeys.site.sparkline import sparkline_svg
from journeys.site.toc import headings, toc_from_headings
from site_checks import SITE_MKDOCS_YML, mkdocs_build, shop_project


def git(root: Path, *args: str, date: str = "2026-01-02T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_AUTHOR_EMAIL": "ada@example.org",
           "GIT_COMMITTER_NAME": "Ada Lovelace", "GIT_COMMITTER_EMAIL": "ada@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_map_pages_and_catalogue_show_the_last_change_from_git(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "maps")
    (root / "maps" / "laptop.yaml").write_text((root / "maps" / "laptop.yaml").read_text() + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "touch laptop", date="2026-03-04T09:00:00+00:00")
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    page = (tmp_path / "site" / "maps" / "laptop" / "index.html").read_text(encoding="utf-8")
    assert '<dd class="journeys-last-change">4 March 2026 by Ada Lovelace</dd>' in page
    future = (tmp_path / "site" / "maps" / "laptop-future" / "index.html").read_text(encoding="utf-8")
    assert "2 January 2026 by Ada Lovelace" in future
    catalogue = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<td data-sort-value="2026-03-04">4 March 2026 by Ada Lovelace</td>' in catalogue


def test_without_git_history_there_is_no_last_change(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    assert "Last change" not in (tmp_path / "site" / "maps" / "laptop" / "index.html").read_text(encoding="utf-8")
    catalogue = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert catalogue.count('<td data-sort-value="">—</td>') == 2  # neither map has a date to show


class _Change:
    def __init__(self, date: object, author: str | None) -> None:
        self.date, self.author = date, author


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_Change(dt.datetime(2026, 5, 6, 23, 59, tzinfo=dt.timezone.utc), "Grace"), ("2026-05-06", "Grace")),
        (_Change(dt.date(2026, 5, 6), None), ("2026-05-06", None)),
        (_Change(None, "Grace"), None),
        (None, None),
    ],
)
def test_describe_reads_date_and_author_of_any_change(change: object, expected: tuple | None) -> None:
    described = describe(change)
    assert (described.date, described.author) == expected if expected else described is None


def test_sparkline_is_deterministic_scaled_and_described() -> None:
    scores = [("Start", -2.0), ("Middle", 1.5), ("End", 2.0)]
    svg = sparkline_svg(scores, EmotionScale())
    assert svg == sparkline_svg(list(scores), EmotionScale())
    assert 'points="3,25 60,5.75 117,3"' in svg  # -2 at the bottom, +2 at the top
    assert 'aria-label="Emotion over 3 steps: starts at -2, ends at +2, lowest -2 at “Start”"' in svg
    assert "<circle" in sparkline_svg([("Only", 0.0)], EmotionScale())


def test_toc_nests_headings_and_keeps_names_escaped() -> None:
    toc = toc_from_headings(headings(
        '<h1 id="t">Map &amp; more</h1><h2 id="s">Stage</h2>'
        '<h3 id="x">A &lt;b&gt; step <span class="journeys-badge journeys-moment">Moment of truth</span></h3>'
        '<h2 id="m">Metrics</h2>'
    ))
    (top,) = list(toc)
    assert top.title == "Map &amp; more"
    assert [child.id for child in top.children] == ["s", "m"]
    assert top.children[0].children[0].title == "A &lt;b&gt; step"


def test_a_page_lists_the_headings_of_its_late_parts_where_they_stand() -> None:
    html = (
        '<h1 id="t">T</h1><!--journeys:defer a--><h2 id="late">Late</h2><!--/journeys:defer-->'
        '<h2 id="after">After</h2><!--journeys:defer rows--><tr><td>row</td></tr><!--/journeys:defer-->'
    )
    page = GeneratedPage.from_template_output("x.md", "T", html)
    assert [heading[1] for heading in page.headings] == ["t", "late", "after"]
    assert page.late == (("a", '<h2 id="late">Late</h2>'), ("rows", "<tr><td>row</td></tr>"))
    without = GeneratedPage.from_template_output("x.md", "T", html.replace('<h2 id="late">Late</h2>', ""))
    assert [heading[1] for heading in without.headings] == ["t", "after"]


def test_history_is_read_again_only_when_head_moves(make_project) -> None:
    from journeys.site.freshness import HistoryCache

    root = shop_project(make_project)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "maps")
    cache = HistoryCache()
    first = cache.last_changes(root, ["maps/laptop.yaml"])
    assert describe(first["maps/laptop.yaml"]).date == "2026-01-02"
    assert cache.last_changes(root, ["maps/laptop.yaml"]) is first  # same HEAD: no new git log
    (root / "maps" / "laptop.yaml").write_text(SITE_MKDOCS_YML, encoding="utf-8")
    git(root, "commit", "-q", "-am", "edit", date="2026-02-03T10:00:00+00:00")
    assert describe(cache.last_changes(root, ["maps/laptop.yaml"])["maps/laptop.yaml"]).date == "2026-02-03"
