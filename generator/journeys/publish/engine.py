"""The site engine: ProperDocs when it is installed, MkDocs 1.6 otherwise.

ProperDocs is the continuation of MkDocs 1.x by its maintainers; importing
``properdocs.replacement`` makes every ``mkdocs.*`` import resolve to ``properdocs.*``,
so the plugin and the rest of journeys keep importing ``mkdocs`` and run on either.
The switch must happen before anything imports ``mkdocs``, which is why
``journeys/__init__.py`` imports this module first. When an engine is already loaded
(``mkdocs build`` or ``properdocs build`` loading the plugin) that engine is kept.

This is the only module that imports the engine's build, configuration loader and
live-reload server.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer


def _choose() -> str:
    loaded = sys.modules.get("mkdocs")
    if loaded is not None:
        return loaded.__name__  # "properdocs" when ProperDocs aliased itself as mkdocs
    if importlib.util.find_spec("properdocs") is None:
        return "mkdocs"
    import properdocs.replacement  # noqa: F401  (aliases mkdocs.* to properdocs.*)

    # As ProperDocs' own command does: messages logged under the legacy "mkdocs" names
    # (the plugin's among them) reach ProperDocs' handlers, so --strict counts them.
    legacy = logging.getLogger("mkdocs")
    legacy.parent = logging.getLogger("properdocs")
    legacy.propagate = True
    return "properdocs"


#: "properdocs" or "mkdocs": the package that builds and serves sites in this process.
ENGINE = _choose()


def name() -> str:
    """The engine and its version, e.g. ``ProperDocs 1.6.7``."""
    from mkdocs import __version__

    return f"{'ProperDocs' if ENGINE == 'properdocs' else 'MkDocs'} {__version__}"


def logger() -> logging.Logger:
    """The engine's top logger: MkDocs' messages and the plugin's all reach its handlers."""
    return logging.getLogger(ENGINE)


def color_formatter() -> logging.Formatter:
    """The formatter the engine's own command uses for its messages."""
    from mkdocs.__main__ import ColorFormatter

    return ColorFormatter()


def load_config(config_file: Path, **options: Any) -> MkDocsConfig:
    """The site configuration; raises ``ConfigError`` when it is invalid."""
    from mkdocs.config import load_config as load

    return load(config_file=str(config_file), **options)


def build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
    from mkdocs.commands.build import build as build_site

    build_site(config, serve_url=serve_url, dirty=dirty)


def live_reload_server(builder: Any, host: str, port: int, root: str) -> LiveReloadServer:
    from mkdocs.livereload import LiveReloadServer

    return LiveReloadServer(builder=builder, host=host, port=port, root=root)


def serve_url(host: str, port: int) -> str:
    from mkdocs.livereload import _serve_url

    return str(_serve_url(host, port, "/"))


def config_error() -> type[Exception]:
    """The exception the engine raises for an invalid configuration (and aborted builds)."""
    from mkdocs.exceptions import MkDocsException

    return MkDocsException
