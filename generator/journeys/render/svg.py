"""Layout -> SVG markup. The only module that writes markup (and imports svgwrite).

svgwrite builds the document shell (root attributes, ``<title>``, ``<desc>``, the
stylesheet). The few hundred shapes and text lines of the body are written by the
small emitters below instead: building them as svgwrite element objects costs about
10 µs each (measured: 7 ms for 700 elements even with ``debug=False``), more than
the whole 1.6 ms budget per diagram. The emitters write a fixed attribute set whose
names are constants in this file; every value passes through :func:`attr` or
:func:`text`, which escape it and drop the characters that :mod:`journeys.safety`
forbids (XML 1.0 cannot carry most of them).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import svgwrite
from svgwrite.base import Desc, Title
from svgwrite.etree import etree  # ElementTree, patched by svgwrite to write <style>'s CDATA

from journeys.render.curve import fmt
from journeys.render.emotions import STAR_RADIUS
from journeys.render.lanes import DETAIL_MARK, EVIDENCE_GAP_CSS, MARKER_SPAN
from journeys.render.layout import LEGEND_SAMPLE
from journeys.render.style import persona_colour, stylesheet
from journeys.render.textmetrics import is_right_to_left
from journeys.render.textstyle import BASELINE_OFFSET
from journeys.safety import safe_href, without_forbidden, xml_escape

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.render.emotions import Curve, EmotionPlot
    from journeys.render.lanes import DetailMark, PersonaMark, SeverityMark
    from journeys.render.layout import Layout, LegendEntry
    from journeys.render.textstyle import Rect, TextBlock
    from journeys.render.theme import Theme

BODY_PLACEHOLDER = '<g class="journeys-body" />'
#: User text as XML character data or attribute value (quotes are escaped too).
text = attr = xml_escape


def document(
    layout: Layout,
    theme: Theme,
    *,
    title: str,
    summary: str,
    id_prefix: str,
    detail_links: Mapping[str, str],
    export_font: str | None = None,
) -> str:
    """The SVG document of a laid-out diagram; ``detail_links`` (map id -> href) makes
    the marks of detailed steps links, for a diagram shown inside a page (``export_font``:
    see :func:`stylesheet`)."""
    width, height = fmt(layout.width), fmt(layout.height)
    drawing = svgwrite.Drawing(size=(width, height), profile="full", debug=False)
    drawing.viewbox(0, 0, width, height)
    linked = any(mark.map_id in detail_links for mark in layout.detail_marks)
    drawing.attribs.update({
        "class": "journey-diagram",
        # An image's content is presentational, so links in one would be hidden from
        # assistive technology (axe: nested-interactive); a drawing with links is a group.
        "role": "group" if linked else "img",
        "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
    })
    for element, suffix, content in ((Title, "title", title), (Desc, "desc", summary)):
        node = element(without_forbidden(content))  # svgwrite escapes the rest
        node.xml.set("id", f"{id_prefix}-{suffix}")
        drawing.elements.append(node)
    gaps = any(rect.css == EVIDENCE_GAP_CSS for rect in layout.rects)
    rules = stylesheet(theme, details=bool(layout.detail_marks), evidence_gaps=gaps, export_font=export_font)
    drawing.add(drawing.style(f"\n{rules}\n"))
    drawing.add(drawing.g(class_="journeys-body"))
    shell = drawing.get_xml()
    # One element per line, so a change to a diagram (and to a golden file) is a readable
    # diff. Only between elements: a newline inside <text> could become a space.
    shell.text = "\n"
    for child in shell:
        child.tail = "\n"
    markup = etree.tostring(shell, encoding="unicode")
    content = body(layout, theme, detail_links, id_prefix)
    return markup.replace(BODY_PLACEHOLDER, f'<g class="journeys-body">\n{content}\n</g>', 1) + "\n"


def body(layout: Layout, theme: Theme, detail_links: Mapping[str, str], id_prefix: str) -> str:
    stage_colours = max(theme.numbered("stage"), 1)
    out: list[str] = ['<rect class="background" width="100%" height="100%"/>']
    if layout.clip is not None and layout.plot is not None:
        left, right = layout.clip
        out.append(f'<clipPath id="{id_prefix}-part">')
        out.append(f'<rect x="{fmt(left)}" y="0" width="{fmt(right - left)}" height="{fmt(layout.height)}"/>')
        out.append("</clipPath>")
    for rect in layout.rects:
        out.append(_rect(rect, stage_colours, layout.labels("no_evidence_title")))
    for x, y in layout.channels:
        out.append(f'<rect class="channel-mark" x="{fmt(x)}" y="{fmt(y)}" width="8" height="8" rx="2"/>')
    if layout.plot is not None:
        clip = None if layout.clip is None else f"{id_prefix}-part"
        _plot(out, layout.plot, theme, layout.labels("moment_of_truth"), clip)
    _persona_marks(out, layout.persona_marks, theme)
    for severity in layout.severity_marks:
        out.append(_severity_mark(severity, layout.labels(f"severity_{severity.level}_title")))
    for mark in layout.detail_marks:
        out.append(_detail_mark(mark, detail_links.get(mark.map_id), layout.labels("detailed_in", title=mark.title)))
    for entry in layout.legend:
        _legend_key(out, entry, theme)
    for block in layout.texts:
        out.append(_text_block(block))
    return "\n".join(out)


def _rect(rect: Rect, stage_colours: int, gap_title: str) -> str:
    """A box of the diagram; ``gap_title`` is the tooltip of a step's no-evidence mark."""
    x, y, w = fmt(rect.x), fmt(rect.y), fmt(rect.width)
    if rect.css == "lane-rule":
        return f'<line class="lane-rule" x1="{x}" y1="{y}" x2="{fmt(rect.x + rect.width)}" y2="{y}"/>'
    if rect.css.startswith("stage-"):
        css = f"stage stage-{int(rect.css[6:]) % stage_colours + 1}"
        return f'<rect class="{css}" x="{x}" y="{y}" width="{w}" height="{fmt(rect.height)}" rx="6"/>'
    if rect.css == EVIDENCE_GAP_CSS:  # the words on it say it; the tooltip says what it means
        # Not a card: see below.
        return (
            f'<rect class="{EVIDENCE_GAP_CSS}" x="{x}" y="{y}" width="{w}" height="{fmt(rect.height)}" rx="4">'
            f"<title>{text(gap_title)}</title></rect>"
        )
    # Not class "card": the inline drawing sits in the page, where Bootstrap's .card (the
    # mkdocs theme) gives it a CSS height that flattens the shape.
    return f'<rect class="jd-card {rect.css}" x="{x}" y="{y}" width="{w}" height="{fmt(rect.height)}" rx="4"/>'


