"""journeys diff: the less common facts (stages, persona renames, narrative, re-rated notes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepos import GitProject

SAM = "name: Sam Okafor\nrole: Student\n"
MAP = """\
---
title: Returns
personas: [sam]
stages:
  - name: Decide
    steps:
      - name: Reads the policy
        emotion: 0
        pain_points: [{text: Policy is vague, severity: low}]
        opportunities: [{text: Plain-language policy, impact: low, effort: low}]
  - name: Send back
    steps:
      - {name: Prints a label, emotion: -1}
---
Sam wants the money back before the weekend.
"""


@pytest.fixture
def repo(tmp_path) -> GitProject:
    project = GitProject(tmp_path / "repo")
    project.commit({"personas/sam.yaml": SAM, "maps/returns.md": MAP}, "base")
    return project


def json_diff(cli, repo: GitProject) -> dict:
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stage_added_and_removed(cli, repo):
    changed = MAP.replace("  - name: Send back\n    steps:\n      - {name: Prints a label, emotion: -1}\n",
                          "  - name: Refund\n    steps:\n      - {name: Gets the money, emotion: 2}\n")
    repo.commit({"maps/returns.md": changed})
    (returns,) = json_diff(cli, repo)["maps"]
    assert [(s["change"], s["name"]) for s in returns["stages"]] == [("added", "Refund"), ("removed", "Send back")]
    assert [(s["change"], s["name"]) for s in returns["steps"]] == [("added", "Gets the money"),
                                                                     ("removed", "Prints a label")]


def test_narrative_and_rerated_notes(cli, repo):
    changed = MAP.replace("severity: low", "severity: high").replace("impact: low", "impact: high")
    changed = changed.replace("before the weekend", "within a week")
    repo.commit({"maps/returns.md": changed})
    (returns,) = json_diff(cli, repo)["maps"]
    assert returns["metadata"] == [{"field": "narrative", "before": "changed", "after": "changed"}]
    assert returns["pain_points"] == [{
        "change": "changed", "text": "Policy is vague", "step_id": "reads-the-policy", "step": "Reads the policy",
        "details": [{"field": "severity", "before": "low", "after": "high"}],
    }]  # fmt: skip
    assert [(o["change"], o["details"][0]["field"]) for o in returns["opportunities"]] == [("changed", "impact")]
    markdown = cli("diff", "HEAD~1", "HEAD", "--project", repo.root).stdout
    assert "- narrative text changed" in markdown
    assert "- Changed: `Policy is vague` — at `Reads the policy` (severity: `low` → `high`)" in markdown


def test_persona_renamed_with_edits_pairs_by_name(cli, repo):
    repo.write({"personas/sam.yaml": None})
    repo.commit({"personas/sam-okafor.yaml": SAM.replace("Student", "Postgraduate"),
                 "maps/returns.md": MAP.replace("personas: [sam]", "personas: [sam-okafor]")})
    data = json_diff(cli, repo)
    assert [(p["id"], p["change"], p["old_id"]) for p in data["personas"]] == [("sam-okafor", "renamed", "sam")]
    assert data["personas"][0]["fields"] == [{"field": "role", "before": "Student", "after": "Postgraduate"}]
    (returns,) = data["maps"]
    assert (returns["personas_added"], returns["personas_removed"]) == (["sam-okafor"], ["sam"])


def test_formatting_only_change_is_reported_as_such(cli, repo):
    repo.commit({"maps/returns.md": MAP.replace("title: Returns", "# a comment\ntitle: Returns")})
    (returns,) = json_diff(cli, repo)["maps"]
    assert returns["change"] == "modified" and returns["steps"] == [] and returns["metadata"] == []
    markdown = cli("diff", "HEAD~1", "HEAD", "--project", repo.root).stdout
    assert "modified · no change in content (formatting or comments only)" in markdown


def test_emotion_scale_change_rereads_every_file(cli, repo):
    """With other settings, unchanged files are read again - and reported only if they differ."""
    repo.commit({"mkdocs.yml": "site_name: x\nplugins:\n  - journeys:\n      emotion_scale: {min: -1, max: 1}\n"})
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root)
    assert result.exit_code == 0, result.stderr
    assert "No changes to journey maps or personas." in result.stdout
    assert "1 map changed." not in result.stdout


def test_settings_change_that_breaks_an_unchanged_map(cli, repo):
    repo.commit({"mkdocs.yml": "site_name: x\nplugins:\n  - journeys:\n      emotion_scale: {min: 0, max: 4}\n"})
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root)
    assert result.exit_code == 1
    assert "maps/returns.md:" in result.stderr and "error" in result.stderr
    assert "### `Returns` (`returns`)" in result.stdout and "has errors in this revision" in result.stdout


def test_deltas_of_decimal_scores_are_clean(cli, repo):
    repo.commit({"maps/returns.md": MAP.replace("emotion: 0\n", "emotion: 0.3\n")})
    repo.commit({"maps/returns.md": MAP.replace("emotion: 0\n", "emotion: 0.1\n")})
    (returns,) = json_diff(cli, repo)["maps"]
    assert [(e["before"], e["after"], e["delta"]) for e in returns["emotions"]] == [(0.3, 0.1, -0.2)]


def test_a_map_compared_with_itself_has_no_facts():
    from journeys.config import load_settings
    from journeys.diff.maps import compare_maps
    from journeys.loading.project import load_project

    root = Path(__file__).resolve().parent.parent
    project = load_project(load_settings(root)[0]).project
    if not project.maps:
        pytest.skip("no example maps in this checkout")
    for journey in project.maps:
        assert not any(compare_maps(journey, journey, project.scale).values()), journey.id
