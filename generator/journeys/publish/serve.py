"""The live preview: the engine's live-reload server, rebuilding only what changed.

The same steps as ``mkdocs serve --dirty``, with these differences:

- changes are seen through the operating system's file events instead of polling every
  half second, which alone would spend half of the one-second reload budget, and a
  rebuild starts once they have been quiet for 50 ms rather than MkDocs' 100 ms;
- a rebuild never fails the server: when the site cannot be rebuilt (or the project
  has errors) the problems are printed and shown at the top of every page served, and
  the next good edit clears them (MkDocs' server would otherwise hold every request
  until a build succeeds);
- when the navigation changed (a page added, removed or retitled) every page is
  rebuilt, since a dirty rebuild would leave the other pages with the old menu.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import re
import shutil
import signal
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeys.labels import ENGLISH
from journeys.publish import engine
from journeys.publish.preview import html_rewritten
from journeys.publish.site import config_path, journeys_plugin, load_site_config

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from journeys.labels import Labels

log = logging.getLogger("mkdocs.plugins.journeys.serve")

#: How long file events must be quiet before a rebuild starts. An editor's save (write,
#: or write and rename) is a burst of events within milliseconds; a change that comes
#: later, during the rebuild, is followed by another rebuild anyway.
QUIET_SECONDS = 0.05

#: Problems listed at the top of a page; the terminal has them all.
SHOWN_PROBLEMS = 10


class PreviewBuilder:
    """Rebuilds the preview site; remembers the problems to show on every page."""

    def __init__(self, project_dir: Path, site_dir: Path, serve_url: str, **options: Any) -> None:
        self.project_dir, self.site_dir, self.serve_url, self.options = project_dir, site_dir, serve_url, options
        self.problems: tuple[str, ...] = ()
        #: The words of the problems box: the site's labels once a build has read them.
        self.labels: Labels = ENGLISH
        self._frozen = False

    def _freeze_first_build(self) -> None:
        """Leave what the first build made out of later garbage collections.

        Most of it lives for the whole preview (the maps read, the pages and rows kept),
        and at 1,000 maps a collection of all of it took half a second in one reload of
        five or six. Frozen once: what of it goes later is freed by reference counting,
        except objects in cycles (the first build's navigation), kept for good; freezing
        after every rebuild would keep every build's.
        """
        if not self._frozen:
            gc.freeze()
            self._frozen = True

    def close(self) -> None:
        """The preview ends: what its first build made is collectable again."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def config(self) -> MkDocsConfig:
        config = load_site_config(self.project_dir, site_dir=str(self.site_dir), **self.options)
        config.site_url = self.serve_url
        return config

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        """One rebuild; never raises for anything the project's files can contain."""
        log.info("Building the site...")
        try:
            config = config or self.config()
            engine.build(config, serve_url=self.serve_url, dirty=True)
            plugin = journeys_plugin(config)
            if plugin is not None and plugin.nav_changed:
                log.info("The navigation changed: rebuilding every page")
                config = self.config()
                engine.build(config, serve_url=self.serve_url, dirty=False)
            self.problems = plugin.problems if plugin is not None else ()
            self.labels = plugin.labels if plugin is not None else ENGLISH
            self._freeze_first_build()
        except Exception as error:  # the server must keep serving the last good site
            message = f"the site was not rebuilt: {' '.join(str(error).split()) or type(error).__name__}"
            log.error(message)
            self.problems = (message,)


def notice(problems: tuple[str, ...], labels: Labels) -> bytes:
    """The box listing ``problems`` at the top of a served page (user text and labels escaped)."""
    items = "".join(f"<li><code>{escape(problem)}</code></li>" for problem in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        items += f"<li>{escape(labels('preview_more', n=more))}</li>"
    return (
        '<div class="journeys-preview-problems" role="alert" style="position:relative;z-index:10000;'
        "margin:0;padding:.6em 1em;background:#fde8e8;color:#5c0b0b;border-bottom:2px solid #b42318;"
        f'font:14px/1.45 system-ui,sans-serif"><strong>{escape(labels("preview_errors"))}</strong>'
        f'<ul style="margin:.3em 0 0;padding-left:1.4em">{items}</ul></div>'
    ).encode()


_BODY = re.compile(rb"<body\b[^>]*>", re.I)


def with_problems_shown(
    app: Callable, problems: Callable[[], tuple[str, ...]], labels: Callable[[], Labels] = lambda: ENGLISH
) -> Callable:
    """A WSGI app that adds the problems box to every HTML page ``app`` serves, in the
    words ``labels`` gives (the site's language)."""

    def rewrite(environ: dict) -> Callable[[bytes], bytes] | None:
        shown = problems()
        if not shown:
            return None

        def with_notice(html: bytes) -> bytes:
            if b'class="journeys-banner"' in html:  # the catalogue lists them already
                return html
            found = _BODY.search(html)
            at = found.end() if found else 0
            return html[:at] + notice(shown, labels()) + html[at:]

        return with_notice

    return html_rewritten(app, rewrite)


def _changes_observer() -> Any:
    """OS file events, but only those that change a file.

    The native observers also report files being opened and closed unwritten; the
    build reads every source, so reacting to those would rebuild forever.
    """
    from watchdog import events
    from watchdog.observers import Observer

    changes = [
        events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
        events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent,
    ]  # fmt: skip

    class ChangesObserver(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler: Any, path: Any, **options: Any) -> Any:
            options["event_filter"] = options.get("event_filter") or changes
            return super().schedule(event_handler, path, **options)

    return ChangesObserver()


def stop_on_sigterm() -> None:
    """``kill`` (SIGTERM) stops the server like Ctrl+C, so its temporary folders are removed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGTERM, stop)


def serve_site(project_dir: Path, dev_addr: str | None = None, open_in_browser: bool = False) -> None:
    """Serve the project's site with live reload until Ctrl+C or SIGTERM."""
    config_file = config_path(project_dir)
    site_dir = Path(tempfile.mkdtemp(prefix="journeys-site-"))
    try:
        options = {"dev_addr": dev_addr} if dev_addr else {}
        config = load_site_config(project_dir, site_dir=str(site_dir), **options)
        host, port = config.dev_addr
        builder = PreviewBuilder(project_dir, site_dir, engine.serve_url(host, port), **options)
        config.site_url = builder.serve_url
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            _serve(config, config_file, builder, open_in_browser)
        finally:
            config.plugins.on_shutdown()
            builder.close()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def preview_server(builder: PreviewBuilder, host: str, port: int) -> LiveReloadServer:
    """MkDocs' live-reload server as the preview runs it (see the module's docstring)."""
    server = engine.live_reload_server(builder, host, port, str(builder.site_dir))
    server.observer = _changes_observer()  # before any watch() is scheduled on it
    server.build_delay = QUIET_SECONDS
    server.set_app(with_problems_shown(server.serve_request, lambda: builder.problems, lambda: builder.labels))
    return server


def _serve(config: MkDocsConfig, config_file: Path, builder: PreviewBuilder, open_in_browser: bool) -> None:
    server = preview_server(builder, *config.dev_addr)
    stop_on_sigterm()
    builder(config)
    server.watch(config.docs_dir)
    server.watch(str(config_file))
    server = config.plugins.on_serve(server, config=config, builder=builder)
    for item in config.watch:
        server.watch(item)
    try:
        server.serve(open_in_browser=open_in_browser)
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
