"""What PNG and PDF export share: the font they embed and the diagram drawn for them.

Both work from ``pip install 'journeys[export]'`` alone, with no system library and no
browser: resvg (a Rust renderer with wheels for Linux, macOS and Windows) draws the PNG,
svglib + reportlab (pure Python; svglib 2 no longer needs cairo) the vector PDF. Neither
knows CSS custom properties, so the diagram is drawn for them with its light colours
written out, and every text in Bitstream Vera Sans, which reportlab ships with its
licence: the same glyphs on every machine, and the diagram's text measurement is made
for its metrics (DejaVu Sans, which the width estimates are taken from, is Vera extended).

Vera has Latin (Western European) letters only. Text with characters it lacks is drawn
in other fonts (:func:`lacking` finds them): the PDF in reportlab's CJK fonts
(:mod:`journeys.formats.cjk`), the PNG in the system's fonts (:mod:`journeys.formats.png`).
"""

from __future__ import annotations

import dataclasses
import html
import importlib
import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from journeys.render import render_map_svg

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project
    from journeys.render.paper import Part

#: Where PNG and PDF export report what they could not draw (MkDocs shows it in a site
#: build; ``journeys export`` prints it as ``warning: ...``).
log = logging.getLogger("mkdocs.plugins.journeys.export")

#: The font family the exported diagram names; registered under this name in both renderers.
FONT_FAMILY = "Bitstream Vera Sans"
#: (file in reportlab's fonts folder, CSS weight as the diagram writes it, style)
FONT_FACES = (
    ("Vera.ttf", "normal", "normal"),
    ("VeraBd.ttf", "700", "normal"),
    ("VeraIt.ttf", "normal", "italic"),
    ("VeraBI.ttf", "700", "italic"),
)
#: A ``<text>`` element of the diagram: its start tag up to ``>``, and the rest (lines are
#: ``<tspan>`` children, never nested ``<text>``).
TEXT_ELEMENT = re.compile(r"(<text\b[^>]*)(>.*?</text>)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


class MissingExtra(Exception):
    """PNG or PDF export was asked for, and its optional dependencies are not installed."""

    def __init__(self, format_name: str, missing: str) -> None:
        from journeys.scaffold import install_requirement

        requirement = install_requirement("export")
        super().__init__(
            f"{format_name.upper()} export needs the export extra ({missing} is not installed): "
            f'pip install "{requirement}"'
        )


def export_installed() -> bool:
    """Whether the export extra's packages can be imported (both formats' modules)."""
    try:
        require("png", "resvg_py", "reportlab.pdfgen.canvas", "svglib.svglib")
    except MissingExtra:
        return False
    return True


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


def export_svg(journey: JourneyMap, project: Project, settings: Settings, part: Part | None = None) -> str:
    """The diagram of ``journey`` (or of a ``part`` of it, with that part's lanes) as PNG
    and PDF export draw it: over the map it compares to, as on the site."""
    compare = project.compared_map(journey)
    if part is None:
        return render_map_svg(journey, project, settings, compare=compare, export_font=FONT_FAMILY)
    return render_map_svg(
        journey, project, dataclasses.replace(settings, lanes=part.lanes), compare=compare, steps=part.steps,
        export_font=FONT_FAMILY, layout=part.layout,
    )  # fmt: skip


@lru_cache(maxsize=1)
def _drawn_by_font() -> frozenset[int]:
    """The characters the embedded font has a glyph for, read once from its cmap (the four
    faces have the same)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(code for code, glyph in TTFontFile(str(font_files()[0])).charToGlyph.items() if glyph)


def lacking(text: str) -> str:
    """The characters of ``text`` the embedded font has no glyph for, each once, in order of
    appearance (controls and formatting characters are never drawn, so never lacking)."""
    drawn = _drawn_by_font()
    return "".join(dict.fromkeys(
        char for char in text
        if ord(char) not in drawn and not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")
    ))  # fmt: skip


def element_text(element: str) -> str:
    """The text an SVG ``<text>`` element (as :data:`TEXT_ELEMENT` finds it) shows."""
    return html.unescape(_TAG.sub("", element))


def drawn_text(svg: str) -> str:
    """Every text the diagram ``svg`` draws (its ``<title>`` and ``<desc>`` are not drawn)."""
    return "\n".join(element_text(match[0]) for match in TEXT_ELEMENT.finditer(svg))
