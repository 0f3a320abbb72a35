"""Themes: WCAG contrast of the shipped colours, and project overrides."""

from __future__ import annotations

import dataclasses

import pytest
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse

from journeys.render import render_map_svg
from journeys.render.theme import ThemeError, load_theme

#: Text colour -> the fills it is drawn on (every stage band counts as a fill).
TEXT_ON = {
    "text": ["background", "card", "stage_*"],
    "muted": ["background", "card", "stage_*"],
    "channel": ["background", "stage_*"],
    "pain_text": ["pain"],
    "opportunity_text": ["opportunity"],
}


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_every_text_colour_has_at_least_4_5_to_1_on_its_fills(variant: str) -> None:
    settings, _ = load_valid(FIXTURE_PROJECT)
    colours = load_theme(settings).colours(variant)
    failures = []
    for text, fills in TEXT_ON.items():
        for fill in fills:
            names = [n for n in colours if n.startswith(fill[:-1])] if fill.endswith("*") else [fill]
            assert names, fill
            for name in names:
                ratio = contrast(colours[text], colours[name])
                if ratio < 4.5:
                    failures.append(f"{variant}: {text} {colours[text]} on {name} {colours[name]}: {ratio:.2f}")
    assert not failures, failures


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_persona_lines_stand_out_from_the_background(variant: str) -> None:
    """Lines and markers are graphics: WCAG asks 3:1 against what they are drawn on."""
    settings, _ = load_valid(FIXTURE_PROJECT)
    colours = load_theme(settings).colours(variant)
    for name in [n for n in colours if n.startswith("persona_")]:
        for fill in [n for n in colours if n.startswith("stage_")] + ["background"]:
            assert contrast(colours[name], colours[fill]) >= 3, (name, fill)


def test_project_theme_overrides_single_values(make_project) -> None:
    root = make_project({
        "mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: brand\n",
        "themes/brand/theme.yaml": "light:\n  text: '#102030'\nspacing:\n  column_width: 240\n",
        "maps/m.yaml": "title: T\npersonas: [sam]\nstages:\n  - name: S\n    steps:\n      - {name: A, emotion: 1}\n",
    })
    settings, project = load_valid(root)
    theme = load_theme(settings)
    assert theme.colours("light")["text"] == "#102030"
    assert theme.colours("dark")["text"] == "#e6edf3"  # untouched values come from the default
    assert theme.spacing.column_width == 240
    svg = render_map_svg(project.map("m"), project, settings)
    assert "var(--journeys-text,#102030)" in parse(svg).find(f"{SVG_NS}style").text
    default = render_map_svg(project.map("m"), project, dataclasses.replace(settings, theme="default"))
    assert float(parse(svg).get("width")) > float(parse(default).get("width"))


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("light:\n  text: 'red;}</style><script>'\n", "must be a colour"),
        ("font:\n  family: 'x;} body{display:none'\n", "font.family"),
        ("spacing:\n  margin: -3\n", "spacing.margin must be a positive number"),
        ("colour_scheme: 1\n", "unknown theme key 'colour_scheme'"),
        ("persona_markers: [blob]\n", "persona_markers"),
        ("light: [1, 2\n", "cannot read theme"),
    ],
)
def test_bad_theme_values_are_reported_not_rendered(make_project, override: str, message: str) -> None:
    root = make_project({
        "mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: bad\n",
        "themes/bad/theme.yaml": override,
    })
    settings, _ = load_valid(root)
    with pytest.raises(ThemeError, match=message):
        load_theme(settings)
