"""Every page and asset of the journey site, with map and persona pages cached by content.

Two layers: in memory, a serve rebuild after editing one map re-renders that map (and
the roll-ups that show it, :mod:`journeys.site.summaries`) and reuses every other map's page and SVG; on
disk (:mod:`journeys.site.cache`), a new build reuses what the last one rendered. Both
use one key: the map's own model plus everything else its page shows
(:func:`_shown_with`: persona names, counterparts, the map it is drawn over, last
change) and the site-wide inputs (settings, templates and theme files, URL style, the
``journeys`` block). A page builder that reads more of the project adds it there.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from journeys.formats.jsonexport import compact_json
from journeys.parallel import map_parallel
from journeys.render.theme import usable_theme_folder
from journeys.site import urls
from journeys.site.assets import site_css, sort_js
from journeys.site.context import GeneratedPage
from journeys.site.diagram import diagram_svg
from journeys.site.pages import broken_map_page, map_page, persona_page
from journeys.site.paper import map_downloads
from journeys.site.rows import MapRows, map_rows
from journeys.site.summaries import Summaries
from journeys.validation.schema import published_schemas

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from journeys.issues import Issue
    from journeys.model import JourneyMap
    from journeys.site.cache import BuildCache
    from journeys.site.context import SiteContext


@dataclass
class SiteOutput:
    pages: list[GeneratedPage] = field(default_factory=list)
    #: Non-page files by source URI: the SVG downloads, the stylesheet, the script;
    #: bytes for the PNG and PDF downloads.
    assets: dict[str, str | bytes] = field(default_factory=dict)


def theme_fingerprint(ctx: SiteContext) -> tuple[tuple[str, str], ...]:
    """A digest of every template and theme file (theme.yaml, CSS), so editing one
    re-renders; content, not modification times, since the disk cache outlives a checkout."""
    folders = [Path(d) for d in ctx.template_dirs]
    theme = usable_theme_folder(ctx.settings.root, ctx.settings.theme)
    if theme is not None:
        folders.append(theme)
    stamps = []
    for folder in folders:
        for dirpath, _, filenames in os.walk(folder):
            for name in filenames:
                path = os.path.join(dirpath, name)
                stamps.append((path, _file_digest(path)))
    return tuple(sorted(stamps))


def _file_digest(path: str) -> str:
    """SHA-256 of a theme file; a symlink (whose template is skipped when it leads outside
    the project, and is never read here) counts by where it leads and its target's stamp."""
    if os.path.islink(path):
        try:
            target = os.stat(path)
        except OSError:
            return "link:" + os.readlink(path)
        return f"link:{os.readlink(path)}:{target.st_mtime_ns}:{target.st_size}"
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


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
    #: The map and what its page shows from outside it (the site-wide inputs are the generator's).
    key: Any
    #: Its entries in the disk cache: the page's, and its downloads' if it has any (None: not cached there).
    stored: tuple[str | None, ...]
    page: GeneratedPage
    svg: str
    rows: MapRows
    #: kind (png, pdf) -> the file, for the ``downloads`` the site offers
    downloads: Mapping[str, bytes] = field(default_factory=dict)


