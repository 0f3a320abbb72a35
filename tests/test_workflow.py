"""The shipped GitHub workflow: valid YAML, the right triggers, and every `run:` step
executed for real against the example content in a scratch git repository (a base
commit, then a pull-request commit that changes a map)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gitrepos import GitProject
from journeys.cli import main as journeys_cli

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = REPO_ROOT / ".github" / "workflows" / "journeys.yml"
#: What the example repository publishes: copied into the scratch repository.
EXAMPLE_CONTENT = ("mkdocs.yml", "maps", "personas", "docs", "themes")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
#: The map the pull-request commit edits, and how.
CHANGED_MAP = "maps/laptop-purchase.md"


def load_workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_steps() -> list[tuple[str, str, dict]]:
    """(job, step name, step) for every step with a ``run:`` command."""
    return [
        (job_id, step.get("name", step["run"]), step)
        for job_id, job in load_workflow()["jobs"].items()
        for step in job["steps"]
        if "run" in step
    ]


def test_workflow_is_valid_yaml_with_the_promised_triggers_and_steps():
    workflow = load_workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    review = workflow["jobs"]["review"]
    assert review["if"] == "github.event_name == 'pull_request'"
    commands = [step.get("run", "") for step in review["steps"]]
    assert any(c.startswith("journeys validate --format github") for c in commands)
    assert any(c.startswith("journeys diff") and "$GITHUB_STEP_SUMMARY" in c for c in commands)
    assert any(c.startswith("journeys build --strict") for c in commands)
    uploads = [s for s in review["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert [s["with"]["path"] for s in uploads] == ["journey-diff/", "site/"]
    checkout = review["steps"][0]
    assert checkout["uses"].startswith("actions/checkout") and checkout["with"]["fetch-depth"] == 0
    publish = workflow["jobs"]["publish"]
    assert publish["if"] == "github.event_name == 'push'"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in publish["steps"])


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory) -> tuple[GitProject, str]:
    """A scratch repository: the example content, then a commit changing one map."""
    if not (REPO_ROOT / CHANGED_MAP).is_file():
        pytest.skip(f"the example map {CHANGED_MAP} is not in this checkout")
    repo = GitProject(tmp_path_factory.mktemp("workflow") / "checkout")
    for name in EXAMPLE_CONTENT:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo.root / name)
        elif source.is_file():
            shutil.copy2(source, repo.root / name)
    base = repo.commit(message="base branch")
    text = (repo.root / CHANGED_MAP).read_text(encoding="utf-8")
    changed = re.sub(r"^status: \w+$", "status: review", text, count=1, flags=re.M)
    changed = re.sub(r"emotion: -?\d+(\.\d+)?", "emotion: 2", changed, count=1)
    assert changed != text, "the example map no longer has the lines this test edits"
    repo.commit({CHANGED_MAP: changed}, "the pull request")
    return repo, base


def substitute(text: str, values: dict[str, str]) -> str:
    """Replace GitHub ``${{ }}`` expressions; an unknown one fails (keep test and workflow in step)."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            pytest.fail(f"the workflow uses ${{{{ {match.group(1)} }}}}; teach tests/test_workflow.py its local value")
        return values[match.group(1)]

    return EXPRESSION.sub(value, text)


def skip_reason(command: str) -> str | None:
    if re.match(r"python -m pip install\b", command):
        return "installs journeys; the tests run in an environment where it is already installed"
    used = re.match(r"journeys (\w+)", command)
    if used and used.group(1) not in journeys_cli.commands:
        return f"'journeys {used.group(1)}' is not implemented yet"
    return None


@pytest.mark.parametrize(("job", "name", "step"), run_steps(), ids=[f"{j}: {n}" for j, n, _ in run_steps()])
def test_run_step_works_on_the_example_content(job, name, step, pull_request, tmp_path):
    repo, base = pull_request
    command = step["run"]
    reason = skip_reason(command)
    if reason:
        pytest.skip(reason)
    expressions = {"github.event.pull_request.base.sha": base}
    summary = tmp_path / "step-summary.md"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(repo.root),
        **{key: substitute(str(value), expressions) for key, value in step.get("env", {}).items()},
    }
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", substitute(command, expressions)],
        cwd=repo.root, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    if command.startswith("journeys diff"):
        report = summary.read_text(encoding="utf-8")
        assert report.startswith("## Journey changes:")
        assert "(`laptop-purchase`)" in report and "- status: `approved` → `review`" in report
        assert (repo.root / "journey-diff" / "laptop-purchase.svg").is_file()
    if command.startswith("journeys build"):
        assert (repo.root / "site" / "index.html").is_file()
    if command.startswith("journeys validate --format github"):
        assert "::error" not in done.stdout
