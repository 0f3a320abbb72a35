"""Model -> positioned boxes: where every stage, lane, card, text line and curve goes.

Pure geometry, no markup: ``svg.py`` turns a :class:`Layout` into SVG. Columns are as
wide as the theme says, wider when a step holds a long unbreakable word; every text is
wrapped to its column with estimated widths, and every lane row is as tall as its
tallest cell, so nothing overlaps or leaves its box whatever the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.labels import Labels
from journeys.render.emotions import EmotionPlot, plot_emotions
from journeys.render.lanes import (
    Cast,
    Cell,
    DetailMark,
    PersonaMark,
    SeverityMark,
    build_cells,
    lane_title,
    mark_evidence_gaps,
)
from journeys.render.lanes import widest_word as lane_widest_word
from journeys.render.textstyle import Rect, TextBlock, TextStyles

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project, Stage, Step
    from journeys.render.theme import Spacing, Theme

TITLE_GAP = 6
LEGEND_SAMPLE = 30  # length of the line drawn before a persona's name in the legend


@dataclass(frozen=True, slots=True)
class LegendEntry:
    x: float
    y: float  # centre line of the entry
    kind: str  # "persona", "compare" or "moment"
    index: int
    label: TextBlock


@dataclass(slots=True)
class Layout:
    width: float
    height: float
    styles: TextStyles
    rects: list[Rect] = field(default_factory=list)
    texts: list[TextBlock] = field(default_factory=list)
    channels: list[tuple[float, float]] = field(default_factory=list)  # top-left of each channel mark
    persona_marks: list[PersonaMark] = field(default_factory=list)  # before personas' own texts
    severity_marks: list[SeverityMark] = field(default_factory=list)  # before pain points with a severity
    detail_marks: list[DetailMark] = field(default_factory=list)  # on steps other maps detail
    legend: list[LegendEntry] = field(default_factory=list)
    plot: EmotionPlot | None = None
    #: The words the diagram is drawn with (its tooltips too).
    labels: Labels = field(default_factory=Labels)
    #: The x range the emotion lines are clipped to when only part of the map is drawn
    #: (the curves are the whole map's, so a line runs on across the cut); None: not clipped.
    clip: tuple[float, float] | None = None
    #: (left, right) of each shown step's column, for splitting a map onto pages.
    columns: list[tuple[float, float]] = field(default_factory=list)
    #: The height each drawn lane adds (lanes add up: the rest is title, legend, header).
    lane_heights: dict[str, float] = field(default_factory=dict)
    #: Each text lane's cell heights, one per shown step (see :func:`part_heights`).
    cell_heights: dict[str, tuple[float, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Column:
    x: float
    width: float
    step: Step


def layout_map(
    journey: JourneyMap,
    project: Project,
    settings: Settings,
    theme: Theme,
    compare: JourneyMap | None = None,
    steps: range | None = None,
) -> Layout:
    """Every box of the diagram of ``journey``, in drawing coordinates.

    ``steps`` (indices into ``journey.steps()``) draws only those steps, with the title,
    legend, lane labels and emotion scale as for the whole map: one page of a map split
    for paper. Their columns start where the first column would; the emotion lines are
    the whole map's, clipped to the part, so they run on across the cut.

    The layout of a whole map is kept until the next one: a map page draws it three
    times (the file, the frozen label column, the whole its print copy is split from).
    Callers only read a layout.
    """
    if steps is not None:
        return _laid_out(journey, project, settings, theme, compare, steps)
    inputs = (journey, project, settings, theme, compare)
    # By identity: the inputs are frozen, and held here, so their ids cannot be reused.
    last = _last_whole.layout
    if last is not None and all(held is given for held, given in zip(_last_whole.inputs, inputs, strict=True)):
        return last
    layout = _laid_out(journey, project, settings, theme, compare, None)
    _last_whole.inputs, _last_whole.layout = inputs, layout
    return layout


@dataclass
class _LastWhole:
    """The inputs and layout of the last whole map laid out (see :func:`layout_map`)."""

    inputs: tuple = ()
    layout: Layout | None = None


_last_whole = _LastWhole()


@dataclass
class _Head:
    """A layout with its title, legend and stage header, and what its lanes are laid out by."""

    layout: Layout
    #: Every column (moved, for a part) and the shown ones.
    columns: list[Column]
    shown: list[Column]
    label_width: float
    cast: Cast
    #: The top of the stage header and of the first lane.
    header_top: float
    lanes_top: float


def _head(
    journey: JourneyMap,
    project: Project,
    settings: Settings,
    theme: Theme,
    compare: JourneyMap | None,
    steps: range | None,
) -> _Head:
    styles = TextStyles(theme)
    space = theme.spacing
    label_width = _label_width(styles, settings, project, space)
    cast = Cast(tuple((pid, _persona_name(project, pid)) for pid in journey.personas), space.marker_size)
    labels = settings.labels
    left = space.margin + label_width
    columns, shown = _part(_columns(journey, styles, cast, left, space, labels), steps, left)
    right = shown[-1].x + shown[-1].width if shown else left + space.column_width
    width = right + space.margin
    layout = Layout(width=width, height=0, styles=styles, labels=labels, columns=[(c.x, c.x + c.width) for c in shown])
    content_width = width - 2 * space.margin
    y = _title(layout, journey, compare, space.margin, content_width, labels, _part_note(columns, shown, labels))
    y = _legend(layout, journey, project, compare, space.margin, y, content_width, labels) + space.lane_gap * 2
    lanes_top = _stage_header(layout, journey, columns, shown, y, theme)
    return _Head(layout, columns, shown, label_width, cast, y, lanes_top)


def _laid_out(
    journey: JourneyMap,
    project: Project,
    settings: Settings,
    theme: Theme,
    compare: JourneyMap | None,
    steps: range | None,
) -> Layout:
    head = _head(journey, project, settings, theme, compare, steps)
    layout, columns, shown, label_width = head.layout, head.columns, head.shown, head.label_width
    space, labels, styles, y = theme.spacing, settings.labels, layout.styles, head.lanes_top
    shown_steps = [column.step for column in shown]
    details = {target.id: target.title for step in shown_steps if (target := project.detail_map(step)) is not None}
    widths = [c.width for c in shown]
    cells = build_cells(shown_steps, settings.lanes, styles, widths, space.cell_padding, head.cast, details, labels)
    if settings.show_evidence and "steps" in cells:
        gap_widths = [width - 2 * space.cell_padding for width in widths]
        mark_evidence_gaps(cells["steps"], shown_steps, styles, gap_widths, labels("no_evidence"))
    for lane in settings.lanes:
        top = y
        if lane == "emotions":
            if any(step.emotions for step in shown_steps):
                y = _emotion_lane(layout, journey, project, compare, (columns, shown), y, label_width, theme, labels)
        elif lane in cells:
            layout.cell_heights[lane] = tuple(cell.height for cell in cells[lane])
            y = _text_lane(layout, lane, cells[lane], shown, y, label_width, theme, labels)
        if y > top:
            layout.lane_heights[lane] = y - top
    _stage_bands(layout, journey, columns, shown, head.header_top, y - space.lane_gap / 2)
    layout.height = y + space.margin
    return layout


def part_heights(
    journey: JourneyMap,
    project: Project,
    settings: Settings,
    theme: Theme,
    compare: JourneyMap | None,
    steps: range,
    whole: Layout,
) -> tuple[float, dict[str, float]]:
    """The height and lane heights of ``layout_map(..., steps)`` with these arguments,
    without laying its lanes out: they are as tall as their tallest cell among the
    shown steps, and a cell is the same in every part (``whole``, the whole map's layout
    with the same settings, has them); the emotion plot is as tall in every part.
    Splitting a map for paper measures parts it then lays out in fewer lanes."""
    head = _head(journey, project, settings, theme, compare, steps)
    shown = [index for index in steps if 0 <= index < len(head.columns)]
    has_emotions = any(head.columns[index].step.emotions for index in shown)
    y, heights = head.lanes_top, {}
    for lane in settings.lanes:
        top = y
        if lane == "emotions":
            if has_emotions and lane in whole.lane_heights:
                y = top + whole.lane_heights[lane]
        elif lane in whole.cell_heights:
            cells = [whole.cell_heights[lane][index] for index in shown]
            if any(cells):
                label = _lane_label(head.layout, lane, top, head.label_width, theme, settings.labels)
                y = top + _text_lane_height(cells, label, theme) + theme.spacing.lane_gap
        if y > top:
            heights[lane] = y - top
    return y + theme.spacing.margin, heights


def _part(columns: list[Column], steps: range | None, left: float) -> tuple[list[Column], list[Column]]:
    """Every column and the shown ones: for a part, every column moved so that the
    part's first column starts at ``left``."""
    if steps is None:
        return columns, columns
    shown = [columns[index] for index in steps if 0 <= index < len(columns)]
    if not shown:
        return columns, []
    dx = left - shown[0].x
    moved = [Column(x=column.x + dx, width=column.width, step=column.step) for column in columns]
    return moved, [moved[index] for index in steps if 0 <= index < len(columns)]


