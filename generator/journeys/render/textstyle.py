"""Named text styles (size, weight) and wrapped text blocks measured in pixels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.render import textmetrics

if TYPE_CHECKING:
    from journeys.render.theme import Theme

#: style -> (which theme font size, bold). The CSS class of each is ``t-<style>``.
STYLE_FONTS: dict[str, tuple[str, bool]] = {
    "title": ("title_size", True),
    "subtitle": ("body_size", False),
    "legend": ("body_size", False),
    "stage": ("stage_size", True),
    "goal": ("small_size", False),
    "label": ("label_size", True),
    "scale": ("small_size", False),
    "name": ("body_size", True),
    "body": ("body_size", False),
    "muted": ("body_size", False),
    "thought": ("body_size", False),
    "channel": ("small_size", True),
    "pain": ("body_size", False),
    "opportunity": ("body_size", False),
    "feeling": ("body_size", False),
    "gap": ("small_size", True),
}

#: Where the first baseline sits below a line box's top, in em beyond half the line
#: height: DejaVu's ascent (0.93) minus half its ascent+descent (1.16), so glyphs are
#: centred in their line box.
BASELINE_OFFSET = 0.35


@dataclass(slots=True)  # not frozen: a frozen dataclass is twice as slow to create
class TextBlock:
    """Wrapped lines of one style. ``x`` is the left edge (``align='start'``), the
    centre (``'middle'``) or the right edge (``'end'``); ``y`` is the top."""

    x: float
    y: float
    width: float
    lines: tuple[str, ...]
    style: str
    size: float
    line_height: float
    align: str = "start"
    #: A tooltip: the whole text of a block that was cut short.
    title: str = ""

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str


class TextStyles:
    """Measures and wraps text in the theme's sizes."""

    def __init__(self, theme: Theme) -> None:
        font = theme.font
        self.line_factor = font.line_height
        self.sizes = {style: getattr(font, size) for style, (size, _) in STYLE_FONTS.items()}
        self.bold = {style: bold for style, (_, bold) in STYLE_FONTS.items()}
        self.line_heights = {style: size * font.line_height for style, size in self.sizes.items()}
        #: What a measurement in these styles depends on (the bold faces are fixed).
        self.key = tuple(self.sizes.items())

    def line_height(self, style: str) -> float:
        return self.line_heights[style]

    def width(self, style: str, text: str) -> float:
        return textmetrics.text_width(text, self.bold[style]) * self.sizes[style]

    def widest_word(self, style: str, text: str) -> float:
        return textmetrics.widest_word(text, self.bold[style]) * self.sizes[style]

    def wrap(self, style: str, text: str, width: float) -> tuple[str, ...]:
        return textmetrics.wrap(text, width / self.sizes[style], self.bold[style])

    def block(self, style: str, text: str, x: float, y: float, width: float, align: str = "start") -> TextBlock:
        lines = self.wrap(style, text, width)
        return TextBlock(x, y, width, lines, style, self.sizes[style], self.line_height(style), align)
