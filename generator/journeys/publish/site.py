"""Build a project's site and swap it into place, all or nothing.

The build goes into a staging folder next to the site folder and replaces it only once
the engine has finished without error, so a failed or interrupted build leaves the
previous site exactly as it was (readers of a published folder never see a half-written
site). Which folders may be replaced is decided in ``journeys.publish.folders``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeys.config import CONFIG_FILE, Settings, config_file
from journeys.publish import Progress, engine
from journeys.publish.folders import (
    STAGING_PREFIX,
    ProjectFolders,
    PublishError,
    check_replaceable,
    check_sources_are_safe,
    check_writable,
    mark_site,
    remove_leftovers,
    replace_folder,
    work_folder,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mkdocs.config.defaults import MkDocsConfig

    from journeys.loading.project import LoadResult
    from journeys.plugin import JourneysPlugin



def config_path(project_dir: Path) -> Path:
    path = config_file(project_dir.resolve())
    if path is None:
        raise PublishError(f"no {CONFIG_FILE} in {project_dir}: the site is configured there (see docs/guide/site.md)")
    return path


def load_site_config(project_dir: Path, **options: object) -> MkDocsConfig:
    path = config_path(project_dir)
    try:
        return engine.load_config(path, **options)
    except engine.config_error() as error:
        raise PublishError(f"{path.name}: {' '.join(str(error).split())}") from None


def journeys_plugin(config: MkDocsConfig) -> JourneysPlugin | None:
    from journeys.plugin import JourneysPlugin

    return next((p for p in config.plugins.values() if isinstance(p, JourneysPlugin)), None)


def project_folders(project_dir: Path, config: MkDocsConfig) -> ProjectFolders:
    """The source folders, from the loaded config (mkdocs.yml was read once already)."""
    root = project_dir.resolve()
    plugin = journeys_plugin(config)
    maps_dir, personas_dir = (
        (plugin.config.maps_dir, plugin.config.personas_dir) if plugin else (Settings.maps_dir, Settings.personas_dir)
    )
    return ProjectFolders(root, root / maps_dir, root / personas_dir, Path(config.docs_dir))


def build_site(
    project_dir: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    validated: LoadResult | None = None,
    progress: Progress | None = None,
    cache: bool = True,
) -> Path:
    """Build the site of ``project_dir`` and swap it into place; returns its folder.

    ``validated`` is the project as the caller already loaded (and reported) it.
    ``cache=False`` renders every page and writes no build cache (``--no-cache``).
    Raises ``SiteDirRefused`` before anything is written when the site folder may not be
    replaced, ``PublishError`` when the build fails (the previous site is untouched).
    """
    config = load_site_config(project_dir, strict=strict)
    target = Path(os.path.abspath(site_dir if site_dir is not None else config.site_dir))
    check_sources_are_safe(target, project_folders(project_dir, config))
    check_replaceable(target)
    check_writable(target)
    remove_leftovers(target)
    staging = work_folder(STAGING_PREFIX, target)
    try:
        staging.mkdir(parents=True)
    except OSError as error:
        raise PublishError(f"cannot create {staging}: {error.strerror}") from None
    config.site_dir = str(staging)
    plugin = journeys_plugin(config)
    if plugin is not None:
        plugin.reuse_validation(validated, progress)
        plugin.no_cache = not cache
    config.plugins.on_startup(command="build", dirty=False)
    built = False
    try:
        engine.build(config)
        mark_site(staging)
        built = True
    except Exception as error:  # any failure (the engine's Abort included): keep the old site, exit 1
        raise PublishError(f"the site was not built: {' '.join(str(error).split())}") from None
    finally:
        config.plugins.on_shutdown()
        if not built:  # also on Ctrl+C
            shutil.rmtree(staging, ignore_errors=True)
    replace_folder(staging, target)
    return target


class _HideDirtyWarning(logging.Filter):
    """``journeys serve`` rebuilds dirty on purpose; the engine warns about it every time."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


#: The SGR sequences (colours) the engine's formatter writes.
_COLOUR_CODES = re.compile("\x1b\\[[0-9;]*m")


class _Uncoloured(logging.Formatter):
    """The engine's formatter without its colours: for a pipe, a file or ``NO_COLOR``."""

    def __init__(self, coloured: logging.Formatter) -> None:
        super().__init__()
        self.coloured = coloured

    def format(self, record: logging.LogRecord) -> str:
        return _COLOUR_CODES.sub("", self.coloured.format(record))


def wants_colour() -> bool:
    """Colour on stderr only for a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


@contextlib.contextmanager
def mkdocs_logging(level: int = logging.INFO) -> Iterator[None]:
    """Show the engine's messages (and ours) on stderr the way its own command does,
    in colour only where colour is wanted."""
    logger = engine.logger()
    handler = logging.StreamHandler()
    formatter = engine.color_formatter()
    handler.setFormatter(formatter if wants_colour() else _Uncoloured(formatter))
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
