"""Every page and asset of the journey site, with map pages cached by content.

A serve rebuild after editing one map re-renders that map (and the roll-ups that
summarise all maps) and reuses every other map's page and SVG: the cache key is the
map's own model plus everything else its page shows (persona names, counterpart
titles, last change) and the site-wide inputs (settings, templates, URLs style).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeys.formats.jsonexport import export_json
from journeys.render.theme import usable_theme_folder
from journeys.site import urls
from journeys.site.assets import site_css, sort_js
from journeys.site.catalogue import catalogue_page, matrix_page
from journeys.site.coverage import evidence_page
from journeys.site.diagram import diagram_svg
from journeys.site.pages import broken_map_page, map_page, persona_page
from journeys.site.paper import map_downloads
from journeys.site.rollups import rollup_downloads, rollup_pages
from journeys.site.rows import MapRows, map_rows
from journeys.site.tree import journey_tree_page
from journeys.validation.schema import published_schemas

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.issues import Issue
    from journeys.model import JourneyMap
    from journeys.site.context import GeneratedPage, SiteContext


@dataclass
class SiteOutput:
    pages: list[GeneratedPage] = field(default_factory=list)
    #: Non-page files by source URI: the SVG downloads, the stylesheet, the script;
    #: bytes for the PNG and PDF downloads.
    assets: dict[str, str | bytes] = field(default_factory=dict)


def theme_fingerprint(ctx: SiteContext) -> tuple[tuple[str, int], ...]:
    """Modification times of the templates and theme files, so editing them re-renders."""
    folders = [Path(d) for d in ctx.template_dirs]
    theme = usable_theme_folder(ctx.settings.root, ctx.settings.theme)
    if theme is not None:
        folders.append(theme)
    stamps = []
    for folder in folders:
        for dirpath, _, filenames in os.walk(folder):
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                # lstat: a symlink leading nowhere (or outside) must not fail the build; its templates are skipped.
                stamps.append((path, os.lstat(path).st_mtime_ns))
    return tuple(sorted(stamps))


def broken_maps(issues: tuple[Issue, ...], valid_ids: set[str], maps_dir: str) -> dict[str, list[Issue]]:
    """Map id -> its errors, for every map file left out of the project."""
    broken: dict[str, list[Issue]] = {}
    prefix = f"{maps_dir.rstrip('/')}/"
    for issue in issues:
        if issue.severity != "error" or not issue.path.startswith(prefix):
            continue
        stem = issue.path[len(prefix) :].rsplit(".", 1)[0]
        if stem not in valid_ids and urls.slug(stem) == stem:
            broken.setdefault(stem, []).append(issue)
    return broken


@dataclass(frozen=True)
class _CachedMap:
    key: Any
    page: GeneratedPage
    svg: str
    rows: MapRows
    #: kind (png, pdf) -> the file, for the ``downloads`` the site offers
    downloads: Mapping[str, bytes] = field(default_factory=dict)


class SiteGenerator:
    """Builds the site's pages; keeps each map's page and SVG until its inputs change."""

    def __init__(self) -> None:
        self._maps: dict[str, _CachedMap] = {}
        self._personas: dict[str, tuple[Any, GeneratedPage]] = {}
        self.rendered_maps = 0  # how many map pages the last build had to render

    def generate(self, ctx: SiteContext, *, show_broken: bool, downloads: tuple[str, ...] = ()) -> SiteOutput:
        output = SiteOutput()
        site_key = (ctx.settings, ctx.template_dirs, theme_fingerprint(ctx), ctx.use_directory_urls, ctx.catalogue_uri,
                    downloads)  # fmt: skip
        self.rendered_maps = 0
        fresh = {journey.id: self._map(ctx, journey, site_key, downloads) for journey in ctx.project.maps}
        self._maps = fresh  # maps that were deleted are forgotten
        for map_id, cached in fresh.items():
            output.pages.append(cached.page)
            output.assets[urls.map_svg(map_id)] = cached.svg
            output.assets.update({urls.map_download(map_id, kind): data for kind, data in cached.downloads.items()})
        output.pages.extend(self._persona_pages(ctx, site_key))
        rows = {map_id: cached.rows for map_id, cached in fresh.items()}
        output.pages.append(catalogue_page(ctx, rows))
        output.pages.extend(rollup_pages(ctx, rows))
        output.pages += [evidence_page(ctx, rows), matrix_page(ctx, rows)]
        output.pages.append(journey_tree_page(ctx))
        if show_broken:
            valid = {journey.id for journey in ctx.project.maps}
            for map_id, issues in broken_maps(ctx.issues, valid, ctx.settings.maps_dir).items():
                output.pages.append(broken_map_page(ctx, map_id, issues))
        output.assets[urls.SITE_CSS] = site_css(ctx.settings)
        output.assets[urls.SORT_JS] = sort_js()
        output.assets.update(published_schemas(ctx.settings.scale))
        output.assets[urls.PROJECT_JSON] = export_json(
            ctx.project, ctx.project.maps, ctx.settings.scale, ctx.last_changes, compact=True
        )
        output.assets.update(rollup_downloads(ctx.project))
        return output

    def _persona_pages(self, ctx: SiteContext, site_key: tuple) -> list[GeneratedPage]:
        """Persona pages, each re-rendered only when the persona or one of its maps changed."""
        maps_of: dict[str, list[JourneyMap]] = {}
        for journey in ctx.project.maps:
            for persona_id in journey.personas:
                maps_of.setdefault(persona_id, []).append(journey)
        fresh = {}
        for persona in ctx.project.personas:
            maps = maps_of.get(persona.id, [])
            key = (persona, tuple(maps), site_key)  # unchanged maps are the same objects: cheap to compare
            cached = self._personas.get(persona.id)
            fresh[persona.id] = cached if cached is not None and cached[0] == key else (
                key, persona_page(ctx, persona, maps)
            )
        self._personas = fresh
        return [page for _, page in fresh.values()]

    def _map(self, ctx: SiteContext, journey: JourneyMap, site_key: tuple, downloads: tuple[str, ...]) -> _CachedMap:
        key = (journey, _shown_with(ctx, journey), site_key)
        cached = self._maps.get(journey.id)
        if cached is not None and cached.key == key:
            return cached
        self.rendered_maps += 1
        svg = diagram_svg(journey, ctx.project, ctx.settings)
        files = map_downloads(journey, ctx.project, ctx.settings, downloads) if downloads else {}
        return _CachedMap(key, map_page(ctx, journey, svg, downloads), svg, map_rows(ctx, journey), files)


def _shown_with(ctx: SiteContext, journey: JourneyMap) -> tuple:
    """What a map page shows from outside its own file."""
    personas = tuple(ctx.project.persona(persona_id) for persona_id in journey.personas)
    # The whole counterpart: a future map's diagram draws the current map under it.
    others = tuple(ctx.counterparts(journey))
    changes: Mapping[str, Any] = ctx.last_changes
    return personas, others, changes.get(journey.id), _detail_links_shown(ctx, journey)


def _detail_links_shown(ctx: SiteContext, journey: JourneyMap) -> tuple:
    """The titles of the maps detailing its steps, and where it sits in the maps it details."""
    details = tuple(target.title for _, step in journey.steps() if (target := ctx.project.detail_map(step)))
    parents = tuple(
        (p.journey.id, p.journey.title, p.stage.id, p.stage.name, p.step.id, p.step.name)
        for p in ctx.detail_links.parents_of(journey)
    )
    return details, parents
