"""``journeys diff --svg-dir``: per changed map, the new diagram with the old emotion line faded behind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.model import JourneyMap, Persona, Project

if TYPE_CHECKING:
    from pathlib import Path

    from journeys.diff.changes import ProjectDiff
    from journeys.diff.revisions import Revisions


def write_overlays(revisions: Revisions, diff: ProjectDiff, svg_dir: Path) -> list[Path]:
    """Write ``<map id>.svg`` for every changed map that is valid in the target; the paths written."""
    from journeys.render import render_map_svg

    target = revisions.target
    personas = tuple(sorted((p for p in target.loaded.values() if isinstance(p, Persona)), key=lambda p: p.id))
    svg_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for map_diff in diff.maps:
        after = target.loaded.get(("map", map_diff.id))
        if not isinstance(after, JourneyMap):
            continue
        before = revisions.base.loaded.get(("map", map_diff.old_id or map_diff.id))
        project = Project(personas=personas, maps=(after,), scale=target.settings.scale)
        compare = before if isinstance(before, JourneyMap) else None
        path = svg_dir / f"{after.id}.svg"
        path.write_text(render_map_svg(after, project, target.settings, compare=compare), encoding="utf-8")
        written.append(path)
    return written
