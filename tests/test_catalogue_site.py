"""The catalogue, evidence coverage and the persona × map matrix in a real MkDocs build
(issue 10, parts 3 and 5). One build for the module."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import project_maker
from site_checks import PAT_PERSONA, SITE_MKDOCS_YML, mkdocs_build
from test_evidence_coverage import EVIDENCE_MAP, SUPPORTED_MAP

#: No evidence at all, Pat's, and a tag that would break out of a quoted attribute.
BARE_MAP = """\
title: Moving house
personas: [pat, sam]
state: future
owner: "Home & <movers>"
status: approved
tags: ["it's <b>", moving]
stages:
  - name: Move
    steps:
      - name: Books a van
        emotion: {pat: -1, sam: 0}
      - name: Packs the kitchen
        emotion: {pat: -2, sam: 1}
"""


def files() -> dict[str, str]:
    return {
        "mkdocs.yml": SITE_MKDOCS_YML.format(theme="mkdocs"),
        "maps/renewal.yaml": EVIDENCE_MAP.replace("personas: [sam]", "personas: [sam]\ntags: [insurance]"),
        "maps/claim.yaml": SUPPORTED_MAP.replace("personas: [sam]", "personas: [sam]\nupdated: 2026-05-01"),
        "maps/moving.yaml": BARE_MAP,
        "personas/pat.md": PAT_PERSONA,
        "docs/guide.md": "# Guide\n",
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue")
    root = project_maker(folder / "project")(files())
    result = mkdocs_build(root, folder / "site", "--strict")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


class _Rows(HTMLParser):
    """Each catalogue row's data attributes (as the browser reads them) and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._in_row = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr" and any(name == "data-persona" for name, _ in attrs):
            self.rows.append({name: value or "" for name, value in attrs} | {"text": ""})
            self._in_row = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._in_row = False

    def handle_data(self, data: str) -> None:
        if self._in_row:
            self.rows[-1]["text"] += data


def catalogue_rows(site: Path) -> list[dict[str, str]]:
    parser = _Rows()
    parser.feed(read(site, "index.html"))
    return parser.rows


def test_catalogue_lists_each_map_once_with_its_filter_values(site: Path) -> None:
    rows = catalogue_rows(site)
    assert [row["text"].strip().split("\n")[0] for row in rows] == [
        "Making a claim", "Moving house", "Renewing a home insurance policy"]  # fmt: skip
    moving = rows[1]
    assert {name: json.loads(moving[f"data-{name}"]) for name in ("persona", "tag", "owner", "status", "state")} == {
        "persona": ["pat", "sam"],
        "tag": ["it's <b>", "moving"],
        "owner": ["Home & <movers>"],
        "status": ["approved"],
        "state": ["future"],
    }
    assert json.loads(rows[0]["data-owner"]) == []


def test_catalogue_shows_coverage_dates_and_a_sparkline_per_persona(site: Path) -> None:
    claim, moving, renewal = (row["text"] for row in catalogue_rows(site))
    assert "3 of 5 steps (60\u00a0%)" in renewal and "1 of 1 step (100\u00a0%)" in claim
    assert "0 of 2 steps (0\u00a0%)" in moving
    assert "1 May 2026 (updated)" in claim  # no git history: the map's own updated: date
    page = read(site, "index.html")
    row = page[page.index('href="maps/moving/"') :]
    row = row[: row.index("</tr>")]
    assert row.count('<svg class="journeys-sparkline"') == 2
    pat = 'aria-label="Pat Lee: Emotion over 2 steps: starts at -1, ends at -2, lowest -2 at “Packs the kitchen”"'
    assert pat in row


