"""The emotion plot: score axis, shaded zones, one curve per persona, compare curves,
moments of truth, and each persona's feeling labelled at its point (:mod:`feelings`).

Markers of personas with the same score at a step stand side by side, centred on the
step, each line passing through its own: piled on one spot (or nudged a few pixels
up and down) they hid each other, and a nudge could push one outside the scale.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.model import format_score
from journeys.render.curve import Point, emotion_curve_path
from journeys.render.feelings import LABEL_GAP, Anchor, FeelingLabel, place_labels
from journeys.render.lanes import MARK_GAP, MARKER_SPAN, PersonaMark
from journeys.render.textstyle import Rect, TextBlock

#: Space between the markers of personas that share a score at a step, in pixels.
MARKER_GAP = 3.0
#: Room left and right of a feeling's text on the chip behind it.
CHIP_PAD = 3.0
#: Room above the plot for the moment-of-truth stars (centre and radius).
STAR_Y, STAR_RADIUS = 8.0, 6.0

if TYPE_CHECKING:
    from journeys.model import EmotionScale, JourneyMap, Project, Step
    from journeys.render.layout import Column, Layout
    from journeys.render.theme import Spacing, Theme


@dataclass(slots=True)
class Marker:
    x: float
    y: float
    tooltip: str


@dataclass(frozen=True, slots=True)
class Curve:
    persona: str
    index: int  # which colour, marker shape and dash (cycled from the theme)
    path: str
    markers: tuple[Marker, ...]
    #: What the whole line is, for its tooltip (compare lines, which have no markers).
    label: str = ""


@dataclass(slots=True)
class EmotionPlot:
    left: float
    right: float
    top: float
    bottom: float
    baseline_y: float
    gridlines: list[tuple[float, bool]] = field(default_factory=list)  # (y, is neutral)
    curves: list[Curve] = field(default_factory=list)
    compare_curves: list[Curve] = field(default_factory=list)
    moments: list[float] = field(default_factory=list)  # x of each moment of truth
    moment_y: float = 0.0  # centre of the moment-of-truth stars, above the plot and its labels
    chips: list[Rect] = field(default_factory=list)  # behind each feeling, under the lines

    @property
    def zones(self) -> list[tuple[float, float, str]]:
        """(top, bottom, "positive" or "negative") of the shaded bands either side of
        the neutral line; a scale that starts at neutral has no negative band."""
        bands = [(self.top, self.baseline_y, "positive"), (self.baseline_y, self.bottom, "negative")]
        return [band for band in bands if band[1] > band[0]]


#: A score (on the map's scale) to its y in drawing coordinates.
ScoreToY = Callable[[float], float]
#: (persona, column number) -> the x of that persona's marker at that step.
MarkerX = dict[tuple[str, int], float]


def plot_emotions(
    layout: Layout,
    journey: JourneyMap,
    project: Project,
    compare: JourneyMap | None,
    parts: tuple[list[Column], list[Column]],
    top: float,
    label_width: float,
    theme: Theme,
    *,
    lowest_top: float,
) -> tuple[EmotionPlot, float]:
    """The plot of a lane whose content starts at ``top``, with the feeling labels
    added to ``layout``; and the bottom of what it draws. Its top line is no higher
    than ``lowest_top`` (below the lane's title, for the scale's labels). ``parts`` is
    (every column, the shown ones): the plot covers every column (the caller crops it
    to a part), the feelings are the shown steps'."""
    columns, shown = parts
    scale = project.scale
    space = theme.spacing
    step_height = space.emotion_lane_height / (scale.maximum - scale.minimum)
    neutral = min(max(0, scale.minimum), scale.maximum)
    clearance = MARKER_SPAN * space.marker_size / 2
    marker_x = marker_positions(journey, columns, space.marker_size, step_height)
    indent = _label_indent(journey, space.marker_size)
    widths = [column.width - 2 * space.cell_padding - indent for column in columns]
    shown_ids = {id(column) for column in shown}
    drawn = {number for number, column in enumerate(columns) if id(column) in shown_ids}
    anchors = _anchors(journey, [column.step for column in columns], scale, step_height, neutral)
    # Every step's label is placed, so that each part of a map has its plot where the
    # whole map has it (and as tall); only the shown steps' are written.
    labels = place_labels(anchors, layout.styles, widths, clearance, scale.minimum)
    stars = STAR_Y + STAR_RADIUS + LABEL_GAP if any(c.step.moment_of_truth for c in columns) else 0.0
    plot_top = max(top + stars + max([clearance] + [-label.top for label in labels]), lowest_top)

    def to_y(score: float) -> float:
        return plot_top + (scale.maximum - score) * step_height

    plot = EmotionPlot(left=columns[0].x, right=columns[-1].x + columns[-1].width, top=plot_top,
                       bottom=to_y(scale.minimum), baseline_y=to_y(neutral), moment_y=top + STAR_Y)  # fmt: skip
    _axis(layout, plot, scale, to_y, neutral, label_width, theme)
    names = {pid: (p.name if (p := project.persona(pid)) else pid) for pid in journey.personas}
    # Keyed by float: a whole score such as 1.0 finds its label, a half such as 1.5 none.
    score_labels: dict[float, str] = dict(scale.labels)
    words = layout.labels
    for index, persona in enumerate(journey.personas):

        def describe(step: Step, score: float, name: str = names[persona]) -> str:
            label = score_labels.get(score)
            shown = words("emotion_score", score=format_score(score), label=label) if label else format_score(score)
            return words("marker_tooltip", name=name, score=shown, step=step.name)

        def score_of(step: Step, persona: str = persona) -> float | None:
            return step.emotion_for(persona)

        def x_of(number: int, persona: str = persona) -> float:
            return marker_x[persona, number]  # called only at steps with a score

        plot.curves.append(persona_curve(persona, index, columns, score_of, to_y, describe, x_of=x_of, marked=drawn))
        if compare is not None and persona in compare.personas:
            before = words("compare_line", name=names[persona], title=compare.title)
            plot.compare_curves.append(_compare_curve(compare, persona, index, columns, to_y, before))
    plot.moments = [c.x + c.width / 2 for c in columns if c.step.moment_of_truth]
    for label in (label for label in labels if label.anchor.column in drawn):
        chip = _write_label(layout, label, plot_top, columns[label.anchor.column], journey, names, indent, space)
        plot.chips.append(chip)
    bottoms = [plot_top + label.top + label.height for label in labels]
    return plot, max([plot.bottom + clearance, *bottoms])


