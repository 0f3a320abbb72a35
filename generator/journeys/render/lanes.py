"""What goes in each lane's cell, as text lines and cards relative to the cell.

A text a persona has of their own (``thoughts: {pat: ...}``) starts with that persona's
marker, the shape their emotion line uses, so a two-persona map says whose it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.render import textmetrics
from journeys.render.textstyle import Rect, TextBlock

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from journeys.labels import Labels
    from journeys.model import PersonaTexts, Step
    from journeys.render.layout import Layout
    from journeys.render.textstyle import TextStyles



def lane_title(labels: Labels, lane: str) -> str:
    """The name of a lane, drawn at its left: the label ``lane_<lane>``."""
    return labels(f"lane_{lane}")


CHANNEL_MARK = 8  # side of the square drawn before a channel name
CARD_PAD = 5  # vertical padding inside a pain-point or opportunity card
CARD_GAP = 6
PERSONA_GAP = 4  # vertical space between two personas' texts in one cell
MARK_GAP = 5  # between a persona's marker and their text
#: Width of the widest marker shape (a triangle), in marker radii (see svg.marker_element).
MARKER_SPAN = 2.6
#: Side of the mark at the top right of a step that another map details.
DETAIL_MARK = 14
#: Width of a pain point's severity mark (three bars), and the text's indent after it.
SEVERITY_MARK = 11
SEVERITY_INDENT = SEVERITY_MARK + MARK_GAP


@dataclass(frozen=True, slots=True)
class Cast:
    """The map's personas as the text lanes mark them: the map's order gives each
    persona its marker, as it does their emotion line."""

    #: (persona id, name shown in the marker's tooltip), in the map's order.
    personas: tuple[tuple[str, str], ...]
    marker_size: float

    def index(self, persona: str) -> int:
        return next(number for number, (pid, _) in enumerate(self.personas) if pid == persona)

    def name(self, persona: str) -> str:
        return self.personas[self.index(persona)][1]

    @property
    def mark_width(self) -> float:
        return MARKER_SPAN * self.marker_size

    @property
    def indent(self) -> float:
        return self.mark_width + MARK_GAP


@dataclass(frozen=True, slots=True)
class PersonaMark:
    """The marker drawn before a persona's own text; (x, y) is its centre."""

    x: float
    y: float
    index: int
    persona: str
    name: str


@dataclass(frozen=True, slots=True)
class SeverityMark:
    """The severity of a pain point as a glyph (bars, as a signal gauge: one for low,
    two for medium, three for high); (x, y) is its left end on the text's first line."""

    x: float
    y: float
    level: str


@dataclass(frozen=True, slots=True)
class DetailMark:
    """The mark of a step that another map details; (x, y) is its top-left corner."""

    x: float
    y: float
    map_id: str
    #: The detail map's title, for the mark's tooltip.
    title: str


@dataclass(slots=True)
class Cell:
    """One lane's content for one step; offsets are from the cell's content top-left."""

    height: float = 0.0
    #: (dy, style, lines, indent) text pieces
    texts: list[tuple[float, str, tuple[str, ...], float]] = field(default_factory=list)
    #: (dy, height, css) cards drawn behind a group of text
    cards: list[tuple[float, float, str]] = field(default_factory=list)
    channel_dy: float | None = None
    #: Markers before personas' own texts, with (x, y) relative to the cell.
    marks: list[PersonaMark] = field(default_factory=list)
    #: The mark of a detailed step, with (x, y) relative to the cell.
    detail: DetailMark | None = None
    #: The severity marks of pain points, with (x, y) relative to the cell.
    severities: list[SeverityMark] = field(default_factory=list)

    def add_text(self, styles: TextStyles, style: str, text: str, width: float, indent: float = 0.0) -> None:
        lines = styles.wrap(style, text, width - indent)
        self.texts.append((self.height, style, lines, indent))
        self.height += len(lines) * styles.line_heights[style]

    def place(self, layout: Layout, x: float, y: float, width: float, pad: float) -> None:
        for dy, height, css in self.cards:
            layout.rects.append(Rect(x + pad / 2, y + dy, width - pad, height, css))
        if self.channel_dy is not None:
            layout.channels.append((x + pad, y + self.channel_dy))
        for mark in self.marks:
            layout.persona_marks.append(PersonaMark(x + pad + mark.x, y + mark.y, mark.index, mark.persona, mark.name))
        if self.detail is not None:
            detail = self.detail
            layout.detail_marks.append(DetailMark(x + pad + detail.x, y + detail.y, detail.map_id, detail.title))
        for severity in self.severities:
            layout.severity_marks.append(SeverityMark(x + pad + severity.x, y + severity.y, severity.level))
        if not self.texts:
            return
        sizes, line_heights = layout.styles.sizes, layout.styles.line_heights
        for dy, style, lines, indent in self.texts:
            inner_width = width - 2 * pad - indent
            layout.texts.append(
                TextBlock(x + pad + indent, y + dy, inner_width, lines, style, sizes[style], line_heights[style])
            )


