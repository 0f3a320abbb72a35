"""Semantic diff of two revisions of a journeys project (``journeys diff``).

``load_revisions`` reads both sides from git (parsing only changed files),
``diff_revisions`` turns them into a :class:`ProjectDiff` of plain facts, and
``render_markdown`` / ``render_json`` present those facts.
"""

from __future__ import annotations

from journeys.diff.changes import MapDiff, PersonaDiff, ProjectDiff
from journeys.diff.jsonout import render_json
from journeys.diff.markdown import render_markdown
from journeys.diff.project import diff_revisions
from journeys.diff.revisions import Revisions, load_revisions

__all__ = [
    "MapDiff",
    "PersonaDiff",
    "ProjectDiff",
    "Revisions",
    "diff_revisions",
    "load_revisions",
    "render_json",
    "render_markdown",
]
