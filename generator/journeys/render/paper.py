"""A map split onto pages of paper with every text readable: the one rule for PDF
export and for printing a map page from the browser.

A diagram is as wide as its steps, often three times a landscape page. Shrunk to one
page its text would measure 2 pt; here the smallest text stays at least
:data:`MIN_TEXT_PT` on paper. The steps are cut into parts that fit the page's width at
that size, at stage boundaries where a stage fits (a longer stage is cut between
steps), and a part too tall for the page puts its lanes on more than one page. Each
part is drawn by the renderer with the title, legend, lane labels and emotion scale.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.render.layout import layout_map, part_heights
from journeys.render.textstyle import STYLE_FONTS
from journeys.render.theme import load_theme

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project
    from journeys.render.layout import Layout
    from journeys.render.theme import Theme

#: The smallest text on paper, in points: 6 pt is the usual floor for printed small print.
MIN_TEXT_PT = 6.0
#: Points per millimetre.
MM = 72 / 25.4


@dataclass(frozen=True)
class Part:
    """One page of a map: some of its steps, some (or all) of its lanes."""

    steps: range
    lanes: tuple[str, ...]
    #: The drawing's size in its own units (CSS pixels).
    width: float
    height: float
    #: The part laid out, as measured: drawing it needs no second layout.
    layout: Layout = field(compare=False, repr=False)

    def scale(self, area: tuple[float, float]) -> float:
        """Points per drawing unit when the part is fitted into ``area`` (width, height in points)."""
        return min(area[0] / self.width, area[1] / self.height)


def min_scale(theme: Theme) -> float:
    """Points per drawing unit at which the diagram's smallest text is :data:`MIN_TEXT_PT`."""
    smallest = min(getattr(theme.font, size) for size, _ in STYLE_FONTS.values())
    return MIN_TEXT_PT / smallest


def paper_parts(
    journey: JourneyMap,
    project: Project,
    settings: Settings,
    area: tuple[float, float],
    compare: JourneyMap | None = None,
) -> list[Part]:
    """The parts of ``journey`` for pages whose printable area is ``area`` (width, height
    in points), in reading order: by steps, then lanes. Each fits ``area`` with its
    smallest text at least :data:`MIN_TEXT_PT`, except a single lane of a single step
    that is taller than a page, which is shrunk to fit."""
    theme = load_theme(settings)
    least = min_scale(theme)
    widest, tallest = area[0] / least, area[1] / least

    def laid(steps: range | None, lanes: tuple[str, ...]) -> Layout:
        return layout_map(journey, project, dataclasses.replace(settings, lanes=lanes), theme, compare, steps)

    whole = layout_map(journey, project, settings, theme, compare)  # the page's own diagram's, kept
    parts = []
    for steps in _step_ranges(journey, whole, widest):
        # Measured before it is laid out: most parts of a long map are too tall for a
        # page, and laying each out whole only to measure it was a tenth of a cold build.
        height, lane_heights = part_heights(journey, project, settings, theme, compare, steps, whole)
        if height <= tallest:
            full = laid(steps, settings.lanes)
            parts.append(Part(steps, settings.lanes, full.width, full.height, full))
            continue
        # Lanes add up, so their groups can be chosen from these heights; each group is
        # then laid out as drawn (the lane-label column may differ), and a group that came
        # out too tall after all is split lane by lane.
        for lanes in _lane_groups(lane_heights, height - sum(lane_heights.values()), tallest):
            layout = laid(steps, lanes)
            if layout.height > tallest and len(lanes) > 1:
                for lane in lanes:
                    single = laid(steps, (lane,))
                    parts.append(Part(steps, (lane,), single.width, single.height, single))
            else:
                parts.append(Part(steps, lanes, layout.width, layout.height, layout))
    return parts


def _step_ranges(journey: JourneyMap, whole: Layout, widest: float) -> list[range]:
    """Consecutive ranges of steps whose parts are at most ``widest`` wide; each as many
    steps as fit, ended at the last stage boundary within them when there is one."""
    edges = whole.columns
    if not edges:
        return [range(0)]
    left, margin = edges[0][0], whole.width - edges[-1][1]
    boundaries, count = set(), 0
    for stage in journey.stages:
        count += len(stage.steps)
        boundaries.add(count)
    ranges, start = [], 0
    while start < len(edges):
        end = start + 1  # a part holds at least one step, however wide
        while end < len(edges) and left + edges[end][1] - edges[start][0] + margin <= widest:
            end += 1
        stage_ends = [b for b in boundaries if start < b <= end]
        cut = max(stage_ends) if stage_ends and end < len(edges) else end
        ranges.append(range(start, cut))
        start = cut
    return ranges


def _lane_groups(heights: dict[str, float], base: float, tallest: float) -> list[tuple[str, ...]]:
    """The lanes drawn (with the ``heights`` they add to ``base``), in order, in groups
    whose parts are at most ``tallest`` high; a lane taller than that alone is a group of its own."""
    groups: list[tuple[str, ...]] = []
    group: tuple[str, ...] = ()
    for lane in heights:
        if group and base + sum(heights[name] for name in (*group, lane)) > tallest:
            groups.append(group)
            group = ()
        group = (*group, lane)
    return [*groups, group] if group else groups
