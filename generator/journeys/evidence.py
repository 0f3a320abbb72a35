"""``journeys validate --require-evidence``: a warning at each step that rests on no research.

Which steps count as supported is the model's rule (:attr:`journeys.model.Step.has_evidence`);
this module only turns the gaps into issues at each step's own line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.issues import Issue

if TYPE_CHECKING:
    from collections.abc import Iterable

    from journeys.model import JourneyMap


def evidence_issues(maps: Iterable[JourneyMap]) -> list[Issue]:
    """A ``step-without-evidence`` warning for every step of ``maps`` without evidence."""
    return [
        Issue(
            step.location,
            "warning",
            "step-without-evidence",
            f"step '{step.name}' has no evidence; add an `evidence:` entry naming the research behind it",
        )
        for journey in maps
        for _, step in journey.unsupported_steps()
    ]