def _text_block(block: TextBlock) -> str:
    """A ``<text>``; a wrapped block gets one absolutely placed ``<tspan>`` per line.

    Right-to-left lines in left-aligned blocks are anchored at the right edge, where
    a reader of Hebrew or Arabic expects them to start.
    """
    step = block.line_height
    baseline = block.y + step / 2 + BASELINE_OFFSET * block.size
    align = block.align
    anchor = "" if align == "start" else f' text-anchor="{align}"'
    lines = block.lines
    tooltip = f"<title>{text(block.title)}</title>" if block.title else ""
    if len(lines) == 1 and (align != "start" or lines[0].isascii() or not is_right_to_left(lines[0])):
        position = f'x="{fmt(block.x)}" y="{fmt(baseline)}"'
        return f'<text class="t-{block.style}"{anchor} {position}>{tooltip}{text(lines[0])}</text>'
    parts = [f'<text class="t-{block.style}"{anchor}>{tooltip}']
    x = fmt(block.x)
    for number, line in enumerate(lines):
        y = fmt(baseline + number * step)
        if align == "start" and not line.isascii() and is_right_to_left(line):
            parts.append(f'<tspan x="{fmt(block.x + block.width)}" y="{y}" text-anchor="end">{text(line)}</tspan>')
        else:
            parts.append(f'<tspan x="{x}" y="{y}">{text(line)}</tspan>')
    parts.append("</text>")
    return "".join(parts)


