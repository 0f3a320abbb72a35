"""What the site's search is given: the Pagefind index (the default) and, for a site
that keeps MkDocs' own search, the journeys entries of its index."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from conftest import project_maker
from issue_helpers import VALID_MAP, errors
from journeys.publish import pagefind
from site_checks import mkdocs_build, pagefind_fragments, search_docs, shop_project
from test_plugin_serve import Preview, edit

LAPTOP_FACETS = {
    "persona": ["Sam Okafor", "Pat Lee"],
    "stage": ["Discover", "Purchase"],
    "channel": ["web", "mobile"],
    "state": ["current"],
    "status": ["review"],
    "tag": ["ecommerce", "students"],
    "severity": ["high"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """``built(theme, search)``: the shop project's site, built once per combination."""
    sites: dict[tuple[str, str | None], Path] = {}

    def build(theme: str = "mkdocs", search: str | None = None) -> Path:
        if (theme, search) not in sites:
            folder = tmp_path_factory.mktemp(f"index-{theme}-{search}")
            root = shop_project(project_maker(folder / "project"), theme=theme, search=search)
            result = mkdocs_build(root, folder / "site")
            assert result.returncode == 0, result.stderr
            sites[theme, search] = folder / "site"
        return sites[theme, search]

    return build


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def fragment(site: Path, url: str) -> dict:
    (found,) = [page for page in pagefind_fragments(site) if page["url"] == url]
    return found


def test_pagefind_indexes_a_map_page_with_its_facets_steps_and_labels_apart(built) -> None:
    site = built()
    laptop = fragment(site, "/maps/laptop/")
    assert laptop["meta"]["title"] == "Buying a laptop online"
    assert laptop["filters"] == LAPTOP_FACETS
    assert {
        key: value for key, value in laptop["anchors"][2].items() if key != "location"
    } == {"element": "h3", "id": "step-compares-specifications", "text": "Compares specifications"}
    content = laptop["content"]
    assert "State current Status review" in content and "Touchpoint Product pages. Channel web" in content
    assert "Journey diagram of" not in content and "Journey map: Buying" not in content  # the figure


def test_pagefind_keeps_roll_up_rows_out_and_the_search_plugin_idle(built) -> None:
    site = built()
    assert "Specification tables disagree" not in fragment(site, "/journeys/pain-points/")["content"]
    assert "How we map journeys." in fragment(site, "/guide/")["content"]  # the site's own pages too
    assert not (site / "search" / "search_index.json").exists()
    page = read(site, "guide/index.html")
    assert "search/main.js" not in page and 'src="../assets/journeys/search.js"' in page


def test_pagefind_in_material_stops_its_search_loading_an_index(built) -> None:
    site = built("material")
    page = read(site, "index.html")
    assert '<form class="md-search__form">' in page and 'name="search"' not in page
    assert 'src="assets/journeys/search.js"' in page
    assert not (site / "search" / "search_index.json").exists()
    assert fragment(site, "/maps/laptop/")["filters"] == LAPTOP_FACETS


def test_pagefind_sites_ship_no_search_scripts_that_nothing_loads(built) -> None:
    # The built-in plugin's scripts (its main.js, worker and lunr.js) came with its
    # theme folder; Material's lunr languages are loaded only by its worker, for an index.
    assert not (built() / "search").exists()
    material = built("material")
    assert not (material / "assets" / "javascripts" / "lunr").exists()
    assert list((material / "assets" / "javascripts" / "workers").glob("search.*.min.js"))  # its bundle starts it
    builtin = built("mkdocs", "mkdocs") / "search"
    assert {path.name for path in builtin.iterdir()} >= {"main.js", "worker.js", "lunr.js"}