class SiteGenerator:
    """Builds the site's pages; keeps each map's page and SVG until its inputs change."""

    def __init__(self) -> None:
        self._maps: dict[str, _CachedMap] = {}
        self._personas: dict[str, tuple[Any, str | None, GeneratedPage]] = {}
        #: The site-wide inputs of what is kept above.
        self._site_key: tuple | None = None
        #: The catalogue, roll-ups and other pages made from every map's rows.
        self.summaries = Summaries()
        self.rendered_maps = 0  # how many map pages the last build had to render

    def generate(
        self,
        ctx: SiteContext,
        *,
        show_broken: bool,
        downloads: tuple[str, ...] = (),
        inputs: object = (),
        store: BuildCache | None = None,
    ) -> SiteOutput:
        """The site's pages and assets. ``inputs`` are what else the pages depend on (the
        ``journeys`` block, the site theme); ``store`` is the disk cache, if any; each map's
        ``downloads`` (png, pdf) are made too."""
        output = SiteOutput()
        site_key = (
            ctx.settings, ctx.template_dirs, theme_fingerprint(ctx), ctx.use_directory_urls, ctx.catalogue_uri, inputs,
            downloads,
        )  # fmt: skip
        self.rendered_maps = 0
        if site_key != self._site_key:  # compared once here rather than once per map and persona
            self._maps, self._personas, self._site_key = {}, {}, site_key
        if store is not None:
            store.begin(site_key)
        fresh = self._fresh_maps(ctx, store, downloads)
        self._maps = fresh  # maps that were deleted are forgotten
        for map_id, cached in fresh.items():
            output.pages.append(cached.page)
            output.assets[urls.map_svg(map_id)] = cached.svg
            output.assets.update({urls.map_download(map_id, kind): data for kind, data in cached.downloads.items()})
        output.pages.extend(self._persona_pages(ctx, store))
        rows = {map_id: cached.rows for map_id, cached in fresh.items()}
        output.pages += self.summaries.pages(ctx, rows, site_key)
        if show_broken:
            valid = {journey.id for journey in ctx.project.maps}
            for map_id, issues in broken_maps(ctx.issues, valid, ctx.settings.maps_dir).items():
                output.pages.append(broken_map_page(ctx, map_id, issues))
        output.assets[urls.SITE_CSS] = site_css(ctx.settings)
        output.assets[urls.SORT_JS] = sort_js()
        output.assets.update(published_schemas(ctx.settings.scale))
        maps = ctx.project.maps
        output.assets[urls.PROJECT_JSON] = compact_json(
            ctx.project, maps, ctx.settings.scale, [rows[journey.id].json for journey in maps]
        )
        output.assets.update(self.summaries.downloads(rows))
        return output

    def _persona_pages(self, ctx: SiteContext, store: BuildCache | None) -> list[GeneratedPage]:
        """Persona pages, each re-rendered only when the persona or one of its maps changed."""
        maps_of: dict[str, list[JourneyMap]] = {}
        for journey in ctx.project.maps:
            for persona_id in journey.personas:
                maps_of.setdefault(persona_id, []).append(journey)
        fresh: dict[str, tuple[Any, str | None, GeneratedPage]] = {}
        for persona in ctx.project.personas:
            maps = maps_of.get(persona.id, [])
            parts = (persona, tuple(maps))  # unchanged maps are the same objects: cheap to compare
            cached = self._personas.get(persona.id)
            if cached is None or cached[0] != parts:
                made = _stored(store, ("persona", parts), _is_page, lambda: persona_page(ctx, persona, maps))  # noqa: B023
                cached = (parts, *made)
            elif store is not None:
                store.keep(cached[1])
            fresh[persona.id] = cached
        self._personas = fresh
        return [page for _, _, page in fresh.values()]

    def _fresh_maps(
        self, ctx: SiteContext, store: BuildCache | None, downloads: tuple[str, ...]
    ) -> dict[str, _CachedMap]:
        """Every map's page, SVG, rows and downloads, by id: kept in memory, found on
        disk, or rendered, which is most of a cold build, so shared among the cores."""
        lookups = [self._lookup(ctx, journey, store, downloads) for journey in ctx.project.maps]
        missing = [lookup for lookup in lookups if isinstance(lookup, _Lookup) and lookup.missing]
        made = map_parallel(lambda index: _make(ctx, missing[index], downloads, store), len(missing))
        for lookup, (entry, files) in zip(missing, made, strict=True):
            if entry is not None:
                self.rendered_maps += 1
                lookup.entry = entry
            if files is not None:
                lookup.files = files
            if store is not None:  # stored by the worker that made them: used by this build
                for name in lookup.names:
                    store.keep(name)
        return {
            journey.id: lookup if isinstance(lookup, _CachedMap) else lookup.cached()
            for journey, lookup in zip(ctx.project.maps, lookups, strict=True)
        }

    def _lookup(
        self, ctx: SiteContext, journey: JourneyMap, store: BuildCache | None, downloads: tuple[str, ...]
    ) -> _CachedMap | _Lookup:
        """The map as kept in memory when its inputs are unchanged, else what the disk
        cache holds of it (its page entry, its downloads), the rest left to render."""
        parts = (journey, _shown_with(ctx, journey))
        cached = self._maps.get(journey.id)
        if cached is not None and cached.key == parts:
            if store is not None:
                for name in cached.stored:
                    store.keep(name)
            return cached
        lookup = _Lookup(journey, parts, with_downloads=bool(downloads))
        if store is None:
            return lookup
        lookup.names = (store.key("map", parts), store.key("downloads", parts) if downloads else None)
        entry = store.get(lookup.names[0])
        lookup.entry = entry if _is_map_entry(entry) else None
        if downloads:
            # Seconds per map, so kept on disk too, as an entry of their own.
            files = store.get(lookup.names[1])
            lookup.files = files if _is_downloads(files) else None
        return lookup


