"""The diagram's own stylesheet, generated from the theme.

Colours are custom properties so one SVG serves light and dark: each ``--jd-<name>``
(private to the diagram) takes the host page's ``--journeys-<name>`` when set, else
the theme's light value, or its dark value under ``prefers-color-scheme: dark``. A
site with its own dark switch (Material's slate scheme) sets ``--journeys-*``.
Rules are scoped to ``.journey-diagram`` so inlining the SVG never restyles the page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from journeys.render.curve import fmt
from journeys.render.textstyle import STYLE_FONTS

if TYPE_CHECKING:
    from journeys.render.theme import Theme

#: style -> (colour variable, extra declarations)
TEXT_LOOK = {
    "title": ("text", ""),
    "subtitle": ("muted", ""),
    "legend": ("text", ""),
    "stage": ("text", ""),
    "goal": ("muted", ""),
    "label": ("text", "letter-spacing:.02em"),
    "scale": ("muted", ""),
    "name": ("text", ""),
    "body": ("text", ""),
    "muted": ("muted", ""),
    "thought": ("text", "font-style:italic"),
    "channel": ("channel", "letter-spacing:.04em"),
    "pain": ("pain_text", ""),
    "opportunity": ("opportunity_text", ""),
    # A halo in the background colour keeps a feeling readable over gridlines and lines.
    "feeling": ("text", "paint-order:stroke;stroke:var(--jd-background);stroke-width:3px;stroke-linejoin:round"),
    "gap": ("text", ""),
}

#: shape class -> declarations; ``{c}`` is replaced by the variable prefix.
SHAPES = (
    ("svg.journey-diagram", "max-width:100%;height:auto"),
    (".background", "fill:var(--jd-background)"),
    (".stage", "fill:var(--jd-stage-1)"),
    (".jd-card", "stroke-width:1"),
    (".pain-card", "fill:var(--jd-pain);stroke:var(--jd-pain-border)"),
    (".opportunity-card", "fill:var(--jd-opportunity);stroke:var(--jd-opportunity-border)"),
    (".channel-mark", "fill:var(--jd-channel)"),
    (".lane-rule", "stroke:var(--jd-card-border);stroke-width:1"),
    (".zone-positive", "fill:var(--jd-zone-positive);fill-opacity:.09"),
    (".zone-negative", "fill:var(--jd-zone-negative);fill-opacity:.09"),
    (".feeling-chip", "fill:var(--jd-background);fill-opacity:.8;stroke:var(--jd-grid);stroke-width:1"),
    (".grid", "stroke:var(--jd-grid);stroke-width:1"),
    (".baseline", "stroke:var(--jd-baseline);stroke-width:2"),
    (".moment-line", "stroke:var(--jd-moment);stroke-width:1.5;stroke-dasharray:2 3"),
    (".moment", "fill:var(--jd-moment)"),
    (".emotion-line,.compare-line,.legend-line", "fill:none;stroke-linecap:round;stroke-linejoin:round"),
    (".severity-low", "stroke-width:1"),
    (".severity-medium", "stroke-width:2"),
    (".severity-high", "stroke-width:3"),
    (".severity-bar", "fill:none;stroke:var(--jd-pain-text);stroke-width:1"),
    (".severity-bar.on", "fill:var(--jd-pain-text)"),
)
#: The one style of the other map's lines under a map that improves it, and of their
#: sample in the legend: the compare colour, thinner, keeping each persona's dash.
#: Written after the persona rules, which it overrides (same specificity, later rule).
COMPARE_LINE = (".compare-line", "stroke:var(--jd-compare);stroke-width:2")
#: The mark of a step another map details, written only into diagrams that have one
#: (so a diagram without sub-journeys is byte-identical to one drawn before they existed).
DETAIL_SHAPES = (
    (".detail-frame", "fill:var(--jd-background);stroke:var(--jd-channel);stroke-width:1.5"),
    (".detail-line", "fill:none;stroke:var(--jd-channel);stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round"),
    (".detail-link:focus-visible .detail-frame,.detail-link:hover .detail-frame", "stroke-width:2.5"),
)


#: The "No evidence" mark (``show_evidence``): its rules go only into diagrams that draw
#: it, so every other diagram stays byte for byte what it was.
GAP_STYLE = "gap"
GAP_SHAPE = (
    ".evidence-gap",
    "fill:var(--jd-background);stroke:var(--jd-pain-border);stroke-width:1.5;stroke-dasharray:4 2",
)


#: A colour as the diagram's own custom property: ``var(--jd-<name>)``.
_VARIABLE = re.compile(r"var\(--jd-([a-z0-9-]+)\)")


def _var(name: str) -> str:
    return name.replace("_", "-")


def _declarations(theme: Theme, variant: str, prefix: str) -> str:
    """``--<prefix>-<name>`` for each theme colour: the host page's ``--journeys-<name>``
    when it sets one, else the theme's ``variant`` value."""
    colours = theme.colours(variant).items()
    return ";".join(f"--{prefix}-{_var(n)}:var(--journeys-{_var(n)},{v})" for n, v in colours)


