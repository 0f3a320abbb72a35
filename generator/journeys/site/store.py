"""Generated files backed by real files, rewritten only when their content changes.

In ``mkdocs serve --dirty`` (which ``journeys serve`` uses) MkDocs rebuilds a page only
when its source file is newer than the built page. Virtual files held in memory always
count as changed; backing each generated page by a file in a private temporary folder,
touched only when the page's HTML changes, lets MkDocs skip the other 999 maps.
"""

from __future__ import annotations

import os
from pathlib import Path


class GeneratedFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._texts: dict[str, str | bytes] = {}

    def write(self, src_uri: str, text: str | bytes, stands_for: str | None = None) -> str:
        """The path holding ``text`` (bytes for a PNG or PDF); the file is only rewritten
        when ``text`` changed. With ``stands_for``, the file holds that instead and only
        its modification time tells that ``text`` changed (a page, whose body the plugin
        puts in: MkDocs need not read megabytes of roll-up to find no front matter)."""
        path = os.path.join(self.folder, src_uri)
        # Cached pages come back as the very same string object: comparing is then free.
        if self._texts.get(src_uri) != text or not os.path.isfile(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            partial = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.partial")
            content = text if stands_for is None else stands_for
            if isinstance(content, bytes):
                with open(partial, "wb") as stream:
                    stream.write(content)
            else:
                with open(partial, "w", encoding="utf-8", newline="") as stream:  # a CSV keeps its CRLF
                    stream.write(content)
            os.replace(partial, path)
            self._texts[src_uri] = text
        return path
