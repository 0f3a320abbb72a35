"""The journey tree page: every map under the maps whose steps it details."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.site import urls
from journeys.site.context import GeneratedPage
from journeys.site.templates import render

if TYPE_CHECKING:
    from journeys.model import DetailLinks, JourneyMap, Step
    from journeys.site.context import SiteContext



@dataclass(frozen=True, slots=True)
class TreeRow:
    """One map in the tree, in reading order; ``depth`` 0 is the top."""

    depth: int
    journey: JourneyMap
    #: The map above it and the steps of that map it details (none at the top).
    parent: JourneyMap | None = None
    steps: tuple[Step, ...] = ()
    #: Shown before under another parent: its own detail maps are not listed again.
    repeated: bool = False


def tree_rows(maps: tuple[JourneyMap, ...], links: DetailLinks) -> list[TreeRow]:
    """The maps depth first, each under every map whose steps it details.

    A map's own children are listed once, under its first place in the tree, so the
    page stays as long as the number of links however they cross. Maps that detail no
    step are at the top; a map reachable from none of them (only possible on a cycle of
    detail links, which validation reports) is put at the top too, so none is missing.
    """
    rows: list[TreeRow] = []
    expanded: set[str] = set()
    by_title = sorted(maps, key=lambda journey: (journey.title.casefold(), journey.id))
    tops = [journey for journey in by_title if not links.parents_of(journey)]
    for top in tops + by_title:
        if top.id in expanded:
            continue
        # An explicit stack rather than recursion: a chain of a thousand maps is fine.
        stack = [TreeRow(0, top)]
        while stack:
            row = stack.pop()
            children = links.children_of(row.journey)
            repeated = row.journey.id in expanded and bool(children)
            rows.append(TreeRow(row.depth, row.journey, row.parent, row.steps, repeated))
            if row.journey.id in expanded:
                continue
            expanded.add(row.journey.id)
            parents = links.parents_of  # the steps of this map that each child details
            for child in reversed(children):
                steps = tuple(p.step for p in parents(child) if p.journey.id == row.journey.id)
                stack.append(TreeRow(row.depth + 1, child, row.journey, steps))
    return rows


def journey_tree_page(ctx: SiteContext) -> GeneratedPage:
    title = ctx.settings.labels("journey_tree")
    html = render(
        ctx.template_dirs,
        "tree.html",
        ctx.settings.labels,
        ctx=ctx,
        link=ctx.linker(urls.JOURNEY_TREE),
        urls=urls,
        title=title,
        rows=tree_rows(ctx.project.maps, ctx.detail_links),
    )
    return GeneratedPage.from_template_output(urls.JOURNEY_TREE, title, html, in_nav=True)
