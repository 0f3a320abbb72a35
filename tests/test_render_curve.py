"""The emotion-curve maths: monotone cubic interpolation that never overshoots."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from journeys.render.curve import bezier_segments, emotion_curve_path, fmt, monotone_tangents, point_on_segment

SAMPLES = [i / 20 for i in range(21)]


@st.composite
def journeys_points(draw):
    """Increasing x (column centres) and scores on a -2..+2 scale, sometimes halves."""
    count = draw(st.integers(min_value=2, max_value=12))
    gaps = draw(st.lists(st.floats(min_value=20, max_value=400), min_size=count - 1, max_size=count - 1))
    scores = draw(st.lists(st.sampled_from([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]), min_size=count, max_size=count))
    xs = [0.0]
    for gap in gaps:
        xs.append(xs[-1] + gap)
    return list(zip(xs, [float(s) for s in scores], strict=True))


@given(journeys_points())
def test_curve_passes_through_every_point(points):
    segments = bezier_segments(points)
    assert [segment[0] for segment in segments] == points[:-1]
    assert [segment[3] for segment in segments] == points[1:]


@given(journeys_points())
def test_curve_never_leaves_the_range_of_its_two_neighbours(points):
    """No overshoot: between two scores the curve stays between them (so within the scale)."""
    for segment in bezier_segments(points):
        low, high = sorted((segment[0][1], segment[3][1]))
        for t in SAMPLES:
            _, y = point_on_segment(segment, t)
            assert low - 1e-9 <= y <= high + 1e-9
            assert -2 - 1e-9 <= y <= 2 + 1e-9


@given(journeys_points())
def test_curve_is_monotone_between_neighbours(points):
    for segment in bezier_segments(points):
        ys = [point_on_segment(segment, t)[1] for t in SAMPLES]
        rising = segment[3][1] >= segment[0][1]
        pairs = pairwise(ys)
        assert all((b >= a - 1e-9) if rising else (b <= a + 1e-9) for a, b in pairs), ys


def test_curve_is_flat_between_equal_neighbours():
    points = [(0.0, 1.0), (100.0, 2.0), (200.0, 2.0), (300.0, -1.0)]
    flat = bezier_segments(points)[1]
    assert {control[1] for control in flat} == {2.0}


def test_tangent_is_flat_at_a_peak_and_a_trough():
    tangents = monotone_tangents([(0.0, 0.0), (1.0, 2.0), (2.0, -2.0), (3.0, 1.0)])
    assert tangents[1] == 0.0 and tangents[2] == 0.0


def test_a_rising_run_keeps_a_slope_at_inner_points():
    tangents = monotone_tangents([(0.0, -2.0), (1.0, 0.0), (2.0, 2.0)])
    assert tangents[1] > 0


def test_path_has_one_cubic_per_segment_and_stable_numbers():
    path = emotion_curve_path([(10.0, 20.0), (110.0, 50.0), (210.0, 20.0)])
    assert path.startswith("M10 20C")
    assert path.count("C") == 2
    assert all(len(number.split(".")[-1]) <= 2 for number in re.findall(r"-?\d+\.\d+", path))


def test_single_point_and_no_points():
    assert emotion_curve_path([]) == ""
    assert emotion_curve_path([(5.0, 5.0)]) == "M5 5"


def test_fmt_rounds_to_two_decimals_without_negative_zero():
    assert fmt(1.0) == "1"
    assert fmt(2.345678) == "2.35"
    assert fmt(-0.001) == "0"
    assert fmt(10.5) == "10.5"
