"""The shipped pre-commit hook, run by the real pre-commit in a scratch repository.

Offline: the hook from .pre-commit-hooks.yaml is used as a ``repo: local`` hook with
``language: system`` (the journeys installed in this environment) instead of letting
pre-commit pip-install journeys into a fresh virtualenv.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gitrepos import GitProject

REPO_ROOT = Path(__file__).resolve().parent.parent
HOOKS_FILE = REPO_ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent

SAM = "name: Sam\n"
GOOD_MAP = "title: Checkout\npersonas: [sam]\nstages:\n  - name: Pay\n    steps:\n      - {name: Pays, emotion: 1}\n"
BAD_MAP = GOOD_MAP.replace("emotion: 1", "emotion: 7")


def hooks() -> list[dict]:
    return yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))


def test_hooks_file_declares_journeys_validate():
    (hook,) = [hook for hook in hooks() if hook["id"] == "journeys-validate"]
    assert hook["id"] == "journeys-validate"
    assert hook["entry"] == "journeys validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("maps/a.yaml", "personas/sam.md", "mkdocs.yml"))
    assert not any(files.search(p) for p in ("docs/index.md", "README.md", "src/mkdocs.yml.bak"))


@pytest.fixture
def repo(tmp_path) -> tuple[GitProject, dict[str, str]]:
    if not (BIN / "pre-commit").is_file():
        pytest.skip("pre-commit is not installed here: pip install -e '.[test]'")
    project = GitProject(tmp_path / "repo")
    local_hooks = [{**hook, "language": "system"} for hook in hooks() if hook["id"] == "journeys-validate"]
    config = {"repos": [{"repo": "local", "hooks": local_hooks}]}
    project.write({".pre-commit-config.yaml": yaml.safe_dump(config, sort_keys=False), "personas/sam.yaml": SAM})
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}  # fmt: skip
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=project.root, env=env, check=True, capture_output=True)
    return project, env


def commit(
    project: GitProject, env: dict[str, str], files: dict[str, str], message: str
) -> subprocess.CompletedProcess:
    project.write(files)
    project.git("add", "-A")
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )


def test_hook_blocks_a_commit_with_an_invalid_map_and_allows_the_fix(repo):
    project, env = repo
    done = commit(project, env, {"maps/checkout.yaml": BAD_MAP}, "bad map")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert re.search(r"journeys validate\.+Failed", output)
    assert "maps/checkout.yaml:6:31: error:" in output
    with pytest.raises(subprocess.CalledProcessError):
        project.git("rev-parse", "--verify", "HEAD")  # nothing was committed

    done = commit(project, env, {"maps/checkout.yaml": GOOD_MAP}, "good map")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"journeys validate\.+Passed", done.stdout + done.stderr)


def test_hook_skips_commits_that_touch_no_content(repo):
    project, env = repo
    assert commit(project, env, {"maps/checkout.yaml": GOOD_MAP}, "map").returncode == 0
    done = commit(project, env, {"notes.txt": "hello\n"}, "notes only")
    assert done.returncode == 0
    assert re.search(r"journeys validate\.+\(no files to check\)Skipped", done.stdout + done.stderr)
