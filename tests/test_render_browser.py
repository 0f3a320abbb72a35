"""The diagram in a real browser: no text box overlaps another or leaves the drawing.

Runs the system Chromium headless through Playwright (never a downloaded browser);
skipped with the reason when Chromium is not installed.
"""

from __future__ import annotations

import pytest

from journeys.render.theme import load_theme
from render_helpers import FIXTURE_PROJECT, load_valid, render

pytestmark = pytest.mark.browser

#: Every <text> box, the drawing's box, and pairs of text boxes that overlap.
MEASURE = """() => {
  const svg = document.querySelector('svg.journey-diagram');
  const frame = svg.getBoundingClientRect();
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  });
  const slack = 0.5;
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const overlapX = a.left < b.right - slack && b.left < a.right - slack;
      const overlapY = a.top < b.bottom - slack && b.top < a.bottom - slack;
      if (overlapX && overlapY) {
        overlaps.push([a.text, b.text]);
      }
    }
  }
  const outside = boxes.filter(b => b.left < frame.left - slack || b.right > frame.right + slack
                                    || b.top < frame.top - slack || b.bottom > frame.bottom + slack).map(b => b.text);
  return {count: boxes.length, overlaps, outside};
}"""


def page_with(browser, svg: str, scheme: str = "light"):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1600, "height": 1000})
    page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}</body>")
    return page


@pytest.mark.parametrize(
    ("map_id", "compare"), [("stress", False), ("checkout", False), ("checkout-future", True), ("term-laptop", False)]
)
def test_no_text_overlaps_or_leaves_the_drawing(browser, map_id: str, compare: bool) -> None:
    page = page_with(browser, render(FIXTURE_PROJECT, map_id, compare=compare))
    try:
        result = page.evaluate(MEASURE)
    finally:
        page.close()
    assert result["count"] > 20
    assert result["overlaps"] == []
    assert result["outside"] == []


def test_dark_scheme_switches_colours_and_a_host_page_can_override_them(browser) -> None:
    svg = render(FIXTURE_PROJECT, "checkout")
    settings, _ = load_valid(FIXTURE_PROJECT)
    theme = load_theme(settings)
    fill = "() => getComputedStyle(document.querySelector('svg .t-body')).fill"
    seen = {}
    for scheme in ("light", "dark"):
        page = page_with(browser, svg, scheme)
        seen[scheme] = page.evaluate(fill)
        page.evaluate("() => document.body.style.setProperty('--journeys-text', 'rgb(1, 2, 3)')")
        assert page.evaluate(fill) == "rgb(1, 2, 3)"
        page.close()
    light, dark = (theme.colours(v)["text"] for v in ("light", "dark"))
    as_rgb = lambda hex_: "rgb({}, {}, {})".format(*(int(hex_[i : i + 2], 16) for i in (1, 3, 5)))  # noqa: E731
    assert seen == {"light": as_rgb(light), "dark": as_rgb(dark)}


def test_diagram_scales_down_to_a_phone(browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.set_content(f"<!doctype html><body style='margin:0'>{render(FIXTURE_PROJECT, 'checkout')}</body>")
    width = page.evaluate("() => document.querySelector('svg').getBoundingClientRect().width")
    page.close()
    assert width <= 390
