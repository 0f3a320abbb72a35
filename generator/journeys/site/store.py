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

    def write(self, src_uri: str, text: str | bytes) -> str:
        """The path holding ``text`` (bytes for a PNG or PDF); the file is only rewritten when ``text`` changed."""
        path = self.folder / src_uri
        # Cached pages come back as the very same string object: comparing is then free.
        if self._texts.get(src_uri) != text or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.partial")
            if isinstance(text, bytes):
                partial.write_bytes(text)
            else:
                partial.write_text(text, encoding="utf-8", newline="")  # as generated: a CSV keeps its CRLF
            os.replace(partial, path)
            self._texts[src_uri] = text
        return str(path)