def test_catalogue_filters_are_labelled_controls_hidden_until_script_shows_them(site: Path) -> None:
    page = read(site, "index.html")
    form = page[page.index('<form class="journeys-filters"') : page.index("</form>")]
    assert form.startswith(
        '<form class="journeys-filters" data-journeys-filters data-noun="maps" '
        'data-count="Showing {shown} of {total} {noun}" hidden>'
    )
    labels = re.findall(r'<label>(\w+)\n<select data-filter="(\w+)">', form)
    assert labels == [("Persona", "persona"), ("Tag", "tag"), ("Owner", "owner"), ("Status", "status"),
                      ("State", "state")]  # fmt: skip
    persona = form[form.index('data-filter="persona"') : form.index("</select>")]
    assert re.findall(r'<option value="([^"]*)">([^<]*)</option>', persona) == [
        ("", "All"), ("pat", "Pat Lee"), ("sam", "Sam Okafor")]  # fmt: skip
    assert '<option value="it&#39;s &lt;b&gt;">it&#39;s &lt;b&gt;</option>' in form
    assert page.count('<tr class="journeys-filter-item"') == 3
    assert "assets/journeys/sort.js" in page


def test_map_page_shows_its_evidence_coverage(site: Path) -> None:
    assert (
        '<dt>Evidence</dt> <dd class="journeys-coverage">3 of 5 steps (60\u00a0%) · '
        '<a href="../../journeys/evidence/#evidence-renewal">steps without evidence</a></dd>'
    ) in read(site, "maps/renewal/index.html")
    assert '<dd class="journeys-coverage">1 of 1 step (100\u00a0%)</dd>' in read(site, "maps/claim/index.html")


def test_evidence_page_lists_unsupported_steps_worst_map_first(site: Path) -> None:
    page = read(site, "journeys/evidence/index.html")
    assert "Across 3 maps: 4 of 8 steps (50\u00a0%) have evidence." in page
    sections = re.findall(r'<section class="journeys-evidence-map">(.*?)</section>', page, re.S)
    assert [re.search(r"<h2[^>]*>(.*?)</h2>", s).group(1) for s in sections] == [
        "Moving house", "Renewing a home insurance policy"]  # fmt: skip
    listed = [re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', section) for section in sections]
    assert listed == [
        [("../../maps/moving/#step-books-a-van", "Books a van"),
         ("../../maps/moving/#step-packs-the-kitchen", "Packs the kitchen")],
        [("../../maps/renewal/#step-compares-quotes", "Compares quotes"),
         ("../../maps/renewal/#step-accepts-the-new-price", "Accepts the new price")],
    ]  # fmt: skip
    complete = page[page.index('id="fully-supported"') :]
    assert '<a href="../../maps/claim/">Making a claim</a>' in complete


def test_persona_matrix_links_each_cell_to_its_map(site: Path) -> None:
    page = read(site, "journeys/personas-and-maps/index.html")
    header = page[page.index("<thead>") : page.index("</thead>")]
    assert re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a></th>', header) == ["Pat Lee", "Sam Okafor"]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(rows) == 3
    claim = next(row for row in rows if "Making a claim" in row)
    cells = re.findall(r"<td.*?</td>", claim, re.S)
    assert "not on this map" in cells[0]  # Pat is not on the claim map
    assert cells[1].startswith('<td class="journeys-spark-cell"><a href="../../maps/claim/"><svg')
    moving = next(row for row in rows if "Moving house" in row)
    assert moving.count('href="../../maps/moving/"') == 3  # the row header and both personas' cells


def test_new_pages_are_in_the_navigation_and_the_roll_up_links(site: Path) -> None:
    page = read(site, "journeys/pain-points/index.html")
    for href, text in (("../evidence/", "Evidence gaps"), ("../personas-and-maps/", "Personas and maps")):
        assert f'<a href="{href}">{text}</a>' in page  # the roll-up links
        assert re.search(rf'<a href="{re.escape(href)}" class="dropdown-item">\s*{text}', page)  # the nav


def test_example_site_has_evidence_gaps_and_lists_them_in_its_nav(example_site: Path) -> None:
    page = read(example_site, "journeys/evidence/index.html")
    assert page.count('<section class="journeys-evidence-map">') >= 3
    home = read(example_site, "index.html")
    assert "Evidence gaps" in home and "Personas and maps" in home
    assert len(catalogue_rows(example_site)) == len(list((example_site / "maps").glob("*/index.html")))
