"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeys.loading.yamltree import YamlProblem

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    yaml: str
    body: str
    #: Lines before the YAML starts (the opening ``---``), to report true positions.
    yaml_line_offset: int
    body_line: int


def split_front_matter(text: str) -> FrontMatter:
    """Front matter must open on line 1 with ``---`` and close with ``---`` or ``...``."""
    opening = _OPEN.match(text)
    if opening is None:
        raise YamlProblem(
            1, 1, "front-matter", "expected front matter: the file must start with a '---' line"
        )
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise YamlProblem(
            1, 1, "front-matter", "front matter opened on line 1 is never closed with a '---' line"
        )
    yaml = text[opening.end() : closing.start()]
    body = text[closing.end() :].lstrip("\r\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return FrontMatter(yaml=yaml, body=body, yaml_line_offset=1, body_line=body_line)
