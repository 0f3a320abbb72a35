"""Per-persona texts on the map page and in search: each after the persona's marker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import project_maker
from journeys.cli import main
from site_checks import search_docs, shop_project

MAP = """\
title: Choosing a laptop together
personas: [sam, pat]
stages:
  - name: Discover
    steps:
      - name: Compares models
        actions: Opens five tabs
        thoughts:
          sam: Which of these has a good battery?
          pat: "<script>alert(1)</script> Will it survive being dropped?"
        emotion: {sam: 0, pat: -1}
        feeling: {sam: Overwhelmed, pat: Worried}
      - name: Reads reviews
        emotion: {sam: 1}
        feeling: {pat: Reassured}
      - name: Orders
        emotion: 1
        feeling: Relieved
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("persona-text")
    root = shop_project(project_maker(base / "project"), extra={"maps/together.yaml": MAP})
    site = base / "site"
    result = CliRunner().invoke(main, ["build", str(root), "--site-dir", str(site)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return site


def step_rows(site: Path, step_id: str) -> dict[str, str]:
    """The step table's rows: header -> the cell's HTML."""
    page = (site / "maps" / "together" / "index.html").read_text(encoding="utf-8")
    table = page.split(f'<h3 id="step-{step_id}">', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<tr><th scope="row">(.*?)</th>\s*<td>(.*?)</td></tr>', table))


def as_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_each_persona_thought_is_listed_after_their_marker_and_name(site: Path) -> None:
    rows = step_rows(site, "compares-models")
    assert rows["Actions"] == "Opens five tabs"  # one text for both: no list, no marker
    items = re.findall(r"<li>(.*?)</li>", rows["Thoughts"])
    assert [as_text(item) for item in items] == [
        "Sam Okafor: Which of these has a good battery?",
        "Pat Lee: &lt;script&gt;alert(1)&lt;/script&gt; Will it survive being dropped?",
    ]
    sam, pat = items
    # The diagram's markers: Sam's circle in the first persona colour, Pat's square in the second.
    assert re.match(r'<svg class="journeys-persona-mark" aria-hidden="true" [^>]*'
                    r'style="fill:var\(--journeys-persona-1,#0969da\)"><circle ', sam)  # fmt: skip
    assert re.match(r'<svg class="journeys-persona-mark" aria-hidden="true" [^>]*'
                    r'style="fill:var\(--journeys-persona-2,#cf222e\)"><path d="M', pat)  # fmt: skip
    assert '<span class="journeys-persona-name">Pat Lee:</span>' in pat


def test_each_persona_feeling_goes_with_their_score(site: Path) -> None:
    rows = step_rows(site, "compares-models")
    assert [as_text(item) for item in re.findall(r"<li>(.*?)</li>", rows["Emotion"])] == [
        "Sam Okafor: 0 (Neutral) — Overwhelmed",
        "Pat Lee: -1 (Negative) — Worried",
    ]
    rows = step_rows(site, "reads-reviews")  # Sam has a score, Pat a feeling only
    assert [as_text(item) for item in re.findall(r"<li>(.*?)</li>", rows["Emotion"])] == [
        "Sam Okafor: +1 (Positive)",
        "Pat Lee: Reassured",
    ]
    rows = step_rows(site, "orders")  # one feeling for both: the row reads as before
    assert rows["Emotion"] == "Sam Okafor: +1 (Positive); Pat Lee: +1 (Positive) — Relieved"


def test_search_finds_each_personas_text_with_their_name(site: Path) -> None:
    (entry,) = [doc for doc in search_docs(site) if doc["location"] == "maps/together/#step-compares-models"]
    assert "Sam Okafor: Which of these has a good battery?" in entry["text"]
    assert "Pat Lee: -1 (Negative) — Worried" in entry["text"]
    assert "persona-mark" not in entry["text"]
