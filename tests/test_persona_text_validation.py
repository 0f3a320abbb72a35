"""Per-persona actions, thoughts and feeling: read like emotion's mapping, same checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from issue_helpers import PAT, errors, issue_lines, load, step_map
from journeys.model import PersonaText, PersonaTexts

REPO_ROOT = Path(__file__).resolve().parent.parent
TWO = "[sam, pat]"


def only_step(root: Path):
    result, issues = load(root)
    assert [str(issue) for issue in issues] == []
    return result.project.maps[0].stages[0].steps[0]


def test_persona_text_mappings_give_each_persona_their_own_text_in_map_order(make_project):
    lines = (
        "        actions: Opens five tabs\n"
        "        thoughts:\n"
        "          pat: Will it survive being dropped?\n"
        "          sam: Which of these has a good battery?\n"
        "        feeling: {pat: Worried}\n"
    )
    step = only_step(make_project({"maps/buy.yaml": step_map(lines, TWO), "personas/pat.md": PAT}))
    assert step.thoughts == PersonaTexts((
        PersonaText("sam", "Which of these has a good battery?"),
        PersonaText("pat", "Will it survive being dropped?"),
    ))  # fmt: skip
    assert not step.thoughts.is_shared and step.thoughts.shared is None
    assert step.thoughts.for_persona("pat") == "Will it survive being dropped?"
    assert step.feeling.for_persona("pat") == "Worried"
    assert step.feeling.for_persona("sam") is None  # a persona left out has no text here
    assert step.actions == PersonaTexts.shared_text("Opens five tabs")
    assert step.actions.is_shared and step.actions.for_persona("sam") == step.actions.for_persona("pat")


def test_an_absent_text_is_empty_and_false(make_project):
    step = only_step(make_project({"maps/buy.yaml": step_map("        emotion: 1\n")}))
    assert step.thoughts == PersonaTexts() and not step.thoughts
    assert step.thoughts.for_persona("sam") is None and step.thoughts.texts() == ()


def test_actions_for_a_persona_per_text_field(make_project):
    lines = "        actions: {sam: Taps the ad, pat: Reads the review}\n"
    step = only_step(make_project({"maps/buy.yaml": step_map(lines, TWO), "personas/pat.md": PAT}))
    assert step.actions.texts() == ("Taps the ad", "Reads the review")


def test_an_unknown_persona_key_gets_a_hint(make_project):
    lines = "        thoughts:\n          samm: Why again?\n"
    root = make_project({"maps/buy.yaml": step_map(lines, TWO), "personas/pat.md": PAT})
    assert errors(root) == [
        "maps/buy.yaml:8:11: error: thoughts for 'samm', who is not on this map (personas: sam, pat)"
        " — did you mean 'sam'?"
    ]
    assert [issue.code for issue in load(root)[1]] == ["text-persona"]


def test_a_persona_who_is_not_on_the_map(make_project):
    lines = "        feeling:\n          sam: Calm\n          pat: Worried\n"
    root = make_project({"maps/buy.yaml": step_map(lines), "personas/pat.md": PAT})
    assert issue_lines(root) == [
        "maps/buy.yaml:9:11: error: feeling for 'pat', who is not on this map (personas: sam)"
    ]


def test_a_persona_missing_from_the_project_is_reported_once_at_the_persona_list(make_project):
    root = make_project({"maps/buy.yaml": step_map("        thoughts: {samm: Hm}\n", personas="[sam, samm]")})
    assert errors(root) == ["maps/buy.yaml:2:17: error: unknown persona 'samm' — did you mean 'sam'?"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{sam: [a, b]}", "7:25: error: thoughts for 'sam' must be text, not a list"),
        ("{sam: {text: a}}", "7:25: error: thoughts for 'sam' must be text, not a mapping"),
        ("{sam: true}", "7:25: error: thoughts for 'sam' must be text, not 'true' (a boolean)"),
        ("{sam: }", "7:25: error: thoughts for 'sam' must be text, not nothing (null)"),
        ('{sam: ""}', "7:25: error: thoughts for 'sam' must be text, not empty"),
        ('{sam: "Why\\x07"}', "7:25: error: thoughts for 'sam' contains the control character U+0007"),
        ("[Why, again]", "7:19: error: thoughts must be text, not a list"),
    ],
)
def test_a_value_that_is_not_text(make_project, value: str, message: str):
    root = make_project({"maps/buy.yaml": step_map(f"        thoughts: {value}\n")})
    assert errors(root) == [f"maps/buy.yaml:{message}"]


def test_a_number_is_kept_as_written_like_any_text_field(make_project):
    step = only_step(make_project({"maps/buy.yaml": step_map("        feeling: {sam: 3.10}\n")}))
    assert step.feeling == PersonaTexts((PersonaText("sam", "3.10"),))


def test_the_example_two_persona_map_says_whose_text_it_is_with_mappings():
    result, issues = load(REPO_ROOT)
    assert [str(issue) for issue in issues if issue.severity == "error"] == []
    journey = result.project.map("family-mobile-plan")
    assert journey is not None and journey.personas == ("pat", "sam")
    steps = [step for _, step in journey.steps()]
    for step in steps:
        for text in (*step.thoughts.texts(), *step.feeling.texts()):
            assert not text.startswith(("Pat:", "Sam:")) and not text.endswith(("(Pat)", "(Sam)")), text
    both = journey.step_by_id("hears-about-family-plans")
    assert both is not None
    assert [entry.persona for entry in both.thoughts] == ["pat", "sam"]
    assert [entry.persona for entry in both.feeling] == ["pat", "sam"]
