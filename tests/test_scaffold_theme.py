"""The example theme, themes/brand/: the example site uses it, its colours are readable,
and its template is the default's with one visible change."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from journeys.config import load_settings
from journeys.render.theme import load_theme
from test_render_theme import TEXT_ON, contrast

REPO_ROOT = Path(__file__).resolve().parent.parent
BRAND = REPO_ROOT / "themes" / "brand"
DEFAULT_TEMPLATES = REPO_ROOT / "generator" / "journeys" / "themes" / "default" / "templates"



def test_the_example_site_uses_the_brand_theme_over_the_default() -> None:
    settings, issues = load_settings(REPO_ROOT)
    assert settings.theme == "brand" and issues == []
    brand, default = load_theme(settings), load_theme(dataclasses.replace(settings, theme="default"))
    overrides = YAML(typ="safe", pure=True).load((BRAND / "theme.yaml").read_text(encoding="utf-8"))
    assert brand.font.family == overrides["font"]["family"] != default.font.family
    for variant in ("light", "dark"):
        assert overrides[variant]  # a palette of its own, in both variants
        for name, colour in overrides[variant].items():
            assert brand.colours(variant)[name] == colour != default.colours(variant)[name], (variant, name)
    assert brand.colours("light")["text"] == default.colours("light")["text"]  # the rest is the default's


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_brand_text_and_lines_keep_their_contrast(variant: str) -> None:
    colours = load_theme(load_settings(REPO_ROOT)[0]).colours(variant)
    failures = []
    for text, fills in TEXT_ON.items():
        for fill in fills:
            for name in [n for n in colours if n.startswith(fill[:-1])] if fill.endswith("*") else [fill]:
                if contrast(colours[text], colours[name]) < 4.5:
                    failures.append(f"{text} on {name}")
    for line in [n for n in colours if n.startswith("persona_")]:
        for fill in [n for n in colours if n.startswith("stage_")] + ["background"]:
            if contrast(colours[line], colours[fill]) < 3:
                failures.append(f"{line} on {fill}")
    assert failures == []


def test_the_brand_map_template_is_the_default_with_one_added_strip() -> None:
    """When the default map.html changes, carry the change into themes/brand/templates/map.html."""
    default = (DEFAULT_TEMPLATES / "map.html").read_text(encoding="utf-8").splitlines()
    brand = (BRAND / "templates" / "map.html").read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(default, brand) if line[:2] in ("- ", "+ ")]
    assert [line for line in changes if line.startswith("- ")] == [], "the brand copy lost lines of the default"
    added = "\n".join(line[2:] for line in changes)
    assert added.startswith("{#") and 'class="journeys-brand-strip"' in added


def test_the_built_example_site_shows_the_brand(example_site: Path) -> None:
    page = (example_site / "maps" / "laptop-purchase" / "index.html").read_text(encoding="utf-8")
    assert 'class="journeys-brand-strip"' in page
    assert "Customer journey · current state · approved</p>" in page
    svg = (example_site / "maps" / "laptop-purchase.svg").read_text(encoding="utf-8")
    assert "'Source Sans 3', 'DejaVu Sans Condensed'" in svg and "#c8efe9" in svg
    # The palette reaches the page's custom properties too (for the strip and the tables).
    css = next(p for p in example_site.rglob("*.css") if "--journeys-stage-1" in p.read_text(encoding="utf-8"))
    assert "--journeys-stage-1: #c8efe9;" in css.read_text(encoding="utf-8")
