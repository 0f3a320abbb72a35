"""Validation rules: one precise issue per mistake, valid content becomes the typed model.

Maps are written out in full in each test so the asserted line:column can be checked by
reading the test.
"""

from __future__ import annotations

import pytest

from issue_helpers import PAT, VALID_MAP, errors, issue_lines, load, step_map
from journeys.model import Emotion

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


def test_no_unused_persona_warning_while_a_map_file_is_refused_unread(make_project):
    # 'Pat Buys.yaml' is refused for its name before it is parsed; it may be Pat's map.
    root = make_project(
        {"personas/pat.md": PAT, "maps/buy.yaml": VALID_MAP, "maps/Pat Buys.yaml": step_map("", "[pat]")}
    )
    assert [line for line in issue_lines(root) if "pat" in line.lower()] == [
        "maps/Pat Buys.yaml:1:1: error: file name 'Pat Buys' is not a valid map id: "
        "use lowercase letters, digits and '-' (e.g. 'pat-buys')"
    ]


def test_a_missing_content_folder_is_a_warning(make_project):
    # A mistyped maps_dir must not pass silently as "0 files checked: no problems".
    root = make_project({"mkdocs.yml": "site_name: x\nplugins:\n  - journeys:\n      maps_dir: mpas\n"})
    assert issue_lines(root) == [
        "mpas:1:1: warning: no 'mpas' folder: no maps were read",
        "personas/sam.md:2:1: warning: persona 'sam' appears in no map",
    ]


@pytest.mark.parametrize(
    ("name", "step_id"),
    [("Café visit", "cafe-visit"), ("snake_case name", "snake-case-name"), ("支付 订单", "支付-订单")],
)
def test_default_step_ids_fold_accents_and_keep_other_scripts(make_project, name, step_id):
    result, _ = load(make_project({"maps/buy.yaml": VALID_MAP.replace("Enters card details", name)}))
    assert [step.id for _, step in result.project.map("buy").steps()] == [step_id]


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


@pytest.mark.parametrize(("written", "column"), [("stages: []", 9), ("stages:", 8)])
def test_no_stages(make_project, written, column):
    text = f"title: T\npersonas: [sam]\n{written}\n"
    assert errors(make_project({"maps/buy.yaml": text})) == [
        f"maps/buy.yaml:3:{column}: error: a journey map needs at least one stage",
    ]


# -- emotions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5", "emotion 5 is outside the scale -2..+2"),
        ("-2.5", "emotion -2.5 is outside the scale -2..+2"),
        ("1" + "0" * 17, "emotion 1" + "0" * 17 + " is outside the scale -2..+2"),
        ("-9.5e17", "emotion -9.5e+17 is outside the scale -2..+2"),
        # Larger and non-finite numbers are refused by the YAML reader (tests/test_reader_numbers.py).
        (".inf", "'.inf' is not a finite number; write a number, or quote it if it is text"),
        ("1" + "0" * 400, "number too large: journeys reads numbers of up to 18 digits; quote it if it is text"),
        ("high", "emotion must be a number from -2..+2, not 'high'"),
        ('"1"', "emotion must be a number from -2..+2, not '1'"),
        ("true", "emotion must be a number from -2..+2, not 'true' (a boolean)"),
        (".nan", "'.nan' is not a finite number; write a number, or quote it if it is text"),
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
