"""Chinese, Japanese and Korean in PDF (and PNG) export: which CJK font draws a text.

The embedded Vera has Latin letters only. reportlab ships Adobe's standard CJK fonts as
metrics alone (CID fonts: no font file; every PDF reader brings their glyphs, as it does
for these standard fonts), so a PDF from ``pip install`` alone has Chinese, Japanese and
Korean as real, selectable text. A text (a ``<text>`` of the diagram, a line of the contents
page) with CJK characters Vera lacks is drawn wholly in one of them, chosen by script;
every other text stays in Vera, byte for byte as before. PNG export chooses the same way
among the system's fonts (:mod:`journeys.formats.png`).

The width estimates (:mod:`journeys.render.textmetrics`) hold: CJK characters are one em
in these fonts as estimated, and the Japanese font's Latin letters and spaces are narrower
than the DejaVu widths estimated for them. The Korean font's are half an em each, a
little wider than estimated for spaces and narrow letters (a few per cent of a line).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from journeys.formats.drawing import (
    FONT_FACES,
    FONT_FAMILY,
    TEXT_ELEMENT,
    drawn_text,
    element_text,
    font_files,
    lacking,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Japanese gothic: sans-serif, like the diagram's Vera.
JAPANESE = "HeiseiKakuGo-W5"
#: Korean gothic (its character set has kana and kanji too).
KOREAN = "HYGothic-Medium"
#: Simplified Chinese (its character set, GBK, has the traditional characters too); reportlab
#: ships no sans-serif Chinese font.
CHINESE = "STSong-Light"
CID_FONTS = (JAPANESE, KOREAN, CHINESE)

#: Code point ranges (first, last) of each script journeys chooses a font by.
_RANGES = {
    "kana": ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)),
    "hangul": ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFFA0, 0xFFDC)),
    "han": ((0x2E80, 0x2FDF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF)),
    # CJK punctuation, enclosed and compatibility forms, fullwidth forms: in every CJK font.
    "cjk": ((0x3000, 0x303F), (0x3200, 0x33FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)),
}


@lru_cache(maxsize=8192)
def script(char: str) -> str | None:
    """``kana``, ``hangul``, ``han`` (Chinese characters), ``cjk`` (shared punctuation and
    forms) or None for a character of no CJK script."""
    code = ord(char)
    for name, ranges in _RANGES.items():
        if any(first <= code <= last for first, last in ranges):
            return name
    return None


def han_font(text: str, language: str) -> str:
    """The font of Chinese characters written without kana or Hangul, in a document whose
    texts are ``text``: Japanese when the labels are (``language`` ``ja``); otherwise the
    Japanese gothic too when the Japanese character set has every one of them (it is
    sans-serif, like the rest of the diagram), else Chinese (simplified ones, say)."""
    if language == "ja":
        return JAPANESE
    try:
        "".join(char for char in text if script(char) == "han").encode("euc_jis_2004")
    except UnicodeEncodeError:
        return CHINESE
    return JAPANESE


def cid_font(text: str, han: str) -> str | None:
    """The CJK font that draws ``text``, or None when Vera lacks none of its CJK characters.
    Hangul means Korean, then kana Japanese; Chinese characters alone get ``han``."""
    scripts = {script(char) for char in lacking(text)} - {None}
    if not scripts:
        return None
    if "hangul" in scripts:
        return KOREAN
    return JAPANESE if "kana" in scripts else han


def with_cjk_fonts(svg: str, language: str, families: Mapping[str, str] | None = None) -> str:
    """``svg`` with each ``<text>`` that has CJK characters drawn in its CJK font, or in
    ``families[font]`` (a CSS font-family list) when given; the element's own style beats
    the stylesheet's Vera. Unchanged when no text has CJK characters."""
    text = drawn_text(svg)
    if not any(script(char) for char in lacking(text)):
        return svg
    han = han_font(text, language)

    def choose(match: Any) -> str:
        font = cid_font(element_text(match[0]), han)
        if font is None:
            return match[0]
        return f'{match[1]} style="font-family:{families[font] if families else font}"{match[2]}'

    return TEXT_ELEMENT.sub(choose, svg)


@lru_cache(maxsize=1)
def font_map() -> Any:
    """svglib's font map for the export: Vera's faces under the diagram's family name, and
    the CJK fonts under their own names (registered with reportlab). Without Vera registered,
    svglib would ask the system's fontconfig, and draw with whatever font that machine has;
    without the CJK names answered here, it would ask fontconfig for them too."""
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.pdfmetrics import registerFont
    from svglib.fonts import FontMap

    class ExportFontMap(FontMap):
        def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
            if font_name in CID_FONTS:  # one face for every weight: CID fonts have no bold
                return font_name, True
            found: tuple[str, bool] = super().find_font(font_name, weight, style)
            return found

    fonts = ExportFontMap()
    for path, (_, weight, style) in zip(font_files(), FONT_FACES, strict=True):
        fonts.register_font(FONT_FAMILY, str(path), weight, style)
    for name in CID_FONTS:
        registerFont(UnicodeCIDFont(name))
    return fonts


def pdf_font(text: str, weight: str, language: str, *, among: Iterable[str] = ()) -> str:
    """reportlab's name of the font a line ``text`` of the PDF's own (the contents page) is
    drawn in, ``weight`` ``normal`` or ``700``: Vera's face, or the CJK font its characters
    need (Chinese characters chosen as for the texts ``among``)."""
    fonts = font_map()  # registers them all
    font = cid_font(text, han_font("\n".join([text, *among]), language))
    return font if font is not None else str(fonts.find_font(FONT_FAMILY, weight)[0])
