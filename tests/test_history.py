"""Freshness from git history: last change per file, and validate --max-age."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepos import GitProject
from journeys.history import last_changes

MAP = "title: {title}\npersonas: [sam]\nstages:\n  - name: One\n    steps:\n      - {{name: Step, emotion: 1}}\n"
SAM = "name: Sam\n"
OLD = "2020-01-02T03:04:05+00:00"
RECENT = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@pytest.fixture
def repo(tmp_path):
    project = GitProject(tmp_path / "repo")
    project.commit({"personas/sam.yaml": SAM, "maps/old.yaml": MAP.format(title="Old"),
                    "maps/fresh.yaml": MAP.format(title="Fresh v1")}, "base", date=OLD)  # fmt: skip
    project.git("config", "user.name", "Second Author")
    project.commit({"maps/fresh.yaml": MAP.format(title="Fresh v2")}, "edit", date=RECENT)
    return project


def test_last_change_per_file_from_one_log_pass(repo):
    changes = last_changes(repo.root, ["maps/old.yaml", "maps/fresh.yaml", "maps/untracked.yaml"])
    assert sorted(changes) == ["maps/fresh.yaml", "maps/old.yaml"]
    assert changes["maps/old.yaml"].date == dt.datetime.fromisoformat(OLD)
    assert changes["maps/old.yaml"].author == "Test Author"
    assert changes["maps/fresh.yaml"].author == "Second Author"
    assert changes["maps/fresh.yaml"].commit == repo.git("rev-parse", "HEAD")


def test_project_in_a_subfolder(tmp_path):
    project = GitProject(tmp_path / "mono")
    project.commit({"site/maps/a.yaml": "x\n", "maps/a.yaml": "y\n"}, "one", date=OLD)
    project.commit({"maps/a.yaml": "z\n"}, "two", date=RECENT)  # same name outside the project
    changes = last_changes(project.root / "site", ["maps/a.yaml"])
    assert changes["maps/a.yaml"].date == dt.datetime.fromisoformat(OLD)


def test_no_git_repository_means_no_entries(tmp_path):
    assert last_changes(tmp_path, ["maps/a.yaml"]) == {}


def test_many_files_and_a_long_history(tmp_path):
    project = GitProject(tmp_path / "big")
    project.commit({f"maps/m{i:03}.yaml": f"n: {i}\n" for i in range(300)}, "all", date=OLD)
    for i in range(0, 300, 60):
        project.commit({f"maps/m{i:03}.yaml": "changed\n"}, f"edit {i}", date=RECENT)
    changes = last_changes(project.root, [f"maps/m{i:03}.yaml" for i in range(300)])
    assert len(changes) == 300
    recent = sorted(p for p, c in changes.items() if c.date.year > 2020)
    assert recent == [f"maps/m{i:03}.yaml" for i in range(0, 300, 60)]


def test_validate_max_age_warns_about_stale_maps_only(cli, repo):
    result = cli("validate", repo.root, "--max-age", "30")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(": warning: ")[0] for line in lines if "stale" in line or "last changed" in line] == [
        "maps/old.yaml:1:1"
    ]
    assert "map 'old' was last changed" in result.output and "(2020-01-02 by Test Author)" in result.output
    assert "fresh" not in result.output


def test_validate_max_age_json_code_and_strict(cli, repo):
    import json

    issues = json.loads(cli("validate", repo.root, "--max-age", "30", "--format", "json").output)
    assert [(i["code"], i["severity"], i["path"]) for i in issues] == [("stale-map", "warning", "maps/old.yaml")]
    assert cli("validate", repo.root, "--max-age", "30", "--strict").exit_code == 1
    assert cli("validate", repo.root, "--max-age", "100000").output.endswith("no problems\n")


def test_validate_max_age_without_git_is_quiet(cli, tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "sam.yaml").write_text(SAM)
    (tmp_path / "maps" / "a.yaml").write_text(MAP.format(title="A"))
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - journeys\n")
    result = cli("validate", tmp_path, "--max-age", "0")
    assert result.exit_code == 0
    assert "no problems" in result.output


def test_validate_max_age_when_git_is_missing(tmp_path, repo):
    """A real process with a PATH that has no git: no warning, no traceback."""
    journeys = Path(sys.executable).parent / "journeys"
    assert journeys.is_file(), "the package's console script is installed next to this Python"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "journeys").symlink_to(journeys)
    done = subprocess.run(
        [str(bin_dir / "journeys"), "validate", str(repo.root), "--max-age", "1"],
        env={"PATH": str(bin_dir)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "stale" not in done.stdout


def test_max_age_with_watch_is_a_usage_error(cli, repo):
    result = cli("validate", repo.root, "--max-age", "3", "--watch")
    assert result.exit_code == 2