def marker_positions(journey: JourneyMap, columns: list[Column], marker_size: float, step_height: float) -> MarkerX:
    """Each persona's marker x at each step it has a score at: centred on the step, and
    side by side, in the map's persona order, where markers would otherwise touch. The
    diagram and the overview both place them so (one rule, one look)."""
    span = MARKER_SPAN * marker_size
    positions: MarkerX = {}
    for number, column in enumerate(columns):
        centre = column.x + column.width / 2
        for group in _touching(journey, column.step, span, step_height):
            for place, persona in enumerate(group):
                positions[persona, number] = centre + (place - (len(group) - 1) / 2) * (span + MARKER_GAP)
    return positions


def fitting_marker_size(
    journey: JourneyMap, columns: list[Column], step_height: float, room: float, largest: float
) -> float:
    """The largest marker size, up to ``largest``, at which the widest row of
    side-by-side markers at any step is no wider than ``room``."""
    span = MARKER_SPAN * largest  # smaller markers touch no more often than these
    most = max((len(group) for c in columns for group in _touching(journey, c.step, span, step_height)), default=1)
    return min(largest, (room - (most - 1) * MARKER_GAP) / (most * MARKER_SPAN))


def _touching(journey: JourneyMap, step: Step, span: float, step_height: float) -> list[list[str]]:
    """The personas scored at ``step``, highest score first, in groups whose markers
    (``span`` across) would touch if drawn one above the other; map order within a score."""
    scores = ((step.emotion_for(persona), persona) for persona in journey.personas)
    scored = [(score, persona) for score, persona in scores if score is not None]
    groups: list[list[tuple[float, str]]] = []
    for score, persona in sorted(scored, key=lambda item: -item[0]):  # stable: map order within a score
        if groups and (groups[-1][-1][0] - score) * step_height < span:
            groups[-1].append((score, persona))
        else:
            groups.append([(score, persona)])
    return [[persona for _, persona in group] for group in groups]


def _label_indent(journey: JourneyMap, marker_size: float) -> float:
    """Room before a feeling for its persona's marker, on a map of several personas."""
    return MARKER_SPAN * marker_size + MARK_GAP if len(journey.personas) > 1 else 0.0


def _anchors(
    journey: JourneyMap, steps: list[Step], scale: EmotionScale, step_height: float, neutral: int
) -> list[tuple[Anchor, str]]:
    """Each feeling at ``steps`` (the columns') and the point it is written at (``y``
    from the plot's top line). A feeling without a score at its step is written at the
    neutral line; one feeling shared by several personas once, above the highest of
    their points."""

    def offset(score: float | None) -> float:
        return (scale.maximum - (neutral if score is None else score)) * step_height

    # (persona, step number) -> (score, the scores before and after: where its line runs)
    lines: dict[tuple[str, int], tuple[float, float | None, float | None]] = {}
    for persona in journey.personas:
        found = ((number, step.emotion_for(persona)) for number, step in enumerate(steps))
        scored = [(number, score) for number, score in found if score is not None]
        for position, (number, score) in enumerate(scored):
            before = scored[position - 1][1] if position else None
            after = scored[position + 1][1] if position + 1 < len(scored) else None
            lines[persona, number] = (score, before, after)
    only = journey.personas[0] if len(journey.personas) == 1 else None
    anchors = []
    for number, step in enumerate(steps):
        for entry in step.feeling:
            whose = entry.persona or only
            if whose is None:
                shared = [step.emotion_for(p) for p in journey.personas]
                highest = max((score for score in shared if score is not None), default=None)
                anchors.append((Anchor(number, offset(highest), None), entry.text))
                continue
            point = lines.get((whose, number))
            anchor = Anchor(number, offset(point[0]), whose, *point) if point else Anchor(number, offset(None), whose)
            anchors.append((anchor, entry.text))
    return anchors


