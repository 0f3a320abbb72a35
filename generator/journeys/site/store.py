"""Generated files backed by real files, rewritten only when their content changes.

In ``mkdocs serve --dirty`` (which ``journeys serve`` uses) MkDocs rebuilds a page only
when its source file is newer than the built page. Virtual files held in memory always
count as changed; backing each generated page by a file in a private temporary folder,
touched only when the page's HTML changes, lets MkDocs skip the other 999 maps.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class GeneratedFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[str, bytes] = {}

    def write(self, src_uri: str, text: str) -> str:
        """The path holding ``text``; the file is only rewritten when ``text`` changed."""
        path = self.folder / src_uri
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).digest()
        if self._digests.get(src_uri) != digest or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.partial")
            partial.write_bytes(data)
            os.replace(partial, path)
            self._digests[src_uri] = digest
        return str(path)
