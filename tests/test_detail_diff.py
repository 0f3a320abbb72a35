"""journeys diff reports a step's detail link added, removed or pointed at another map."""

from __future__ import annotations

import json

import pytest

from gitrepos import GitProject

SAM = "name: Sam Okafor\nrole: Student\n"


def small_map(title: str) -> str:
    return f"title: {title}\npersonas: [sam]\nstages:\n  - name: Only\n    steps:\n      - name: Step\n"


SHOP = """\
title: Shop
personas: [sam]
stages:
  - name: Buy
    steps:
      - name: Pays
        detail: payment
      - name: Waits
      - name: Collects
        detail: collection
      - name: Complains
        detail: complaint
"""


@pytest.fixture
def repo(tmp_path) -> GitProject:
    project = GitProject(tmp_path / "repo")
    maps = {f"maps/{map_id}.yaml": small_map(map_id.title()) for map_id in ("payment", "wallet", "collection",
                                                                               "complaint", "delivery")}  # fmt: skip
    project.commit({"personas/sam.yaml": SAM, "maps/shop.yaml": SHOP, **maps}, "base")
    changed = (
        SHOP.replace("detail: payment", "detail: wallet")  # changed
        .replace("      - name: Waits\n", "      - name: Waits\n        detail: delivery\n")  # added
        .replace("        detail: collection\n", "")  # removed
        .replace("      - name: Complains\n        detail: complaint\n", "")  # removed with its step
    )
    project.commit({"maps/shop.yaml": changed}, "detail links")
    return project


def test_json_lists_each_detail_link_change(cli, repo: GitProject) -> None:
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root, "--format", "json")
    assert result.exit_code == 0, result.output
    (shop,) = json.loads(result.stdout)["maps"]
    assert shop["detail_links"] == [
        {"change": "changed", "step_id": "pays", "step": "Pays", "before": "payment", "after": "wallet"},
        {"change": "added", "step_id": "waits", "step": "Waits", "before": None, "after": "delivery"},
        {"change": "removed", "step_id": "collects", "step": "Collects", "before": "collection", "after": None},
        {"change": "removed", "step_id": "complains", "step": "Complains", "before": "complaint", "after": None},
    ]
    assert [field["field"] for step in shop["steps"] for field in step["fields"]] == []  # not also "edited"


def test_markdown_has_a_section_of_detail_links_in_code_spans(cli, repo: GitProject) -> None:
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 detail link changed · 1 detail link added · 2 detail links removed" in out
    section = out[out.index("**Detail links (the map that details a step)**") :].split("\n\n")[1]
    assert section.splitlines() == [
        "- Changed: `Pays`: `payment` → `wallet`",
        "- Added: `Waits` → `delivery`",
        "- Removed: `Collects` (was `collection`)",
        "- Removed: `Complains` (was `complaint`)",
    ]


def test_a_renamed_step_keeps_its_detail_link_and_reports_no_change(cli, repo: GitProject) -> None:
    text = (repo.root / "maps" / "shop.yaml").read_text(encoding="utf-8")
    repo.commit({"maps/shop.yaml": text.replace("name: Pays", "name: Pays by card\n        id: pays")})
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root, "--format", "json")
    (shop,) = json.loads(result.stdout)["maps"]
    assert shop["detail_links"] == []
    assert [step["change"] for step in shop["steps"]] == ["renamed"]
