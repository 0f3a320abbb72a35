"""What every page builder needs to know about the site being built."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from markupsafe import Markup

from journeys.model import format_score
from journeys.render.svg import persona_mark_svg
from journeys.render.theme import load_theme
from journeys.site.search import separate_labels
from journeys.site.toc import Heading, headings
from journeys.site.urls import Linker

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.config import Settings
    from journeys.issues import Issue
    from journeys.model import DetailLinks, JourneyMap, Project
    from journeys.render.theme import Theme
    from journeys.site.freshness import LastChange


#: Templates wrap parts that search must not index in these comments (user text is
#: always escaped, so it can never produce one).
DEFER_START, DEFER_END = "<!--journeys:defer ", "<!--/journeys:defer-->"


def late_slot(name: str) -> str:
    """Stands in the indexed page content for a deferred part until the page is written."""
    return f'<div data-journeys-late="{name}"></div>'


def late_value(name: str) -> Markup:
    """What a template is given for rows the page gets late, apart from the template
    (see :meth:`GeneratedPage.from_template_output`): a roll-up's rows are megabytes,
    which copying through the template and reading for headings cost a tenth of a
    serve reload at 1,000 maps."""
    return Markup(late_slot(name))


@dataclass(frozen=True)
class GeneratedPage:
    """A page of the site: where it goes, its plain-text title and its HTML body.

    ``html`` is what MkDocs (and its search plugins) see as the page content; each
    ``late`` part replaces its :func:`late_slot` in the written page. The diagram is
    late, so its labels are not indexed on top of the step text, and so are the
    roll-up tables, whose every row is already indexed on its map's page.

    What every build needs from the page's HTML (its headings, labels set apart from
    values for search) is worked out once, where the page is made: in a worker process
    on a cold build, and kept in the build cache for the next one.
    """

    src_uri: str
    title: str
    html: str
    #: Listed in the navigation (catalogue and roll-ups); maps and personas are not,
    #: so the navigation stays small with a thousand maps.
    in_nav: bool = False
    late: tuple[tuple[str, str], ...] = ()
    #: The whole page's h1-h3 headings (late parts included), for its toc (see toc.py).
    headings: tuple[Heading, ...] = ()

    @classmethod
    def from_template_output(
        cls, src_uri: str, title: str, html: str, *, in_nav: bool = False, rows: Mapping[str, str] | None = None
    ) -> GeneratedPage:
        """The page a template wrote. ``rows`` are late parts given apart, which the
        template placed as :func:`late_value` (table rows: they never pass through the
        template, nor are they read for headings, which table rows do not have)."""
        indexed, late = split_deferred(html)
        given = tuple((rows or {}).items())
        return cls(src_uri, title, separate_labels(indexed), in_nav, late + given, tuple(headings(html)))

    def finish(self, written_page: str) -> str:
        """The theme's output for this page with the late parts put in."""
        for name, html in self.late:
            written_page = written_page.replace(late_slot(name), html, 1)
        return written_page


@dataclass(frozen=True)
class SiteContext:
    project: Project
    settings: Settings
    template_dirs: tuple[str, ...]
    use_directory_urls: bool
    catalogue_uri: str
    #: Last change of each map, by map id (empty without git history).
    last_changes: Mapping[str, LastChange] = field(default_factory=dict)
    #: Every validation problem, shown in the catalogue's banner.
    issues: tuple[Issue, ...] = ()

    @cached_property
    def _futures(self) -> dict[str, list[JourneyMap]]:
        futures: dict[str, list[JourneyMap]] = {}
        for journey in self.project.maps:
            if journey.compares_to:
                futures.setdefault(journey.compares_to, []).append(journey)
        return futures

    def counterparts(self, journey: JourneyMap) -> list[JourneyMap]:
        """The current-state map a future map improves, or the future maps improving this one."""
        if journey.compares_to:
            target = self.project.map(journey.compares_to)
            return [target] if target else []
        return self._futures.get(journey.id, [])

    @cached_property
    def detail_links(self) -> DetailLinks:
        """The project's sub-journeys, worked out once per build."""
        return self.project.detail_links()

    def linker(self, page_uri: str) -> Linker:
        return Linker(page_uri, self.use_directory_urls, self.catalogue_uri)

    def persona_name(self, persona_id: str) -> str:
        persona = self.project.persona(persona_id)
        return persona.name if persona else persona_id

    @cached_property
    def _theme(self) -> Theme:
        return load_theme(self.settings)

    def persona_mark(self, journey: JourneyMap, persona_id: str) -> Markup:
        """The persona's marker on ``journey`` (its shape depends on the map's persona
        order), as the diagram draws it before their line and their own texts."""
        return Markup(persona_mark_svg(self._theme, journey.personas.index(persona_id)))

    def emotion_text(self, score: float) -> str:
        """``-2 (Very negative)``: the number and, for whole scores, its label."""
        label = self.project.scale.label_for(int(score)) if float(score).is_integer() else None
        if not label:
            return format_score(score)
        return self.settings.labels("emotion_score", score=format_score(score), label=label)


def split_deferred(html: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``html`` with each deferred part replaced by its slot, and the parts by name.

    Plain ``str.find`` rather than a regular expression: roll-up pages are megabytes.
    """
    kept: list[str] = []
    late: list[tuple[str, str]] = []
    position = 0
    while (start := html.find(DEFER_START, position)) != -1:
        name_end = html.index("-->", start)
        end = html.index(DEFER_END, name_end)
        name = html[start + len(DEFER_START) : name_end]
        kept += [html[position:start], late_slot(name)]
        late.append((name, html[name_end + 3 : end]))
        position = end + len(DEFER_END)
    if not late:
        return html, ()
    kept.append(html[position:])
    return "".join(kept), tuple(late)
