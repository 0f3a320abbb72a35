"""The site, built for real: `journeys build` and plain `mkdocs build` of the example
project and of fixture projects; every page, link and search entry checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeys.config import load_settings
from journeys.loading.project import load_project
from site_checks import (
    broken_internal_links,
    mkdocs_build,
    search_docs,
    search_text,
    shop_project,
    snapshot,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")



def test_example_site_has_a_page_for_every_map_and_persona(example_site: Path) -> None:
    settings, _ = load_settings(REPO_ROOT)
    project = load_project(settings).project
    assert project.maps and project.personas
    for journey in project.maps:
        page = read(example_site, f"maps/{journey.id}/index.html")
        assert 'class="journey-diagram"' in page
        svg = (example_site / "maps" / f"{journey.id}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith(("<svg", "<?xml"))
        for _, step in journey.steps():
            assert f'id="step-{step.id}"' in page
    for persona in project.personas:
        assert (example_site / "personas" / persona.id / "index.html").is_file()
    for page in ("index.html", "journeys/pain-points/index.html", "journeys/opportunities/index.html",
                 "journeys/channels/index.html", "journeys/tags/index.html"):
        assert (example_site / page).is_file(), page


def test_example_site_has_no_broken_internal_link(example_site: Path) -> None:
    assert broken_internal_links(example_site) == []


def test_example_site_search_finds_maps_steps_pain_points_and_personas(example_site: Path) -> None:
    settings, _ = load_settings(REPO_ROOT)
    project = load_project(settings).project
    text = search_text(example_site)
    for journey in project.maps:
        assert journey.title.split(":")[0] in text
        for _, step in journey.steps():
            assert step.name in text
            for pain in step.pain_points:
                assert pain.text in text
            for idea in step.opportunities:
                assert idea.text in text
    for persona in project.personas:
        assert persona.name in text


def test_plain_mkdocs_build_gives_the_same_pages(example_site: Path, tmp_path: Path) -> None:
    result = mkdocs_build(REPO_ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    journeys_pages = {p for p in snapshot(example_site) if p.endswith(".html")}
    mkdocs_pages = {p for p in snapshot(tmp_path / "site") if p.endswith(".html")}
    assert journeys_pages == mkdocs_pages
    page = "maps/laptop-purchase/index.html"
    assert read(example_site, page) == read(tmp_path / "site", page)


# --- a fixture project --------------------------------------------------------------


@pytest.fixture
def shop_site(make_project, tmp_path: Path) -> Path:
    root = shop_project(make_project)
    result = mkdocs_build(root, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_map_page_has_the_diagram_and_the_same_content_as_text(shop_site: Path) -> None:
    page = read(shop_site, "maps/laptop/index.html")
    figure = re.search(r'<figure class="journeys-figure".*?</figure>', page, re.S)
    assert figure and 'class="journey-diagram"' in figure.group() and "<figcaption>" in figure.group()
    assert '<a class="journeys-download" href="../laptop.svg" download="laptop.svg">' in page
    assert (shop_site / "maps" / "laptop.svg").is_file()
    expected = (
        "Web shop team", "review", "Find a laptop that lasts", "Opens five tabs", "Why is every page different?",
        "Overwhelmed", "Specification tables disagree with each other", "Side-by-side comparison view",
        "Payment provider fraud check", "Moment of truth", "Cart abandonment", "68%", "50%",
    )  # fmt: skip
    for text in expected:
        assert text in page, text
    assert '<h2 id="stage-discover">Discover</h2>' in page
    assert '<h3 id="step-enters-card-details">' in page
    assert 'Sam Okafor: -2 (Very negative); Pat Lee: +1 (Positive)' in page
    assert '<a href="https://example.org/report" rel="noopener nofollow">' in page
    assert "<li>Usability test 3</li>" in page  # not a URL: text, not a link
    assert 'href="../laptop-future/"' in page  # link to the future-state counterpart
    assert 'href="../laptop/"' in read(shop_site, "maps/laptop-future/index.html")
    assert "<strong>future</strong> journey" in read(shop_site, "maps/laptop-future/index.html")  # narrative


def test_persona_page_lists_profile_body_and_maps_with_sparklines(shop_site: Path) -> None:
    page = read(shop_site, "personas/pat/index.html")
    for text in ("Pat Lee", "Parent buying for a teenager", "I just want it to arrive before school starts.",
                 "Arrives on time", "Delivery windows", "Shops at lunch", "<strong>bus</strong>",
                 "Buys the <em>family's</em> devices."):
        assert text in page, text
    assert 'href="../../maps/laptop/"' in page
    assert 'href="../../maps/laptop-future/"' not in page  # Pat is not in the future map
    sparkline = re.search(r'<svg class="journeys-sparkline".*?</svg>', page, re.S)
    assert sparkline and 'role="img"' in sparkline.group()
    assert 'aria-label="Emotion over 2 steps: starts at 0, ends at +1, lowest 0 at “Compares specifications”"' in page


def test_catalogue_is_the_home_page_and_lists_maps_with_status_and_owner(shop_site: Path) -> None:
    page = read(shop_site, "index.html")
    rows = re.findall(r"<tr class=\"journeys-filter-item\" data-persona=.*?</tr>", page, re.S)
    assert len(rows) == 2  # each map once, however many tags it has
    row = next(row for row in rows if '<a href="maps/laptop/">Buying a laptop online</a>' in row)
    assert "Web shop team" in row and "review" in row
    assert 'href="personas/pat/"' in page


def test_pain_points_are_ordered_by_severity_and_link_to_their_step(shop_site: Path) -> None:
    page = read(shop_site, "journeys/pain-points/index.html")
    high = page.index("Specification tables disagree with each other")
    unrated = page.index("Card form rejects spaces")
    assert high < unrated
    assert 'href="../../maps/laptop/#step-compares-specifications"' in page
    assert 'href="../../maps/laptop/#step-enters-card-details"' in page
    backlog = read(shop_site, "journeys/opportunities/index.html")
    assert backlog.index("Side-by-side comparison view") < backlog.index("Accept wallet payments")


def test_channel_and_tag_indexes(shop_site: Path) -> None:
    channels = read(shop_site, "journeys/channels/index.html")
    assert '<h2 id="channel-web">web</h2>' in channels and '<h2 id="channel-mobile">mobile</h2>' in channels
    assert 'href="../../maps/laptop-future/#step-pays-with-a-wallet"' in channels
    tags = read(shop_site, "journeys/tags/index.html")
    assert '<h2 id="tag-parents">parents</h2>' in tags and 'href="../../personas/pat/"' in tags


def test_maps_and_personas_stay_out_of_the_navigation(shop_site: Path) -> None:
    guide = read(shop_site, "guide/index.html")
    assert "maps/laptop" not in guide and "personas/pat" not in guide
    assert 'href="../journeys/pain-points/"' in guide  # the roll-ups are in the nav


def test_fixture_site_has_no_broken_internal_link(shop_site: Path) -> None:
    assert broken_internal_links(shop_site) == []


def test_search_indexes_text_once_and_not_the_diagram(shop_site: Path) -> None:
    docs = search_docs(shop_site)
    pain = [doc["location"] for doc in docs if "Specification tables disagree" in doc["text"]]
    assert pain and all(location.startswith("maps/laptop/") for location in pain)
    assert "maps/laptop/#step-compares-specifications" in pain
    text = search_text(shop_site)
    assert "Journey map: Buying a laptop online" not in text  # the SVG's own title
    assert "researches on the bus and buys at lunch" in text  # persona body
    assert "data-journeys-late" not in "".join(p.read_text(encoding="utf-8") for p in shop_site.rglob("*.html"))


def test_builds_are_byte_identical(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    fixed_date = {"SOURCE_DATE_EPOCH": "1700000000"}  # MkDocs stamps the home page with the build date
    first = mkdocs_build(root, tmp_path / "one", env=fixed_date)
    second = mkdocs_build(root, tmp_path / "two", env=fixed_date)
    assert first.returncode == second.returncode == 0
    html = lambda site: {k: v for k, v in snapshot(site).items() if k.endswith((".html", ".svg", ".json", ".css"))}  # noqa: E731
    # Pagefind writes its filter index in an arbitrary order, so the index's hashed file
    # names vary (Pagefind/pagefind#638); its pages (the fragments) are stable.
    index = lambda site: {k: v for k, v in html(site).items() if not k.startswith("pagefind/")}  # noqa: E731
    assert index(tmp_path / "one") == index(tmp_path / "two")
    fragments = lambda site: {k: v for k, v in snapshot(site).items() if k.endswith(".pf_fragment")}  # noqa: E731
    assert fragments(tmp_path / "one") == fragments(tmp_path / "two") != {}


def test_project_home_page_moves_the_catalogue(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project, extra={"docs/index.md": "# Our home\n"})
    assert mkdocs_build(root, tmp_path / "site", "--strict").returncode == 0
    assert "Our home" in read(tmp_path / "site", "index.html")
    assert 'href="../maps/laptop/">Buying a laptop online' in read(tmp_path / "site", "journeys/index.html")
    assert broken_internal_links(tmp_path / "site") == []


def test_file_urls_and_an_explicit_nav(make_project, tmp_path: Path) -> None:
    from site_checks import SITE_MKDOCS_YML

    config = SITE_MKDOCS_YML.format(theme="mkdocs") + "use_directory_urls: false\nnav:\n  - Guide: guide.md\n"
    root = shop_project(make_project, extra={"mkdocs.yml": config})
    result = mkdocs_build(root, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert 'href="../maps/laptop.html#step-compares-specifications"' in read(site, "journeys/pain-points.html")
    assert 'href="journeys/pain-points.html"' in read(site, "guide.html")  # a Journeys section was added
    assert broken_internal_links(site) == []


def test_material_theme_build_and_its_search_index(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project, theme="material")
    result = mkdocs_build(root, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    text = search_text(site)
    assert "Specification tables disagree with each other" in text and "Pat Lee" in text
    assert "Journey map: Buying a laptop online" not in text
    css = read(site, "assets/journeys/site.css")
    assert '[data-md-color-scheme="slate"]' in css and "--journeys-background" in css
    assert broken_internal_links(site) == []
