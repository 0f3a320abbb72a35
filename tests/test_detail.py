"""Sub-journeys: a step's ``detail`` names the map that details it (validation, model, diagram)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from journeys.render import render_map_svg
from render_helpers import SVG_NS, load_valid


def map_text(title: str, *details: str) -> str:
    """A one-stage map; step ``n`` (on line 6 + 2n) names ``details[n]`` on line 7 + 2n."""
    steps = "".join(f"      - name: Step {number}\n        detail: {target}\n" for number, target in enumerate(details))
    steps = steps or "      - name: Only\n"
    return f"title: {title}\npersonas: [sam]\nstages:\n  - name: Buying\n    steps:\n{steps}"


def validate(cli, make_project, maps: dict[str, str]) -> tuple[int, list[str]]:
    root = make_project({f"maps/{map_id}.yaml": text for map_id, text in maps.items()})
    result = cli("validate", root)
    return result.exit_code, result.output.splitlines()


def test_a_detail_naming_another_map_is_valid_and_links_the_maps(cli, make_project) -> None:
    root = make_project({"maps/shop.yaml": map_text("Shop", "checkout"), "maps/checkout.yaml": map_text("Checkout")})
    result = cli("validate", root)
    assert result.exit_code == 0, result.output
    _, project = load_valid(root)
    shop, checkout = project.map("shop"), project.map("checkout")
    step = shop.stages[0].steps[0]
    assert step.detail == "checkout"
    assert (step.detail_location.line, step.detail_location.column) == (7, 17)
    links = project.detail_links()
    assert links.children_of(shop) == (checkout,)
    assert [(p.journey.id, p.stage.name, p.step.name) for p in links.parents_of(checkout)] == [
        ("shop", "Buying", "Step 0")
    ]
    assert links.parents_of(shop) == () and links.cycles() == []


def test_an_unknown_detail_is_an_error_with_a_hint(cli, make_project) -> None:
    code, lines = validate(cli, make_project, {"shop": map_text("Shop", "chekout"), "checkout": map_text("Checkout")})
    assert code == 1
    assert lines[0] == "maps/shop.yaml:7:17: error: unknown map 'chekout' — did you mean 'checkout'?"


def test_a_map_detailing_its_own_step_is_an_error(cli, make_project) -> None:
    code, lines = validate(cli, make_project, {"shop": map_text("Shop", "checkout", "shop"), "checkout": map_text("C")})
    assert code == 1
    assert lines[0] == (
        "maps/shop.yaml:9:17: error: detail names this map itself ('shop'); a step is detailed by another map"
    )
    assert len(lines) == 2  # and the summary


def test_a_three_map_cycle_is_one_error_naming_every_map(cli, make_project) -> None:
    maps = {"a": map_text("A", "b"), "b": map_text("B", "c"), "c": map_text("C", "a")}
    code, lines = validate(cli, make_project, maps)
    assert code == 1
    assert lines == ["maps/a.yaml:7:17: error: detail cycle: a -> b -> c -> a", "4 files checked: 1 error, 0 warnings"]


def test_every_map_on_a_cycle_is_named_once_even_through_shared_maps(cli, make_project) -> None:
    # a -> b -> a and c -> a -> ... -> c: two cycles through 'a'; 'd' only leads into one.
    maps = {
        "a": map_text("A", "b", "c"), "b": map_text("B", "a"), "c": map_text("C", "a"), "d": map_text("D", "c"),
    }  # fmt: skip
    code, lines = validate(cli, make_project, maps)
    assert code == 1
    assert lines[:2] == [
        "maps/a.yaml:7:17: error: detail cycle: a -> b -> a",
        "maps/c.yaml:7:17: error: detail cycle: c -> a -> c",
    ]


def test_a_cycle_is_reported_in_json_with_its_code(cli, make_project) -> None:
    root = make_project({"maps/a.yaml": map_text("A", "b"), "maps/b.yaml": map_text("B", "a")})
    result = cli("validate", root, "--format", "json")
    assert '"code": "detail-cycle"' in result.output


# -- the diagram -----------------------------------------------------------------------


@pytest.fixture
def shop_and_checkout(make_project):
    root = make_project({
        "maps/shop.yaml": map_text("Shop", "checkout"),
        "maps/checkout.yaml": map_text("Checking out <fast> & safely"),
    })  # fmt: skip
    return load_valid(root)


def detail_marks(svg: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter(f"{SVG_NS}g") if g.get("class") == "detail-mark"]


def test_the_diagram_marks_a_detailed_step_with_a_titled_glyph(shop_and_checkout) -> None:
    settings, project = shop_and_checkout
    svg = render_map_svg(project.map("shop"), project, settings)
    [mark] = detail_marks(svg)
    assert mark.find(f"{SVG_NS}title").text == "Detailed in: Checking out <fast> & safely"
    assert "<a " not in svg  # the downloadable file links nowhere: its place on a site is unknown
    desc = ET.fromstring(svg).find(f"{SVG_NS}desc").text
    assert desc.endswith("Steps detailed in maps of their own: “Step 0” in “Checking out <fast> & safely”.")
    assert detail_marks(render_map_svg(project.map("checkout"), project, settings)) == []


def test_the_inline_diagram_links_the_glyph_through_the_safe_link_rule(shop_and_checkout) -> None:
    settings, project = shop_and_checkout
    svg = render_map_svg(project.map("shop"), project, settings, detail_links={"checkout": "../checkout/"})
    [link] = [a for a in ET.fromstring(svg).iter(f"{SVG_NS}a")]
    assert link.get("{http://www.w3.org/1999/xlink}href") == "../checkout/"
    assert link.get("href") is None  # a plain href stops Material's instant navigation (test_material_instant.py)
    assert [child.get("class") for child in link] == ["detail-mark"]
    unsafe = render_map_svg(project.map("shop"), project, settings, detail_links={"checkout": "javascript:alert(1)"})
    assert "<a " not in unsafe and len(detail_marks(unsafe)) == 1