def custom_properties(theme: Theme, selector: str, prefix: str) -> str:
    """The rules giving ``selector`` the theme's colours as ``--<prefix>-*``, light and
    dark (the page's own ``--journeys-*`` win, as in the diagram)."""
    return (
        f"{selector}{{{_declarations(theme, 'light', prefix)}}}\n"
        f"@media (prefers-color-scheme:dark){{{selector}{{{_declarations(theme, 'dark', prefix)}}}}}"
    )


def persona_colour(theme: Theme, slot: int) -> int:
    """The number of the ``persona_<n>`` colour of marker slot ``slot`` (0-based): a
    theme may have fewer colours than marker shapes, and then they repeat."""
    return slot % max(theme.numbered("persona"), 1) + 1


@lru_cache(maxsize=16)
def stylesheet(
    theme: Theme, *, details: bool = False, evidence_gaps: bool = False, export_font: str | None = None
) -> str:
    """The rules of a diagram; ``details`` adds those of detailed steps' marks, ``evidence_gaps``
    those of the "No evidence" marks. With ``export_font``, for renderers outside a browser
    (PNG and PDF export): no custom properties (they support none), the light colours
    written out, and every text in the font family ``export_font``, the one they embed."""
    if export_font is not None:
        light = theme.colours("light")
        # Without the first two rules (the custom properties and their dark values); the
        # font on each text rule, as such renderers do not inherit it from the root.
        browser_rules = stylesheet(theme, details=details, evidence_gaps=evidence_gaps)
        written_out = _VARIABLE.sub(lambda match: light[match[1].replace("-", "_")], browser_rules)
        return "\n".join(written_out.split("\n")[2:]).replace("{font-size:", f"{{font-family:{export_font};font-size:")
    rules = [
        f".journey-diagram{{{_declarations(theme, 'light', 'jd')};font-family:{theme.font.family}}}",
        f"@media (prefers-color-scheme:dark){{.journey-diagram{{{_declarations(theme, 'dark', 'jd')}}}}}",
    ]
    shapes = SHAPES + (DETAIL_SHAPES if details else ()) + ((GAP_SHAPE,) if evidence_gaps else ())
    rules += [f".journey-diagram {selector_scope(selector)}{{{body}}}" if not selector.startswith("svg.")
              else f"{selector}{{{body}}}" for selector, body in shapes]
    for number in range(1, theme.numbered("stage") + 1):
        rules.append(f".journey-diagram .stage-{number}{{fill:var(--jd-stage-{number})}}")
    width = fmt(theme.spacing.line_width)
    for number, dash in enumerate(theme.persona_dashes[: len(theme.persona_markers)], start=1):
        colour = f"var(--jd-persona-{persona_colour(theme, number - 1)})"
        rules.append(
            f".journey-diagram .persona-{number}{{stroke:{colour};stroke-width:{width};"
            f"stroke-dasharray:{dash or 'none'}}}"
        )
        rules.append(
            f".journey-diagram .markers.persona-{number}{{fill:{colour};stroke:var(--jd-background);"
            "stroke-width:1.5;stroke-dasharray:none}"
        )
    rules.append(f".journey-diagram {COMPARE_LINE[0]}{{{COMPARE_LINE[1]}}}")
    for style, (size_name, bold) in STYLE_FONTS.items():
        if style == GAP_STYLE and not evidence_gaps:
            continue
        colour, extra = TEXT_LOOK[style]
        size = fmt(getattr(theme.font, size_name))
        weight = "font-weight:700;" if bold else ""
        fill = f"fill:var(--jd-{_var(colour)})" + (f";{extra}" if extra else "")
        rules.append(f".journey-diagram .t-{style}{{font-size:{size}px;{weight}{fill}}}")
    return "\n".join(rules)  # one rule per line: readable in a diff of a diagram


def selector_scope(selector: str) -> str:
    """``.a,.b`` scoped as ``.a,.journey-diagram .b`` (the caller prefixes the first)."""
    return ",.journey-diagram ".join(selector.split(","))
