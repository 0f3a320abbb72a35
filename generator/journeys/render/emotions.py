"""The emotion plot: score axis, one curve per persona, compare curves, moments of truth."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.model import format_score
from journeys.render.curve import Point, emotion_curve_path
from journeys.render.textstyle import TextBlock

#: Vertical gap between the lines of personas with the same score, in pixels.
PERSONA_DODGE = 3.0

if TYPE_CHECKING:
    from journeys.model import EmotionScale, JourneyMap, Project, Step
    from journeys.render.layout import Column, Layout
    from journeys.render.theme import Theme


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


#: A score (on the map's scale) to its y in drawing coordinates.
ScoreToY = Callable[[float], float]


def plot_emotions(
    layout: Layout,
    journey: JourneyMap,
    project: Project,
    compare: JourneyMap | None,
    columns: list[Column],
    top: float,
    label_width: float,
    theme: Theme,
) -> EmotionPlot:
    scale = project.scale
    step_height = theme.spacing.emotion_step_height
    left = columns[0].x
    right = columns[-1].x + columns[-1].width

    def to_y(score: float) -> float:
        return top + (scale.maximum - score) * step_height

    neutral = min(max(0, scale.minimum), scale.maximum)
    plot = EmotionPlot(left=left, right=right, top=top, bottom=to_y(scale.minimum), baseline_y=to_y(neutral))
    _axis(layout, plot, scale, to_y, neutral, label_width, theme)
    names = {pid: (p.name if (p := project.persona(pid)) else pid) for pid in journey.personas}
    # Keyed by float: a whole score such as 1.0 finds its label, a half such as 1.5 none.
    labels: dict[float, str] = dict(scale.labels)
    words = layout.labels
    count = len(journey.personas)
    for index, persona in enumerate(journey.personas):
        # Personas that agree would hide each other's line: draw each a little apart.
        dodge = (index - (count - 1) / 2) * PERSONA_DODGE

        def persona_y(score: float, dodge: float = dodge) -> float:
            return to_y(score) + dodge

        def describe(step: Step, score: float, name: str = names[persona]) -> str:
            label = labels.get(score)
            shown = words("emotion_score", score=format_score(score), label=label) if label else format_score(score)
            return words("marker_tooltip", name=name, score=shown, step=step.name)

        def score_of(step: Step, persona: str = persona) -> float | None:
            return step.emotion_for(persona)

        plot.curves.append(persona_curve(persona, index, columns, score_of, persona_y, describe))
        if compare is not None and persona in compare.personas:
            before = words("compare_line", name=names[persona], title=compare.title)
            plot.compare_curves.append(_compare_curve(compare, persona, index, columns, persona_y, before))
    plot.moments = [c.x + c.width / 2 for c in columns if c.step.moment_of_truth]
    return plot


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
) -> Curve:
    """One persona's curve through the steps it has a score at (others are skipped),
    with a described marker at each when ``describe`` is given."""
    points: list[Point] = []
    markers: list[Marker] = []
    for column in columns:
        score = score_of(column.step)
        if score is None:
            continue
        x, y = column.x + column.width / 2, to_y(score)
        points.append((x, y))
        if describe is not None:
            markers.append(Marker(x, y, describe(column.step, score)))
    return Curve(persona, index, emotion_curve_path(points), tuple(markers), label)
