"""Problems found in a user's files, reported as ``path:line:col: severity: message``.

Every stage of the pipeline reports bad input as an :class:`Issue` instead of raising:
one run collects every problem so a team can fix them all at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from journeys.codes import is_registered

if TYPE_CHECKING:
    from collections.abc import Iterable

Severity = Literal["error", "warning"]

# C0 and C1 control characters: a newline or an ANSI escape in user text (say, a quoted
# key) must not start a forged "path:line:col: error:" line or restyle the terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``)."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based position in a project file; ``path`` is relative to the project."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Issue:
    location: Location
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        # A code is a public interface (JSON output, annotations): each is registered once.
        if not is_registered(self.code):
            raise ValueError(f"issue code {self.code!r} is not registered in journeys.codes")

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def __str__(self) -> str:
        return one_line(f"{self.location}: {self.severity}: {self.message}")

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint like `` — did you mean 'sam'?`` or ``""`` when nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" — did you mean '{matches[0]}'?" if matches else ""


def has_errors(issues: Iterable[Issue]) -> bool:
    """True when ``issues`` should fail a run."""
    return any(issue.severity == "error" for issue in issues)


def promote_warnings(issues: Iterable[Issue]) -> list[Issue]:
    """``--strict``: every warning becomes an error, so it fails the run too."""
    return [issue if issue.severity == "error" else replace(issue, severity="error") for issue in issues]