def build_cells(
    steps: Sequence[Step],
    lanes: Sequence[str],
    styles: TextStyles,
    widths: Sequence[float],
    pad: float,
    cast: Cast,
    details: Mapping[str, str],
    labels: Labels,
) -> dict[str, list[Cell]]:
    """Cells per lane for the text lanes in ``lanes`` that have content in any step
    (the emotion lane is a plot: ``emotions.py``); ``details`` is the title of each
    map that details a step, by map id.
    """
    builders = {
        "steps": lambda s, st, w: _step_cell(s, st, w, details),
        "actions": lambda s, st, w: _persona_cell(st, "body", shown_texts(s.actions), w, cast),
        "thoughts": lambda s, st, w: _persona_cell(st, "thought", shown_texts(s.thoughts, quote=True), w, cast),
        "pain_points": lambda s, st, w: _pain_cell(s, st, w, labels),
        "opportunities": lambda s, st, w: _opportunity_cell(s, st, w, labels),
        "backstage": lambda s, st, w: _plain(st, "muted", s.backstage, w),
    }
    cells = {}
    for lane in (lane for lane in lanes if lane in builders):
        # One width per step (the columns): a mismatch would be a bug, not something to truncate.
        lane_cells = [builders[lane](step, styles, width - 2 * pad) for step, width in zip(steps, widths, strict=True)]
        if any(cell.height for cell in lane_cells):
            cells[lane] = lane_cells
    return cells


def _plain(styles: TextStyles, style: str, text: str | None, width: float) -> Cell:
    cell = Cell()
    if text:
        cell.add_text(styles, style, text, width)
    return cell


def _persona_cell(
    styles: TextStyles, style: str, texts: list[tuple[str | None, str]], width: float, cast: Cast
) -> Cell:
    """One shared text, or each persona's text after their marker."""
    cell = Cell()
    for number, (persona, text) in enumerate(texts):
        if persona is None:
            cell.add_text(styles, style, text, width)
            continue
        if number:
            cell.height += PERSONA_GAP
        middle = cell.height + styles.line_height(style) / 2
        cell.marks.append(PersonaMark(cast.mark_width / 2, middle, cast.index(persona), persona, cast.name(persona)))
        cell.add_text(styles, style, text, width, indent=cast.indent)
    return cell


def _step_cell(step: Step, styles: TextStyles, width: float, details: Mapping[str, str]) -> Cell:
    """The step's name (beside the mark of its detail map), then its channel (with a
    marker) and touchpoint."""
    cell = Cell()
    title = details.get(step.detail) if step.detail else None
    if step.detail and title is not None:
        # The name wraps before the mark, which sits on its first line.
        top = (styles.line_height("name") - DETAIL_MARK) / 2
        cell.detail = DetailMark(width - DETAIL_MARK, top, step.detail, title)
        width -= DETAIL_MARK + MARK_GAP
    cell.add_text(styles, "name", step.name, width)
    if step.channel:
        cell.height += 4
        cell.channel_dy = cell.height + (styles.line_height("channel") - CHANNEL_MARK) / 2
        cell.add_text(styles, "channel", step.channel, width, indent=CHANNEL_MARK + 5)
    if step.touchpoint:
        cell.height += 0 if step.channel else 4
        cell.add_text(styles, "muted", step.touchpoint, width)
    return cell


EVIDENCE_GAP_CSS = "evidence-gap"