@dataclass
class _Lookup:
    """A map whose page is not kept in memory: what the disk cache had of it, then what was rendered."""

    journey: JourneyMap
    #: The map and what its page shows from outside it (the site-wide inputs are the generator's).
    parts: tuple
    with_downloads: bool
    #: Its disk cache entries' names: the page's, the downloads' (None: not cached there).
    names: tuple[str | None, str | None] = (None, None)
    entry: _MapEntry | None = None
    files: dict[str, bytes] | None = None

    @property
    def missing(self) -> bool:
        return self.entry is None or (self.with_downloads and self.files is None)

    def cached(self) -> _CachedMap:
        assert self.entry is not None  # rendered when missing
        page, svg_start, rows, svg_in_page = self.entry
        # The SVG download is mostly the page's inline diagram: the entry keeps that once.
        svg = svg_start + dict(page.late)[DIAGRAM] if svg_in_page else svg_start
        if not self.with_downloads:
            return _CachedMap(self.parts, self.names[:1], page, svg, rows)
        return _CachedMap(self.parts, self.names, page, svg, rows, self.files or {})


def _make(
    ctx: SiteContext, lookup: _Lookup, downloads: tuple[str, ...], store: BuildCache | None
) -> tuple[_MapEntry | None, dict[str, bytes] | None]:
    """What ``lookup`` is missing, rendered and stored for the next build: its page
    entry, its downloads (None: not missing). Storing is encoding a large entry, so it is
    done here, in the worker, too."""
    journey = lookup.journey
    entry = files = None
    if lookup.entry is None:
        entry = _render(ctx, journey, downloads)
        if store is not None:
            store.put(lookup.names[0], entry)
    if lookup.with_downloads and lookup.files is None:
        files = map_downloads(journey, ctx.project, ctx.settings, downloads)
        if store is not None:
            store.put(lookup.names[1], files)
    return entry, files


def _render(ctx: SiteContext, journey: JourneyMap, downloads: tuple[str, ...]) -> _MapEntry:
    svg = diagram_svg(journey, ctx.project, ctx.settings)
    page = map_page(ctx, journey, svg, downloads)
    diagram = dict(page.late).get(DIAGRAM)
    if diagram and svg.endswith(diagram):
        return page, svg[: len(svg) - len(diagram)], map_rows(ctx, journey), True
    return page, svg, map_rows(ctx, journey), False


#: The name of the map page's deferred part holding the inline diagram (map.html).
DIAGRAM = "diagram"
#: A map's page, its SVG (or the SVG's start, when the rest is the page's diagram), its
#: roll-up rows, and whether the SVG goes on with the page's diagram.
_MapEntry = tuple[GeneratedPage, str, MapRows, bool]


_Made = TypeVar("_Made")


def _stored(
    store: BuildCache | None, key: tuple[str, Any], is_entry: Callable[[object], bool], make: Callable[[], _Made]
) -> tuple[str | None, _Made]:
    """The disk cache's entry for ``key`` (kind, parts; the site key is the store's) when
    it has one of the right shape, else what ``make`` renders, stored for the next build;
    with the entry's name."""
    if store is None:
        return None, make()
    name = store.key(*key)
    entry = store.get(name)
    if is_entry(entry):
        return name, entry  # type: ignore[return-value]  # the shape was just checked
    made = make()
    store.put(name, made)
    return name, made


def _is_page(entry: object) -> bool:
    return isinstance(entry, GeneratedPage)


def _is_downloads(entry: object) -> bool:
    return isinstance(entry, dict) and all(isinstance(k, str) and isinstance(v, bytes) for k, v in entry.items())


def _is_map_entry(entry: object) -> bool:
    """A disk entry of the shape ``_map`` stores (an entry of another shape is a miss)."""
    return (
        isinstance(entry, tuple)
        and len(entry) == 4
        and isinstance(entry[0], GeneratedPage)
        and isinstance(entry[1], str)
        and isinstance(entry[2], MapRows)
        and isinstance(entry[3], bool)
        and (not entry[3] or DIAGRAM in dict(entry[0].late))
    )


def _shown_with(ctx: SiteContext, journey: JourneyMap) -> tuple:
    """What a map page shows from outside its own file."""
    personas = tuple(ctx.project.persona(persona_id) for persona_id in journey.personas)
    # The whole counterpart: a future map's diagram draws the current map under it.
    others = tuple(ctx.counterparts(journey))
    changes: Mapping[str, Any] = ctx.last_changes
    compared = ctx.project.compared_map(journey)
    return personas, others, compared, changes.get(journey.id), _detail_links_shown(ctx, journey)


def _detail_links_shown(ctx: SiteContext, journey: JourneyMap) -> tuple:
    """The titles of the maps detailing its steps, and where it sits in the maps it details."""
    # ``step.detail`` first: few steps name a map, and this runs for every step of every map on each rebuild.
    details = tuple(
        target.title for _, step in journey.steps() if step.detail and (target := ctx.project.detail_map(step))
    )
    parents = tuple(
        (p.journey.id, p.journey.title, p.stage.id, p.stage.name, p.step.id, p.step.name)
        for p in ctx.detail_links.parents_of(journey)
    )
    return details, parents
