"""``journeys build`` and ``journeys serve``: MkDocs' own build and server, made safe.

The build goes into a fresh folder next to the site folder and replaces it only once
MkDocs has finished without error, so a failed build leaves the previous site exactly
as it was (readers of a published folder never see a half-written site). ``serve``
is MkDocs' live-reload server in dirty mode: the plugin backs each generated page by
a file touched only when the page changes, so an edit rebuilds just what it affects.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from journeys.config import CONFIG_FILE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mkdocs.config.defaults import MkDocsConfig

    from journeys.loading.project import LoadResult
    from journeys.plugin import JourneysPlugin

log = logging.getLogger("mkdocs.plugins.journeys.build")

Progress = Callable[[int, int], None]


class SiteBuildError(Exception):
    """The site could not be built; the previous site folder is untouched."""


def config_path(project_dir: Path) -> Path:
    path = project_dir.resolve() / CONFIG_FILE
    if not path.is_file():
        raise SiteBuildError(f"no {CONFIG_FILE} in {project_dir}: the site is configured there (see docs/guide/site.md)")
    return path


def check_site_dir(target: Path, project_dir: Path, docs_dir: Path) -> None:
    """Refuse a site folder whose replacement would delete sources."""
    target, project_dir, docs_dir = target.resolve(), project_dir.resolve(), docs_dir.resolve()
    for precious in (project_dir, docs_dir):
        if target == precious or target in precious.parents:
            raise SiteBuildError(f"site folder {target} would replace {precious}; choose another --site-dir")
    if docs_dir in target.parents:
        raise SiteBuildError(f"site folder {target} is inside the docs folder {docs_dir}; choose another --site-dir")


def journeys_plugin(config: MkDocsConfig) -> JourneysPlugin | None:
    from journeys.plugin import JourneysPlugin

    return next((p for p in config.plugins.values() if isinstance(p, JourneysPlugin)), None)


def build_site(
    project_dir: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    validated: LoadResult | None = None,
    progress: Progress | None = None,
) -> Path:
    """Build the MkDocs site of ``project_dir`` and swap it into place; returns its folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = config_path(project_dir)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
    except MkDocsException as error:
        raise SiteBuildError(f"{CONFIG_FILE}: {error}") from None
    target = Path(site_dir).resolve() if site_dir is not None else Path(config.site_dir)
    check_site_dir(target, project_dir, Path(config.docs_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    config.site_dir = str(staging)
    plugin = journeys_plugin(config)
    if plugin is not None:
        plugin.hand_over(validated, progress)
    config.plugins.on_startup(command="build", dirty=False)
    built = False
    try:
        build(config)
        built = True
    except Exception as error:  # any failure (MkDocs' Abort included): keep the old site, exit 1
        raise SiteBuildError(f"the site was not built: {error}") from None
    finally:
        config.plugins.on_shutdown()
        if not built:  # also on Ctrl+C
            shutil.rmtree(staging, ignore_errors=True)
    replace_folder(staging, target)
    return target


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old folder is removed only after the swap."""
    os.chmod(new, 0o755)  # mkdtemp makes it private; a site folder is for publishing
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, old / target.name)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


class _HideDirtyWarning(logging.Filter):
    """``journeys serve`` rebuilds dirty on purpose; MkDocs warns about it every time."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


@contextlib.contextmanager
def mkdocs_logging(level: int = logging.INFO) -> Iterator[None]:
    """Show MkDocs' messages (and ours) on stderr the way the ``mkdocs`` command does."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    handler.addFilter(_HideDirtyWarning())
    previous = logger.level, logger.propagate
    logger.setLevel(level)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


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
    """MkDocs' live-reload server for the project, rebuilding only what changed.

    The same steps as ``mkdocs serve --dirty``, with one difference: changes are seen
    through the operating system's file events instead of polling every half second,
    which alone would spend half of the one-second reload budget.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    config_file = str(config_path(project_dir))
    site_dir = tempfile.mkdtemp(prefix="journeys-site-")
    options = {"dev_addr": dev_addr} if dev_addr else {}

    def get_config() -> MkDocsConfig:
        return load_config(config_file=config_file, site_dir=site_dir, **options)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, "/")

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building the site...")
        config = config or get_config()
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir)
    server.observer = _changes_observer()  # before any watch() is scheduled on it
    stop_on_sigterm()
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config_file)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