def _part_note(columns: list[Column], shown: list[Column], labels: Labels) -> str:
    """Which steps a part of the map shows, for its subtitle (nothing for the whole map)."""
    if len(shown) == len(columns) or not shown:
        return ""
    first = next(number for number, column in enumerate(columns, start=1) if column is shown[0])
    return labels("part_steps", first=first, last=first + len(shown) - 1, total=len(columns))


def _label_width(styles: TextStyles, settings: Settings, project: Project, space: Spacing) -> float:
    """The lane-label column: wide enough for the lane names and the scale labels."""
    needed = max(
        [styles.width("label", lane_title(settings.labels, lane)) for lane in settings.lanes]
        + [styles.width("scale", label) + 12 for _, label in project.scale.labels]
    )
    return min(max(space.label_width, needed + space.cell_padding * 2), space.label_width_max)


def _persona_name(project: Project, persona_id: str) -> str:
    persona = project.persona(persona_id)
    return persona.name if persona else persona_id


#: A step's widest word by the step's identity and how it is measured. Splitting a map
#: for paper lays it out a dozen times over, and measuring every text of every step each
#: time was a third of a cold site build. Each entry holds the step and labels it was
#: measured for, so their ids cannot be reused while it exists; cleared when it grows.
_WIDEST: dict[tuple, tuple[Step, Labels, float]] = {}
_WIDEST_LIMIT = 100_000


