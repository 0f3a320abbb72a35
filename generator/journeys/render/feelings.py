"""Where each persona's feeling goes in the emotion plot: a label beside its point.

The placement is simple and deterministic. A label sits above its point when the line
rises to it or peaks there, below when the point is a valley (lower than its
neighbours, or at the bottom of the scale), and leans to the left or right of its
step, away from the side where its line runs through it. Personas that share a step
take turns: the highest point's label goes above, the lowest's below, whatever their
own lines do, so the two never meet between them. A label that would still overlap
another at its step moves on past it, in its own direction. Labels are wrapped to the
column and cut to :data:`MAX_LINES`; a cut label keeps its whole text in a tooltip.

Everything here is relative to the plot's top score line: the plot is then put where
the labels above its top leave room for (see ``emotions.plot_emotions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from journeys.render.textstyle import TextStyles

MAX_LINES = 2
#: Space between a marker's edge and its label, and between two labels at one step.
LABEL_GAP = 3.0
ELLIPSIS = "\u2026"


@dataclass(frozen=True, slots=True)
class Anchor:
    """A point a feeling is written at (``y`` from the plot's top line)."""

    column: int
    y: float
    #: The persona whose feeling it is, or None for one feeling shared by every persona.
    persona: str | None
    #: The score there and the persona's scores at the steps before and after, where
    #: the line comes from and goes to (None: no point, or no line that side).
    score: float | None = None
    before: float | None = None
    after: float | None = None


@dataclass(frozen=True, slots=True)
class FeelingLabel:
    anchor: Anchor
    lines: tuple[str, ...]
    top: float  # from the plot's top line
    height: float
    #: The whole text when the label is cut, for its tooltip; else "".
    full_text: str
    #: Where the label sits across its step: -1 to the left, 0 centred, 1 to the right,
    #: away from the side its line passes through.
    lean: int = 0


def prefers_below(anchor: Anchor, minimum: float) -> bool:
    """Whether the anchor's point is a valley: at the scale's bottom, or lower than the
    scores either side of it (a point the line rises to or through, or peaks at, has
    its label above)."""
    score = anchor.score
    if score is None:
        return False
    neighbours = [other for other in (anchor.before, anchor.after) if other is not None]
    return score <= minimum or (bool(neighbours) and all(score < other for other in neighbours))


def lean(anchor: Anchor, below: bool) -> int:
    """Which way a label leaves its step's centre: away from the one side where its
    line runs through the label's half (above or below the point)."""
    score = anchor.score
    if score is None:
        return 0

    def crosses(other: float | None) -> bool:
        return other is not None and (other < score if below else other > score)

    left, right = crosses(anchor.before), crosses(anchor.after)
    return 0 if left == right else (1 if left else -1)


def fitted_lines(styles: TextStyles, text: str, width: float) -> tuple[tuple[str, ...], bool]:
    """``text`` wrapped to ``width``, cut to :data:`MAX_LINES` with an ellipsis; and
    whether it was cut."""
    lines = styles.wrap("feeling", text, width)
    if len(lines) <= MAX_LINES:
        return lines, False
    last = lines[MAX_LINES - 1]
    while last and styles.width("feeling", last + ELLIPSIS) > width:
        last = last[:-1]
    return (*lines[: MAX_LINES - 1], last.rstrip() + ELLIPSIS), True


def place_labels(
    anchors: Sequence[tuple[Anchor, str]], styles: TextStyles, widths: Sequence[float], clearance: float, minimum: float
) -> list[FeelingLabel]:
    """A label for each (anchor, text), as wide as its column's entry in ``widths`` at
    most, at least ``clearance`` from its point's centre (the marker's half-width),
    placed as the module says; ``minimum`` is the bottom of the scale."""
    by_column: dict[int, list[tuple[Anchor, str]]] = {}
    for anchor, text in anchors:
        by_column.setdefault(anchor.column, []).append((anchor, text))
    labels: list[FeelingLabel] = []
    line_height = styles.line_height("feeling")
    for column in sorted(by_column):
        ordered = sorted(by_column[column], key=lambda item: item[0].y)  # highest point first; stable
        placed: list[tuple[float, float]] = []
        for rank, (anchor, text) in enumerate(ordered):
            below = prefers_below(anchor, minimum)
            if len(ordered) > 1 and rank in (0, len(ordered) - 1):
                below = rank > 0
            lines, cut = fitted_lines(styles, text, widths[column])
            if not lines:  # a blank feeling: nothing to write
                continue
            height = len(lines) * line_height
            top = anchor.y + clearance + LABEL_GAP if below else anchor.y - clearance - LABEL_GAP - height
            top = _clear_of(top, height, placed, below)
            placed.append((top, top + height))
            labels.append(FeelingLabel(anchor, lines, top, height, text if cut else "", lean(anchor, below)))
    return labels


def _clear_of(top: float, height: float, placed: list[tuple[float, float]], below: bool) -> float:
    """``top`` moved down (``below``) or up past every placed label it overlaps."""
    moved = True
    while moved:
        moved = False
        for upper, lower in placed:
            if top < lower + LABEL_GAP and top + height + LABEL_GAP > upper:
                top = lower + LABEL_GAP if below else upper - LABEL_GAP - height
                moved = True
    return top
