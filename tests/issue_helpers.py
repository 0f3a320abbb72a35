"""Helpers shared by the loading/validation/CLI tests: run the real pipeline on a folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.config import load_settings
from journeys.loading.project import LoadResult, load_project

if TYPE_CHECKING:
    from pathlib import Path

    from journeys.issues import Issue

#: A valid map whose line numbers the tests rely on (line 1 is ``title``).
VALID_MAP = """\
title: Buying a laptop online
personas: [sam]
stages:
  - name: Purchase
    steps:
      - name: Enters card details
        emotion: -1
"""


def load(root: Path) -> tuple[LoadResult, list[Issue]]:
    """The loaded project and every issue, config issues first (as the CLI reports them)."""
    settings, config_issues = load_settings(root)
    result = load_project(settings)
    return result, config_issues + list(result.issues)


def issue_lines(root: Path) -> list[str]:
    """Every issue as the user reads it: ``path:line:col: severity: message``."""
    return [str(issue) for issue in load(root)[1]]


def errors(root: Path) -> list[str]:
    return [str(issue) for issue in load(root)[1] if issue.severity == "error"]


PAT = "---\nname: Pat Lee\nrole: Buyer\n---\n"


def step_map(step_lines: str, personas: str = "[sam]") -> str:
    """A map with one stage and one step whose extra lines start on line 7."""
    return (
        "title: Buying a laptop online\n"
        f"personas: {personas}\n"
        "stages:\n"
        "  - name: Purchase\n"
        "    steps:\n"
        "      - name: Enters card details\n"
        + step_lines
    )
