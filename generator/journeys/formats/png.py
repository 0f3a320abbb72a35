"""``journeys export png``: each map's diagram as a PNG image, for slides and documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.atomicfile import write_atomically
from journeys.formats.drawing import FONT_FAMILY, export_svg, font_files, require

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from journeys.config import Settings
    from journeys.formats import FileOptions
    from journeys.model import JourneyMap, Project


def export_files(
    project: Project, maps: Sequence[JourneyMap], settings: Settings, out: Path, options: FileOptions
) -> list[Path]:
    """``OUT/<id>.png`` per map, ``options.scale`` times the diagram's size in pixels."""
    written = []
    for journey in maps:
        path = out / f"{journey.id}.png"
        write_atomically(path, map_png(journey, project, settings, options.scale))
        written.append(path)
    return written


def map_png(journey: JourneyMap, project: Project, settings: Settings, scale: float = 2.0) -> bytes:
    """The diagram of ``journey`` as a PNG, ``scale`` pixels per diagram pixel."""
    require("png", "resvg_py", "reportlab")
    import resvg_py

    png = resvg_py.svg_to_bytes(
        svg_string=export_svg(journey, project, settings),
        zoom=scale,
        # Only the shipped font: the same picture on every machine, and no font scan.
        skip_system_fonts=True,
        font_files=[str(path) for path in font_files()],
        font_family=FONT_FAMILY,
        sans_serif_family=FONT_FAMILY,
    )
    return bytes(png)
