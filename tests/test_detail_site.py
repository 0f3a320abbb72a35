"""Sub-journeys on the site, built for real with plain ``mkdocs build``: the parent page
links to its detail map (step table and inline diagram), the detail map's page says where
it sits, and the journey tree shows maps under the maps they detail."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import project_maker
from journeys.model import DetailLinks, JourneyMap, Project
from journeys.site.tree import tree_rows
from site_checks import PAT_PERSONA, SHOP_MAP, SITE_MKDOCS_YML, broken_internal_links, mkdocs_build

#: The detail map's title carries markup characters: it must stay text everywhere.
PAYMENT_TITLE = 'Paying <b>safely</b> & "fast"'
PAYMENT_MAP = f"""\
title: '{PAYMENT_TITLE}'
personas: [sam]
stages:
  - name: Card
    steps:
      - name: Types the card number
        emotion: -1
  - name: Confirmation
    steps:
      - name: Approves in the banking app
        emotion: 1
"""
GIFT_MAP = """\
title: Buying a laptop as a gift
personas: [pat]
stages:
  - name: Pay
    id: pay
    steps:
      - name: Pays for the gift
        id: pays
        detail: payment
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("detail") / "project"
    mark = "        moment_of_truth: true\n"
    shop = SHOP_MAP.replace(mark, mark + "        detail: payment\n")
    project_maker(root)({
        "mkdocs.yml": SITE_MKDOCS_YML.format(theme="mkdocs"),
        "maps/laptop.yaml": shop,
        "maps/gift.yaml": GIFT_MAP,
        "maps/payment.yaml": PAYMENT_MAP,
        "personas/pat.md": PAT_PERSONA,
        "docs/guide.md": "# Guide\n",
    })  # fmt: skip
    out = root.parent / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


ESCAPED_TITLE = "Paying &lt;b&gt;safely&lt;/b&gt; &amp; &#34;fast&#34;"


def test_the_parent_page_links_the_step_to_its_detail_map(site: Path) -> None:
    page = read(site, "maps/laptop/index.html")
    step = page[page.index('id="step-enters-card-details"') :]
    assert (
        '<tr><th scope="row">Details</th> <td><a class="journeys-detail-link" href="../payment/">'
        f"{ESCAPED_TITLE}</a></td></tr>"
    ) in step
    assert "<b>safely</b>" not in page


def test_the_inline_diagram_links_the_mark_but_the_download_does_not(site: Path) -> None:
    page = read(site, "maps/laptop/index.html")
    linked_mark = (
        r'<a class="detail-link" xmlns:xlink="[^"]*" xlink:href="([^"]*)">\n'
        r'<g class="detail-mark"><title>([^<]*)</title>'
    )
    [link] = re.findall(linked_mark, page)
    assert link == ("../payment/", "Detailed in: Paying &lt;b&gt;safely&lt;/b&gt; &amp; &quot;fast&quot;")
    svg = read(site, "maps/laptop.svg")
    assert 'class="detail-mark"' in svg and "<a " not in svg


def test_the_detail_page_says_where_it_sits_in_every_parent(site: Path) -> None:
    page = read(site, "maps/payment/index.html")
    part_of = re.findall(r"<p>Part of: (.*)</p>", page)
    assert part_of == [
        '<a href="../gift/">Buying a laptop as a gift</a> › <a href="../gift/#stage-pay">Pay</a> › '
        '<a href="../gift/#step-pays">Pays for the gift</a>',
        '<a href="../laptop/">Buying a laptop online</a> › <a href="../laptop/#stage-purchase">Purchase</a> › '
        '<a href="../laptop/#step-enters-card-details">Enters card details</a>',
    ]
    assert "Part of:" not in read(site, "maps/laptop/index.html")


