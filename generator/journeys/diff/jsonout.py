"""The diff as JSON: the same facts as the Markdown, for bots and scripts."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from journeys.diff.changes import EmotionChange

if TYPE_CHECKING:
    from journeys.diff.changes import ProjectDiff


def _plain(value: object) -> Any:
    """Dataclasses as dicts in field order; an emotion change also carries its delta."""
    if isinstance(value, EmotionChange):
        return {**{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, "delta": value.delta}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def diff_to_json(diff: ProjectDiff) -> str:
    return json.dumps(_plain(diff), indent=2, ensure_ascii=False) + "\n"