def _plot(out: list[str], plot: EmotionPlot, theme: Theme, moment: str, clip: str | None) -> None:
    left, right = fmt(plot.left), fmt(plot.right)
    for top, bottom, zone in plot.zones:
        out.append(
            f'<rect class="zone-{zone}" x="{left}" y="{fmt(top)}" width="{fmt(plot.right - plot.left)}" '
            f'height="{fmt(bottom - top)}"/>'
        )
    for y, neutral in plot.gridlines:
        css = "baseline" if neutral else "grid"
        out.append(f'<line class="{css}" x1="{left}" y1="{fmt(y)}" x2="{right}" y2="{fmt(y)}"/>')
    for chip in plot.chips:
        size = f'width="{fmt(chip.width)}" height="{fmt(chip.height)}"'
        out.append(f'<rect class="{chip.css}" x="{fmt(chip.x)}" y="{fmt(chip.y)}" {size} rx="3"/>')
    for x in plot.moments:
        below_star = fmt(plot.moment_y + STAR_RADIUS)
        out.append(f'<line class="moment-line" x1="{fmt(x)}" y1="{below_star}" x2="{fmt(x)}" y2="{fmt(plot.bottom)}"/>')
        star = star_path(x, plot.moment_y, STAR_RADIUS)
        out.append(f'<path class="moment" d="{star}"><title>{text(moment)}</title></path>')
    if clip is not None:  # a part of the map: the whole map's lines, cut at the part's edges
        out.append(f'<g clip-path="url(#{clip})">')
    for curve in plot.compare_curves:  # first, so they lie behind this map's own lines
        if curve.path:
            out.append(
                f'<path class="{compare_line_class(theme, curve.index)}" '
                f'data-persona="{attr(curve.persona)}" d="{curve.path}"><title>{text(curve.label)}</title></path>'
            )
    for curve in plot.curves:
        _curve(out, curve, theme)
    if clip is not None:
        out.append("</g>")


def _curve(out: list[str], curve: Curve, theme: Theme) -> None:
    slot = curve.index % len(theme.persona_markers)
    out.append(f'<path class="emotion-line persona-{slot + 1}" data-persona="{attr(curve.persona)}" d="{curve.path}"/>')
    shape = theme.persona_markers[slot]
    size = theme.spacing.marker_size
    out.append(f'<g class="markers persona-{slot + 1}" data-persona="{attr(curve.persona)}">')
    for marker in curve.markers:
        out.append(marker_element(shape, marker.x, marker.y, size, f"<title>{text(marker.tooltip)}</title>"))
    out.append("</g>")


def _persona_marks(out: list[str], marks: list[PersonaMark], theme: Theme) -> None:
    """The markers before personas' own texts: one group per persona, in map order,
    styled like that persona's emotion markers and named in a tooltip."""
    by_index: dict[int, list[PersonaMark]] = {}
    for mark in marks:
        by_index.setdefault(mark.index, []).append(mark)
    size = theme.spacing.marker_size
    for index in sorted(by_index):
        slot = index % len(theme.persona_markers)
        persona = attr(by_index[index][0].persona)
        out.append(f'<g class="markers text-markers persona-{slot + 1}" data-text-persona="{persona}">')
        for mark in by_index[index]:
            title = f"<title>{text(mark.name)}</title>"
            out.append(marker_element(theme.persona_markers[slot], mark.x, mark.y, size, title))
        out.append("</g>")


#: A severity mark's bars: (left, height) of each, in pixels, bottoms on one line; a
#: level fills as many as its rank. Its tooltip says the level in words.
_SEVERITY_BARS = ((0.0, 4.0), (4.0, 7.0), (8.0, 10.0))
_SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


