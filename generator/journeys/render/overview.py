"""The journey overview: the whole map at a glance, small enough to fit any page.

Drawn for a page, inline, above the full diagram: a band per stage with its name, a
tick per step, each persona's emotion line drawn large, a star at each moment of truth
and a warning mark at each step with pain points (shapes, not colour alone). The area
of each step's column comes with it, for the page to link to that step's details.

The drawing is made for a width (``WIDE`` for a desktop column, ``NARROW`` for a phone)
and scales with its viewBox, so its text stays about the size it was drawn at. Colours
are the page's ``--journeys-*`` properties (the theme's light or dark values where the
page sets none, like the diagram's): the overview follows the page's colour scheme.
Pure and deterministic like the diagram; user text goes through
:mod:`journeys.render.svg`'s escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.labels import ENGLISH, Labels
from journeys.render.curve import fmt
from journeys.render.emotions import MARKER_GAP, fitting_marker_size, marker_positions, persona_curve
from journeys.render.layout import Column
from journeys.render.style import custom_properties, persona_colour
from journeys.render.summary import describe_map
from journeys.render.svg import marker_element, star_path, text
from journeys.render.textmetrics import text_width, widest_word, wrap

if TYPE_CHECKING:
    from journeys.model import JourneyMap, Project, Step
    from journeys.render.theme import Theme

#: The widths the overview is drawn for, in px of its viewBox.
WIDE, NARROW = 700, 380
PAD = 6
GUTTER = 16  # left of the steps: the "+" and "−" of the emotion scale
STAGE_SIZE, STAGE_LINE = 13.0, 16.0
LEGEND_SIZE = 12.0
MARKER = 5.0
#: The smallest a marker gets so that personas sharing a score stand side by side
#: within a narrow step (a phone's, on a long map); a step narrower still lets them touch.
SMALLEST_MARKER = 1.5
SCORE_HEIGHT = 28.0  # between two whole scores
ELLIPSIS = "\u2026"


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the rows of the overview are, top to bottom."""

    header: float  # bottom of the stage names
    plot_top: float
    plot_bottom: float
    ticks: float  # top of the step ticks
    pains: float  # centre of the pain marks
    bottom: float  # bottom of the stage bands


@dataclass(frozen=True, slots=True)
class StepArea:
    """Where a step's column is in the drawing, in fractions of its width and height:
    the page lays a link to the step's details over it (a link inside an image would
    be hidden from assistive technology, and an image may hold no controls)."""

    step: Step
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Overview:
    svg: str
    steps: tuple[StepArea, ...]


def journey_overview(
    journey: JourneyMap, project: Project, theme: Theme, width: int = WIDE, labels: Labels = ENGLISH
) -> Overview:
    """The overview of ``journey`` drawn ``width`` wide, and the area of each step."""
    steps = [step for _, step in journey.steps()]
    slot = (width - GUTTER - PAD) / max(len(steps), 1)
    columns = [Column(GUTTER + index * slot, slot, step) for index, step in enumerate(steps)]
    names = _stage_names(journey, columns)
    geometry = _geometry(project, max((len(lines) for *_, lines in names), default=1))
    out: list[str] = ['<rect class="jo-background" width="100%" height="100%"/>']
    for number, (x, band_width, name, lines) in enumerate(names):
        out.append(_stage(number, (x, band_width), name, lines, geometry, theme))
    _scale(out, project, geometry, width)
    out.extend(_plot(journey, project, columns, geometry, theme, labels))
    for column in columns:
        out.append(_step(column, geometry, labels))
    legend, height = _legend(journey, project, theme, geometry.bottom + 10, width, labels)
    out.extend(legend)
    prefix = f"journeys-overview-{width}-{journey.id}"
    title = labels("overview_title", title=journey.title)
    svg = (
        f'<svg class="journeys-overview journeys-overview-{width}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {fmt(height)}" aria-labelledby="{prefix}-title {prefix}-desc">\n'
        f'<title id="{prefix}-title">{text(title)}</title>\n'
        f'<desc id="{prefix}-desc">{text(describe_map(journey, project, labels))}</desc>\n'
        f"<style>{_stylesheet(theme)}</style>\n" + "\n".join(out) + "\n</svg>\n"
    )
    top, bottom = geometry.header / height, geometry.bottom / height
    areas = tuple(
        StepArea(column.step, column.x / width, top, column.width / width, bottom - top) for column in columns
    )
    return Overview(svg, areas)


