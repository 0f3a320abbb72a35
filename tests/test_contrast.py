"""Contrast and accessibility of what journeys writes.

In the browser: axe-core (npm; .ci/run installs it into tests/browser-tools/) on every
page type of the example site, in the `mkdocs` theme and Material, light and dark. Only
elements inside journeys' own containers are checked: the host theme's violations are
not journeys' to fix. On paper: the diagram's and the overview's text and lines against
what they are drawn on, from the theme's colours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from example_sites import THEMES, ExampleSite, build_example_site, serve, set_dark
from journeys.config import Settings
from journeys.render.style import TEXT_LOOK
from journeys.render.theme import load_theme
from test_render_theme import contrast

AXE = Path(__file__).resolve().parent / "browser-tools" / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
#: One page of each type journeys writes: a map, a persona, the catalogue, each roll-up, the tree.
PAGES = (
    "maps/laptop-purchase/",
    "personas/sam/",
    "",
    "journeys/pain-points/",
    "journeys/opportunities/",
    "journeys/channels/",
    "journeys/tags/",
    "journeys/metrics/",
    "journeys/tree/",
    "journeys/evidence/",
    "journeys/personas-and-maps/",
)
#: The rules of the page's own elements, scoped to journeys' containers.
RUN_AXE = """async tags => {
  const result = await axe.run({include: [[".journeys"]]}, {runOnly: {type: "tag", values: tags}});
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, target: n.target.join(" "), html: n.html,
    message: (n.any.concat(n.all, n.none)[0] || {}).message || v.help,
  })));
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], ExampleSite]]:
    """``sites(theme)``: the example site built with that theme (once for this module), served."""
    built: dict[str, ExampleSite] = {}
    servers = []

    def site(theme: str) -> ExampleSite:
        if theme not in built:
            folder = build_example_site(tmp_path_factory.mktemp(f"example-{theme}"), theme)
            base, server = serve(folder)
            servers.append(server)
            built[theme] = ExampleSite(folder, base)
        return built[theme]

    yield site
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_wcag_violation_in_what_journeys_writes(open_page, sites, theme: str, dark: bool) -> None:
    pytest.importorskip("playwright.sync_api")
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: (cd tests/browser-tools && npm ci); .ci/run installs it")
    base = sites(theme).base
    page = open_page(viewport={"width": 1400, "height": 900})
    found = {}
    for path in PAGES:
        page.goto(base + path)
        if dark:
            set_dark(page, theme)
        page.add_script_tag(path=str(AXE))
        assert page.locator(".journeys").count() >= 1, path
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
        if violations:
            found[path or "(catalogue)"] = [f"{v['rule']} at {v['target']}: {v['message']}" for v in violations]
    assert not found, found


# -- the diagram's colours, from the theme -------------------------------------------------------

#: Lines and marks that carry meaning (WCAG 1.4.11: 3:1 against what they are drawn on):
#: persona lines and markers, the neutral line, moments of truth, channel marks and the
#: overview's pain marks. (Card borders are not among them: a card's lane names it.)
GRAPHICS = ("persona_*", "baseline", "moment", "channel", "pain_border")


def _names(colours: dict[str, str], pattern: str) -> list[str]:
    names = [n for n in colours if n.startswith(pattern[:-1])] if pattern.endswith("*") else [pattern]
    assert names and all(name in colours for name in names), pattern
    return names


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_diagram_text_has_4_5_to_1_on_every_fill_it_can_sit_on(variant: str) -> None:
    """Every text style of the diagram and the overview on the background and each stage
    band; pain and opportunity text also on their cards."""
    colours = load_theme(Settings(root=Path("."))).colours(variant)
    fills = ["background", *_names(colours, "stage_*")]
    cards = {"pain_text": "pain", "opportunity_text": "opportunity"}
    failures = []
    for style, (colour, _) in TEXT_LOOK.items():
        for fill in fills + ([cards[colour]] if colour in cards else []):
            ratio = contrast(colours[colour], colours[fill])
            if ratio < 4.5:
                failures.append(f"{style} ({colour} {colours[colour]}) on {fill} {colours[fill]}: {ratio:.2f}")
    assert not failures, failures


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_diagram_lines_and_markers_have_3_to_1_against_what_they_are_drawn_on(variant: str) -> None:
    colours = load_theme(Settings(root=Path("."))).colours(variant)
    fills = ["background", *_names(colours, "stage_*")]
    failures = [
        f"{name} {colours[name]} on {fill} {colours[fill]}: {contrast(colours[name], colours[fill]):.2f}"
        for pattern in GRAPHICS
        for name in _names(colours, pattern)
        for fill in fills
        if contrast(colours[name], colours[fill]) < 3
    ]
    assert not failures, failures
