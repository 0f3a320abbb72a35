"""journeys diff on real git repositories: each kind of change, Markdown and JSON."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from gitrepos import GitProject

if TYPE_CHECKING:
    from pathlib import Path

SAM = """\
---
name: Sam Okafor
role: Student
---
Notes.
"""
PAT = "name: Pat Lee\nrole: Parent\n"

CHECKOUT = """\
title: Checkout
personas: [sam, pat]
owner: Web team
status: draft
stages:
  - name: Browse
    steps:
      - name: Searches
        emotion: {sam: 0, pat: 1}
      - name: Compares prices
        emotion: {sam: -1, pat: 0}
        pain_points: [Prices hidden until checkout]
  - name: Purchase
    steps:
      - name: Enters card details
        touchpoint: Checkout page
        emotion: {sam: -2, pat: -1}
        pain_points: [Card form rejects spaces]
      - name: Confirms order
        emotion: {sam: 1, pat: 1}
"""
SUPPORT = """\
title: Getting help
personas: [sam]
stages:
  - name: Ask
    steps:
      - {name: Opens chat, emotion: -1}
      - {name: Gets an answer, emotion: 1}
      - {name: Rates the chat, emotion: 0}
"""


@pytest.fixture
def repo(tmp_path: Path) -> GitProject:
    project = GitProject(tmp_path / "repo")
    project.commit(
        {
            "personas/sam.md": SAM,
            "personas/pat.yaml": PAT,
            "maps/checkout.yaml": CHECKOUT,
            "maps/support.yaml": SUPPORT,
        },
        "base",
    )
    return project


def diff(cli, repo: GitProject, *args: str):
    return cli("diff", *args, "--project", repo.root)


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"test setup: {old!r} not in the map"
    return text.replace(old, new, 1)


def test_no_change_says_so(cli, repo):
    result = diff(cli, repo, "HEAD")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == ["", "No changes to journey maps or personas."]


def test_errors_outside_the_maps_are_still_flagged_in_the_report(cli, repo):
    repo.write({"mkdocs.yml": "site_name: x\nplugins:\n  - journeys:\n      maps_dir: [not, text]\n"})
    result = diff(cli, repo, "HEAD")
    assert result.exit_code == 1
    assert re.search(r"^mkdocs.yml:\d+:\d+: error: journeys option 'maps_dir'", result.stderr, re.M)
    assert result.stdout.splitlines()[2] == (
        "No changes to journey maps or personas. ⚠️ 1 error in working tree: see the log."
    )


def test_emotion_changed_for_one_of_two_personas_exact_markdown(cli, repo):
    base = repo.git("rev-parse", "HEAD")
    head = repo.commit({"maps/checkout.yaml": edit(CHECKOUT, "{sam: -2, pat: -1}", "{sam: 0, pat: -1}")})
    result = diff(cli, repo, "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"## Journey changes: `HEAD~1` (`{base[:12]}`) → `HEAD` (`{head[:12]}`)",
        "",
        "1 map changed.",
        "",
        "### `Checkout` (`checkout`)",
        "",
        "modified · 1 emotion change",
        "",
        "**Emotions**",
        "",
        "- `Enters card details` — sam: -2 → 0 (+2)",
        "",
        "**Emotion line (before → after, one mark per step)**",
        "",
        "- sam: `▅▃▁▆` → `▅▃▅▆`",
    ]
    assert result.stderr == ""


def test_emotion_change_in_json(cli, repo):
    repo.commit({"maps/checkout.yaml": edit(CHECKOUT, "{sam: -2, pat: -1}", "{sam: 0, pat: -1}")})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    assert [m["id"] for m in data["maps"]] == ["checkout"]
    assert data["maps"][0]["emotions"] == [
        {"step_id": "enters-card-details", "step": "Enters card details", "persona": "sam",
         "before": -2, "after": 0, "delta": 2}
    ]  # fmt: skip
    assert data["maps"][0]["sparklines"] == [{"persona": "sam", "before": "▅▃▁▆", "after": "▅▃▅▆"}]
    assert data["personas"] == []


def test_renamed_map_file_with_same_content(cli, repo):
    repo.git("mv", "maps/support.yaml", "maps/help.yaml")
    repo.commit(message="rename")
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (renamed,) = data["maps"]
    assert (renamed["id"], renamed["change"], renamed["old_id"]) == ("help", "renamed", "support")
    assert renamed["old_path"] == "maps/support.yaml"
    markdown = diff(cli, repo, "HEAD~1", "HEAD").stdout
    assert "### `Getting help` (`help`)\n\nrenamed from `support`\n" in markdown


def test_renamed_map_file_with_edits_pairs_by_step_ids(cli, repo):
    repo.write({"maps/support.yaml": None})
    rated = edit(SUPPORT, "{name: Rates the chat, emotion: 0}", "{name: Rates the chat, emotion: 2}")
    repo.commit({"maps/help.yaml": rated})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (renamed,) = data["maps"]
    assert (renamed["change"], renamed["old_id"]) == ("renamed", "support")
    assert [(e["persona"], e["before"], e["after"]) for e in renamed["emotions"]] == [("sam", 0, 2)]


def test_unrelated_maps_are_removed_and_added_not_renamed(cli, repo):
    other = "title: Other\npersonas: [sam]\nstages:\n  - name: X\n    steps:\n      - {name: Something else}\n"
    repo.write({"maps/support.yaml": None})
    repo.commit({"maps/other.yaml": other})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    assert [(m["id"], m["change"], m["stage_count"], m["step_count"]) for m in data["maps"]] == [
        ("other", "added", 1, 1),
        ("support", "removed", 1, 3),
    ]
    markdown = diff(cli, repo, "HEAD~1", "HEAD").stdout
    assert "removed · 1 stage, 3 steps" in markdown
    assert "- sam: `▃▆▅` → `–`" in markdown  # the removed map's last emotion line


def test_step_moved_between_stages(cli, repo):
    step = (
        "      - name: Compares prices\n"
        "        emotion: {sam: -1, pat: 0}\n"
        "        pain_points: [Prices hidden until checkout]\n"
    )
    moved = edit(CHECKOUT, step, "")
    moved = edit(moved, "      - name: Confirms order\n", step + "      - name: Confirms order\n")
    repo.commit({"maps/checkout.yaml": moved})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    steps = data["maps"][0]["steps"]
    assert [(s["change"], s["step_id"], s["from_stage"], s["stage"]) for s in steps] == [
        ("moved", "compares-prices", "Browse", "Purchase")
    ]
    assert data["maps"][0]["emotions"] == [] and data["maps"][0]["pain_points"] == []
    markdown = diff(cli, repo, "HEAD~1", "HEAD").stdout
    assert "- Moved `Compares prices` from `Browse` to `Purchase`" in markdown
    assert "modified · 1 step moved" in markdown


def test_steps_reordered_within_a_stage_and_stage_renamed(cli, repo):
    swapped = edit(CHECKOUT, "      - name: Enters card details\n        touchpoint: Checkout page\n"
                   "        emotion: {sam: -2, pat: -1}\n        pain_points: [Card form rejects spaces]\n", "")
    swapped = edit(swapped, "        emotion: {sam: 1, pat: 1}\n", "        emotion: {sam: 1, pat: 1}\n"
                   "      - name: Enters card details\n        touchpoint: Checkout page\n"
                   "        emotion: {sam: -2, pat: -1}\n        pain_points: [Card form rejects spaces]\n")
    swapped = edit(swapped, "- name: Purchase", "- name: Pay")
    repo.commit({"maps/checkout.yaml": swapped})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (checkout,) = data["maps"]
    assert [(s["change"], s["name"], s["old_name"]) for s in checkout["stages"]] == [("renamed", "Pay", "Purchase")]
    # One of the two swapped steps moved relative to the other; not both, not "moved" between stages.
    assert [(s["change"], s["stage"]) for s in checkout["steps"]] == [("reordered", "Pay")]


def test_step_added_removed_renamed_and_edited(cli, repo):
    changed = edit(CHECKOUT, "touchpoint: Checkout page", "touchpoint: Wallet sheet")
    changed = edit(changed, "- name: Searches", "- name: Searches the shop")  # slug changes, content kept
    changed = edit(changed, "      - name: Confirms order\n        emotion: {sam: 1, pat: 1}\n",
                   "      - name: Gets a receipt\n        emotion: {sam: 2, pat: 2}\n")
    repo.commit({"maps/checkout.yaml": changed})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    facts = [(s["change"], s["name"]) for s in data["maps"][0]["steps"]]
    assert facts == [
        ("renamed", "Searches the shop"),
        ("edited", "Enters card details"),
        ("added", "Gets a receipt"),
        ("removed", "Confirms order"),
    ]
    edited = data["maps"][0]["steps"][1]
    assert edited["fields"] == [{"field": "touchpoint", "before": "Checkout page", "after": "Wallet sheet"}]


def test_persona_added_to_a_map(cli, repo):
    with_pat = edit(SUPPORT, "personas: [sam]", "personas: [sam, pat]")
    with_pat = edit(with_pat, "{name: Opens chat, emotion: -1}", "{name: Opens chat, emotion: {sam: -1, pat: 2}}")
    repo.commit({"maps/support.yaml": with_pat})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (support,) = data["maps"]
    assert support["personas_added"] == ["pat"] and support["personas_removed"] == []
    # Scores of the new persona are not "changes"; its line (2, then the shared 1 and 0) appears in the sparklines.
    assert support["emotions"] == []
    assert support["sparklines"] == [{"persona": "pat", "before": None, "after": "█▆▅"}]
    assert "- persona added: `pat`" in diff(cli, repo, "HEAD~1", "HEAD").stdout


def test_pain_points_added_and_resolved(cli, repo):
    changed = edit(
        CHECKOUT, "pain_points: [Card form rejects spaces]", "pain_points: [{text: Wallet times out, severity: high}]"
    )
    changed = edit(changed, "pain_points: [Prices hidden until checkout]",
                   "pain_points: [Prices hidden until checkout]\n        opportunities: [Show delivery cost early]")
    repo.commit({"maps/checkout.yaml": changed})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (checkout,) = data["maps"]
    assert [(p["change"], p["text"], p["step"]) for p in checkout["pain_points"]] == [
        ("added", "Wallet times out", "Enters card details"),
        ("resolved", "Card form rejects spaces", "Enters card details"),
    ]
    assert [(o["change"], o["text"]) for o in checkout["opportunities"]] == [("added", "Show delivery cost early")]
    markdown = diff(cli, repo, "HEAD~1", "HEAD").stdout
    assert "- Resolved: `Card form rejects spaces` — at `Enters card details`" in markdown
    assert "1 pain point added · 1 pain point resolved · 1 opportunity added" in markdown


def test_metadata_changes(cli, repo):
    changed = edit(CHECKOUT, "title: Checkout", "title: Checkout on mobile")
    changed = edit(changed, "owner: Web team", "owner: Payments team\nstate: future")
    changed = edit(changed, "status: draft", "status: review")
    repo.commit({"maps/checkout.yaml": changed})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    assert [(f["field"], f["before"], f["after"]) for f in data["maps"][0]["metadata"]] == [
        ("title", "Checkout", "Checkout on mobile"),
        ("state", "current", "future"),
        ("status", "draft", "review"),
        ("owner", "Web team", "Payments team"),
    ]
    markdown = diff(cli, repo, "HEAD~1", "HEAD").stdout
    assert "### `Checkout on mobile` (`checkout`)" in markdown
    assert "- owner: `Web team` → `Payments team`" in markdown


def test_persona_changes(cli, repo):
    repo.commit({"personas/pat.yaml": "name: Pat Lee\nrole: Grandparent\n", "personas/dev.yaml": "name: Dev\n"})
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    assert [(p["id"], p["change"], [f["field"] for f in p["fields"]]) for p in data["personas"]] == [
        ("dev", "added", []),
        ("pat", "modified", ["role"]),
    ]


def test_invalid_target_exits_1_with_errors_on_stderr(cli, repo):
    repo.commit({"maps/checkout.yaml": edit(CHECKOUT, "status: draft", "status: finished")})
    result = diff(cli, repo, "HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert "maps/checkout.yaml:4:9: error:" in result.stderr
    assert "1 file checked: 1 error, 0 warnings" in result.stderr
    assert "maps/checkout.yaml" not in result.stdout  # stdout stays the clean report
    assert "modified · ⚠️ has errors in this revision" in result.stdout
    data = json.loads(diff(cli, repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    assert data["maps"][0]["invalid_after"] is True and data["errors"] == 1


def test_invalid_base_then_fixed_exits_0(cli, repo):
    repo.commit({"maps/checkout.yaml": edit(CHECKOUT, "status: draft", "status: finished")})
    repo.commit({"maps/checkout.yaml": CHECKOUT})
    result = diff(cli, repo, "HEAD~1", "HEAD")
    assert result.exit_code == 0
    assert "fixed: had errors before" in result.stdout


def test_removed_persona_breaks_an_unchanged_map(cli, repo):
    repo.commit({"personas/pat.yaml": None})
    result = diff(cli, repo, "HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert "maps/checkout.yaml" in result.stderr and "unknown persona 'pat'" in result.stderr


def test_file_over_max_file_size_in_a_revision_is_an_error_not_read(cli, repo):
    repo.commit({"mkdocs.yml": "site_name: x\nplugins:\n  - journeys:\n      max_file_size: 400\n"})
    repo.commit({"maps/checkout.yaml": CHECKOUT + "# padding\n" * 40})
    size = len((repo.root / "maps/checkout.yaml").read_bytes())
    result = diff(cli, repo, "HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert f"maps/checkout.yaml:1:1: error: file is {size:,} bytes, more than the 400-byte limit" in result.stderr


def test_working_tree_is_the_default_target(cli, repo):
    repo.write({"maps/support.yaml": edit(SUPPORT, "title: Getting help", "title: Getting help fast")})
    result = diff(cli, repo, "HEAD")
    assert result.exit_code == 0
    head = repo.git("rev-parse", "HEAD")
    assert f"## Journey changes: `HEAD` (`{head[:12]}`) → working tree" in result.stdout
    assert f"## Journey changes: `{head[:12]}` → working tree" in diff(cli, repo, head).stdout
    assert "- title: `Getting help` → `Getting help fast`" in result.stdout


def test_only_changed_files_are_parsed(repo):
    from journeys.diff import load_revisions

    repo.write({"maps/support.yaml": edit(SUPPORT, "emotion: 1}", "emotion: 2}")})
    revisions = load_revisions(repo.root, "HEAD", None)
    assert list(revisions.changed) == [("map", "support")]
    assert set(revisions.base.loaded) == {("map", "support")}
    assert set(revisions.target.loaded) == {("map", "support")}


def test_user_text_never_becomes_markdown(cli, repo):
    evil = edit(SUPPORT, "{name: Rates the chat, emotion: 0}",
                '{name: "<script>x</script> [x](javascript:x) | `code` @acme/web https://evil.example", emotion: 0}')
    repo.commit({"maps/support.yaml": evil})
    markdown = diff(cli, repo, "HEAD~1", "HEAD").stdout
    # A code span (test_diff_markdown.py renders every field with GitHub's renderer).
    assert "→ ``<script>x</script> [x](javascript:x) | `code` @acme/web https://evil.example``\n" in markdown


def test_subfolder_project_and_each_revisions_own_settings(cli, tmp_path):
    repo = GitProject(tmp_path / "mono")
    config = "site_name: x\nplugins:\n  - journeys:\n      maps_dir: journeys\n"
    repo.commit({"site/mkdocs.yml": config, "site/personas/sam.md": SAM, "site/journeys/support.yaml": SUPPORT})
    renamed_dir = config.replace("maps_dir: journeys", "maps_dir: maps")
    repo.git("mv", "site/journeys", "site/maps")
    repo.commit({"site/mkdocs.yml": renamed_dir})
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root / "site")
    assert result.exit_code == 0, result.output
    assert "No changes to journey maps or personas." in result.stdout  # moved folder, same maps


def test_bad_revision_is_one_line_exit_2(cli, repo):
    result = diff(cli, repo, "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: unknown git revision 'no-such-branch'"
    assert result.stdout == ""


def test_not_a_git_repository_exit_2(cli, tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - journeys\n", encoding="utf-8")
    result = cli("diff", "HEAD", "--project", tmp_path)
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_svg_dir_writes_an_overlay_per_changed_map(cli, repo, tmp_path):
    repo.write({"maps/checkout.yaml": edit(CHECKOUT, "{sam: -2, pat: -1}", "{sam: 0, pat: -1}")})
    out = tmp_path / "svg"
    result = diff(cli, repo, "HEAD", "--svg-dir", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["checkout.svg"]
    svg = (out / "checkout.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") or svg.startswith("<?xml")
    assert "Pat Lee" in svg  # persona names come from the (unchanged) persona files


def test_working_tree_read_through_the_index_equals_full_discovery(repo, tmp_path):
    """Every kind of working-tree state gives the same listing as reading every file."""
    from journeys.config import load_settings
    from journeys.gitrepo import GitRepo
    from journeys.loading.snapshots import _discovered_snapshot, working_tree_snapshot

    repo.commit({"maps/extra.yaml": SUPPORT, "maps/gone.yaml": SUPPORT.replace("help", "gone"),
                 "maps/staged.yaml": SUPPORT.replace("help", "staged"), ".gitignore": "maps/ignored.yaml\n"})
    outside = tmp_path / "outside.yaml"
    outside.write_text(SUPPORT)
    repo.write({
        "maps/checkout.yaml": edit(CHECKOUT, "status: draft", "status: review"),  # modified, unstaged
        "maps/staged.yaml": SUPPORT.replace("help", "staged twice"),
        "maps/new.yaml": SUPPORT,  # untracked
        "maps/ignored.yaml": SUPPORT,  # ignored by git, still content for journeys
        "maps/Bad Name.yaml": SUPPORT,  # invalid id
        "maps/support.md": "---\n" + SUPPORT + "---\n",  # duplicate id of support.yaml
        "maps/sub/deep.yaml": SUPPORT,  # not directly in the folder
        "maps/gone.yaml": None,  # deleted
    })  # fmt: skip
    repo.git("add", "maps/staged.yaml")
    (repo.root / "maps" / "link.yaml").symlink_to(repo.root / "maps" / "extra.yaml")
    (repo.root / "maps" / "escape.yaml").symlink_to(outside)
    (repo.root / "maps" / "extra.yaml").touch()  # same content, new stat data

    settings, issues = load_settings(repo.root)
    fast = working_tree_snapshot(GitRepo(repo.root), 40)
    full = _discovered_snapshot(settings, list(issues), 40)
    assert fast.files == full.files
    assert sorted(map(str, fast.issues)) == sorted(map(str, full.issues))
    assert {path for _, path in [(k, v.path) for k, v in fast.files.items()]} >= {"maps/new.yaml", "maps/ignored.yaml"}
    assert len(fast.data) < len(full.data)  # clean files were not read