def clear_memos() -> None:
    """Forget the widest words and the last whole layout (cold-start measurements)."""
    _WIDEST.clear()
    _last_whole.inputs, _last_whole.layout = (), None


def _widest_word(step: Step, styles: TextStyles, cast: Cast, labels: Labels) -> float:
    key = (id(step), id(labels), styles.key, cast)
    known = _WIDEST.get(key)
    if known is not None and known[0] is step and known[1] is labels:
        return known[2]
    if len(_WIDEST) >= _WIDEST_LIMIT:
        _WIDEST.clear()
    widest = lane_widest_word(step, styles, cast, labels)
    _WIDEST[key] = (step, labels, widest)
    return widest


def _columns(
    journey: JourneyMap, styles: TextStyles, cast: Cast, left: float, space: Spacing, labels: Labels
) -> list[Column]:
    """One column per step; a column grows to hold its widest unbreakable word."""
    columns: list[Column] = []
    x = left
    for _, step in journey.steps():
        widest = _widest_word(step, styles, cast, labels)
        width = min(max(space.column_width, widest + 2 * space.cell_padding + 1), space.column_width_max)
        columns.append(Column(x=x, width=width, step=step))
        x += width + space.column_gap
    return columns


def _title(
    layout: Layout,
    journey: JourneyMap,
    compare: JourneyMap | None,
    margin: float,
    width: float,
    labels: Labels,
    note: str = "",
) -> float:
    title = layout.styles.block("title", journey.title, margin, margin, width)
    layout.texts.append(title)
    state = labels("subtitle_future" if journey.state == "future" else "subtitle_current")
    if compare is not None:
        state = labels("subtitle_drawn_over", state=state, title=compare.title)
    elif journey.compares_to:
        state = labels("subtitle_improves", state=state, map=journey.compares_to)
    if note:
        state = labels("subtitle_part", state=state, note=note)
    subtitle = layout.styles.block("subtitle", state, title.x, title.bottom + 2, width)
    layout.texts.append(subtitle)
    return subtitle.bottom + TITLE_GAP


def _legend(
    layout: Layout,
    journey: JourneyMap,
    project: Project,
    compare: JourneyMap | None,
    left: float,
    top: float,
    width: float,
    labels: Labels,
) -> float:
    """One entry per persona (sample line + name), then compare and moment-of-truth keys."""
    styles = layout.styles
    entries: list[tuple[str, int, str]] = []
    for index, persona_id in enumerate(journey.personas):
        entries.append(("persona", index, _persona_name(project, persona_id)))
    if compare is not None:
        entries.append(("compare", 0, labels("legend_before", title=compare.title)))
    if any(step.moment_of_truth for _, step in journey.steps()):
        entries.append(("moment", 0, labels("moment_of_truth")))
    x, y = left, top
    row_height = styles.line_height("legend")
    for kind, index, name in entries:
        label_width = min(styles.width("legend", name), width - LEGEND_SAMPLE - 8)
        entry_width = LEGEND_SAMPLE + 6 + label_width + 20
        if x > left and x + entry_width > left + width:
            x, y = left, y + row_height + 4
        label = styles.block("legend", name, x + LEGEND_SAMPLE + 6, y, label_width + 1)
        layout.legend.append(LegendEntry(x=x, y=y + row_height / 2, kind=kind, index=index, label=label))
        layout.texts.append(label)
        x += entry_width
        row_height = max(row_height, label.height)
    return y + row_height if entries else top