def test_facets_come_from_the_model_whatever_the_projects_map_template(example_site: Path) -> None:
    # The example's brand theme has its own map.html, without any search attribute.
    page = fragment(example_site, "/maps/click-and-collect/")
    assert page["filters"]["persona"] == ["Dev Mistry"] and page["filters"]["state"] == ["current"]


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_mkdocs_search_gets_each_journeys_page_once_with_its_map_named(built, theme: str) -> None:
    site = built(theme, "mkdocs")
    assert not (site / "pagefind").exists()
    docs = search_docs(site)
    (step,) = [doc for doc in docs if doc["location"] == "maps/laptop/#step-compares-specifications"]
    assert step["title"] == "Buying a laptop online › Discover › Compares specifications"
    assert "Touchpoint Product pages" in step["text"]
    assert [doc["location"] for doc in docs if "Specification tables disagree" in doc["text"]] == [step["location"]]
    stage = next(doc for doc in docs if doc["location"] == "maps/laptop/#stage-discover")
    assert stage["title"] == "Buying a laptop online › Discover"
    assert all("StateCurrent" not in doc["text"] and "Statecurrent" not in doc["text"] for doc in docs)


def test_mkdocs_search_keeps_the_page_text_of_the_sites_own_pages(built) -> None:
    docs = search_docs(built("mkdocs", "mkdocs"))
    (guide,) = [doc for doc in docs if doc["location"] == "guide/"]
    assert "How we map journeys." in guide["text"]
    (laptop,) = [doc for doc in docs if doc["location"] == "maps/laptop/"]
    assert laptop == {"location": "maps/laptop/", "title": "Buying a laptop online", "text": ""}


def test_without_a_search_plugin_journeys_adds_no_search(make_project, tmp_path: Path) -> None:
    config = "site_name: Test journeys\nplugins:\n  - journeys\n"
    root = shop_project(make_project, extra={"mkdocs.yml": config})
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    assert not (tmp_path / "site" / "pagefind").exists()
    assert "search.js" not in read(tmp_path / "site", "index.html")


def test_a_failing_pagefind_fails_the_build_with_its_reason(make_project, tmp_path: Path) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    root = shop_project(make_project)
    result = mkdocs_build(root, tmp_path / "site", env={"PAGEFIND_BINARY_PATH": str(broken)})
    assert result.returncode == 1
    assert "Pagefind could not index the site: Error: the disk is full" in result.stderr


def test_the_search_option_is_checked(make_project) -> None:
    config = "site_name: Journeys\nplugins:\n  - search\n  - journeys:\n      search: lunr\n"
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [
        "mkdocs.yml:5:7: error: journeys option 'search': Expected one of: ('pagefind', 'mkdocs') but received: 'lunr'"
    ]


def test_a_preview_rebuild_reindexes_the_edited_page_and_keeps_the_others(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    session = Preview(root, tmp_path / "site")
    try:
        session.rebuild()
        edit(root / "maps" / "laptop.yaml", "Opens five tabs", "Opens six tabs")
        session.rebuild()
    finally:
        session.close()  # waits for the index, which a preview builds in the background
    text = json.dumps(pagefind_fragments(session.site))
    assert "Opens six tabs" in text and "Opens five tabs" not in text
    assert "Buying a laptop, the way we want it" in text and "How we map journeys." in text


@pytest.mark.parametrize("configured", ["pagefind.yml", "PAGEFIND_SERVE"])
def test_pagefind_ignores_a_pagefind_configuration_that_would_keep_it_serving(
    configured: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A project's pagefind.yml (Pagefind reads one in its working directory) or a shell's
    # PAGEFIND_SERVE made Pagefind serve the site after indexing it: the build hung.
    monkeypatch.chdir(tmp_path)
    if configured == "pagefind.yml":
        (tmp_path / "pagefind.yml").write_text("serve: true\nglob: none/*.html\n", encoding="utf-8")
    else:
        monkeypatch.setenv(configured, "true")
    monkeypatch.setattr(pagefind, "TIMEOUT_SECONDS", 20)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "index.html").write_text("<html><body><p>A quokka.</p></body></html>", encoding="utf-8")
    pagefind.run_pagefind(pages, tmp_path / "site" / "pagefind")
    assert list((tmp_path / "site" / "pagefind" / "fragment").iterdir())  # the page, indexed
