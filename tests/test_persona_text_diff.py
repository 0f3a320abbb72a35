"""journeys diff on per-persona texts: whose thought or feeling changed, on a real git repo."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from gitrepos import GitProject

if TYPE_CHECKING:
    from pathlib import Path

SAM = "name: Sam Okafor\nrole: Student\n"
PAT = "name: Pat Lee\nrole: Parent\n"
MAP = """\
title: Checkout
personas: [sam, pat]
stages:
  - name: Purchase
    steps:
      - name: Enters card details
        thoughts:
          sam: Why my address again?
          pat: Is this site safe?
        feeling: Annoyed
        emotion: {sam: -2, pat: -1}
"""


@pytest.fixture
def repo(tmp_path: Path) -> GitProject:
    project = GitProject(tmp_path / "repo")
    project.commit({"personas/sam.yaml": SAM, "personas/pat.yaml": PAT, "maps/checkout.yaml": MAP}, "base")
    return project


def edited_lines(cli, repo: GitProject, new_map: str) -> list[str]:
    repo.commit({"maps/checkout.yaml": new_map})
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root)
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("- Edited")]


def json_fields(cli, repo: GitProject) -> list[dict]:
    data = json.loads(cli("diff", "HEAD~1", "HEAD", "--project", repo.root, "--format", "json").stdout)
    (step,) = data["maps"][0]["steps"]
    return step["fields"]


def test_one_personas_changed_thought_names_the_persona(cli, repo):
    lines = edited_lines(cli, repo, MAP.replace("Is this site safe?", "Is this shop safe?"))
    assert lines == ["- Edited `Enters card details`: thoughts (pat): `Is this site safe?` → `Is this shop safe?`"]
    assert json_fields(cli, repo) == [
        {"field": "thoughts", "before": "Is this site safe?", "after": "Is this shop safe?", "persona": "pat"}
    ]


def test_a_shared_text_split_per_persona_reports_only_who_now_differs(cli, repo):
    new = MAP.replace("feeling: Annoyed", "feeling: {sam: Annoyed, pat: Worried}")
    assert edited_lines(cli, repo, new) == ["- Edited `Enters card details`: feeling (pat): `Annoyed` → `Worried`"]


def test_a_persona_text_added_and_one_removed(cli, repo):
    new = MAP.replace("          pat: Is this site safe?\n", "")
    new = new.replace("        feeling: Annoyed\n", "        feeling: Annoyed\n        actions: {pat: Checks}\n")
    assert edited_lines(cli, repo, new) == [
        "- Edited `Enters card details`: actions (pat): *(none)* → `Checks`; "
        "thoughts (pat): `Is this site safe?` → *(none)*"
    ]


def test_one_text_for_everyone_changes_without_a_persona(cli, repo):
    assert edited_lines(cli, repo, MAP.replace("feeling: Annoyed", "feeling: Calm")) == [
        "- Edited `Enters card details`: feeling: `Annoyed` → `Calm`"
    ]
    assert json_fields(cli, repo) == [{"field": "feeling", "before": "Annoyed", "after": "Calm"}]


def test_the_same_text_written_per_persona_is_no_change(cli, repo):
    new = MAP.replace("feeling: Annoyed", "feeling: {sam: Annoyed, pat: Annoyed}")
    assert edited_lines(cli, repo, new) == []
