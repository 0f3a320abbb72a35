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
        #: What each file was last written for: its content, or what it stands for.
        self._written_for: dict[str, object] = {}

    def write(self, src_uri: str, content: str | bytes, *, standing_for: object = None) -> str:
        """The path holding ``content`` (bytes for a PNG or PDF); the file is only
        rewritten when it changed. With ``standing_for`` (a page, whose body the plugin
        puts in: MkDocs need not read megabytes of roll-up to find no front matter), the
        file is rewritten when that changed, and only its modification time tells so."""
        path = os.path.join(self.folder, src_uri)
        written_for = content if standing_for is None else standing_for
        # Cached pages come back as the very same objects: comparing is then cheap.
        if self._written_for.get(src_uri) != written_for or not os.path.isfile(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            partial = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.partial")
            if isinstance(content, bytes):
                with open(partial, "wb") as stream:
                    stream.write(content)
            else:
                with open(partial, "w", encoding="utf-8", newline="") as stream:  # a CSV keeps its CRLF
                    stream.write(content)
            os.replace(partial, path)
            self._written_for[src_uri] = written_for
        return path