def _stage_names(journey: JourneyMap, columns: list[Column]) -> list[tuple[float, float, str, tuple[str, ...]]]:
    """Each stage with steps: its band's left edge, width and its name in at most two
    lines, cut with an ellipsis where the band is too narrow (the band's title has it whole)."""
    found, start = [], 0
    for stage in journey.stages:
        span = columns[start : start + len(stage.steps)]
        start += len(stage.steps)
        if span:
            band = span[-1].x + span[-1].width - span[0].x
            found.append((span[0].x, band, stage.name, _cut(stage.name, (band - 2 * PAD) / STAGE_SIZE, 2)))
    return found


def _cut(name: str, width: float, most: int) -> tuple[str, ...]:
    """``name`` wrapped to ``width`` em in at most ``most`` lines, the last cut short with
    an ellipsis when the name goes on."""
    lines: tuple[str, ...]
    if widest_word(name, True) > width:  # broken inside a word it would misread: cut it instead
        lines, most = (name,), 1
    else:
        lines = wrap(name, max(width, 0.1), True)
        if len(lines) <= most:
            return lines
    last = " ".join(lines[most - 1 :])
    while last and text_width(last + ELLIPSIS, True) > width:
        last = last[:-1]
    return (*lines[: most - 1], last.rstrip() + ELLIPSIS)


def _geometry(project: Project, name_lines: int) -> Geometry:
    header = PAD + name_lines * STAGE_LINE + 4
    plot_top = header + 28  # room for the moment-of-truth stars above the line
    span = project.scale.maximum - project.scale.minimum
    plot_bottom = plot_top + max(span, 1) * SCORE_HEIGHT
    ticks = plot_bottom + MARKER + 6
    pains = ticks + 20
    return Geometry(header, plot_top, plot_bottom, ticks, pains, pains + 12)


