"""Issue output for people (text), machines (JSON) and GitHub Actions (annotations)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from journeys.issues import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from journeys.issues import Issue

FORMATS = ("text", "json", "github")


def summary(issues: Sequence[Issue], files: int) -> str:
    errors = sum(1 for issue in issues if issue.severity == "error")
    warnings = len(issues) - errors
    if not issues:
        return f"{_count(files, 'file')} checked: no problems"
    return f"{_count(files, 'file')} checked: {_count(errors, 'error')}, {_count(warnings, 'warning')}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def format_issues(issues: Sequence[Issue], fmt: str, files: int) -> str:
    if fmt == "json":
        return json.dumps([issue.as_dict() for issue in issues], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(github_annotation(issue) for issue in issues)
    lines = [str(issue) for issue in issues]
    lines.append(summary(issues, files))
    return "\n".join(lines)


def github_annotation(issue: Issue) -> str:
    """A workflow command; GitHub needs %, CR, LF (and , : in properties) escaped."""
    level = "error" if issue.severity == "error" else "warning"
    props = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in (("file", issue.path), ("line", issue.line), ("col", issue.column), ("title", issue.code))
    )
    return f"::{level} {props}::{_escape_data(one_line(issue.message))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(one_line(text)).replace(":", "%3A").replace(",", "%2C")
