"""Text width estimates and line wrapping, without a font engine.

The diagram must size its boxes before any browser sees it, so widths are estimated
from per-character advance widths. The ASCII table is DejaVu Sans (the widest of the
common UI sans-serif fonts, measured in Chromium), so on Helvetica, Arial, Segoe UI or
SF the real text is narrower than estimated and still fits. Other scripts use
per-block estimates: CJK and fullwidth forms are one em, emoji a little more.
Widths are in em; multiply by the font size for pixels.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import repeat

# Advance widths of U+0020..U+007E in DejaVu Sans, in em (regular and bold).
_ASCII_REGULAR = (
    0.32, 0.4, 0.46, 0.84, 0.64, 0.95, 0.78, 0.27, 0.39, 0.39, 0.5, 0.84, 0.32, 0.36, 0.32, 0.34,
    0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.34, 0.34, 0.84, 0.84, 0.84, 0.53,
    1.0, 0.68, 0.69, 0.7, 0.77, 0.63, 0.58, 0.77, 0.75, 0.29, 0.29, 0.66, 0.56, 0.86, 0.75, 0.79,
    0.6, 0.79, 0.69, 0.63, 0.61, 0.73, 0.68, 0.99, 0.69, 0.61, 0.69, 0.39, 0.34, 0.39, 0.84, 0.5,
    0.5, 0.61, 0.63, 0.55, 0.63, 0.62, 0.35, 0.63, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61,
    0.63, 0.63, 0.41, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.52, 0.64, 0.34, 0.64, 0.84,
)
_ASCII_BOLD = (
    0.35, 0.46, 0.52, 0.84, 0.7, 1.0, 0.87, 0.31, 0.46, 0.46, 0.52, 0.84, 0.38, 0.42, 0.38, 0.37,
    0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.4, 0.4, 0.84, 0.84, 0.84, 0.58,
    1.0, 0.77, 0.76, 0.73, 0.83, 0.68, 0.68, 0.82, 0.84, 0.37, 0.37, 0.77, 0.64, 1.0, 0.84, 0.85,
    0.73, 0.85, 0.77, 0.72, 0.68, 0.81, 0.77, 1.1, 0.77, 0.72, 0.73, 0.46, 0.37, 0.46, 0.84, 0.5,
    0.5, 0.67, 0.72, 0.59, 0.72, 0.68, 0.44, 0.72, 0.71, 0.34, 0.34, 0.67, 0.34, 1.04, 0.71, 0.69,
    0.72, 0.72, 0.49, 0.6, 0.48, 0.71, 0.65, 0.92, 0.65, 0.65, 0.58, 0.71, 0.37, 0.71, 0.84,
)
#: Bold glyphs outside ASCII are this much wider than regular ones.
_BOLD_FACTOR = 1.1
_WIDE = 1.0  # CJK ideographs, kana, hangul, fullwidth forms
_EMOJI = 1.25  # colour emoji render a little wider than 1 em in every common font
_OTHER = 0.7  # accented Latin, Greek, Cyrillic, Hebrew, Arabic, ...: generous

_RTL_BIDI = frozenset({"R", "AL"})
# CJK text has no spaces: a line may break before any ideograph, except that closing
# punctuation stays with the character before it and opening text with the one after.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_CLOSING = "\u3001\u3002\uff0c\uff0e\uff1f\uff01\u300d\u300f\uff09\u201d\u2019\u3009\u300b\u3011"
_SEGMENT = re.compile(f"[^\\s{_CJK}]*[{_CJK}][{_CLOSING}]*|[^\\s{_CJK}]+|\\s+")


@lru_cache(maxsize=4096)
def char_width(char: str, bold: bool = False) -> float:
    """Estimated advance width of one character, in em."""
    code = ord(char)
    if 0x20 <= code <= 0x7E:
        return (_ASCII_BOLD if bold else _ASCII_REGULAR)[code - 0x20]
    width = _non_ascii_width(char, code)
    return width * _BOLD_FACTOR if bold else width


def _non_ascii_width(char: str, code: int) -> float:
    if code in (0x200D, 0xFE0E, 0xFE0F) or unicodedata.combining(char):
        return 0.0  # joiners, variation selectors and accents add no advance
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
        return _EMOJI
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE
    return _OTHER


# Per-character lookup tables for ASCII (controls count as half an em: never drawn,
# but a generous guess costs nothing). ``sum(map(dict.__getitem__, text))`` runs in C.
_ASCII_TABLES = {
    bold: {**{chr(c): 0.5 for c in range(0x80)}, **{chr(0x20 + i): w for i, w in enumerate(table)}}
    for bold, table in ((False, _ASCII_REGULAR), (True, _ASCII_BOLD))
}


@lru_cache(maxsize=65536)
def text_width(text: str, bold: bool = False) -> float:
    """Estimated width of a run of text, in em (cached: labels repeat across maps)."""
    if text.isascii():
        return sum(map(_ASCII_TABLES[bold].__getitem__, text))
    return sum(map(char_width, text, repeat(bold)))


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is Hebrew, Arabic, ..."""
    if text.isascii():
        return False
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _RTL_BIDI:
            return True
        if direction == "L":
            return False
    return False


@lru_cache(maxsize=16384)
def wrap(text: str, max_width: float, bold: bool = False) -> tuple[str, ...]:
    """Lines of ``text`` no wider than ``max_width`` em, broken at spaces, between CJK
    characters, and inside a word only when the word alone is too wide."""
    text = " ".join(text.split())
    if not text:
        return ()
    if text_width(text, bold) <= max_width:
        return (text,)
    words, spaced = _words(text)
    space = text_width(" ", bold)
    lines: list[str] = []
    line: list[str] = []
    line_width = 0.0
    for word, width, gap in zip(words, map(text_width, words, repeat(bold)), spaced, strict=True):
        extra = space if gap and line else 0.0
        if line_width + extra + width <= max_width:
            line.append(" " + word if extra else word)
            line_width += extra + width
            continue
        if line:
            lines.append("".join(line))
        if width > max_width:  # a word wider than the box has no better break than inside it
            *full, word = _break_word(word, max_width, bold)
            lines.extend(full)
            width = text_width(word, bold)
        line, line_width = [word], width
    if line:
        lines.append("".join(line))
    return tuple(lines)


def _words(text: str) -> tuple[list[str], list[bool]]:
    """The unbreakable runs of ``text`` and, for each, whether a space precedes it."""
    if text.isascii():  # the common case, without the regular expression
        words = text.split()
        return words, [True] * len(words)
    words, spaced, gap = [], [], False
    for segment in _SEGMENT.findall(text):
        if segment.isspace():
            gap = True
            continue
        words.append(segment)
        spaced.append(gap)
        gap = False
    return words, spaced


def _break_word(word: str, max_width: float, bold: bool) -> list[str]:
    """A word cut into pieces that each fit."""
    pieces, piece, width = [], "", 0.0
    for char in word:
        advance = char_width(char, bold)
        if piece and width + advance > max_width:
            pieces.append(piece)
            piece, width = "", 0.0
        piece, width = piece + char, width + advance
    pieces.append(piece)
    return pieces


@lru_cache(maxsize=16384)
def widest_word(text: str, bold: bool = False) -> float:
    """Width of the widest unbreakable run in ``text``, in em: the column must hold it."""
    words, _ = _words(text)
    return max(map(text_width, words, repeat(bold)), default=0.0)