def _stage(
    number: int, span: tuple[float, float], name: str, lines: tuple[str, ...], geometry: Geometry, theme: Theme
) -> str:
    """A stage's band, and its name (whole in a title when it had to be cut short)."""
    x, width = span
    colour = number % max(theme.numbered("stage"), 1) + 1
    band = (
        f'<rect class="jo-stage jo-stage-{colour}" x="{fmt(x + 1)}" y="0" width="{fmt(width - 2)}" '
        f'height="{fmt(geometry.bottom)}" rx="4"/>'
    )
    whole = "" if " ".join(lines) == " ".join(name.split()) else f"<title>{text(name)}</title>"
    spans = "".join(
        f'<tspan x="{fmt(x + PAD)}" y="{fmt(PAD + STAGE_SIZE + index * STAGE_LINE - 2)}">{text(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'{band}\n<text class="jo-stage-name">{whole}{spans}</text>' if lines else band


def _scale(out: list[str], project: Project, geometry: Geometry, width: int) -> None:
    """A line per whole score (the neutral one dashed), "+" at the top and "−" at the bottom."""
    scale = project.scale
    neutral = min(max(0, scale.minimum), scale.maximum)
    for score in range(scale.maximum, scale.minimum - 1, -1):
        y = fmt(_to_y(project, geometry, score))
        css = "jo-neutral" if score == neutral else "jo-grid"
        out.append(f'<line class="{css}" x1="{GUTTER}" y1="{y}" x2="{width - PAD}" y2="{y}"/>')
    for sign, score in (("+", scale.maximum), ("\u2212", scale.minimum)):
        y = fmt(_to_y(project, geometry, score) + 4.5)
        out.append(f'<text class="jo-sign" x="{GUTTER / 2}" y="{y}" text-anchor="middle">{sign}</text>')


def _to_y(project: Project, geometry: Geometry, score: float) -> float:
    return geometry.plot_top + (project.scale.maximum - score) * SCORE_HEIGHT


def _plot(
    journey: JourneyMap, project: Project, columns: list[Column], geometry: Geometry, theme: Theme, labels: Labels
) -> list[str]:
    """Each persona's line and markers (a marker's title says who, what and where), and
    the moments of truth."""
    out = []
    for column in columns:
        if column.step.moment_of_truth:
            star = star_path(column.x + column.width / 2, geometry.plot_top - 17, 7)
            title = f"<title>{text(labels('overview_moment', step=column.step.name))}</title>"
            out.append(f'<path class="jo-moment" d="{star}">{title}</path>')
    # Personas sharing a score stand side by side, as in the diagram, each row within
    # its step (so inside the plot, and clear of the next step's markers).
    room = (columns[0].width if columns else 0.0) - MARKER_GAP
    size = max(fitting_marker_size(journey, columns, SCORE_HEIGHT, room, MARKER), SMALLEST_MARKER)
    marker_x = marker_positions(journey, columns, size, SCORE_HEIGHT)
    shapes = theme.persona_markers

    def to_y(score: float) -> float:
        return _to_y(project, geometry, score)

    for index, persona_id in enumerate(journey.personas):
        persona = project.persona(persona_id)
        name = persona.name if persona else persona_id

        def x_of(number: int, persona_id: str = persona_id) -> float:
            return marker_x[persona_id, number]  # called only at steps with a score

        def score_of(step: Step, persona_id: str = persona_id) -> float | None:
            return step.emotion_for(persona_id)

        def describe(step: Step, score: float, name: str = name) -> str:
            label = project.scale.label_for(int(score)) if score == int(score) else None
            return labels("overview_marker", name=name, step=step.name, score=label or fmt(score))

        curve = persona_curve(persona_id, index, columns, score_of, to_y, describe, x_of=x_of)
        slot = index % len(shapes)
        out.append(f'<path class="jo-line jo-persona-{slot + 1}" d="{curve.path}"/>')
        out.append(f'<g class="jo-markers jo-persona-{slot + 1}">')
        for marker in curve.markers:
            title = f"<title>{text(marker.tooltip)}</title>"
            out.append(marker_element(shapes[slot], marker.x, marker.y, size, title))
        out.append("</g>")
    return out


def _step(column: Column, geometry: Geometry, labels: Labels) -> str:
    """A step's tick, and its pain mark."""
    step = column.step
    centre = column.x + column.width / 2
    parts = [f'<line class="jo-tick" x1="{fmt(centre)}" y1="{fmt(geometry.ticks)}" x2="{fmt(centre)}" '
             f'y2="{fmt(geometry.ticks + 8)}"/>']
    if step.pain_points:
        parts.append(_pain_mark(centre, geometry.pains, step, labels))
    return "\n".join(parts)


def _pain_mark(x: float, y: float, step: Step, labels: Labels) -> str:
    """A warning triangle with "!"; its title lists the pain points."""
    listed = "; ".join(pain.text for pain in step.pain_points)
    title = labels.count("overview_pains", len(step.pain_points), items=listed)
    return _warning(x, y, f"<title>{text(title)}</title>")


def _warning(x: float, y: float, title: str = "") -> str:
    """The pain mark: a warning triangle centred on ``x`` with "!" in it."""
    corners = f"M{fmt(x)} {fmt(y - 7)}L{fmt(x + 7)} {fmt(y + 5)}L{fmt(x - 7)} {fmt(y + 5)}Z"
    return (
        f'<g class="jo-pain">{title}<path d="{corners}"/>'
        f'<text x="{fmt(x)}" y="{fmt(y + 3.5)}" text-anchor="middle">!</text></g>'
    )


def _legend(
    journey: JourneyMap, project: Project, theme: Theme, top: float, width: int, labels: Labels
) -> tuple[list[str], float]:
    """A key per persona (line and marker), then the moment-of-truth and pain marks;
    entries flow onto further rows when the width is used up. Returns the height too."""
    entries: list[tuple[str, int, str]] = []
    for index, persona_id in enumerate(journey.personas):
        persona = project.persona(persona_id)
        entries.append(("persona", index, persona.name if persona else persona_id))
    steps = [step for _, step in journey.steps()]
    if any(step.moment_of_truth for step in steps):
        entries.append(("moment", 0, labels("moment_of_truth")))
    if any(step.pain_points for step in steps):
        entries.append(("pain", 0, labels("pain_points")))
    out: list[str] = []
    x, y, row = float(PAD), top, LEGEND_SIZE + 8
    for kind, index, label in entries:
        sample = 28 if kind == "persona" else 16
        room = width - 2 * PAD - sample - 6
        shown = _cut(label, room / LEGEND_SIZE, 1)[0] if label else ""
        entry = sample + 6 + text_width(shown) * LEGEND_SIZE + 16
        if x > PAD and x + entry > width - PAD:
            x, y = float(PAD), y + row
        centre = y + row / 2
        out.append(_key(kind, index, x, centre, sample, theme))
        out.append(f'<text class="jo-legend" x="{fmt(x + sample + 6)}" y="{fmt(centre + 4)}">{text(shown)}</text>')
        x += entry
    return out, (y + row + PAD if entries else top)


def _key(kind: str, index: int, x: float, y: float, sample: float, theme: Theme) -> str:
    if kind == "moment":
        return f'<path class="jo-moment" d="{star_path(x + sample / 2, y, 7)}"/>'
    if kind == "pain":
        return _warning(x + sample / 2, y)
    slot = index % len(theme.persona_markers)
    ends = f'x1="{fmt(x)}" y1="{fmt(y)}" x2="{fmt(x + sample)}" y2="{fmt(y)}"'
    line = f'<line class="jo-line jo-persona-{slot + 1}" {ends}/>'
    marker = marker_element(theme.persona_markers[slot], x + sample / 2, y, MARKER)
    return f'{line}\n<g class="jo-markers jo-persona-{slot + 1}">{marker}</g>'


def _stylesheet(theme: Theme) -> str:
    """The overview's rules: the theme's colours as custom properties (the page's own
    ``--journeys-*`` win); text and lines in its text colour."""
    rules = [
        custom_properties(theme, ".journeys-overview", "jo"),
        ".journeys-overview{font-family:inherit;color:var(--jo-text);max-width:100%;height:auto;overflow:visible}",
        ".journeys-overview text{fill:currentColor}",
        f".journeys-overview .jo-stage-name{{font-size:{fmt(STAGE_SIZE)}px;font-weight:700}}",
        f".journeys-overview .jo-legend{{font-size:{fmt(LEGEND_SIZE)}px}}",
        ".journeys-overview .jo-sign{font-size:15px;font-weight:700}",
        ".journeys-overview .jo-grid{stroke:currentColor;stroke-opacity:.15}",
        ".journeys-overview .jo-neutral{stroke:currentColor;stroke-opacity:.6;stroke-dasharray:4 3}",
        ".journeys-overview .jo-tick{stroke:currentColor;stroke-width:1.5}",
        ".journeys-overview .jo-background{fill:var(--jo-background)}",
        ".journeys-overview .jo-moment{fill:var(--jo-moment)}",
        ".journeys-overview .jo-pain path{fill:var(--jo-pain-border)}",
        ".journeys-overview .jo-pain text{fill:var(--jo-background);font-size:11px;font-weight:700}",
        ".journeys-overview .jo-line{fill:none;stroke-width:3.5;stroke-linecap:round;stroke-linejoin:round}",
        ".journeys-overview .jo-markers{stroke:var(--jo-background);stroke-width:1.5;stroke-dasharray:none}",
    ]
    for number in range(1, theme.numbered("stage") + 1):
        rules.append(f".journeys-overview .jo-stage-{number}{{fill:var(--jo-stage-{number})}}")
    for number, dash in enumerate(theme.persona_dashes[: len(theme.persona_markers)], start=1):
        colour = f"var(--jo-persona-{persona_colour(theme, number - 1)})"
        dashes = dash or "none"
        rules.append(f".journeys-overview .jo-line.jo-persona-{number}{{stroke:{colour};stroke-dasharray:{dashes}}}")
        rules.append(f".journeys-overview .jo-markers.jo-persona-{number}{{fill:{colour}}}")
    return "\n".join(rules)
