"""``journeys diff``: load both revisions, compare, render; the CLI only prints the result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.diff.jsonout import render_json
from journeys.diff.markdown import render_markdown
from journeys.diff.project import diff_revisions
from journeys.diff.revisions import load_revisions

if TYPE_CHECKING:
    from pathlib import Path

    from journeys.diff.changes import ProjectDiff
    from journeys.issues import Issue

RENDERERS = {"markdown": render_markdown, "json": render_json}


@dataclass(frozen=True)
class DiffRun:
    diff: ProjectDiff
    output: str
    #: The target revision's problems in the files the change touches.
    issues: tuple[Issue, ...]
    #: How many target files were validated.
    files: int
    svgs: tuple[Path, ...] = ()


def run_diff(project_dir: Path, base: str, target: str | None, *, fmt: str, svg_dir: Path | None) -> DiffRun:
    """Raises ``GitError`` (one line) for a bad repository or revision."""
    revisions = load_revisions(project_dir, base, target, all_personas=svg_dir is not None)
    diff = diff_revisions(revisions)
    svgs: list[Path] = []
    if svg_dir is not None:
        from journeys.diff.overlay import write_overlays

        svgs = write_overlays(revisions, diff, svg_dir)
    return DiffRun(
        diff=diff,
        output=RENDERERS[fmt](diff),
        issues=tuple(revisions.target.issues),
        files=len(revisions.target.loaded),
        svgs=tuple(svgs),
    )