def _stage_header(
    layout: Layout, journey: JourneyMap, columns: list[Column], shown: list[Column], top: float, theme: Theme
) -> float:
    """Stage names (and goals) above their steps; the header is as tall as the tallest."""
    pad = theme.spacing.cell_padding
    bottom = top
    for _, stage, x, width in _stage_spans(journey, columns, shown):
        name = layout.styles.block("stage", stage.name, x + pad, top + pad, width - 2 * pad)
        layout.texts.append(name)
        if stage.goal:
            name = layout.styles.block("goal", stage.goal, x + pad, name.bottom + 2, width - 2 * pad)
            layout.texts.append(name)
        bottom = max(bottom, name.bottom + pad)
    return bottom


def _stage_spans(
    journey: JourneyMap, columns: list[Column], shown: list[Column]
) -> list[tuple[int, Stage, float, float]]:
    """Each stage with steps among ``shown``, numbered among the map's stages with steps
    (so a stage keeps its colour on every part), with the left edge and width of its shown columns."""
    spans, start, number = [], 0, 0
    visible = {id(column) for column in shown}
    for stage in journey.stages:
        span = columns[start : start + len(stage.steps)]
        start += len(stage.steps)
        part = [column for column in span if id(column) in visible]
        if part:
            spans.append((number, stage, part[0].x, part[-1].x + part[-1].width - part[0].x))
        number += bool(span)
    return spans


def _stage_bands(
    layout: Layout, journey: JourneyMap, columns: list[Column], shown: list[Column], top: float, bottom: float
) -> None:
    """Coloured bands behind each stage, from the header down through every lane."""
    bands = [
        Rect(x, top, width, bottom - top, f"stage-{number}")
        for number, _, x, width in _stage_spans(journey, columns, shown)
    ]
    layout.rects[:0] = bands  # drawn first, behind everything


def _lane_label(
    layout: Layout, lane: str, top: float, label_width: float, theme: Theme, labels: Labels
) -> TextBlock:
    pad = theme.spacing.cell_padding
    left = theme.spacing.margin + pad
    label = layout.styles.block("label", lane_title(labels, lane), left, top + pad, label_width - 2 * pad)
    layout.texts.append(label)
    return label


def _text_lane(
    layout: Layout,
    lane: str,
    cells: list[Cell],
    columns: list[Column],
    top: float,
    label_width: float,
    theme: Theme,
    labels: Labels,
) -> float:
    pad = theme.spacing.cell_padding
    label = _lane_label(layout, lane, top, label_width, theme, labels)
    height = _text_lane_height([cell.height for cell in cells], label, theme)
    for column, cell in zip(columns, cells, strict=True):
        cell.place(layout, column.x, top + pad, column.width, pad)
    _lane_rule(layout, theme, top + height + theme.spacing.lane_gap / 2, columns)
    return top + height + theme.spacing.lane_gap


def _text_lane_height(cell_heights: list[float], label: TextBlock, theme: Theme) -> float:
    """A text lane is as tall as its tallest cell, or its label, and the padding."""
    return max([*cell_heights, label.height]) + 2 * theme.spacing.cell_padding


def _lane_rule(layout: Layout, theme: Theme, y: float, columns: list[Column]) -> None:
    left = theme.spacing.margin
    right = columns[-1].x + columns[-1].width if columns else layout.width - left
    layout.rects.append(Rect(left, y, right - left, 0, "lane-rule"))


def _emotion_lane(
    layout: Layout,
    journey: JourneyMap,
    project: Project,
    compare: JourneyMap | None,
    columns: tuple[list[Column], list[Column]],
    top: float,
    label_width: float,
    theme: Theme,
    labels: Labels,
) -> float:
    """The plot: gridlines per whole score, a curve and markers per persona, and each
    persona's feeling at its point.

    ``columns`` is (every column, the shown ones): the curves go through every step, the
    plot, markers, moments and feelings are the shown steps'.
    """
    every, shown = columns
    space = theme.spacing
    label = _lane_label(layout, "emotions", top, label_width, theme, labels)
    lowest_top = label.bottom + space.cell_padding + space.marker_size * 2
    plot, bottom = plot_emotions(
        layout, journey, project, compare, columns, top + space.cell_padding, label_width, theme, lowest_top=lowest_top
    )
    if len(shown) != len(every):
        _crop_plot(layout, plot, shown, space.column_gap)
    layout.plot = plot
    bottom += space.cell_padding
    _lane_rule(layout, theme, bottom + space.lane_gap / 2, shown)
    return bottom + space.lane_gap


def _crop_plot(layout: Layout, plot: EmotionPlot, shown: list[Column], gap: float) -> None:
    """The plot of a part of the map: its gridlines and moments span the shown columns
    (the markers are the shown steps' already); the lines are clipped half a gap beyond
    them, so parts side by side join up."""
    plot.left, plot.right = shown[0].x, shown[-1].x + shown[-1].width
    layout.clip = (plot.left - gap / 2, plot.right + gap / 2)
    plot.moments = [x for x in plot.moments if plot.left <= x <= plot.right]
