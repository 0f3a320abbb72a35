"""The roll-up filters in a real browser (headless Chromium through Playwright): the
state filter hides future-state items, and without JavaScript every item shows."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


def page_url(site: Path, rollup: str) -> str:
    return (site / "journeys" / rollup / "index.html").as_uri()


def visible_states(page) -> list[str]:
    return page.eval_on_selector_all(
        "tr.journeys-filter-item", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.state)"
    )


@pytest.mark.parametrize("rollup", ["pain-points", "opportunities"])
def test_the_state_filter_hides_future_items(example_site: Path, open_page, rollup: str) -> None:
    page = open_page()
    page.goto(page_url(example_site, rollup))
    before = visible_states(page)
    assert "future" in before and "current" in before
    page.select_option("select[data-filter='state']", "current")
    after = visible_states(page)
    assert after == [state for state in before if state == "current"]
    assert page.locator(".journeys-filter-count").text_content() == f"Showing {len(after)} of {len(before)} " + (
        "pain points" if rollup == "pain-points" else "opportunities"
    )
    if rollup == "opportunities":  # the matrix follows the list
        hidden = page.eval_on_selector_all(
            "a.journeys-matrix-item[data-state='future']", "links => links.map(a => getComputedStyle(a).display)"
        )
        assert hidden and set(hidden) == {"none"}
    page.click("button[type='reset']")
    page.wait_for_function(
        f"document.querySelectorAll('tr.journeys-filter-item:not([style*=none])').length === {len(before)}"
    )


def test_without_javascript_every_item_shows_and_no_filter(example_site: Path, open_page) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(page_url(example_site, "opportunities"))
    assert not page.locator("form.journeys-filters").is_visible()
    rows = page.locator("tr.journeys-filter-item")
    assert rows.count() > 0 and all(rows.nth(i).is_visible() for i in range(rows.count()))


def test_a_point_of_the_matrix_opens_its_step(example_site: Path, open_page) -> None:
    page = open_page()
    page.goto(page_url(example_site, "opportunities"))
    point = page.locator("a.journeys-matrix-item").first
    href = point.get_attribute("href")
    point.locator("text").click()
    page.wait_for_url(lambda url: "/maps/" in url)
    assert page.url.endswith("/maps/" + href.split("/maps/")[1])