def _severity_mark(mark: SeverityMark, words: str) -> str:
    """A pain point's severity as rising bars, filled up to its level, titled in ``words``."""
    filled = _SEVERITY_RANK[mark.level]
    bottom = mark.y + 5
    bars = [
        f"M{fmt(mark.x + left + 0.5)} {fmt(bottom)}v{fmt(-height)}h2v{fmt(height)}Z" for left, height in _SEVERITY_BARS
    ]
    lines = [f'<g class="severity"><title>{text(words)}</title>',
             f'<path class="severity-bar on" d="{"".join(bars[:filled])}"/>']  # fmt: skip
    if filled < len(bars):
        lines.append(f'<path class="severity-bar" d="{"".join(bars[filled:])}"/>')
    return "\n".join([*lines, "</g>"])


#: The namespace of the ``xlink:href`` of links in an inline diagram.
XLINK_NS = "http://www.w3.org/1999/xlink"
#: The emotion line inside the mark of a detailed step, in fractions of the mark's side.
_DETAIL_LINE = ((0.2, 0.65), (0.4, 0.35), (0.6, 0.6), (0.8, 0.3))


def _detail_mark(mark: DetailMark, href: str | None, title: str) -> str:
    """The mark of a step another map details: a little emotion line in a frame (a whole
    journey inside this step), titled with that map (``title``), and a link to its page
    when ``href`` is a safe link."""
    x, y, side = mark.x, mark.y, DETAIL_MARK
    line = "L".join(f"{fmt(x + dx * side)} {fmt(y + dy * side)}" for dx, dy in _DETAIL_LINE)
    glyph = (
        f'<g class="detail-mark"><title>{text(title)}</title>\n'
        f'<rect class="detail-frame" x="{fmt(x)}" y="{fmt(y)}" width="{side}" height="{side}" rx="3"/>\n'
        f'<path class="detail-line" d="M{line}"/>\n</g>'
    )
    safe = safe_href(href) if href is not None else None
    if safe is None:
        return glyph
    # xlink:href, not href: Material's instant navigation assigns to the href property of
    # every [href] element of the page it loads, which an SVG link has only as a getter, and
    # the error stopped its page changes for good (declared here, where it is used).
    return f'<a class="detail-link" xmlns:xlink="{XLINK_NS}" xlink:href="{attr(safe)}">\n{glyph}\n</a>'


def persona_mark_svg(theme: Theme, index: int) -> str:
    """The marker of the map's ``index``-th persona as a small SVG of its own, for a page
    to put before that persona's name: shape and colour as in the diagram. Decorative
    (the name follows it), so hidden from screen readers."""
    slot = index % len(theme.persona_markers)
    colour = persona_colour(theme, slot)
    fallback = theme.colours("light").get(f"persona_{colour}", "currentColor")
    radius = theme.spacing.marker_size
    centre = radius * MARKER_SPAN / 2 + 1
    side = fmt(2 * centre)
    return (
        f'<svg class="journeys-persona-mark" aria-hidden="true" width="{side}" height="{side}" '
        f'viewBox="0 0 {side} {side}" style="fill:var(--journeys-persona-{colour},{fallback})">'
        f"{marker_element(theme.persona_markers[slot], centre, centre, radius)}</svg>"
    )


def marker_element(shape: str, x: float, y: float, r: float, inner: str = "") -> str:
    """A marker of ``shape`` centred on (x, y) with radius ``r``; shapes tell personas apart."""
    if shape == "circle":
        return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}">{inner}</circle>'
    return f'<path d="{_marker_path(shape, x, y, r)}">{inner}</path>'


def _marker_path(shape: str, x: float, y: float, r: float) -> str:
    if shape == "square":
        s = r * 0.9
        points = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    elif shape == "diamond":
        s = r * 1.25
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    elif shape in ("triangle", "triangle_down"):
        s = r * MARKER_SPAN / 2
        sign = 1 if shape == "triangle" else -1
        points = [(x, y - sign * s), (x + s, y + sign * s * 0.75), (x - s, y + sign * s * 0.75)]
    else:  # cross: a plus turned 45 degrees, as one closed outline
        a, b = r * 1.1, r * 0.4
        points = [(x - a, y - a + b), (x - a + b, y - a), (x, y - b), (x + a - b, y - a), (x + a, y - a + b),
                  (x + b, y), (x + a, y + a - b), (x + a - b, y + a), (x, y + b), (x - a + b, y + a),
                  (x - a, y + a - b), (x - b, y)]
    return "M" + "L".join(f"{fmt(px)} {fmt(py)}" for px, py in points) + "Z"


