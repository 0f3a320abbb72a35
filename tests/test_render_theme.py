"""Themes: WCAG contrast of the shipped colours, and project overrides."""

from __future__ import annotations

import dataclasses

import pytest

from journeys.config import Settings, load_settings
from journeys.render import render_map_svg
from journeys.render.theme import ThemeError, load_theme
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse

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


BAD_THEME_CONFIG = "site_name: t\nplugins:\n  - journeys:\n      theme: bad\n"


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("light:\n  text: 'red;}</style><script>'\n",
         "2:9: error: light.text must be a colour like #1f2328, not 'red;}</style><script>'"),
        ("font:\n  family: 'x;} body{display:none'\n",
         "2:11: error: font.family may hold only letters, digits, spaces, commas, quotes and hyphens, "
         "not 'x;} body{display:none'"),
        ("spacing:\n  margin: -3\n",
         "2:11: error: spacing.margin must be a positive number up to 2,000, not the number -3"),
        ("spacing:\n  column_width: 5000\n",
         "2:17: error: spacing.column_width must be a positive number up to 2,000, not the number 5000"),
        ("font:\n  line_height: 11\n",
         "2:16: error: font.line_height must be a positive number up to 10, not the number 11"),
        ("font:\n  title_size: '20'\n", "2:15: error: font.title_size must be a positive number up to 200, not '20'"),
        ("spacing:\n  colum_width: 5\n",
         "2:3: error: unknown theme key 'spacing.colum_width' — did you mean 'column_width'?"),
        ("colour_scheme: 1\n",
         "1:1: error: unknown theme key 'colour_scheme' "
         "(known: font, spacing, light, dark, persona_markers, persona_dashes)"),
        ("light: x\n", "1:8: error: theme key 'light' must be a mapping, not 'x'"),
        ("persona_markers: [circle, blob]\n",
         "1:27: error: each entry of persona_markers must be one of circle, square, diamond, triangle, "
         "triangle_down, cross, not 'blob'"),
        ("persona_markers: circle\n", "1:18: error: persona_markers must be a list, not 'circle'"),
        ("persona_markers: []\npersona_dashes: []\n",
         "2:1: error: persona_markers must list at least one marker shape"),
        ("persona_dashes: ['1 2']\n", "1:1: error: persona_dashes must list one dash pattern per marker shape"),
        ("persona_dashes: ['', '1 2', '3', '4', '5', '1000 1']\n",
         "1:44: error: each entry of persona_dashes must be a dash pattern like '7 4' ('' is solid), not '1000 1'"),
        ("42\n", "1:1: error: a theme file must be a mapping, not the number 42"),
        ("light: [1, 2\n",
         "2:1: error: cannot read theme: did not find expected ',' or ']' (while parsing a flow sequence)"),
    ],
)  # fmt: skip
def test_bad_theme_values_are_issues_where_they_are_written(cli, make_project, override: str, expected: str) -> None:
    root = make_project({"mkdocs.yml": BAD_THEME_CONFIG, "themes/bad/theme.yaml": override})
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"themes/bad/theme.yaml:{expected}"
    # The renderer refuses the theme with the same issue.
    with pytest.raises(ThemeError) as error:
        load_theme(load_settings(root)[0])
    assert str(error.value) == f"themes/bad/theme.yaml:{expected}"


def test_an_empty_theme_file_keeps_the_default_look(make_project) -> None:
    root = make_project({"mkdocs.yml": BAD_THEME_CONFIG, "themes/bad/theme.yaml": "# nothing yet\n"})
    settings, issues = load_settings(root)
    assert issues == []
    assert load_theme(settings) == load_theme(Settings(root=root))
