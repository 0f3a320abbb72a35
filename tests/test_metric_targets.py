"""Metrics against targets (issue 10): numbers read from values as written, the new
``direction`` and ``measured`` fields with their exact errors, and on/off target."""

from __future__ import annotations

import datetime as dt

import pytest

from issue_helpers import VALID_MAP, issue_lines, load
from journeys.model import Metric
from journeys.quantities import Quantity, parse_quantity, read_metric


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("68%", Quantity(68.0, "%")),
        ("9 min", Quantity(9.0, "min")),
        ("3.1 / 5", Quantity(3.1, "/5", 5.0)),
        ("+12", Quantity(12.0, "")),
        ("£4.50", Quantity(4.5, "£")),
        ("-£4.50", Quantity(-4.5, "£")),
        ("2.8 working days", Quantity(2.8, "working days")),
        ("1,200", Quantity(1200.0, "")),
        ("68 %", Quantity(68.0, "%")),
    ],
)
def test_numbers_and_units_as_people_write_them(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["Next working day", "n/a", "about 60%", "3 to 5 days", "1" * 20, ""])
def test_text_that_is_not_one_number_is_not_read_as_one(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("value", "target", "direction", "status"),
    [
        ("68%", "50%", "down", "off target"),
        ("45%", "50%", "down", "on target"),
        ("50%", "50%", "down", "on target"),
        ("3.1 / 5", "4 / 5", "up", "off target"),
        ("4.2 / 5", "4 / 5", "up", "on target"),
        ("9 min", "3 min", "down", "off target"),
        ("+12", "+30", "up", "off target"),
        ("£4.50", "£5", "down", "on target"),
        # Nothing can be said without a direction, a target, numbers, or the same unit.
        ("68%", "50%", None, None),
        ("68%", None, "down", None),
        ("Next working day", "Same day", "down", None),
        ("68%", "50", "down", None),
    ],
)
def test_on_or_off_target_follows_the_direction(value, target, direction, status):
    assert read_metric(Metric("M", value, target, direction=direction)).status == status


METRICS = """\
metrics:
  - name: Cart abandonment
    value: 68%
    target: 50%
    direction: down
    measured: 2026-10-01
"""


def test_direction_and_measured_reach_the_model(make_project):
    result, issues = load(make_project({"maps/buy.yaml": VALID_MAP + METRICS}))
    assert issues == []
    assert result.project.maps[0].metrics == (
        Metric("Cart abandonment", "68%", "50%", direction="down", measured=dt.date(2026, 10, 1)),
    )


@pytest.mark.parametrize(
    ("replace", "by", "line"),
    [
        (
            "direction: down", "direction: lower",
            "maps/buy.yaml:12:16: error: metric direction must be one of down, up, not 'lower'",
        ),
        (
            "measured: 2026-10-01", "measured: 2026-02-30",
            "maps/buy.yaml:13:15: error: impossible date 2026-02-30: day is out of range for month",
        ),
        (
            "measured: 2026-10-01", "measured: last week",
            "maps/buy.yaml:13:15: error: metric measured must be a date written YYYY-MM-DD, not 'last week'",
        ),
        (
            "target: 50%", "target: 50 min",
            "maps/buy.yaml:11:13: warning: metric value '68%' and target '50 min' are in different units, "
            "so they cannot be compared",
        ),
    ],
)  # fmt: skip
def test_bad_direction_date_or_units_at_their_line(make_project, replace, by, line):
    root = make_project({"maps/buy.yaml": VALID_MAP + METRICS.replace(replace, by)})
    assert issue_lines(root) == [line]


def test_the_validate_command_prints_the_located_error_and_fails(cli, make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + METRICS.replace("direction: down", "direction: lower")})
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "maps/buy.yaml:12:16: error: metric direction must be one of down, up, not 'lower'",
        "2 files checked: 1 error, 0 warnings",
    ]