def mark_evidence_gaps(
    cells: list[Cell], steps: Sequence[Step], styles: TextStyles, widths: Sequence[float], words: str
) -> None:
    """Add the mark of a step without evidence (with ``show_evidence``) under its name:
    ``words`` ("No evidence") on a dashed outline, never a colour alone."""
    for cell, step, width in zip(cells, steps, widths, strict=True):
        if not step.has_evidence:
            cell.height += CARD_GAP
            top = cell.height
            cell.height += CARD_PAD / 2
            cell.add_text(styles, "gap", words, width)
            cell.height += CARD_PAD / 2
            cell.cards.append((top, cell.height - top, EVIDENCE_GAP_CSS))


def _cards(styles: TextStyles, style: str, css: str, items: Sequence[tuple[str, str | None]], width: float) -> Cell:
    """A card per (text, severity); a card with a severity starts with its mark, and
    its class names the level (the border is heavier the more severe)."""
    cell = Cell()
    for number, (text, level) in enumerate(items):
        if number:
            cell.height += CARD_GAP
        top = cell.height
        cell.height += CARD_PAD
        if level is not None:
            cell.severities.append(SeverityMark(0, cell.height + styles.line_height(style) / 2, level))
        cell.add_text(styles, style, text, width, indent=SEVERITY_INDENT if level is not None else 0.0)
        cell.height += CARD_PAD
        cell.cards.append((top, cell.height - top, f"{css} severity-{level}" if level else css))
    return cell


def _pain_cell(step: Step, styles: TextStyles, width: float, labels: Labels) -> Cell:
    items = [(text, p.severity) for text, p in zip(pain_texts(step, labels), step.pain_points, strict=True)]
    return _cards(styles, "pain", "pain-card", items, width)


def _opportunity_cell(step: Step, styles: TextStyles, width: float, labels: Labels) -> Cell:
    texts = opportunity_texts(step, labels)
    return _cards(styles, "opportunity", "opportunity-card", [(text, None) for text in texts], width)


def shown_texts(texts: PersonaTexts, *, quote: bool = False) -> list[tuple[str | None, str]]:
    """(persona or None for everyone, text as drawn); thoughts are drawn in quotes."""
    return [(entry.persona, f"\u201c{entry.text}\u201d" if quote else entry.text) for entry in texts]


def pain_texts(step: Step, labels: Labels) -> list[str]:
    return [
        labels("pain_severity", text=p.text, level=labels(f"level_{p.severity}")) if p.severity else p.text
        for p in step.pain_points
    ]


def opportunity_texts(step: Step, labels: Labels) -> list[str]:
    texts = []
    for item in step.opportunities:
        ratings = (("rating_impact", item.impact), ("rating_effort", item.effort))
        rating = labels.join(labels(key, level=labels(f"level_{value}")) for key, value in ratings if value)
        texts.append(labels("rated", text=item.text, ratings=rating) if rating else item.text)
    return texts


def widest_word(step: Step, styles: TextStyles, cast: Cast, labels: Labels) -> float:
    """The widest unbreakable run of any text shown for ``step``, in pixels: its column
    should be at least this wide. Regular text is all measured at the larger of the
    body and small sizes: a slight overestimate that saves a call per text. A
    persona's own text also needs room for the marker before it."""
    regular = [text for text in (step.touchpoint, step.backstage) if text]
    regular += pain_texts(step, labels) + opportunity_texts(step, labels)
    size = max(styles.sizes["body"], styles.sizes["feeling"])
    widest = max(map(textmetrics.widest_word, regular), default=0.0) * size
    if any(pain.severity for pain in step.pain_points):
        widest += SEVERITY_INDENT  # as if every such text started after the severity mark: a slight overestimate
    for texts in (shown_texts(step.actions), shown_texts(step.thoughts, quote=True), shown_texts(step.feeling)):
        for persona, text in texts:
            indent = 0.0 if persona is None else cast.indent
            widest = max(widest, textmetrics.widest_word(text) * size + indent)
    widest = max(widest, styles.widest_word("name", step.name) + (DETAIL_MARK + MARK_GAP if step.detail else 0))
    if step.channel:
        widest = max(widest, styles.widest_word("channel", step.channel) + CHANNEL_MARK + 5)
    return widest