class _TreeDepths(HTMLParser):
    """(list depth, href) of every map link inside the tree's list."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "ul" and (self.depth or values.get("class") == "journeys-tree"):
            self.depth += 1
        elif tag == "a" and self.depth and "#" not in (values.get("href") or "#"):
            self.links.append((self.depth, values["href"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self.depth:
            self.depth -= 1


def test_the_journey_tree_nests_maps_under_every_map_they_detail(site: Path) -> None:
    parser = _TreeDepths()
    parser.feed(read(site, "journeys/tree/index.html"))
    assert parser.links == [
        (1, "../../maps/gift/"),
        (2, "../../maps/payment/"),
        (1, "../../maps/laptop/"),
        (2, "../../maps/payment/"),
    ]
    assert parser.depth == 0  # every list closed
    catalogue = read(site, "index.html")
    assert '<a href="journeys/tree/">Journey tree</a>' in catalogue


def test_every_link_of_the_site_resolves(site: Path) -> None:
    assert broken_internal_links(site) == []


# -- the tree's order, without a build ----------------------------------------------------


def _project(links: dict[str, tuple[str, ...]]) -> Project:
    """Maps ``a``, ``b``...: one step per detail link, titled like their ids."""
    from journeys.issues import Location
    from journeys.model import Stage, Step

    where = Location("maps/x.yaml")
    maps = []
    for map_id in sorted(links):
        steps = tuple(Step(f"s-{t}", f"To {t}", where, detail=t) for t in links[map_id]) or (Step("s", "S", where),)
        maps.append(JourneyMap(map_id, map_id.upper(), where, ("sam",), (Stage("st", "St", where, steps=steps),)))
    return Project(maps=tuple(maps))


def _rows(project: Project) -> list[tuple[int, str, bool]]:
    return [(row.depth, row.journey.id, row.repeated) for row in tree_rows(project.maps, DetailLinks.of(project))]


def test_a_map_under_several_parents_lists_its_own_children_once() -> None:
    project = _project({"a": ("c",), "b": ("c",), "c": ("d",), "d": ()})
    assert _rows(project) == [(0, "a", False), (1, "c", False), (2, "d", False), (0, "b", False), (1, "c", True)]


def test_maps_only_on_a_cycle_still_appear_once_expanded() -> None:
    project = _project({"a": ("b",), "b": ("a",), "top": ()})
    assert DetailLinks.of(project).cycles() == [("a", "b", "a")]
    assert _rows(project) == [(0, "top", False), (0, "a", False), (1, "b", False), (2, "a", True)]


# -- serve: a page is rendered again when what it shows of another map changes ---------------


def _generate(generator, root: Path) -> dict[str, str]:
    from journeys.config import load_settings
    from journeys.loading.project import load_project
    from journeys.site import urls
    from journeys.site.context import SiteContext
    from journeys.site.templates import theme_template_dirs

    settings, _ = load_settings(root)
    ctx = SiteContext(
        project=load_project(settings).project,
        settings=settings,
        template_dirs=theme_template_dirs(settings.root, settings.theme),
        use_directory_urls=True,
        catalogue_uri=urls.HOME_CATALOGUE,
    )
    output = generator.generate(ctx, show_broken=False)
    return {page.src_uri: page.finish(page.html) for page in output.pages}


def test_serve_renders_again_the_pages_that_show_a_renamed_parent_or_detail(make_project) -> None:
    from journeys.site.generate import SiteGenerator

    root = make_project({"maps/gift.yaml": GIFT_MAP, "maps/payment.yaml": PAYMENT_MAP, "personas/pat.md": PAT_PERSONA})
    generator = SiteGenerator()
    _generate(generator, root)
    # Only the parent changes: the detail map's "Part of" shows the new step name.
    (root / "maps" / "gift.yaml").write_text(GIFT_MAP.replace("Pays for the gift", "Pays by card"), encoding="utf-8")
    pages = _generate(generator, root)
    assert generator.rendered_maps == 2
    assert ">Pays by card</a></p>" in pages["maps/payment.md"]
    # Only the detail map changes: the parent's link and mark show its new title.
    payment = PAYMENT_MAP.replace(PAYMENT_TITLE, "Paying")
    (root / "maps" / "payment.yaml").write_text(payment, encoding="utf-8")
    pages = _generate(generator, root)
    assert generator.rendered_maps == 2
    assert ">Paying</a>" in pages["maps/gift.md"] and "Detailed in: Paying<" in pages["maps/gift.md"]
