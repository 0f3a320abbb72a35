"""The site's Pagefind index, built after the site by the ``pagefind`` binary.

Pagefind reads HTML files. It is given each page as MkDocs' search plugins see it
(the page's content, without the theme's menus and without the parts journeys keeps
out of search: a diagram's labels repeat its steps, a roll-up's rows repeat its maps),
written to a folder of its own at the page's path in the site, so results link to the
pages themselves. The index goes to ``pagefind/`` in the site, where search.js loads
it a part at a time.

While ``journeys serve`` previews, the folder is kept across rebuilds (a dirty rebuild
writes only the pages it rendered) and Pagefind runs in the background, so a page
reloads without waiting for its index. An edit made while it runs stops it: the index
it was making is already out of date, and waiting for it (seconds, at 1,000 maps) would
hold the next reload; the last complete index stays in place until the next one is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from journeys.site.search import Facets

log = logging.getLogger("mkdocs.plugins.journeys")

#: The index's folder in the site; search.js loads ``pagefind/pagefind.js`` from there.
BUNDLE_DIR = "pagefind"
#: Material's permalinks (a pilcrow in every heading) are not words of the heading, a
#: diagram's caption is the same on every map, and the diagram split for print repeats it.
_EXCLUDED = ".headerlink, .journeys-figure, .journeys-print-parts"


#: Pagefind indexes 1,000 maps in about 5 s; a run far beyond that is stuck, and a build
#: must end with a message rather than wait for ever.
TIMEOUT_SECONDS = 600
#: Pagefind takes every option also from a ``PAGEFIND_*`` variable and from a
#: ``pagefind.yml`` (``.toml``, ``.json``) in its working directory: a project's or a
#: shell's ``serve`` made it serve the site until the timeout instead of exiting, and
#: ``glob``, ``site`` or ``output_subdir`` would change the index. Its runs here read neither.
_OPTION_VARIABLES = "PAGEFIND_"


class PagefindError(Exception):
    """Pagefind could not index the site (not installed, or it failed)."""


def page_document(page: Page, language: str, facets: Facets) -> str:
    """The HTML Pagefind reads for ``page``: its content, title, language and facets
    (each value read from an attribute: Pagefind's short form would split it at a comma)."""
    title = escape(unescape(page.title or ""), quote=True)  # MkDocs page titles are HTML
    filters = "".join(
        f'<span data-pagefind-filter="{name}[data-value]" data-value="{escape(value, quote=True)}"></span>'
        for name, values in facets.items()
        for value in values
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language, quote=True)}"><head><meta charset="utf-8"></head>'
        f'<body><span data-pagefind-meta="title[data-title]" data-title="{title}"></span>{filters}\n'
        f"{page.content or ''}\n</body></html>\n"
    )


class PagefindIndexer:
    """Collects the pages of a build and indexes them into the site."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        #: The pages in the folder, by their path in it (the site's ``dest_uri``).
        self._pages: set[str] = set()
        self._worker: threading.Thread | None = None
        self._cancelled = threading.Event()

    def start_build(self, files: Files) -> None:
        """A build begins: forget the pages it no longer has (known without walking a
        thousand folders, which cost a twentieth of a second per reload)."""
        self.wait()
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="journeys-pagefind-"))
            return
        kept = {file.dest_uri for file in files.documentation_pages()}
        for gone in self._pages - kept:
            (self._folder / gone).unlink(missing_ok=True)
        self._pages &= kept

    def add(self, page: Page, language: str, facets: Facets) -> None:
        assert self._folder is not None, "start_build comes first"
        self._pages.add(page.file.dest_uri)
        path = self._folder / page.file.dest_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_document(page, language, facets), encoding="utf-8")

    def index(self, site_dir: Path, *, background: bool) -> None:
        """Index the pages into ``site_dir/pagefind`` (now, or in the background)."""
        assert self._folder is not None, "start_build comes first"
        folder, output = self._folder, site_dir / BUNDLE_DIR
        if not background:
            run_pagefind(folder, output)
            return

        self._cancelled.clear()

        def run() -> None:
            try:
                run_pagefind(folder, output, self._cancelled)
            except PagefindError as error:  # the preview goes on; its search is stale
                log.warning(str(error))

        self._worker = threading.Thread(target=run, name="journeys-pagefind", daemon=True)
        self._worker.start()

    def cancel(self) -> None:
        """Stop a background index, leaving the last complete one in the site."""
        self._cancelled.set()
        self.wait()

    def wait(self) -> None:
        """Wait for a background index (the next build rewrites the pages it reads)."""
        if self._worker is not None:
            self._worker.join()
            self._worker = None

    def close(self) -> None:
        """Wait for the index and remove the pages' folder."""
        self.wait()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder, self._pages = None, set()