# The five-pointed star's ten corners around a unit circle, outer and inner in turn.
_STAR = tuple(
    ((1 if i % 2 == 0 else 0.45) * math.cos(math.pi * i / 5 - math.pi / 2),
     (1 if i % 2 == 0 else 0.45) * math.sin(math.pi * i / 5 - math.pi / 2))
    for i in range(10)
)


def star_path(x: float, y: float, r: float) -> str:
    """A five-pointed star (the moment-of-truth mark)."""
    return "M" + "L".join(f"{fmt(x + r * dx)} {fmt(y + r * dy)}" for dx, dy in _STAR) + "Z"


def compare_line_class(theme: Theme, index: int) -> str:
    """The classes of the other map's line of the ``index``-th persona, and (for the
    first persona) of the legend's sample of those lines: one rule for both."""
    return f"compare-line persona-{index % len(theme.persona_markers) + 1}"


def _legend_key(out: list[str], entry: LegendEntry, theme: Theme) -> None:
    """The sample drawn before a legend label: a persona's line and marker, the other
    map's line (as the first persona's is drawn), or the moment-of-truth star."""
    x0, x1, y = fmt(entry.x), fmt(entry.x + LEGEND_SAMPLE), fmt(entry.y)
    slot = entry.index % len(theme.persona_markers)
    if entry.kind == "moment":
        out.append(f'<path class="moment" d="{star_path(entry.x + LEGEND_SAMPLE / 2, entry.y, STAR_RADIUS)}"/>')
        return
    css = compare_line_class(theme, entry.index) if entry.kind == "compare" else f"persona-{slot + 1}"
    out.append(f'<line class="legend-line {css}" x1="{x0}" y1="{y}" x2="{x1}" y2="{y}"/>')
    if entry.kind == "persona":
        out.append(f'<g class="markers persona-{slot + 1}">')
        centre = entry.x + LEGEND_SAMPLE / 2
        out.append(marker_element(theme.persona_markers[slot], centre, entry.y, theme.spacing.marker_size))
        out.append("</g>")


def label_column(layout: Layout) -> str:
    """The diagram's lane and scale labels as an SVG of their own, for a page to hold in
    view while the diagram scrolls sideways (a frozen first column). It is drawn with the
    diagram's classes at the diagram's coordinates, so laid over it nothing moves; only
    from the stage header down (the title above scrolls away). Hidden from screen
    readers: the diagram itself carries the same text."""
    bands = [rect for rect in layout.rects if rect.css.startswith("stage-")]
    if not bands:
        return ""
    right, top = min(rect.x for rect in bands), min(rect.y for rect in bands)
    width, height = fmt(right), fmt(layout.height)
    out = [f'<rect class="background" x="0" y="{fmt(top)}" width="{width}" height="{fmt(layout.height - top)}"/>']
    for rect in layout.rects:
        if rect.css == "lane-rule":
            y = fmt(rect.y)
            out.append(f'<line class="lane-rule" x1="{fmt(rect.x)}" y1="{y}" x2="{width}" y2="{y}"/>')
    out += [_text_block(block) for block in layout.texts if block.style in ("label", "scale") and block.x < right]
    # The edge the diagram scrolls under.
    out.append(f'<line class="lane-rule" x1="{fmt(right - 1)}" y1="{fmt(top)}" x2="{fmt(right - 1)}" y2="{height}"/>')
    return (
        f'<svg class="journeys-diagram-labels" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" '
        f'focusable="false" width="{width}" height="{height}" viewBox="0 0 {width} {height}">\n'
        '<g class="journey-diagram">\n'
        + "\n".join(out) + "\n</g>\n</svg>\n"
    )

