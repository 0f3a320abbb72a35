"""What a dirty preview rebuild needs to know about the build before it.

A dirty rebuild reads and writes only the pages whose source changed. Three things go
wrong with that alone, each fixed here for the plugin:

- the pages it does not read have no title, so a rebuilt page's menu shows "None" for
  them: their titles are taken from the build that last read them;
- the pages it does not write keep the menu they were written with, so a page added,
  removed or retitled is missing from them: the change is reported (``nav_changed``) and
  the preview rebuilds every page;
- files no longer produced (a deleted map's page and SVG) stay in the site folder and
  would still be served: they are removed.

Once a server is in place, rebuilds also leave each page's late parts out of the file and
the server puts them in as the page is served (:class:`LatePartsServed`).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from journeys.site.context import GeneratedPage

    #: A WSGI application: ``app(environ, start_response)`` -> the body's chunks.
    WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
    #: What an HTML page is to be served as, given its bytes.
    Rewrite = Callable[[bytes], bytes]


class PreviewState:
    def __init__(self) -> None:
        self.nav: Navigation | None = None
        self.nav_changed = False
        self._titles: dict[str, str] = {}
        self._shape: tuple | None = None
        self._outputs: set[str] = set()

    def complete_titles(self) -> None:
        """Give every page of the menu its title and note whether the menu changed."""
        if self.nav is None:
            return
        titles = {}
        for page in self.nav.pages:
            if page.title is None:  # not read in this dirty rebuild, so read by an earlier one
                page.title = self._titles.get(page.file.src_uri)
            if page.title is not None:
                titles[page.file.src_uri] = page.title
        self._titles = titles
        shape = _shape(self.nav.items)
        self.nav_changed = self._shape is not None and shape != self._shape
        self._shape = shape

    def remove_stale_outputs(self, files: Files, site_dir: Path) -> None:
        """Delete what the previous build wrote for files that are gone."""
        outputs = {file.abs_dest_path for file in files}
        for path in sorted(self._outputs - outputs):
            stale = Path(path)
            if site_dir not in stale.parents:
                continue
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
            _remove_empty_folders(stale.parent, site_dir)
        self._outputs = outputs


def _shape(items: Iterable[Any]) -> tuple:
    """The menu as every page shows it: titles, links and sections, in order."""
    return tuple((item.title, getattr(item, "url", None), _shape(item.children or ())) for item in items)


def _remove_empty_folders(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and site_dir in folder.parents:
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or already gone): stop here
            return
        folder = folder.parent


class LatePartsServed:
    """Each page's late parts (a map's diagram, a roll-up's rows), put in as a server
    serves the page rather than written into its file.

    They are most of the site's bytes: at 1,000 maps the roll-ups are about 50 MB, which
    MkDocs copied, encoded and wrote again on every reload that changed a map's rows (a
    fifth of the reload). A preview writes the pages with their slots once its server
    can put them in (:meth:`app`), so a reload writes kilobytes and only a page someone
    opens costs its megabytes, then. A page written whole (by the first build) is served
    as written. MkDocs' server holds every request while a rebuild runs, so a page and
    its late parts are always those of the same build.
    """

    def __init__(self) -> None:
        #: The pages with late parts, by the path they are written to in the site folder.
        self.pages: Mapping[str, GeneratedPage] = {}

    def app(self, app: WSGIApp, mount_path: str) -> WSGIApp:
        """``app`` (MkDocs' server, which serves the site folder under ``mount_path``) with
        the late parts put in."""

        def rewrite(environ: dict) -> Rewrite | None:
            page = self.pages.get(_written_path(environ, mount_path) or "")
            if page is None:
                return None
            return lambda html: page.finish(html.decode("utf-8")).encode("utf-8", "xmlcharrefreplace")

        return html_rewritten(app, rewrite)


def _written_path(environ: dict, mount_path: str) -> str | None:
    """The file under the site folder that MkDocs' server answers the request with
    (its own mapping: a folder's ``index.html``, ``..`` resolved)."""
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
    if not (path + "/").startswith(mount_path):
        return None
    written = path[len(mount_path) :] + ("index.html" if path.endswith("/") else "")
    return posixpath.normpath("/" + written).lstrip("/")


def html_rewritten(app: WSGIApp, rewrite: Callable[[dict], Rewrite | None]) -> WSGIApp:
    """``app`` with each HTML page it serves as ``rewrite(environ)`` makes it (None: the
    response is passed on untouched, unread)."""

    def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
        rewriting = rewrite(environ)
        if rewriting is None:
            return app(environ, start_response)
        answer: list[Any] = []
        body = app(environ, lambda status, headers, exc_info=None: answer.extend((status, headers)))
        status, headers = answer
        if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start_response(status, headers)
            return body
        try:
            html = rewriting(b"".join(body))
        finally:
            getattr(body, "close", lambda: None)()
        start_response(status, [(k, str(len(html)) if k.lower() == "content-length" else v) for k, v in headers])
        return [html]

    return serve