def run_pagefind(site: Path, output: Path, cancelled: threading.Event | None = None) -> None:
    """Index the pages in ``site`` into ``output``, replacing what it held in one step:
    Pagefind adds files beside the ones there (a preview's would pile up), and a reader
    searching meanwhile keeps the whole previous index. When ``cancelled`` is set
    before it ends, Pagefind is stopped and ``output`` is left as it was."""
    from pagefind.service import get_executable  # the package is a dependency; its binary a wheel

    executable = get_executable()
    if executable is None:
        raise PagefindError(
            "Pagefind is not installed for this platform: install 'pagefind[extended]', "
            "or set 'search: mkdocs' in the journeys options"
        )
    fresh, old = output.with_name(output.name + ".new"), output.with_name(output.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [str(executable), "--site", str(site.resolve()), "--output-path", str(fresh.resolve()), "--silent"]
    # Only a background run (serve's) can be cancelled; it also yields the CPU to rebuilds.
    returncode, out = _run(
        [*command, "--exclude-selectors", _EXCLUDED], cancelled or threading.Event(), yielding=cancelled is not None
    )
    if returncode is None:  # cancelled
        shutil.rmtree(fresh, ignore_errors=True)
        return
    if returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        reason = out.strip().splitlines()[-3:] or [f"exit status {returncode}"]
        raise PagefindError("Pagefind could not index the site: " + " ".join(reason))
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def _run(command: list[str], cancelled: threading.Event, *, yielding: bool = False) -> tuple[int | None, str]:
    """Run ``command`` to its end (exit status, output) or until ``cancelled`` (None).

    The output goes to a file, not a pipe: nothing has to drain it while we wait. It runs
    in an empty folder and without ``PAGEFIND_*`` variables: no configuration but ours.
    ``yielding``: at a lower priority, so that a preview's index, which takes seconds on
    every core at 1,000 maps, does not slow the next edit's rebuild beside it.
    """
    environment = {name: value for name, value in os.environ.items() if not name.startswith(_OPTION_VARIABLES)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory(prefix="journeys-pagefind-cwd-") as empty:
        process = subprocess.Popen(
            command, cwd=empty, env=environment, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
        if yielding and hasattr(os, "setpriority"):  # not on Windows
            with contextlib.suppress(OSError):  # it may have ended already
                lower = min(os.getpriority(os.PRIO_PROCESS, 0) + _YIELDING_NICENESS, 19)
                os.setpriority(os.PRIO_PROCESS, process.pid, lower)
        try:
            deadline = time.monotonic() + TIMEOUT_SECONDS
            while process.poll() is None:
                if cancelled.wait(_POLL_SECONDS):
                    return None, ""
                if time.monotonic() >= deadline:
                    raise PagefindError(f"Pagefind did not finish indexing the site in {TIMEOUT_SECONDS} seconds")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        out.seek(0)
        return process.returncode, out.read().decode("utf-8", "replace")


#: How much nicer a background run is than the preview: 10 gets it about a tenth of a
#: core beside a busy rebuild.
_YIELDING_NICENESS = 10
#: How often a background run looks whether it was cancelled.
_POLL_SECONDS = 0.05
