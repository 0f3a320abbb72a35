"""Monotone cubic interpolation (Fritsch–Carlson) for the emotion curves.

A plain Catmull-Rom or natural spline overshoots: between a +2 and a +2 it bulges
above the top of the scale, and between -1 and +1 it can dip below -1, which would
tell a reader the persona felt something nobody recorded. Fritsch–Carlson limits the
tangents so every segment stays between its two end scores, and a segment between
equal scores is flat. Each Hermite segment is written as the equivalent cubic Bézier.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

Point = tuple[float, float]


def monotone_tangents(points: Sequence[Point]) -> list[float]:
    """Tangent (dy/dx) at each point such that the interpolant is monotone per segment."""
    count = len(points)
    if count < 2:
        return [0.0] * count
    secants = [
        (y1 - y0) / (x1 - x0) if x1 != x0 else 0.0
        for (x0, y0), (x1, y1) in pairwise(points)
    ]
    tangents = [secants[0]]
    for before, after in pairwise(secants):
        # A local extreme or a flat neighbour gets a flat tangent: no overshoot there.
        tangents.append(0.0 if before * after <= 0 else (before + after) / 2)
    tangents.append(secants[-1])
    for index, secant in enumerate(secants):
        if secant == 0:
            tangents[index] = tangents[index + 1] = 0.0
            continue
        alpha, beta = tangents[index] / secant, tangents[index + 1] / secant
        magnitude = alpha * alpha + beta * beta
        if magnitude > 9:  # Fritsch–Carlson: keep (alpha, beta) inside the circle of radius 3
            scale = 3 / magnitude**0.5
            tangents[index] = scale * alpha * secant
            tangents[index + 1] = scale * beta * secant
    return tangents


def bezier_segments(points: Sequence[Point]) -> list[tuple[Point, Point, Point, Point]]:
    """The curve as cubic Bézier segments (start, control 1, control 2, end)."""
    tangents = monotone_tangents(points)
    segments = []
    for index in range(len(points) - 1):
        (x0, y0), (x1, y1) = points[index], points[index + 1]
        third = (x1 - x0) / 3
        control1 = (x0 + third, y0 + tangents[index] * third)
        control2 = (x1 - third, y1 - tangents[index + 1] * third)
        segments.append(((x0, y0), control1, control2, (x1, y1)))
    return segments


@lru_cache(maxsize=16384)
def fmt(value: float) -> str:
    """Stable number formatting for SVG: two decimals at most, no ``-0`` (cached:
    a diagram repeats the same few column edges and baselines many times)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def emotion_curve_path(points: Sequence[Point]) -> str:
    """SVG path data through ``points`` (already in drawing coordinates, x increasing)."""
    if not points:
        return ""
    x0, y0 = points[0]
    parts = [f"M{fmt(x0)} {fmt(y0)}"]
    for _, (cx1, cy1), (cx2, cy2), (x1, y1) in bezier_segments(points):
        parts.append(f"C{fmt(cx1)} {fmt(cy1)} {fmt(cx2)} {fmt(cy2)} {fmt(x1)} {fmt(y1)}")
    return "".join(parts)


def point_on_segment(segment: tuple[Point, Point, Point, Point], t: float) -> Point:
    """The point at parameter ``t`` (0..1) of one Bézier segment."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3
