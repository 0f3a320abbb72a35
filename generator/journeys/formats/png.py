"""``journeys export png``: each map's diagram as a PNG image, for slides and documents.

resvg draws every text in the shipped Vera: the same picture on every machine, with no
font scan. A diagram with characters Vera lacks (Chinese, Japanese, Korean, Greek, ...)
also gets the system's fonts, from which resvg takes each missing glyph; macOS and Windows
have CJK fonts, Linux often Noto CJK. Where no font has them, they would be boxes: a
warning says which writing system is missing and what to install.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from journeys.atomicfile import write_atomically
from journeys.formats.cjk import CHINESE, JAPANESE, KOREAN, script, with_cjk_fonts
from journeys.formats.drawing import FONT_FAMILY, drawn_text, export_svg, font_files, lacking, log, require

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from journeys.config import Settings
    from journeys.formats import FileOptions
    from journeys.model import JourneyMap, Project

#: A character no font has (the last private-use one): resvg draws Vera's box for it.
NO_GLYPH = "\U0010fffd"
#: How a warning names the CJK scripts (:func:`journeys.formats.cjk.script`).
CJK_NAMES = {"kana": "Japanese kana", "hangul": "Korean Hangul", "han": "Chinese characters", "cjk": "CJK punctuation"}
#: The system's sans-serif fonts a text in each CJK font of the PDF is drawn in, the first
#: one found (Linux, macOS, Windows; Vera last). Without them, resvg would take missing
#: glyphs from the first font that has them, often a serif one.
SYSTEM_FAMILIES = {
    font: ",".join(f"'{family}'" for family in (*families, FONT_FAMILY))
    for font, families in (
        (JAPANESE, ("Noto Sans CJK JP", "Source Han Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
                    "Yu Gothic", "Meiryo", "MS Gothic", "IPAexGothic", "IPAGothic", "VL Gothic")),
        (KOREAN, ("Noto Sans CJK KR", "Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic",
                  "NanumGothic")),
        (CHINESE, ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                   "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")),
    )
}  # fmt: skip
#: The Debian and Ubuntu package with fonts for CJK scripts, and for most others.
CJK_PACKAGE, OTHER_PACKAGE = "fonts-noto-cjk", "fonts-noto-core"


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
    """The diagram of ``journey`` as a PNG, ``scale`` pixels per diagram pixel; warns (on
    :data:`journeys.formats.drawing.log`) of writing systems no font here draws."""
    require("png", "resvg_py", "reportlab")
    svg = export_svg(journey, project, settings)
    missing = lacking(drawn_text(svg))
    if missing:
        svg = with_cjk_fonts(svg, settings.labels.language, SYSTEM_FAMILIES)
    png = _render(svg, scale, system_fonts=bool(missing))
    unfound = undrawn_systems(missing) if missing else {}
    if unfound:
        *most, last = [f"{name} ({chars[:5]}{'…' if len(chars) > 5 else ''})" for name, chars in unfound.items()]
        names = f"{', '.join(most)} and {last}" if most else last
        package = CJK_PACKAGE if set(unfound) & set(CJK_NAMES.values()) else OTHER_PACKAGE
        log.warning(
            f"{journey.id}.png: no font on this machine has its {names}, drawn as boxes: install a font "
            f"that has them (Debian, Ubuntu: apt install {package})"
        )
    return png


def _render(svg: str, scale: float, *, system_fonts: bool) -> bytes:
    import resvg_py

    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        zoom=scale,
        # Vera first, so Latin text is the same on every machine; the system's fonts (a
        # scan of them) only for characters Vera lacks, which resvg takes from the first
        # font that has them.
        skip_system_fonts=not system_fonts,
        font_files=[str(path) for path in font_files()],
        font_family=FONT_FAMILY,
        sans_serif_family=FONT_FAMILY,
    )
    return bytes(png)


def writing_system(char: str) -> str:
    """What a warning calls the writing system of ``char``: ``Japanese kana``, ``Cyrillic``, ..."""
    kind = script(char)
    if kind is not None:
        return CJK_NAMES[kind]
    name = unicodedata.name(char, "")
    return name.split(" ")[0].title() if name and unicodedata.category(char).startswith("L") else "symbols"


def undrawn_systems(chars: str) -> dict[str, str]:
    """The characters of ``chars`` by writing system, for the systems of which no font that
    resvg finds here has a single one. Each system's characters are drawn once with the
    system's fonts and compared with as many :data:`NO_GLYPH` boxes: the same pixels mean
    none was found (a font with some of them passes, so a few rare ones may still be boxes)."""
    systems: dict[str, str] = {}
    for char in chars:
        systems[writing_system(char)] = systems.get(writing_system(char), "") + char
    length = max(map(len, systems.values()), default=0)
    boxes = _probe(NO_GLYPH * length)
    return {name: group for name, group in systems.items() if _probe((group * length)[:length]) == boxes}


@lru_cache(maxsize=64)
def _probe(text: str) -> bytes:
    """``text`` on one line as the PNG export draws it with the system's fonts."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{20 * len(text) + 10}" height="30">'
        f'<text x="5" y="22" font-family="{FONT_FAMILY}" font-size="16">{escape(text)}</text></svg>'
    )
    return _render(svg, 1, system_fonts=True)
