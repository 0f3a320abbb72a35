"""Validation of what steps, personas and map metadata say: ids, text, links, dates,
metrics, and the typed model that valid content becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from issue_helpers import PAT, VALID_MAP, errors, load, step_map
from journeys.model import Emotion, Metric, Opportunity, PainPoint

# -- steps, ids, text --------------------------------------------------------------------------


def test_duplicate_step_names_in_one_map(make_project):
    text = VALID_MAP + "  - name: Delivery\n    steps:\n      - name: Enters Card Details!\n"
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:10:9: error: duplicate step id 'enters-card-details' (first used on line 6); "
        "give one an explicit 'id'",
    ]


def test_explicit_step_ids_resolve_duplicate_names_and_are_checked(make_project):
    text = step_map("        id: pay\n      - name: Enters card details\n        id: pay-again\n")
    result, issues = load(make_project({"maps/buy.yaml": text}))
    assert issues == []
    assert [step.id for _, step in result.project.maps[0].steps()] == ["pay", "pay-again"]
    bad = make_project({"maps/buy.yaml": step_map("        id: Pay Now\n")})
    assert errors(bad) == [
        "maps/buy.yaml:7:13: error: step id 'Pay Now' is not a valid id: use lowercase letters, digits and '-' "
        "(e.g. 'pay-now')",
    ]


def test_a_step_name_with_nothing_to_make_an_id_from(make_project):
    text = step_map("      - name: '???'\n")
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:7:9: error: step name '???' has no letters or digits to make an id from; add an 'id'",
    ]


def test_control_characters_in_text(make_project):
    text = step_map('        thoughts: "Why\\x07 again?"\n        feeling: "ok\\u0000"\n')
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:7:19: error: thoughts contains the control character U+0007",
        "maps/buy.yaml:8:18: error: feeling contains the control character U+0000",
    ]


def test_tabs_and_newlines_in_quoted_text_are_fine(make_project):
    result, issues = load(make_project({"maps/buy.yaml": step_map('        thoughts: "Why\\tagain?\\nHm."\n')}))
    assert issues == []
    assert result.project.maps[0].stages[0].steps[0].thoughts.shared == "Why\tagain?\nHm."


def test_evidence_links_that_run_code_are_refused(make_project):
    text = step_map('        evidence: ["Usability test 3", "https://example.org/r", " JavaScript:alert(1)"]\n')
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:7:65: error: evidence uses the link scheme 'javascript:'; only http, https and mailto "
        "are allowed",
    ]


@pytest.mark.parametrize("link", ["java\\tscript:alert(1)", "java\\nscript:alert(1)", "DATA:text/html,x", "file:///etc"])
def test_link_schemes_are_found_the_way_browsers_read_them(make_project, link):
    root = make_project({"maps/buy.yaml": step_map(f'        evidence: ["{link}"]\n')})
    assert len(errors(root)) == 1
    assert errors(root)[0].startswith("maps/buy.yaml:7:20: error: evidence uses the link scheme ")


def test_pain_points_and_opportunities_as_text_or_objects(make_project):
    text = step_map(
        "        pain_points: [Card form rejects spaces, {text: Slow, severity: high}]\n"
        "        opportunities:\n"
        "          - Accept wallet payments\n"
        "          - {text: Save cards, impact: high, effort: low}\n"
    )
    result, issues = load(make_project({"maps/buy.yaml": text}))
    assert issues == []
    step = result.project.maps[0].stages[0].steps[0]
    assert step.pain_points == (PainPoint("Card form rejects spaces"), PainPoint("Slow", "high"))
    assert step.opportunities == (Opportunity("Accept wallet payments"), Opportunity("Save cards", "high", "low"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pain_points: [{text: null}]", "7:30: error: pain point text must be text, not nothing (null)"),
        ("pain_points: [{severity: high}]", "7:23: error: a pain point is missing the required field 'text'"),
        ("pain_points: [{text: Slow, severity: huge}]",
         "7:46: error: severity must be one of low, medium, high, not 'huge'"),
        ("opportunities: [{text: Wallets, impact: hgih}]",
         "7:49: error: impact must be one of low, medium, high, not 'hgih' — did you mean 'high'?"),
    ],
)  # fmt: skip
def test_pain_point_and_opportunity_objects_are_checked(make_project, line, expected):
    assert errors(make_project({"maps/buy.yaml": step_map(f"        {line}\n")})) == [f"maps/buy.yaml:{expected}"]


def test_moment_of_truth_must_be_a_boolean(make_project):
    root = make_project({"maps/buy.yaml": step_map("        moment_of_truth: yes\n")})
    assert errors(root) == ["maps/buy.yaml:7:26: error: moment_of_truth must be true or false, not 'yes'"]


# -- dates and metrics -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "impossible date 2024-02-30: day is out of range for month"),
        ("2023-13-01", "impossible date 2023-13-01: month must be in 1..12"),
        ("2024-2-3", "updated must be a date written YYYY-MM-DD, not '2024-2-3'"),
        ("yesterday", "updated must be a date written YYYY-MM-DD, not 'yesterday'"),
    ],
)
def test_impossible_or_badly_written_dates(make_project, value, message):
    assert errors(make_project({"maps/buy.yaml": VALID_MAP + f"updated: {value}\n"})) == [
        f"maps/buy.yaml:8:10: error: {message}"
    ]


def test_a_valid_date_and_a_leap_day(make_project):
    result, issues = load(make_project({"maps/buy.yaml": VALID_MAP + "updated: 2024-02-29\n"}))
    assert issues == []
    assert result.project.maps[0].updated == dt.date(2024, 2, 29)


def test_metrics_name_a_stage_by_name_or_id(make_project):
    metrics = (
        "metrics:\n"
        "  - {name: Cart abandonment, stage: Purchase, value: 68%, target: 50%}\n"
        "  - {name: NPS, stage: purchase, value: 31}\n"
    )
    result, issues = load(make_project({"maps/buy.yaml": VALID_MAP + metrics}))
    assert issues == []
    assert result.project.maps[0].metrics == (
        Metric("Cart abandonment", "68%", "50%", "Purchase"),
        Metric("NPS", "31", None, "Purchase"),
    )


def test_metric_with_an_unknown_stage(make_project):
    metrics = "metrics:\n  - {name: Cart abandonment, stage: Purchse, value: 68%}\n"
    assert errors(make_project({"maps/buy.yaml": VALID_MAP + metrics})) == [
        "maps/buy.yaml:9:37: error: metric names the stage 'Purchse', which is not on this map "
        "— did you mean 'Purchase'?"
    ]


def test_metric_without_a_value(make_project):
    metrics = "metrics:\n  - {name: NPS}\n"
    assert errors(make_project({"maps/buy.yaml": VALID_MAP + metrics})) == [
        "maps/buy.yaml:9:5: error: a metric is missing the required field 'value'"
    ]


# -- a whole valid map ---------------------------------------------------------------------------

FULL_MAP = """\
title: Buying a laptop online
description: From first search to first use.
personas: [sam, pat]
state: current
owner: Web shop team
status: review
tags: [ecommerce, checkout]
updated: 2024-05-01
stages:
  - name: Purchase
    goal: Pay quickly and safely
    steps:
      - name: Enters card details
        touchpoint: Checkout page
        channel: web
        actions: Types card number on the phone
        thoughts: "Why is it asking for my address again?"
        emotion: {sam: -2, pat: 1}
        feeling: Annoyed
        pain_points: [Card form rejects spaces]
        opportunities: [Accept wallet payments]
        backstage: Payment provider fraud check
        owner: Payments
        evidence: ["Usability test 3", "https://example.org/report"]
        moment_of_truth: true
  - name: Delivery
    id: ship
    steps:
      - {name: Tracks the parcel, emotion: 1}
