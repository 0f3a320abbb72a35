"""The facts a semantic diff reports, as plain immutable records.

Every output (Markdown for a pull request, JSON for machines) is rendered from these
records, so both always carry the same facts. Lists of changes are flat "facts" with
a ``change`` kind rather than nested trees: easy to count, filter and render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ItemChangeKind = Literal["added", "removed", "renamed", "modified"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value differs; values are display text, None when absent."""

    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class PersonaFieldChange(FieldChange):
    """One persona's own ``actions``, ``thoughts`` or ``feeling`` at a step changed."""

    persona: str


@dataclass(frozen=True, slots=True)
class StageChange:
    change: Literal["added", "removed", "renamed", "reordered"]
    stage_id: str
    name: str
    old_name: str | None = None


@dataclass(frozen=True, slots=True)
class StepChange:
    """One fact about a step; a step both renamed and moved gives two facts."""

    change: Literal["added", "removed", "moved", "reordered", "renamed", "edited"]
    step_id: str
    name: str
    stage: str
    #: For "moved": the stage it left. For "renamed": the old name (and old id in old_id).
    from_stage: str | None = None
    old_name: str | None = None
    old_id: str | None = None
    #: For "edited": what changed besides emotions, pain points and opportunities.
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class EmotionChange:
    step_id: str
    step: str
    persona: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        # Rounded so -0.3 -> -0.1 reads 0.2, not 0.19999999999999998.
        return round(self.after - self.before, 6)


@dataclass(frozen=True, slots=True)
class NoteChange:
    """A pain point or an opportunity that appeared, disappeared or was re-rated."""

    change: Literal["added", "resolved", "changed"]
    text: str
    step_id: str
    step: str
    #: severity for pain points; impact/effort for opportunities ("impact: high").
    details: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class DetailChange:
    """A step's link to the map that details it appeared, disappeared or names another map."""

    change: Literal["added", "removed", "changed"]
    step_id: str
    step: str
    #: The detail map's id before and after; None on the side without a link.
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class Sparkline:
    """A persona's emotion line before and after, one character per step."""

    persona: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class MapDiff:
    id: str
    title: str
    change: ItemChangeKind
    path: str
    old_id: str | None = None
    old_path: str | None = None
    #: A side that exists but does not validate cannot be compared in detail.
    invalid_before: bool = False
    invalid_after: bool = False
    metadata: tuple[FieldChange, ...] = ()
    personas_added: tuple[str, ...] = ()
    personas_removed: tuple[str, ...] = ()
    stages: tuple[StageChange, ...] = ()
    steps: tuple[StepChange, ...] = ()
    emotions: tuple[EmotionChange, ...] = ()
    pain_points: tuple[NoteChange, ...] = ()
    opportunities: tuple[NoteChange, ...] = ()
    detail_links: tuple[DetailChange, ...] = ()
    sparklines: tuple[Sparkline, ...] = ()
    #: Size of the map as it is now (as it was, for a removed map); 0 when invalid.
    stage_count: int = 0
    step_count: int = 0

    @property
    def has_details(self) -> bool:
        return bool(
            self.metadata or self.personas_added or self.personas_removed or self.stages or self.steps
            or self.emotions or self.pain_points or self.opportunities or self.detail_links
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class PersonaDiff:
    id: str
    name: str
    change: ItemChangeKind
    path: str
    old_id: str | None = None
    old_path: str | None = None
    invalid_before: bool = False
    invalid_after: bool = False
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class ProjectDiff:
    """Everything that changed between two revisions, maps and personas sorted by id."""

    #: The revisions as given (``origin/main``, ``HEAD``; "working tree") and their commit ids.
    base: str
    target: str
    base_commit: str | None = None
    target_commit: str | None = None
    maps: tuple[MapDiff, ...] = ()
    personas: tuple[PersonaDiff, ...] = ()
    #: Errors found in the target revision's changed files.
    errors: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.maps and not self.personas
