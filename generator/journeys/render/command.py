"""``journeys render``: validate, then write one SVG diagram per valid map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from journeys.issues import did_you_mean, has_errors
from journeys.reporting import format_issues

if TYPE_CHECKING:
    from journeys.model import JourneyMap, Project


def render_command(project_dir: Path, map_id: str | None, compare: bool, out: Path) -> None:
    """The body of ``journeys render`` (registered in ``journeys.cli``)."""
    from journeys.cli import ContentError, load_checked
    from journeys.render import render_map_svg
    from journeys.render.theme import ThemeError, load_theme

    settings, result, issues = load_checked(project_dir)
    if map_id is not None and result.project.map(map_id) is None and map_id not in _all_map_ids(settings):
        known = [journey.id for journey in result.project.maps]
        raise click.UsageError(f"unknown map '{map_id}'{did_you_mean(map_id, known)}")
    output = format_issues(issues, "text", result.files)
    if output:
        click.echo(output)
    try:
        load_theme(settings)
    except ThemeError as error:
        click.echo(str(error), err=True)
        raise ContentError("invalid theme") from None
    out.mkdir(parents=True, exist_ok=True)
    for journey in _selected(result.project, map_id):
        other = _compared(result.project, journey) if compare else None
        svg = render_map_svg(journey, result.project, settings, compare=other)
        target = out / f"{journey.id}.svg"
        target.write_text(svg, encoding="utf-8", newline="\n")
        click.echo(f"wrote {target}" + (f" (over {other.id})" if other else ""))
    if has_errors(issues):  # the valid maps are drawn; the run still fails
        raise ContentError("invalid content")


def _all_map_ids(settings) -> set[str]:
    """Ids of every map file, valid or not (an invalid map is a content error, not a typo)."""
    folder = settings.root / settings.maps_dir
    return {path.stem for path in folder.glob("*") if path.suffix in (".yaml", ".yml", ".md")} if folder.is_dir() else set()


def _selected(project: Project, map_id: str | None) -> list[JourneyMap]:
    if map_id is None:
        return list(project.maps)
    journey = project.map(map_id)
    return [journey] if journey is not None else []


def _compared(project: Project, journey: JourneyMap) -> JourneyMap | None:
    """The current-state map a future-state map is drawn over, when it names one."""
    if journey.state != "future" or not journey.compares_to:
        return None
    return project.map(journey.compares_to)
