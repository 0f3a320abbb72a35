"""Validation rules: one precise issue per mistake, valid content becomes the typed model.

Maps are written out in full in each test so the asserted line:column can be checked by
reading the test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from issue_helpers import VALID_MAP, errors, issue_lines, load

from journeys.model import Emotion, EmotionScale, Metric, Opportunity, PainPoint

PAT = "---\nname: Pat Lee\nrole: Buyer\n---\n"


def step_map(step_lines: str, personas: str = "[sam]") -> str:
    """A map with one stage and one step whose extra lines start on line 7."""
    return (
        "title: Buying a laptop online\n"
        f"personas: {personas}\n"
        "stages:\n"
        "  - name: Purchase\n"
        "    steps:\n"
        "      - name: Enters card details\n"
        + step_lines
    )


# -- references ------------------------------------------------------------------------


def test_unknown_persona_with_a_hint(make_project):
    root = make_project({"maps/buy.yaml": step_map("", personas="[samm]")})
    assert errors(root) == ["maps/buy.yaml:2:12: error: unknown persona 'samm' — did you mean 'sam'?"]


def test_unknown_persona_is_reported_once_not_at_every_step_that_scores_it(make_project):
    root = make_project({"maps/buy.yaml": step_map("        emotion: {samm: 1}\n", personas="[samm]")})
    assert errors(root) == ["maps/buy.yaml:2:12: error: unknown persona 'samm' — did you mean 'sam'?"]


def test_unknown_persona_far_from_any_gets_no_hint(make_project):
    root = make_project({"maps/buy.yaml": step_map("", personas="[zed]")})
    assert errors(root) == ["maps/buy.yaml:2:12: error: unknown persona 'zed'"]


def test_singular_persona_field(make_project):
    text = step_map("        emotion: 1\n").replace("personas: [sam]", "persona: sam")
    result, issues = load(make_project({"maps/buy.yaml": text}))
    assert issues == []
    (journey,) = result.project.maps
    assert journey.personas == ("sam",)
    assert journey.stages[0].steps[0].emotions == (Emotion("sam", 1),)


def test_persona_and_personas_together(make_project):
    text = step_map("").replace("personas: [sam]\n", "personas: [sam]\npersona: sam\n")
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:3:10: error: use either 'persona' or 'personas', not both",
    ]


@pytest.mark.parametrize(
    ("personas", "expected"),
    [
        ("[]", "maps/buy.yaml:2:11: error: a journey map needs at least one persona"),
        ("~", "maps/buy.yaml:2:11: error: a journey map needs at least one persona"),
        ("[sam, sam]", "maps/buy.yaml:2:17: error: persona 'sam' is listed twice"),
        # A scalar where the list belongs: one error (not also "needs at least one").
        ("sam", "maps/buy.yaml:2:11: error: personas must be a list, not 'sam' (write [sam])"),
    ],
)
def test_persona_list_problems(make_project, personas, expected):
    assert errors(make_project({"maps/buy.yaml": step_map("", personas=personas)})) == [expected]


def test_unknown_compares_to_with_a_hint(make_project):
    root = make_project(
        {"maps/buy.yaml": VALID_MAP + "state: future\ncompares_to: buy-nwo\n", "maps/buy-now.yaml": VALID_MAP}
    )
    assert errors(root) == ["maps/buy.yaml:9:14: error: unknown map 'buy-nwo' — did you mean 'buy-now'?"]


def test_compares_to_itself(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + "state: future\ncompares_to: buy\n"})
    assert errors(root) == ["maps/buy.yaml:9:14: error: a map cannot compare to itself"]


def test_compares_to_a_future_state_map_is_a_warning(make_project):
    root = make_project(
        {
            "maps/next.yaml": VALID_MAP + "state: future\n",
            "maps/later.yaml": VALID_MAP + "state: future\ncompares_to: next\n",
        }
    )
    assert issue_lines(root) == [
        "maps/later.yaml:1:1: warning: compares_to names 'next', which is not a current-state map",
    ]


def test_compares_to_on_a_current_state_map_is_a_warning(make_project):
    root = make_project({"maps/now.yaml": VALID_MAP, "maps/old.yaml": VALID_MAP + "compares_to: now\n"})
    assert issue_lines(root) == [
        "maps/old.yaml:8:14: warning: compares_to is meant for a future-state map; add 'state: future'",
    ]


def test_future_map_compares_to_a_current_one(make_project):
    root = make_project({"maps/now.yaml": VALID_MAP, "maps/next.yaml": VALID_MAP + "state: future\ncompares_to: now\n"})
    result, issues = load(root)
    assert issues == []
    assert result.project.map("next").compares_to == "now"
    assert result.project.map("next").state == "future"


def test_unused_persona_is_a_warning(make_project):
    root = make_project({"personas/pat.md": PAT, "maps/buy.yaml": VALID_MAP})
    assert issue_lines(root) == ["personas/pat.md:2:1: warning: persona 'pat' appears in no map"]


def test_no_unused_persona_warning_while_a_map_is_broken(make_project):
    # The broken map may be the one that uses Pat; don't send the user on a false errand.
    root = make_project(
        {"personas/pat.md": PAT, "maps/buy.yaml": VALID_MAP, "maps/pat-buys.yaml": step_map("", "[pat]") + "x: 1\n"}
    )
    assert issue_lines(root) == ["maps/pat-buys.yaml:7:1: error: unknown field 'x' in a journey map"]


# -- required fields, types, unknown fields -------------------------------------------------


def test_missing_title_keeps_the_map_out_of_the_model(make_project):
    result, issues = load(make_project({"maps/buy.yaml": VALID_MAP.replace("title: Buying a laptop online\n", "")}))
    assert [str(i) for i in issues] == ["maps/buy.yaml:1:1: error: a journey map is missing the required field 'title'"]
    assert result.project.maps == ()


def test_missing_persona_name_keeps_the_persona_out_of_the_model(make_project):
    result, issues = load(make_project({"personas/pat.md": "---\nrole: Buyer\n---\n"}))
    assert [str(i) for i in issues if i.path == "personas/pat.md"] == [
        "personas/pat.md:2:1: error: a persona is missing the required field 'name'",
    ]
    assert [p.id for p in result.project.personas] == ["sam"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('title: "  "\n', "maps/buy.yaml:1:8: error: title must be text, not empty"),
        ("title: [A, B]\n", "maps/buy.yaml:1:8: error: title must be text, not a list"),
        ("title: true\n", "maps/buy.yaml:1:8: error: title must be text, not 'true' (a boolean)"),
    ],
)
def test_title_must_be_text(make_project, line, expected):
    text = VALID_MAP.replace("title: Buying a laptop online\n", line)
    assert errors(make_project({"maps/buy.yaml": text})) == [expected]


def test_a_number_is_accepted_as_text(make_project):
    result, _ = load(make_project({"maps/buy.yaml": VALID_MAP.replace("Buying a laptop online", "2024")}))
    assert result.project.maps[0].title == "2024"


def test_unknown_field_with_a_hint(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + "titel: Typo\n"})
    assert errors(root) == ["maps/buy.yaml:8:1: error: unknown field 'titel' in a journey map — did you mean 'title'?"]


def test_unknown_step_field_with_a_hint(make_project):
    root = make_project({"maps/buy.yaml": step_map("        emoton: 1\n")})
    assert errors(root) == ["maps/buy.yaml:7:9: error: unknown field 'emoton' in a step — did you mean 'emotion'?"]


def test_team_extension_fields_are_allowed(make_project):
    root = make_project({"maps/buy.yaml": step_map("        x-jira: SHOP-12\n") + "x-review-date: soon\n"})
    assert issue_lines(root) == []


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("tags: checkout", "maps/buy.yaml:8:7: error: tags must be a list, not 'checkout' (write [checkout])"),
        ("stages: Purchase", "maps/buy.yaml:8:9: error: stages must be a list, not 'Purchase' (write [Purchase])"),
        ("metrics: {name: NPS}", "maps/buy.yaml:8:10: error: metrics must be a list, not a mapping"),
    ],
)
def test_scalar_or_mapping_where_a_list_belongs(make_project, field, expected):
    text = VALID_MAP if not field.startswith("stages") else "title: T\npersonas: [sam]\n" + "\n" * 5
    root = make_project({"maps/buy.yaml": text + field + "\n"})
    assert [line for line in errors(root) if "stages:" not in line] == [expected]


def test_steps_as_a_scalar(make_project):
    text = "title: T\npersonas: [sam]\nstages:\n  - name: Purchase\n    steps: Pays\n"
    root = make_project({"maps/buy.yaml": text})
    # One error; no extra "stage has no steps" warning for the same mistake.
    assert issue_lines(root) == ["maps/buy.yaml:5:12: error: steps must be a list, not 'Pays' (write [Pays])"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("state: past", "maps/buy.yaml:8:8: error: state must be one of current, future, not 'past'"),
        ("status: aproved", "maps/buy.yaml:8:9: error: status must be one of draft, review, approved, "
         "not 'aproved' — did you mean 'approved'?"),
    ],
)  # fmt: skip
def test_choices(make_project, line, expected):
    assert errors(make_project({"maps/buy.yaml": VALID_MAP + line + "\n"})) == [expected]


def test_a_stage_without_steps_is_a_warning(make_project):
    text = VALID_MAP + "  - name: Delivery\n"
    assert issue_lines(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:8:5: warning: stage 'Delivery' has no steps",
    ]


def test_no_stages(make_project):
    text = "title: T\npersonas: [sam]\nstages: []\n"
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:3:9: error: a journey map needs at least one stage",
    ]


# -- emotions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5", "emotion 5 is outside the scale -2..+2"),
        ("-2.5", "emotion -2.5 is outside the scale -2..+2"),
        (".inf", "emotion inf is outside the scale -2..+2"),
        ("1" + "0" * 30, "emotion 1" + "0" * 30 + " is outside the scale -2..+2"),
        ("1" + "0" * 400, "emotion 1" + "0" * 400 + " is outside the scale -2..+2"),
        ("high", "emotion must be a number from -2..+2, not 'high'"),
        ('"1"', "emotion must be a number from -2..+2, not '1'"),
        ("true", "emotion must be a number from -2..+2, not 'true' (a boolean)"),
        (".nan", "emotion must be a number from -2..+2, not the number nan"),
        ("[1, 2]", "emotion must be a number from -2..+2, not a list"),
    ],
)
def test_emotion_out_of_range_or_not_a_number(make_project, value, message):
    root = make_project({"maps/buy.yaml": step_map(f"        emotion: {value}\n")})
    assert errors(root) == [f"maps/buy.yaml:7:18: error: {message}"]


def test_fractional_emotions_within_the_scale_are_fine(make_project):
    result, issues = load(make_project({"maps/buy.yaml": step_map("        emotion: 1.5\n")}))
    assert issues == []
    assert result.project.maps[0].stages[0].steps[0].emotions == (Emotion("sam", 1.5),)


def test_per_persona_emotions(make_project):
    text = step_map("        emotion: {pat: 2, sam: -2}\n", personas="[sam, pat]")
    result, issues = load(make_project({"personas/pat.md": PAT, "maps/buy.yaml": text}))
    assert issues == []
    step = result.project.maps[0].stages[0].steps[0]
    # Map order (sam, pat), whatever order the file lists them in.
    assert step.emotions == (Emotion("sam", -2), Emotion("pat", 2))
    assert step.emotion_for("pat") == 2


def test_one_emotion_number_applies_to_every_persona_on_the_map(make_project):
    text = step_map("        emotion: -1\n", personas="[sam, pat]")
    result, _ = load(make_project({"personas/pat.md": PAT, "maps/buy.yaml": text}))
    assert result.project.maps[0].stages[0].steps[0].emotions == (Emotion("sam", -1), Emotion("pat", -1))


def test_emotion_for_a_persona_not_on_the_map(make_project):
    text = step_map("        emotion: {sam: 1, pat: 2}\n")
    root = make_project({"personas/pat.md": PAT, "maps/buy.yaml": text})
    assert errors(root) == ["maps/buy.yaml:7:27: error: emotion for 'pat', who is not on this map (personas: sam)"]


def test_per_persona_emotion_out_of_range(make_project):
    text = step_map("        emotion: {sam: 1, pat: 3}\n", personas="[sam, pat]")
    root = make_project({"personas/pat.md": PAT, "maps/buy.yaml": text})
    assert errors(root) == ["maps/buy.yaml:7:32: error: emotion 3 is outside the scale -2..+2"]


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
    assert result.project.maps[0].stages[0].steps[0].thoughts == "Why\tagain?\nHm."


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
    metrics = "metrics:\n  - {name: Cart abandonment, stage: Purchase, value: 68%, target: 50%}\n  - {name: NPS, stage: purchase, value: 31}\n"
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


# -- the emotion scale and other configuration ----------------------------------------------


def plugin_config(options: str) -> str:
    return "site_name: Journeys\nplugins:\n  - search\n  - journeys:\n" + options


def test_emotion_scale_from_mkdocs_yml(make_project):
    config = plugin_config("      emotion_scale:\n        min: 1\n        max: 5\n        labels: {1: Furious, 5: Delighted}\n")
    text = step_map("        emotion: 5\n      - name: Waits\n        emotion: 0\n")
    result, issues = load(make_project({"mkdocs.yml": config, "maps/buy.yaml": text}))
    assert [str(i) for i in issues] == ["maps/buy.yaml:9:18: error: emotion 0 is outside the scale +1..+5"]
    assert result.project.scale == EmotionScale(
        minimum=1, maximum=5, labels=((1, "Furious"), (2, "+2"), (3, "+3"), (4, "+4"), (5, "Delighted"))
    )


def test_default_scale_labels_can_be_renamed(make_project):
    config = plugin_config("      emotion_scale:\n        labels: {0: Meh}\n")
    result, issues = load(make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP}))
    assert issues == []
    assert result.project.scale.label_for(0) == "Meh"
    assert result.project.scale.label_for(2) == "Very positive"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("      emotion_scale: {min: 2, max: 2}\n", "mkdocs.yml:5:7: error: emotion_scale: min (2) must be below max (2)"),
        ("      emotion_scale: {labels: {7: Ecstatic}}\n",
         "mkdocs.yml:5:7: error: emotion_scale: label key 7 is not a whole score in -2..2"),
        ("      emotion_scale: {min: -1000000000}\n",
         "mkdocs.yml:5:7: error: emotion_scale: -1000000000..2 has more than 100 steps; use a smaller range"),
        ("      emotion_scale: {min: low}\n",
         "mkdocs.yml:5:7: error: journeys option 'emotion_scale': Sub-option 'min': "
         "Expected type: <class 'int'> but received: <class 'str'>"),
        ("      max_depth: deep\n",
         "mkdocs.yml:5:7: error: journeys option 'max_depth': Expected type: <class 'int'> but received: <class 'str'>"),
    ],
)  # fmt: skip
def test_bad_scale_or_option_config_is_an_issue_at_the_option(make_project, options, expected):
    root = make_project({"mkdocs.yml": plugin_config(options), "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [expected]


def test_unknown_plugin_option_is_a_warning(make_project):
    root = make_project({"mkdocs.yml": plugin_config("      map_dir: maps\n"), "maps/buy.yaml": VALID_MAP})
    assert issue_lines(root) == ["mkdocs.yml:5:7: warning: journeys option 'map_dir': Unrecognised configuration name: map_dir"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("site_name: [Journeys\n", "mkdocs.yml:2:1: error: cannot read mkdocs.yml: expected ',' or ']', but got "
         "'<stream end>' (while parsing a flow sequence)"),
        ("site_name: a\n  nav: b\n", "mkdocs.yml:2:6: error: cannot read mkdocs.yml: mapping values are not allowed here"),
        ("site_name: a\nplugins:\n  - journeys: [1]\n", "mkdocs.yml:3:5: error: the journeys plugin options must be a mapping"),
    ],
)  # fmt: skip
def test_broken_mkdocs_yml_is_an_issue_at_its_line(make_project, config, expected):
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [expected]


def test_config_issue_positions_with_the_mapping_form_and_env_tags(make_project):
    config = (
        "site_name: !ENV [SITE_NAME, Journeys]\n"
        "plugins:\n"
        "  search: {}\n"
        "  journeys:\n"
        "    theme: default\n"
        "    max_nodes: !ENV [NOT_SET_ANYWHERE, many]\n"
    )
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [
        "mkdocs.yml:6:5: error: journeys option 'max_nodes': Expected type: <class 'int'> but received: <class 'str'>"
    ]


def test_inherited_config_is_read(make_project):
    # MkDocs' INHERIT resolves beside mkdocs.yml; the options live in the parent file,
    # so their problems have no position in mkdocs.yml itself.
    base = "plugins:\n  - journeys:\n      emotion_scale: {min: 1, max: 5, labels: {9: Wow}}\n"
    root = make_project({"base.yml": base, "mkdocs.yml": "INHERIT: base.yml\nsite_name: t\n", "maps/buy.yaml": VALID_MAP})
    result, issues = load(root)
    assert result.project.scale.describe() == "+1..+5"
    assert [str(issue) for issue in issues] == [
        "mkdocs.yml:1:1: error: emotion_scale: label key 9 is not a whole score in 1..5",
        "maps/buy.yaml:7:18: error: emotion -1 is outside the scale +1..+5",
    ]


@pytest.mark.parametrize("plugins", ["5", "journeys", "[[journeys]]", "{journeys: {maps_dir: maps}}"])
def test_odd_plugins_values_never_crash(make_project, plugins):
    root = make_project({"mkdocs.yml": f"site_name: a\nplugins: {plugins}\n", "maps/buy.yaml": VALID_MAP})
    assert issue_lines(root) == []


def test_folders_come_from_the_plugin_config(make_project):
    config = plugin_config("      maps_dir: content/journeys\n      personas_dir: content/people\n")
    root = make_project(
        {"mkdocs.yml": config, "content/journeys/buy.yaml": VALID_MAP, "content/people/sam.yaml": "name: Sam\n"},
        personas=False,
    )
    result, issues = load(root)
    assert issues == []
    assert [m.location.path for m in result.project.maps] == ["content/journeys/buy.yaml"]
    assert [p.location.path for p in result.project.personas] == ["content/people/sam.yaml"]


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
        ("name: Pat\ngaols: [Save]\n", "personas/pat.md:3:1: error: unknown field 'gaols' in a persona — did you mean 'goals'?"),
        ("name: Pat\ngoals: Save money\n",
         "personas/pat.md:3:8: error: goals must be a list, not 'Save money' (write [Save money])"),
        ("name: Pat\nchannels: [web, [store]]\n", "personas/pat.md:3:17: error: each entry of channels must be text, not a list"),
        ("- Pat\n", "personas/pat.md:2:1: error: a persona must be a mapping of fields, not a list"),
    ],
)  # fmt: skip
def test_persona_problems(make_project, front, expected):
    root = make_project({"personas/pat.md": f"---\n{front}---\nNotes.\n", "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [expected]
