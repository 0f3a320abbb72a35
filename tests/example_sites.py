"""The repository's example site built with the `mkdocs` theme or with Material, for the
browser tests of map pages (overview, viewer, contrast)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO_ROOT
from journeys.cli import main

THEMES = ("mkdocs", "material")
@dataclass(frozen=True)
class ExampleSite:
    folder: Path  # the built site
    base: str  # its URL, served


#: What the example site holds besides its configuration.
_SOURCES = ("maps", "personas", "docs", "themes")


def build_example_site(folder: Path, theme: str) -> Path:
    """The example project copied into ``folder`` with ``theme`` as its MkDocs theme,
    built with ``journeys build``; the site's folder."""
    if theme == "material":
        pytest.importorskip("material", reason="pip install -e '.[test]' brings mkdocs-material")
    project = folder / "project"
    for name in _SOURCES:
        shutil.copytree(REPO_ROOT / name, project / name)
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  name: mkdocs\n" in config
    # Material loads its colour schemes (light "default" and dark "slate") with a palette.
    named = f"\n  name: {theme}\n" + ("  palette:\n    scheme: default\n" if theme == "material" else "")
    (project / "mkdocs.yml").write_text(config.replace("\n  name: mkdocs\n", named), encoding="utf-8")
    site = folder / "site"
    result = CliRunner().invoke(main, ["build", str(project), "--site-dir", str(site)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return site


def map_ids() -> list[str]:
    """The example project's maps, by file name."""
    return sorted(path.name.split(".")[0] for path in (REPO_ROOT / "maps").iterdir() if path.stem != "README")


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path under its root ('' for the home page)."""
    pages = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return ["" if page == "." else f"{page}/" for page in pages if not page.startswith(("search", "assets"))]


def set_dark(page: object, theme: str) -> None:
    """Switch a loaded page to the theme's dark scheme, as its own switch does: Material's
    palette toggle sets ``data-md-color-scheme``, the mkdocs theme's ``data-bs-theme``."""
    script = (
        "document.body.setAttribute('data-md-color-scheme', 'slate')"
        if theme == "material"
        else "document.documentElement.setAttribute('data-bs-theme', 'dark')"
    )
    page.evaluate(script)  # type: ignore[attr-defined]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` on a free local port: its base URL and the server (shut it down)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
