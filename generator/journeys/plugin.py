"""The ``journeys`` MkDocs plugin: thin event hooks over ``journeys.site``.

Generated pages never pass through MkDocs' Python-Markdown (which would let a
``<script>`` in a persona body through): their Markdown source is an empty
placeholder and ``on_page_content`` swaps in the HTML the site builders rendered, with
user Markdown already rendered safely by markdown-it-py. The search plugins index
``page.content`` and ``page.toc`` after that, so the text is still searchable.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from journeys.config import JourneysConfig, settings_from_config
from journeys.site import urls
from journeys.site.context import SiteContext
from journeys.site.freshness import describe, last_changes
from journeys.site.generate import SiteGenerator
from journeys.site.loading import CachedLoader
from journeys.site.searchmerge import SearchIndexMerger
from journeys.site.store import GeneratedFiles
from journeys.site.templates import theme_template_dirs
from journeys.site.toc import toc_from_html

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from journeys.config import Settings
    from journeys.load import LoadResult
    from journeys.site.context import GeneratedPage

log = logging.getLogger("mkdocs.plugins.journeys")


class JourneysPlugin(BasePlugin[JourneysConfig]):
    """Publishes the project's journey maps and personas as pages of the MkDocs site."""

    def __init__(self) -> None:
        self.generator = SiteGenerator()
        self.loader = CachedLoader()
        self.serving = False
        self._validated: LoadResult | None = None
        self._progress: Callable[[int, int], None] | None = None
        self._store: GeneratedFiles | None = None
        self._search = SearchIndexMerger()
        self._pages: dict[str, GeneratedPage] = {}
        self._files: dict[str, File] = {}
        self._settings: Settings | None = None
        self._config_issues: list = []
        self._written = self._total = 0

    def hand_over(self, validated: LoadResult | None, progress: Callable[[int, int], None] | None) -> None:
        """``journeys build`` has validated (and printed the issues): reuse its result.

        ``progress(pages_written, pages_total)`` is called as pages are written.
        """
        self._validated, self._progress = validated, progress

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance (and its caches) across serve rebuilds.
        # MkDocs keeps one instance per process, so every run starts from a clean state.
        self.serving = command == "serve"
        self._search = SearchIndexMerger()
        self._store = GeneratedFiles(Path(tempfile.mkdtemp(prefix="journeys-serve-"))) if self.serving else None

    def on_shutdown(self) -> None:
        if self._store is not None:
            shutil.rmtree(self._store.folder, ignore_errors=True)
            self._store = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self._settings, self._config_issues = settings_from_config(root, self.config)
        for name, assets in ((urls.SITE_CSS, config.extra_css), (urls.SORT_JS, config.extra_javascript)):
            if name not in [str(asset) for asset in assets]:
                assets.append(name)
        catalogue = _catalogue_uri(Path(config.docs_dir))
        if config.nav is not None and not _mentions(config.nav, {catalogue, *urls.ROLLUPS}):
            config.nav.append({"Journeys": [catalogue, *urls.ROLLUPS]})
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._settings is not None
        self._settings = _usable_theme(self._settings)
        result = self._validated or self.loader.load(self._settings)
        issues = tuple(self._config_issues) + result.issues
        if self._validated is None:  # journeys build printed them already
            for issue in issues:
                log.warning(str(issue))
        self._validated = None
        has_home = any(files.get_file_from_path(name) for name in ("index.md", "README.md"))
        ctx = SiteContext(
            project=result.project,
            settings=self._settings,
            template_dirs=theme_template_dirs(self._settings.root, self._settings.theme),
            use_directory_urls=config.use_directory_urls,
            catalogue_uri=urls.NESTED_CATALOGUE if has_home else urls.HOME_CATALOGUE,
            changes=self._changes(result),
            issues=issues,
        )
        output = self.generator.generate(ctx, group_by=self.config.catalogue_group_by, show_broken=self.serving)
        self._pages = {page.src_uri: page for page in output.pages}
        self._files = {}
        for page in output.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # The whole page, late parts included: a change to a roll-up row or a diagram
            # must make a dirty rebuild see the page as modified.
            self._add(files, config, page.src_uri, page.full_html or page.html, inclusion)
        for src_uri, text in output.assets.items():
            self._add(files, config, src_uri, text, InclusionLevel.UNDEFINED)
        self._search.remember_pages(files)
        self._written, self._total = 0, len(files.documentation_pages())
        return files

    def _changes(self, result: LoadResult) -> dict[str, Any]:
        assert self._settings is not None
        by_path = {journey.location.path: journey.id for journey in result.project.maps}
        history = last_changes(self._settings.root, list(by_path))
        described = {path: describe(change) for path, change in history.items() if path in by_path}
        return {by_path[path]: change for path, change in described.items() if change is not None}

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, text: str, inclusion: InclusionLevel) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.warning(f"{src_uri} in the docs folder is published instead of the generated journeys page")
            return
        if self._store is not None:
            file = File.generated(config, src_uri, abs_src_path=self._store.write(src_uri, text), inclusion=inclusion)
        else:
            file = File.generated(config, src_uri, content=_placeholder(text) if src_uri.endswith(".md") else text,
                                  inclusion=inclusion)
        files.append(file)
        self._files[src_uri] = file

    def _ours(self, page: Page) -> GeneratedPage | None:
        generated = self._pages.get(page.file.src_uri)
        return generated if generated is not None and self._files.get(page.file.src_uri) is page.file else None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for page in nav.pages:
            generated = self._ours(page)
            if generated is not None:
                page.title = escape(generated.title)  # MkDocs treats titles as HTML
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._ours(page)
        if generated is None:
            return markdown
        page.title = escape(generated.title)
        page.meta["title"] = escape(generated.title)  # Material prints meta.title unescaped in <title>
        return ""  # user text must not reach Python-Markdown; the HTML comes in on_page_content

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._ours(page)
        if generated is None:
            return html
        page.toc = toc_from_html(generated.full_html or generated.html)
        return generated.html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        self._search.page_built(page)
        return context

    @event_priority(100)  # put the late parts in before other plugins post-process the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._written += 1
        if self._progress is not None:
            self._progress(self._written, self._total)
        generated = self._ours(page)
        return generated.finish(output) if generated is not None else output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._search.complete_dirty_index(config)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        assert self._settings is not None
        root = self._settings.root
        for folder in (self._settings.maps_dir, self._settings.personas_dir, f"themes/{self._settings.theme}"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


def _usable_theme(settings: Settings) -> Settings:
    """The settings, with the default diagram theme when the project's theme is broken
    (reported as a warning, so ``--strict`` fails, but a preview keeps working)."""
    from journeys.render.theme import ThemeError, load_theme

    try:
        load_theme(settings)
    except ThemeError as error:
        log.warning(f"{error} (using the default theme)")
        return dataclasses.replace(settings, theme="default")
    return settings


def _placeholder(html: str) -> str:
    """The Markdown source of a generated page: no user text, only a note."""
    return "<!-- generated by the journeys plugin; the page body is inserted after rendering -->\n"


def _catalogue_uri(docs_dir: Path) -> str:
    """The catalogue is the home page unless the project has its own."""
    has_home = (docs_dir / "index.md").is_file() or (docs_dir / "README.md").is_file()
    return urls.NESTED_CATALOGUE if has_home else urls.HOME_CATALOGUE


def _mentions(nav: Any, pages: set[str]) -> bool:
    """True when an explicit nav already links one of ``pages``."""
    if isinstance(nav, str):
        return nav in pages
    if isinstance(nav, dict):
        return any(_mentions(value, pages) for value in nav.values())
    if isinstance(nav, list):
        return any(_mentions(item, pages) for item in nav)
    return False