def _write_label(
    layout: Layout,
    label: FeelingLabel,
    plot_top: float,
    column: Column,
    journey: JourneyMap,
    names: dict[str, str],
    indent: float,
    space: Spacing,
) -> Rect:
    """A feeling as text centred on its step; on a map of several personas, after the
    marker of the persona it is (the lines then start together after the marker).
    Returns the chip drawn behind it, which tells the label (and its marker) from the
    points and lines around it."""
    styles = layout.styles
    top = plot_top + label.top
    size, line_height = styles.sizes["feeling"], styles.line_height("feeling")
    centre = column.x + column.width / 2
    persona = label.anchor.persona
    own_indent = indent if persona is not None else 0.0
    text_width = max(styles.width("feeling", line) for line in label.lines)
    room = column.width - 2 * space.cell_padding
    box = min(text_width + own_indent, room)
    left = centre - box / 2 + label.lean * (room - box) / 2  # leaning: against the column's edge
    if persona is None or not indent:
        middle = left + box / 2
        block = TextBlock(middle, top, box, label.lines, "feeling", size, line_height, "middle", label.full_text)
    else:
        index = journey.personas.index(persona)
        mark = PersonaMark(left + (indent - MARK_GAP) / 2, top + line_height / 2, index, persona, names[persona])
        layout.persona_marks.append(mark)
        block = TextBlock(left + indent, top, box - indent, label.lines, "feeling", size, line_height, "start",
                          label.full_text)  # fmt: skip
    layout.texts.append(block)
    return Rect(left - CHIP_PAD, top, box + 2 * CHIP_PAD, label.height, "feeling-chip")


def _axis(
    layout: Layout,
    plot: EmotionPlot,
    scale: EmotionScale,
    to_y: ScoreToY,
    neutral: int,
    label_width: float,
    theme: Theme,
) -> None:
    """A gridline per whole score, labelled in the lane-label column."""
    styles = layout.styles
    label_right = theme.spacing.margin + label_width - theme.spacing.cell_padding
    line_height = styles.line_height("scale")
    for score in range(scale.maximum, scale.minimum - 1, -1):
        y = to_y(score)
        plot.gridlines.append((y, score == neutral))
        label = scale.label_for(score)
        if label:
            width = label_width - 2 * theme.spacing.cell_padding
            lines = styles.wrap("scale", label, width)
            top = y - len(lines) * line_height / 2
            layout.texts.append(
                TextBlock(label_right, top, width, lines, "scale", styles.sizes["scale"], line_height, "end")
            )


def _compare_curve(
    compare: JourneyMap, persona: str, index: int, columns: list[Column], to_y: ScoreToY, label: str
) -> Curve:
    """The other map's line for ``persona``, drawn at this map's steps with the same id."""
    before = {step.id: step for _, step in compare.steps()}

    def score_of(step: Step) -> float | None:
        match = before.get(step.id)
        return match.emotion_for(persona) if match is not None else None

    return persona_curve(persona, index, columns, score_of, to_y, describe=None, label=label)


def persona_curve(
    persona: str,
    index: int,
    columns: list[Column],
    score_of: Callable[[Step], float | None],
    to_y: ScoreToY,
    describe: Callable[[Step, float], str] | None = None,
    label: str = "",
    x_of: Callable[[int], float] | None = None,
    marked: Container[int] | None = None,
) -> Curve:
    """One persona's curve through the steps it has a score at (others are skipped),
    with a described marker at each when ``describe`` is given, or at each of the
    column numbers ``marked`` (a part of a map marks its own steps, and describing every
    step of a long map for each of its parts was a tenth of its layouts); ``x_of``
    (column number -> x) moves a point off its step's centre."""
    points: list[Point] = []
    markers: list[Marker] = []
    for number, column in enumerate(columns):
        score = score_of(column.step)
        if score is None:
            continue
        x = x_of(number) if x_of is not None else column.x + column.width / 2
        y = to_y(score)
        points.append((x, y))
        if describe is not None and (marked is None or number in marked):
            markers.append(Marker(x, y, describe(column.step, score)))
    return Curve(persona, index, emotion_curve_path(points), tuple(markers), label)
