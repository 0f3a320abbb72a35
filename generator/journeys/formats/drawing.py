"""What PNG and PDF export share: the font they embed and the diagram drawn for them.

Both work from ``pip install 'journeys[export]'`` alone, with no system library and no
browser: resvg (a Rust renderer with wheels for Linux, macOS and Windows) draws the PNG,
svglib + reportlab (pure Python; svglib 2 no longer needs cairo) the vector PDF. Neither
knows CSS custom properties, so the diagram is drawn for them with its light colours
written out, and every text in Bitstream Vera Sans, which reportlab ships with its
licence: the same glyphs on every machine, and the diagram's text measurement is made
for its metrics (DejaVu Sans, which the width estimates are taken from, is Vera extended).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from journeys.render import render_map_svg

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project

#: The font family the exported diagram names; registered under this name in both renderers.
FONT_FAMILY = "Bitstream Vera Sans"
#: (file in reportlab's fonts folder, CSS weight as the diagram writes it, style)
FONT_FACES = (
    ("Vera.ttf", "normal", "normal"),
    ("VeraBd.ttf", "700", "normal"),
    ("VeraIt.ttf", "normal", "italic"),
    ("VeraBI.ttf", "700", "italic"),
)


class MissingExtra(Exception):
    """PNG or PDF export was asked for, and its optional dependencies are not installed."""

    def __init__(self, format_name: str, missing: str) -> None:
        from journeys.scaffold import install_requirement

        requirement = install_requirement("export")
        super().__init__(
            f"{format_name.upper()} export needs the export extra ({missing} is not installed): "
            f'pip install "{requirement}"'
        )


def require(format_name: str, *modules: str) -> None:
    """Import ``modules`` (the export extra's), or raise :class:`MissingExtra` naming the
    package of the first one missing."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtra(format_name, module.split(".")[0].replace("_", "-")) from None


def font_files() -> list[Path]:
    """The embedded font's files, from the reportlab package."""
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    return [folder / name for name, _, _ in FONT_FACES]


def export_svg(
    journey: JourneyMap, project: Project, settings: Settings, steps: range | None = None
) -> str:
    """The diagram of ``journey`` (or of ``steps`` of it) as PNG and PDF export draw it:
    over the map it compares to, as on the site."""
    return render_map_svg(
        journey, project, settings, compare=project.compared_map(journey), steps=steps, export_font=FONT_FAMILY
    )
