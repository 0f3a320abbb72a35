"""Reading PDFs back in tests (exported by journeys, or printed by Chromium): the text of
each page and the size every piece of text has on paper."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

#: Points per millimetre.
MM = 72 / 25.4


@dataclass(frozen=True)
class Page:
    width: float  # points
    height: float
    text: str  # whitespace collapsed to single spaces, ligatures spelled out
    #: (text, size in points on the page) of every piece of visible text
    sizes: tuple[tuple[str, float], ...]


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


def read_pdf(path: Path) -> list[Page]:
    pages = []
    for page in PdfReader(path).pages:
        sizes: list[tuple[str, float]] = []

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, size: float, sizes: list = sizes
        ) -> None:
            if text.strip():
                matrix = _multiply([float(v) for v in tm], [float(v) for v in cm])
                # The text's vertical scale on the page (rotation-proof): size times |(c, d)|.
                sizes.append((text.strip(), size * math.hypot(matrix[2], matrix[3])))

        text = page.extract_text(visitor_text=visit)
        box = page.mediabox
        # NFKC: a browser's PDF spells "fi" as one ligature character.
        plain = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
        pages.append(Page(float(box.width), float(box.height), plain, tuple(sizes)))
    return pages
