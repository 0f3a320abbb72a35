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
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation


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
