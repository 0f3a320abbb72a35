"""Semantic diff of two revisions of a journeys project (``journeys diff``).

``load_revisions`` reads both sides from git (parsing only changed files),
``diff_revisions`` turns them into a :class:`ProjectDiff` of plain facts, and
``diff_to_markdown`` / ``diff_to_json`` present those facts.
"""

from __future__ import annotations

from journeys.diff.changes import MapDiff, PersonaDiff, ProjectDiff
from journeys.diff.jsonout import diff_to_json
from journeys.diff.markdown import diff_to_markdown
from journeys.diff.project import diff_revisions
from journeys.diff.revisions import Revisions, load_revisions

__all__ = [
    "MapDiff",
    "PersonaDiff",
    "ProjectDiff",
    "Revisions",
    "diff_revisions",
    "load_revisions",
    "diff_to_json",
    "diff_to_markdown",
]
