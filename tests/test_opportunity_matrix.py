"""The opportunity backlog's matrix and the roll-ups' state column (issue 10).

The example site is built once (the ``example_site`` session fixture); its matrix is read
back as XML and every rated opportunity of the example maps must be a point inside the
quadrant an independent statement of the rule gives it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import REPO_ROOT
from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.model import Opportunity, Project
from journeys.site import urls
from journeys.site.context import SiteContext
from journeys.site.matrix import MatrixPoint, matrix_svg
from journeys.site.rollups import metrics_page
from journeys.site.rows import map_rows
from journeys.site.summaries import Summaries
from journeys.site.templates import theme_template_dirs

SVG = "{http://www.w3.org/2000/svg}"


def expected_quadrant(opportunity: Opportunity) -> str:
    """The rule as the docs state it: only a high rating counts as high."""
    high_impact, high_effort = opportunity.impact == "high", opportunity.effort == "high"
    return {
        (True, False): "quick-wins", (True, True): "big-bets", (False, False): "fillers", (False, True): "money-pits"
    }[(high_impact, high_effort)]  # fmt: skip


def example_project() -> Project:
    settings, _ = load_settings(REPO_ROOT)
    return load_project(settings).project


def rated_and_unrated(project: Project) -> tuple[list[tuple], list[tuple]]:
    rated, unrated = [], []
    for journey in project.maps:
        for _, step in journey.steps():
            for idea in step.opportunities:
                target = rated if idea.impact and idea.effort else unrated
                target.append((journey, step, idea))
    return rated, unrated


@pytest.fixture(scope="module")
def backlog(example_site: Path) -> str:
    return (example_site / "journeys" / "opportunities" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def matrix(backlog: str) -> ET.Element:
    match = re.search(r'<svg class="journeys-matrix".*?</svg>', backlog, re.S)
    assert match, "the backlog page has no matrix"
    return ET.fromstring(match.group())


def inside(rect: ET.Element, x: float, y: float) -> bool:
    left, top = float(rect.get("x", 0)), float(rect.get("y", 0))
    return left <= x <= left + float(rect.get("width", 0)) and top <= y <= top + float(rect.get("height", 0))


def test_every_rated_opportunity_is_a_point_in_its_quadrant(matrix: ET.Element) -> None:
    project = example_project()
    rated, unrated = rated_and_unrated(project)
    assert len(rated) >= 2 * len(unrated) > 0, "the example maps should rate most opportunities, not all"
    quadrants = {
        rect.get("class", "").split("journeys-quadrant-")[1]: rect
        for rect in matrix.iter(f"{SVG}rect")
        if "journeys-quadrant-" in rect.get("class", "")
    }
    assert set(quadrants) == {"quick-wins", "big-bets", "fillers", "money-pits"}
    points = {}
    for link in matrix.iter(f"{SVG}a"):
        circle = link.find(f"{SVG}circle")
        title = link.findtext(f"{SVG}title") or ""
        points[title.split(" (")[0]] = (link.get("href"), float(circle.get("cx")), float(circle.get("cy")))
    assert len(points) == len(rated)
    for journey, step, idea in rated:
        href, x, y = points[idea.text]
        assert inside(quadrants[expected_quadrant(idea)], x, y), idea.text
        assert href == f"../../maps/{journey.id}/#step-{step.id}"
    # Every quadrant of the example holds at least one opportunity: the matrix means something.
    assert all(any(inside(rect, x, y) for _, x, y in points.values()) for rect in quadrants.values())


def test_points_in_one_cell_do_not_overlap(matrix: ET.Element) -> None:
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in matrix.iter(f"{SVG}circle")]
    assert len(set(centres)) == len(centres)
    assert any(x1 == x2 for i, (x1, _) in enumerate(centres) for x2, _ in centres[i + 1 :]), "no shared cell"


def test_the_matrix_is_an_accessible_image(matrix: ET.Element) -> None:
    assert matrix.get("role") == "group"  # its points are links, which an image would hide
    title_id, desc_id = matrix.get("aria-labelledby", "").split()
    assert matrix.find(f"{SVG}title").get("id") == title_id
    desc = matrix.find(f"{SVG}desc")
    assert desc.get("id") == desc_id and "quick wins" in desc.text and "big bets" in desc.text


def test_opportunities_without_both_ratings_are_listed_apart(backlog: str, matrix: ET.Element) -> None:
    _, unrated = rated_and_unrated(example_project())
    apart = backlog[backlog.index('id="not-rated"') :]
    titles = " ".join(link.findtext(f"{SVG}title") or "" for link in matrix.iter(f"{SVG}a"))
    for _, _, idea in unrated:
        assert f"<td>{escape(idea.text)}</td>" in apart
        assert idea.text not in titles


def test_user_text_in_the_matrix_is_escaped() -> None:
    point = MatrixPoint('<script>"x" & y</script>', "high", "low", "m", "s", "A <b> › B", "current", ("sam",))
    svg = matrix_svg([point], lambda _: 'x" onmouseover="alert(1)')
    tree = ET.fromstring(svg)  # well-formed: nothing broke out of its attribute or element
    link = next(tree.iter(f"{SVG}a"))
    assert link.get("href") == 'x" onmouseover="alert(1)' and link.get("onmouseover") is None
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_roll_ups_have_a_state_column_marking_future_items(example_site: Path) -> None:
    future_pains = [
        pain.text for journey in example_project().maps if journey.state == "future"
        for _, step in journey.steps() for pain in step.pain_points
    ]  # fmt: skip
    assert future_pains
    page = (example_site / "journeys" / "pain-points" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col" data-sort-type="text">State</th>' in page
    for text in future_pains:
        row = next(r for r in re.findall(r"<tr [^>]*>.*?</tr>", page, re.S) if f"<td>{escape(text)}</td>" in r)
        assert 'data-state="future"' in row and row.endswith('<td class="journeys-state-future">future</td></tr>')
    # Without JavaScript the filters are hidden: the page is the full list.
    assert re.search(r'<form class="journeys-filters"[^>]* hidden>', page)


# -- the metrics roll-up -----------------------------------------------------------------


def metric_map(title: str, metrics: str) -> str:
    head = f"title: {title}\npersonas: [sam]\nstages:\n  - name: Buy\n    steps:\n      - name: Pays\n"
    return f"{head}metrics:\n{metrics}"


def test_the_metrics_roll_up_lists_off_target_first(make_project) -> None:
    root = make_project({
        "maps/a.yaml": metric_map("Alpha", (
            "  - {name: On target, value: 40%, target: 50%, direction: down}\n"
            "  - {name: Slightly off, value: 55%, target: 50%, direction: down}\n"
            "  - {name: As text, value: Weekly, target: Daily}\n"
            "  - {name: Far off, value: 90%, target: 10%, direction: down}\n"
        )),
        "maps/b.yaml": metric_map("Beta", (
            "  - {name: No direction, value: 5, target: 3}\n"
            "  - {name: Half off, value: 9 min, target: 3 min, direction: down}\n"
        )),
    })  # fmt: skip
    settings, _ = load_settings(root)
    project = load_project(settings).project
    ctx = SiteContext(project, settings, theme_template_dirs(root, settings.theme), True, urls.HOME_CATALOGUE)
    page = metrics_page(ctx, {journey.id: map_rows(ctx, journey) for journey in project.maps}, Summaries())
    names = re.findall(r"<tr class=\"journeys-[a-z-]+\"><td>([^<]+)</td>", page.finish(page.html))
    assert names == ["Far off", "Half off", "Slightly off", "As text", "No direction", "On target"]
