"""Evidence coverage (issue 10, part 3): the model's share of supported steps,
``validate --require-evidence`` and the diagram's ``show_evidence`` marks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from issue_helpers import load
from journeys.model import EvidenceCoverage

#: Five steps, three with evidence: one a list of two, one a single link, one an empty
#: list (which is no evidence at all). Line numbers matter to the warnings below.
EVIDENCE_MAP = """\
title: Renewing a home insurance policy
personas: [sam]
stages:
  - name: Notice
    steps:
      - name: Reads the renewal letter
        emotion: -1
        evidence: ["Interviews, May 2026 (P2, P5)", "Complaints sample, Q1 2026"]
      - name: Compares quotes
        emotion: 0
        evidence: []
  - name: Decide
    steps:
      - name: Calls to haggle
        emotion: -2
        evidence: ["https://example.org/call-study"]
      - name: Accepts the new price
        emotion: 1
      - name: Gets the documents
        emotion: 1
        evidence: [Web analytics, Q2 2026]
"""

#: Every step has evidence.
SUPPORTED_MAP = """\
title: Making a claim
personas: [sam]
stages:
  - name: Claim
    steps:
      - name: Reports the leak
        emotion: -1
        evidence: [Claims audit 2026]
"""


@pytest.fixture
def evidence_project(make_project) -> Path:
    return make_project({"maps/renewal.yaml": EVIDENCE_MAP, "maps/claim.yaml": SUPPORTED_MAP})


def independent_count(text: str) -> tuple[int, int]:
    """(steps with at least one evidence entry, all steps), read with plain PyYAML."""
    steps = [step for stage in yaml.safe_load(text)["stages"] for step in stage["steps"]]
    return sum(1 for step in steps if step.get("evidence")), len(steps)


def test_coverage_of_a_fixture_matches_an_independent_count(evidence_project: Path) -> None:
    project = load(evidence_project)[0].project
    for map_id, text in (("renewal", EVIDENCE_MAP), ("claim", SUPPORTED_MAP)):
        coverage = project.map(map_id).evidence_coverage()
        assert (coverage.supported, coverage.total) == independent_count(text)
    renewal = project.map("renewal")
    assert renewal.evidence_coverage().describe() == "3 of 5 steps (60\u00a0%)"
    assert [step.name for _, step in renewal.unsupported_steps()] == ["Compares quotes", "Accepts the new price"]


@pytest.mark.parametrize(
    ("supported", "total", "percent", "text"),
    [
        (12, 16, 75, "12 of 16 steps (75\u00a0%)"),
        (15, 16, 93, "15 of 16 steps (93\u00a0%)"),  # rounded down: only a complete map shows 100
        (1, 1, 100, "1 of 1 step (100\u00a0%)"),
        (0, 3, 0, "0 of 3 steps (0\u00a0%)"),
        (0, 0, None, "0 of 0 steps"),
    ],
)
def test_coverage_text(supported: int, total: int, percent: int | None, text: str) -> None:
    coverage = EvidenceCoverage(supported, total)
    assert (coverage.percent, coverage.describe()) == (percent, text)


# -- journeys validate --require-evidence -------------------------------------------------------


GAP_WARNINGS = [
    "maps/renewal.yaml:9:9: warning: step 'Compares quotes' has no evidence; "
    "add an `evidence:` entry naming the research behind it",
    "maps/renewal.yaml:17:9: warning: step 'Accepts the new price' has no evidence; "
    "add an `evidence:` entry naming the research behind it",
]


def test_evidence_is_not_required_by_default(cli, evidence_project: Path) -> None:
    result = cli("validate", evidence_project)
    assert (result.exit_code, result.stdout) == (0, "3 files checked: no problems\n")


def test_require_evidence_warns_at_each_unsupported_step(cli, evidence_project: Path) -> None:
    result = cli("validate", "--require-evidence", evidence_project)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [*GAP_WARNINGS, "3 files checked: 0 errors, 2 warnings"]


def test_require_evidence_with_strict_fails(cli, evidence_project: Path) -> None:
    result = cli("validate", "--require-evidence", "--strict", evidence_project)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        *(line.replace(": warning: ", ": error: ") for line in GAP_WARNINGS),
        "3 files checked: 2 errors, 0 warnings",
    ]


def test_require_evidence_reports_its_code_to_tools(cli, evidence_project: Path) -> None:
    result = cli("validate", "--require-evidence", "--format", "json", evidence_project)
    issues = json.loads(result.stdout)
    assert [(i["line"], i["column"], i["code"], i["severity"]) for i in issues] == [
        (9, 9, "step-without-evidence", "warning"),
        (17, 9, "step-without-evidence", "warning"),
    ]


# -- show_evidence in the diagram ---------------------------------------------------------------


def rendered(cli, root: Path, tmp_path: Path) -> str:
    out = tmp_path / "svg"
    result = cli("render", root, "--out", out, "--map", "renewal")
    assert result.exit_code == 0, result.output
    return (out / "renewal.svg").read_text(encoding="utf-8")


def marked_columns(svg: str) -> tuple[list[str], int]:
    """Names of the steps whose column holds a "No evidence" label, and how many dashed marks."""
    names = {x: name for x, name in re.findall(r'<text class="t-name" x="([\d.]+)" y="[\d.]+">([^<]+)</text>', svg)}
    labels = re.findall(r'<text class="t-gap" x="([\d.]+)" y="[\d.]+">No evidence</text>', svg)
    return [names[x] for x in labels], svg.count('<rect class="evidence-gap"')


def test_show_evidence_marks_only_the_unsupported_steps(cli, make_project, tmp_path: Path) -> None:
    config = "site_name: t\nplugins:\n  - journeys:\n      show_evidence: true\n"
    root = make_project({"maps/renewal.yaml": EVIDENCE_MAP, "mkdocs.yml": config})
    svg = rendered(cli, root, tmp_path)
    assert marked_columns(svg) == (["Compares quotes", "Accepts the new price"], 2)
    assert "<title>No research evidence recorded for this step</title>" in svg
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert description.endswith(
        "Evidence: 3 of 5 steps (60\u00a0%); marked \u201cNo evidence\u201d: "
        "\u201cCompares quotes\u201d, \u201cAccepts the new price\u201d."
    )


def test_without_show_evidence_the_diagram_has_no_marks_and_no_rules_for_them(
    cli, evidence_project: Path, tmp_path: Path
) -> None:
    svg = rendered(cli, evidence_project, tmp_path)
    assert marked_columns(svg) == ([], 0)
    assert "evidence-gap" not in svg and "t-gap" not in svg and "Evidence:" not in svg


def test_show_evidence_must_be_true_or_false(cli, make_project) -> None:
    config = "site_name: t\nplugins:\n  - journeys:\n      show_evidence: sometimes\n"
    result = cli("validate", make_project({"mkdocs.yml": config}))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "mkdocs.yml:4:7: error: journeys option 'show_evidence': "
        "Expected type: <class 'bool'> but received: <class 'str'>"
    )


def test_catalogue_group_by_is_deprecated(cli, make_project) -> None:
    config = "site_name: t\nplugins:\n  - journeys:\n      catalogue_group_by: stage\n"
    result = cli("validate", make_project({"mkdocs.yml": config}))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "mkdocs.yml:4:7: warning: journeys option 'catalogue_group_by': "
        "has no effect any more: the catalogue lists each map once, with filters; remove it"
    )


def test_watch_keeps_requiring_evidence(evidence_project: Path) -> None:
    import threading

    from journeys import app

    stop, changes = threading.Event(), []

    def on_change(change: app.ValidationChange) -> None:
        changes.append(change)
        stop.set()

    watcher = threading.Thread(
        target=app.watch_validation,
        args=(evidence_project, on_change),
        kwargs={"stop": stop, "require_evidence": True},
    )
    watcher.start()
    watcher.join(timeout=20)
    assert not watcher.is_alive()
    assert [str(issue) for issue in changes[0].new] == GAP_WARNINGS
