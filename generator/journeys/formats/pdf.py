"""``journeys export pdf``: each map on landscape pages of real paper, for workshops and walls.

Vector, with selectable text in an embedded font (:mod:`journeys.formats.drawing`), and
Chinese, Japanese and Korean in reportlab's CJK fonts (:mod:`journeys.formats.cjk`). A
map wider or taller than a page is split by :mod:`journeys.render.paper` so that no
text is smaller than 6 pt on paper; each page repeats the title, lane labels and scale.
``--combined`` puts every map in one file after a contents page.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from journeys.atomicfile import write_atomically
from journeys.formats.cjk import font_map, pdf_font, with_cjk_fonts
from journeys.formats.drawing import export_svg, require
from journeys.render.paper import MM, paper_parts

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from journeys.config import Settings
    from journeys.formats import FileOptions
    from journeys.labels import Labels
    from journeys.model import JourneyMap, Project

#: ``--paper``: name -> (width, height) in millimetres, landscape.
PAPERS = {"a4": (297.0, 210.0), "a3": (420.0, 297.0)}
#: White space around the drawing on every side.
MARGIN = 10 * MM
#: The file ``--combined`` writes into OUT.
COMBINED_NAME = "journeys.pdf"
#: The contents page's type sizes, in points.
HEADING_PT, ENTRY_PT = 20, 12
LINE_SPACING = 1.6


def export_files(
    project: Project, maps: Sequence[JourneyMap], settings: Settings, out: Path, options: FileOptions
) -> list[Path]:
    """``OUT/<id>.pdf`` per map, or with ``options.combined`` every map in ``OUT/journeys.pdf``."""
    if options.combined:
        path = out / COMBINED_NAME
        write_atomically(path, maps_pdf(
            project, maps, settings, options.paper, title=settings.labels("catalogue_title"), contents=True
        ))
        return [path]
    written = []
    for journey in maps:
        path = out / f"{journey.id}.pdf"
        write_atomically(path, maps_pdf(project, [journey], settings, options.paper, title=journey.title))
        written.append(path)
    return written


def _require() -> None:
    require("pdf", "reportlab.pdfgen.canvas", "reportlab.graphics.renderPDF", "svglib.svglib", "svglib.fonts")


def maps_pdf(
    project: Project,
    maps: Sequence[JourneyMap],
    settings: Settings,
    paper_name: str = "a4",
    *,
    title: str,
    contents: bool = False,
) -> bytes:
    """``maps`` on landscape pages of ``paper_name``, after a contents page if ``contents``."""
    _require()
    from reportlab.pdfgen.canvas import Canvas

    paper = tuple(side * MM for side in PAPERS[paper_name])

    buffer = io.BytesIO()
    # invariant=True: no creation date or random id, so the same maps give the same bytes.
    canvas = Canvas(buffer, pagesize=paper, invariant=True, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("journeys")
    first_pages: list[int] = []
    page = 1 + (_contents_pages(len(maps), paper) if contents else 0)
    pages_of = []
    for journey in maps:
        parts = paper_parts(journey, project, settings, _area(paper), project.compared_map(journey))
        pages_of.append(parts)
        first_pages.append(page)
        page += len(parts)
    if contents:
        _contents_page(canvas, maps, first_pages, paper, settings.labels)
    for journey, parts in zip(maps, pages_of, strict=True):
        for number, part in enumerate(parts):
            if number == 0:  # the PDF's outline (bookmarks): one entry per map
                key = f"map-{journey.id}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(journey.title, key, level=0)
            svg = export_svg(journey, project, settings, part)
            svg = with_cjk_fonts(svg, settings.labels.language)
            _draw(canvas, svg, part.scale(_area(paper)), part.width, paper)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _area(paper: tuple[float, ...]) -> tuple[float, float]:
    return paper[0] - 2 * MARGIN, paper[1] - 2 * MARGIN


def _draw(canvas: Any, svg: str, scale: float, width: float, paper: tuple[float, ...]) -> None:
    """The SVG (``width`` units wide) at the top left of the page's printable area, at
    ``scale`` points per unit."""
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")), font_map=font_map())
    if drawing is None:  # svglib returns None for a document it cannot read; ours always is one
        raise ValueError("svglib could not read the exported diagram")
    factor = scale * width / drawing.width  # svglib's units are points (0.75 px)
    canvas.saveState()
    canvas.translate(MARGIN, paper[1] - MARGIN - drawing.height * factor)
    canvas.scale(factor, factor)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()


def _entries_per_page(paper: tuple[float, ...]) -> int:
    return max(int((paper[1] - 2 * MARGIN - 2 * HEADING_PT) // (ENTRY_PT * LINE_SPACING)), 1)


def _contents_pages(count: int, paper: tuple[float, ...]) -> int:
    return max(-(-count // _entries_per_page(paper)), 1)


def _contents_page(
    canvas: Any, maps: Sequence[JourneyMap], first_pages: list[int], paper: tuple[float, ...], labels: Labels
) -> None:
    """The workshop pack's first page(s): each map's title and the page it starts on, linked."""
    right, per_page = paper[0] - MARGIN, _entries_per_page(paper)
    titles = [journey.title for journey in maps]
    font: list[tuple[str, float]] = []  # the canvas's current font, set only when it changes

    def write(x: float, y: float, text: str, weight: str, size: float, *, right_aligned: bool = False) -> None:
        wanted = (pdf_font(text, weight, labels.language, among=titles), size)
        if font[-1:] != [wanted]:
            canvas.setFont(*wanted)
            font.append(wanted)
        (canvas.drawRightString if right_aligned else canvas.drawString)(x, y, text)

    for start in range(0, max(len(maps), 1), per_page):
        y = paper[1] - MARGIN - HEADING_PT
        write(MARGIN, y, labels("catalogue_title"), "700", HEADING_PT)
        y -= 2 * HEADING_PT
        for journey, page in zip(maps[start : start + per_page], first_pages[start : start + per_page], strict=True):
            write(MARGIN, y, journey.title, "normal", ENTRY_PT)
            write(right, y, labels("pdf_page", n=page), "normal", ENTRY_PT, right_aligned=True)
            canvas.linkRect("", f"map-{journey.id}", (MARGIN, y - 3, right, y + ENTRY_PT), relative=0)
            y -= ENTRY_PT * LINE_SPACING
        canvas.showPage()