metrics:
  - {name: Cart abandonment, stage: Purchase, value: 68%, target: 50%}
"""


def test_a_full_map_becomes_the_typed_model(make_project):
    result, issues = load(make_project({"personas/pat.md": PAT, "maps/buy.yaml": FULL_MAP}))
    assert issues == []
    (journey,) = result.project.maps
    assert (journey.id, journey.title, journey.status, journey.tags) == (
        "buy", "Buying a laptop online", "review", ("ecommerce", "checkout"))  # fmt: skip
    assert [(stage.id, stage.name, len(stage.steps)) for stage in journey.stages] == [
        ("purchase", "Purchase", 1),
        ("ship", "Delivery", 1),
    ]
    step = journey.stages[0].steps[0]
    assert (step.id, step.touchpoint, step.channel, step.moment_of_truth) == (
        "enters-card-details", "Checkout page", "web", True)  # fmt: skip
    assert step.emotions == (Emotion("sam", -2), Emotion("pat", 1))
    assert step.evidence == ("Usability test 3", "https://example.org/report")
    assert str(step.location) == "maps/buy.yaml:13:9"
    assert journey.stages[1].steps[0].emotions == (Emotion("sam", 1), Emotion("pat", 1))


# -- personas ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("name: Pat\ngaols: [Save]\n",
         "personas/pat.md:3:1: error: unknown field 'gaols' in a persona — did you mean 'goals'?"),
        ("name: Pat\ngoals: Save money\n",
         "personas/pat.md:3:8: error: goals must be a list, not 'Save money' (write [Save money])"),
        ("name: Pat\nchannels: [web, [store]]\n",
         "personas/pat.md:3:17: error: each entry of channels must be text, not a list"),
        ("- Pat\n", "personas/pat.md:2:1: error: a persona must be a mapping of fields, not a list"),
    ],
)  # fmt: skip
def test_persona_problems(make_project, front, expected):
    root = make_project({"personas/pat.md": f"---\n{front}---\nNotes.\n", "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [expected]


@pytest.mark.parametrize("written", ["3.10", "007", "1e3", "0x1F", "+5", "2024", "-0.50", ".5"])
def test_numbers_in_text_fields_keep_their_spelling(make_project, written):
    text = VALID_MAP + f"owner: {written}\ntags: [{written}]\nmetrics:\n  - {{name: Version, value: {written}}}\n"
    result, issues = load(make_project({"maps/buy.yaml": text}))
    assert issues == []
    (journey,) = result.project.maps
    assert (journey.owner, journey.tags, journey.metrics[0].value) == (written, (written,), written)
