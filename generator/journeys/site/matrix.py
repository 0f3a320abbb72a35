"""The opportunity matrix of the backlog page: impact against effort, as an inline SVG.

Opportunities are rated ``low``, ``medium`` or ``high``, so the matrix is a 3 × 3 grid
of cells, effort across (low on the left) and impact up (high at the top). The four
quadrants are decided by :func:`quadrant` alone: the rows, the list's quadrant column
and filter, and the drawing all ask it. Several opportunities in one cell are stacked
in it, each on its own line, so no point hides another. An opportunity without both
ratings is never placed: the page lists it apart.

User text reaches the SVG only through :mod:`journeys.render.svg`'s escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.labels import ENGLISH
from journeys.render.curve import fmt
from journeys.render.svg import attr, text
from journeys.render.textmetrics import text_width, wrap

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from journeys.labels import Labels
    from journeys.model import Level

#: Quadrant key -> the label of its name; in this order in the legend and the quadrant filter.
QUADRANTS = {
    "quick-wins": "quadrant_quick_wins",
    "big-bets": "quadrant_big_bets",
    "fillers": "quadrant_fillers",
    "money-pits": "quadrant_money_pits",
}
UNRATED = "unrated"
LEVEL_ORDER: tuple[str, ...] = ("low", "medium", "high")

CELL_WIDTH = 230
LINE = 20
#: Room at the top of every cell for a quadrant's name.
CELL_TOP = 30
CELL_BOTTOM = 10
MIN_CELL_HEIGHT = 90
#: Points drawn per cell; the rest are counted ("+ 4 more") and are in the list.
MAX_POINTS = 12
LEFT, TOP, BOTTOM = 86, 8, 52
FONT = 12
LABEL_START, LABEL_END = 24, 10


def quadrant(impact: str | None, effort: str | None) -> str | None:
    """The quadrant of an opportunity; ``None`` unless it has both ratings.

    Only ``high`` counts as high: an opportunity is a quick win when its impact is
    high and its effort is not, a big bet when both are high, a money pit when only
    its effort is, and a filler otherwise.
    """
    if impact is None or effort is None:
        return None
    high_impact, high_effort = impact == "high", effort == "high"
    if high_impact:
        return "big-bets" if high_effort else "quick-wins"
    return "money-pits" if high_effort else "fillers"


@dataclass(frozen=True)
class MatrixPoint:
    """One rated opportunity, with what its link, tooltip and filters need."""

    text: str
    impact: Level
    effort: Level
    map_id: str
    step_id: str
    #: "Map title › Stage › Step", for the point's tooltip.
    where: str
    state: str
    personas: tuple[str, ...]

    @property
    def quadrant(self) -> str:
        return quadrant(self.impact, self.effort) or UNRATED


def _label(label: str, width: float) -> str:
    """The first line of ``label`` that fits ``width``, with an ellipsis when cut."""
    lines = wrap(label, width / FONT)
    if len(lines) == 1:
        return lines[0]
    return wrap(label, width / FONT - text_width("…"))[0] + "…"


def _point(point: MatrixPoint, x: float, y: float, href: str, labels: Labels) -> str:
    impact, effort = labels(f"level_{point.impact}"), labels(f"level_{point.effort}")
    tip = labels("matrix_point", text=point.text, where=point.where, impact=impact, effort=effort)
    dot = "journeys-matrix-point" + (" journeys-matrix-future" if point.state == "future" else "")
    label = _label(point.text, CELL_WIDTH - LABEL_START - LABEL_END)
    return (
        f'<a href="{attr(href)}" class="journeys-matrix-item journeys-filter-item" data-map="{attr(point.map_id)}" '
        f'data-persona="{attr(" ".join(point.personas))}" data-state="{attr(point.state)}" '
        f'data-quadrant="{point.quadrant}"><title>{text(tip)}</title>'
        f'<circle class="{dot}" cx="{fmt(x + 14)}" cy="{fmt(y)}" r="5"/>'
        f'<text x="{fmt(x + LABEL_START)}" y="{fmt(y + 4)}">{text(label)}</text></a>'
    )


def _cells(points: Sequence[MatrixPoint]) -> dict[tuple[str, str], list[MatrixPoint]]:
    cells: dict[tuple[str, str], list[MatrixPoint]] = {}
    for point in points:
        cells.setdefault((point.impact, point.effort), []).append(point)
    return cells


def _row_heights(cells: dict[tuple[str, str], list[MatrixPoint]]) -> dict[str, float]:
    """Each impact row as tall as its fullest cell (at least ``MIN_CELL_HEIGHT``)."""
    heights: dict[str, float] = {}
    for impact in LEVEL_ORDER:
        most = max((min(len(cells.get((impact, e), [])), MAX_POINTS + 1) for e in LEVEL_ORDER), default=0)
        heights[impact] = max(MIN_CELL_HEIGHT, CELL_TOP + most * LINE + CELL_BOTTOM)
    return heights


def description(points: Sequence[MatrixPoint], labels: Labels) -> str:
    counts = {key: 0 for key in QUADRANTS}
    for point in points:
        counts[point.quadrant] += 1
    parts = labels("matrix_counts", **{key.replace("-", "_"): count for key, count in counts.items()})
    return labels("matrix_description", n=len(points), counts=parts)


def matrix_svg(
    points: Sequence[MatrixPoint],
    href: Callable[[MatrixPoint], str],
    labels: Labels = ENGLISH,
    id_prefix: str = "matrix",
) -> str:
    """The matrix of ``points`` (all rated); ``href`` gives each point's link."""
    cells = _cells(points)
    heights = _row_heights(cells)
    width = LEFT + 3 * CELL_WIDTH + 2
    row_top: dict[str, float] = {}
    y = float(TOP)
    for impact in reversed(LEVEL_ORDER):
        row_top[impact] = y
        y += heights[impact]
    grid_bottom = y
    height = grid_bottom + BOTTOM
    col_left: dict[str, float] = {effort: LEFT + index * CELL_WIDTH for index, effort in enumerate(LEVEL_ORDER)}
    # A group, not an image: an image's content is presentational, and its points are links.
    out = [
        f'<svg class="journeys-matrix" xmlns="http://www.w3.org/2000/svg" role="group" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" width="{fmt(width)}" height="{fmt(height)}" '
        f'viewBox="0 0 {fmt(width)} {fmt(height)}">',
        f'<title id="{id_prefix}-title">{text(labels("matrix_title"))}</title>',
        f'<desc id="{id_prefix}-desc">{text(description(points, labels))}</desc>',
    ]
    out += _quadrants(row_top, heights, col_left, labels)
    out += _axes(row_top, heights, col_left, grid_bottom, labels)
    for (impact, effort), members in sorted(cells.items()):
        x, top = col_left[effort], row_top[impact] + CELL_TOP
        for index, point in enumerate(members[:MAX_POINTS]):
            out.append(_point(point, x, top + index * LINE + LINE / 2, href(point), labels))
        if len(members) > MAX_POINTS:
            more_y = top + MAX_POINTS * LINE + LINE / 2 + 4
            out.append(
                f'<text class="journeys-matrix-more" x="{fmt(x + LABEL_START)}" y="{fmt(more_y)}">'
                f"{text(labels('matrix_more', n=len(members) - MAX_POINTS))}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)


def _quadrants(
    row_top: dict[str, float], heights: dict[str, float], col_left: dict[str, float], labels: Labels
) -> list[str]:
    """Each quadrant's background and name, in the top-left of the cells it covers."""
    out = []
    for key, name in QUADRANTS.items():
        area = [(i, e) for i in LEVEL_ORDER for e in LEVEL_ORDER if quadrant(i, e) == key]
        left = min(col_left[e] for _, e in area)
        right = max(col_left[e] for _, e in area) + CELL_WIDTH
        top = min(row_top[i] for i, _ in area)
        bottom = max(row_top[i] + heights[i] for i, _ in area)
        out.append(
            f'<rect class="journeys-quadrant journeys-quadrant-{key}" x="{fmt(left)}" y="{fmt(top)}" '
            f'width="{fmt(right - left)}" height="{fmt(bottom - top)}"/>'
            f'<text class="journeys-quadrant-name" x="{fmt(left + 10)}" y="{fmt(top + 20)}">{text(labels(name))}</text>'
        )
    return out


def _axes(
    row_top: dict[str, float],
    heights: dict[str, float],
    col_left: dict[str, float],
    grid_bottom: float,
    labels: Labels,
) -> list[str]:
    """Cell lines, the level of each row and column, and the two axis titles."""
    right = LEFT + 3 * CELL_WIDTH
    out = []
    for impact in LEVEL_ORDER:
        middle = row_top[impact] + heights[impact] / 2
        out.append(f'<text class="journeys-matrix-level" x="{LEFT - 8}" y="{fmt(middle + 4)}" '
                   f'text-anchor="end">{text(labels(f"level_{impact}"))}</text>')  # fmt: skip
        out.append(f'<line class="journeys-matrix-grid" x1="{LEFT}" y1="{fmt(row_top[impact])}" '
                   f'x2="{right}" y2="{fmt(row_top[impact])}"/>')  # fmt: skip
    for effort in LEVEL_ORDER:
        x = col_left[effort]
        out.append(f'<text class="journeys-matrix-level" x="{fmt(x + CELL_WIDTH / 2)}" y="{fmt(grid_bottom + 18)}" '
                   f'text-anchor="middle">{text(labels(f"level_{effort}"))}</text>')  # fmt: skip
        out.append(f'<line class="journeys-matrix-grid" x1="{x}" y1="{TOP}" x2="{x}" y2="{fmt(grid_bottom)}"/>')
    out.append(f'<rect class="journeys-matrix-frame" x="{LEFT}" y="{TOP}" width="{3 * CELL_WIDTH}" '
               f'height="{fmt(grid_bottom - TOP)}"/>')  # fmt: skip
    middle_y = (TOP + grid_bottom) / 2
    out.append(
        f'<text class="journeys-matrix-axis" transform="translate(18 {fmt(middle_y)}) rotate(-90)" '
        f'text-anchor="middle">{text(labels("matrix_impact_axis"))}</text>'
    )
    out.append(
        f'<text class="journeys-matrix-axis" x="{fmt(LEFT + 1.5 * CELL_WIDTH)}" y="{fmt(grid_bottom + 42)}" '
        f'text-anchor="middle">{text(labels("matrix_effort_axis"))}</text>'
    )
    return out
