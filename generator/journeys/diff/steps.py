"""Follow stages and steps from one version of a map to the next.

Steps are matched by id (the slug of the name unless the file gives one). A step
whose id changed but whose content did not is a rename, not a removal plus an
addition; a stage whose id changed but which kept most of its steps is a rename too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeys.diff.changes import DetailChange, FieldChange, StageChange, StepChange
from journeys.diff.values import field_changes, pair_unique, persona_text_changes

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from journeys.model import JourneyMap, Stage, Step

#: Step fields reported as "edited"; emotions, pain points, opportunities and detail links have their own facts.
STEP_FIELDS = ("touchpoint", "channel", "actions", "thoughts", "feeling", "backstage", "owner", "evidence",
               "moment_of_truth")  # fmt: skip
#: Of those, the fields that may hold a text per persona.
PERSONA_TEXT_FIELDS = ("actions", "thoughts", "feeling")


@dataclass(frozen=True)
class StepMatch:
    """Old step id -> new step id for every step that exists in both versions."""

    pairs: dict[str, str]
    stage_pairs: dict[str, str]


def lcs_outsiders(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """Items of ``after`` outside a longest common subsequence: the fewest that "moved"."""
    lengths = [[0] * (len(after) + 1) for _ in range(len(before) + 1)]
    for i in range(len(before) - 1, -1, -1):
        for j in range(len(after) - 1, -1, -1):
            lengths[i][j] = (
                lengths[i + 1][j + 1] + 1 if before[i] == after[j] else max(lengths[i + 1][j], lengths[i][j + 1])
            )
    kept: set[str] = set()
    i = j = 0
    while i < len(before) and j < len(after):
        if before[i] == after[j]:
            kept.add(after[j])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return set(after) - kept


def _step_content(step: Step) -> Hashable:
    """Everything about a step except its name and id: equal content means a rename."""
    fields = tuple(getattr(step, name) for name in STEP_FIELDS)
    return (fields, step.emotions, step.pain_points, step.opportunities, step.detail)


def match_stages(before: JourneyMap, after: JourneyMap) -> dict[str, str]:
    """Old stage id -> new stage id: same id, or most of the same steps."""
    old_ids = [stage.id for stage in before.stages]
    new_ids = {stage.id for stage in after.stages}
    pairs = {stage_id: stage_id for stage_id in old_ids if stage_id in new_ids}
    new_steps = {stage.id: {step.id for step in stage.steps} for stage in after.stages if stage.id not in pairs}
    for stage in before.stages:
        if stage.id in pairs or not stage.steps:
            continue
        steps = {step.id for step in stage.steps}
        best = max(
            (candidate for candidate in new_steps if candidate not in pairs.values()),
            key=lambda candidate: (len(steps & new_steps[candidate]), candidate),
            default=None,
        )
        if best is not None and 2 * len(steps & new_steps[best]) >= len(steps | new_steps[best]):
            pairs[stage.id] = best
    return pairs


def match_steps(before: JourneyMap, after: JourneyMap) -> StepMatch:
    old_steps = {step.id: step for _, step in before.steps()}
    new_steps = {step.id: step for _, step in after.steps()}
    pairs = {step_id: step_id for step_id in old_steps if step_id in new_steps}
    removed = {step_id: _step_content(step) for step_id, step in old_steps.items() if step_id not in new_steps}
    added = {step_id: _step_content(step) for step_id, step in new_steps.items() if step_id not in old_steps}
    pairs.update(pair_unique(removed, added))
    return StepMatch(pairs=pairs, stage_pairs=match_stages(before, after))


def stage_changes(before: JourneyMap, after: JourneyMap, match: StepMatch) -> list[StageChange]:
    old_by_id = {stage.id: stage for stage in before.stages}
    new_to_old = {new: old for old, new in match.stage_pairs.items()}
    order_before = [match.stage_pairs[stage.id] for stage in before.stages if stage.id in match.stage_pairs]
    order_after = [stage.id for stage in after.stages if stage.id in new_to_old]
    reordered = lcs_outsiders(order_before, order_after)
    changes: list[StageChange] = []
    for stage in after.stages:
        old = old_by_id.get(new_to_old.get(stage.id, ""))
        if old is None:
            changes.append(StageChange("added", stage.id, stage.name))
            continue
        if old.name != stage.name:
            changes.append(StageChange("renamed", stage.id, stage.name, old_name=old.name))
        if stage.id in reordered:
            changes.append(StageChange("reordered", stage.id, stage.name))
    changes += [StageChange("removed", s.id, s.name) for s in before.stages if s.id not in match.stage_pairs]
    return changes


def step_changes(before: JourneyMap, after: JourneyMap, match: StepMatch) -> list[StepChange]:
    old_steps = {step.id: (stage, step) for stage, step in before.steps()}
    new_to_old = {new: old for old, new in match.pairs.items()}
    reordered = _reordered_steps(before, after, match)
    # Whose own texts are compared: the new map's personas, then any it dropped.
    personas = after.personas + tuple(p for p in before.personas if p not in after.personas)
    changes: list[StepChange] = []
    for stage, step in after.steps():
        old_id = new_to_old.get(step.id)
        if old_id is None:
            changes.append(StepChange("added", step.id, step.name, stage.name))
            continue
        old_stage, old_step = old_steps[old_id]
        changes += _matched_step_changes(old_stage, old_step, stage, step, match, step.id in reordered, personas)
    changes += [
        StepChange("removed", step.id, step.name, stage.name)
        for stage, step in before.steps()
        if step.id not in match.pairs
    ]
    return changes


def _matched_step_changes(
    old_stage: Stage, old_step: Step, stage: Stage, step: Step, match: StepMatch, reordered: bool,
    personas: Sequence[str],
) -> list[StepChange]:
    changes = []
    if old_step.id != step.id or old_step.name != step.name:
        changes.append(
            StepChange("renamed", step.id, step.name, stage.name, old_name=old_step.name, old_id=old_step.id)
        )
    if match.stage_pairs.get(old_stage.id) != stage.id:
        changes.append(StepChange("moved", step.id, step.name, stage.name, from_stage=old_stage.name))
    elif reordered:
        changes.append(StepChange("reordered", step.id, step.name, stage.name))
    edits = _edits(old_step, step, personas)
    if edits:
        changes.append(StepChange("edited", step.id, step.name, stage.name, fields=edits))
    return changes


def _edits(before: Step, after: Step, personas: Sequence[str]) -> tuple[FieldChange, ...]:
    """The edited fields in the order of STEP_FIELDS; per-persona texts per persona."""
    return tuple(
        change
        for name in STEP_FIELDS
        for change in (
            persona_text_changes(name, getattr(before, name), getattr(after, name), personas)
            if name in PERSONA_TEXT_FIELDS
            else field_changes(before, after, (name,))
        )
    )


def detail_changes(before: JourneyMap, after: JourneyMap, match: StepMatch) -> list[DetailChange]:
    """Detail links added, removed or pointed at another map, step by step in journey
    order; then the links of steps that were removed with their step."""
    old_steps = {step.id: step for _, step in before.steps()}
    new_to_old = {new: old for old, new in match.pairs.items()}
    changes = []
    for _, step in after.steps():
        old = old_steps.get(new_to_old.get(step.id, ""))
        was = old.detail if old is not None else None
        if was == step.detail:
            continue
        kind: Literal["added", "removed", "changed"] = (
            "added" if was is None else "removed" if step.detail is None else "changed"
        )
        changes.append(DetailChange(kind, step.id, step.name, was, step.detail))
    changes += [
        DetailChange("removed", step.id, step.name, step.detail, None)
        for _, step in before.steps()
        if step.detail is not None and step.id not in match.pairs
    ]
    return changes


def _reordered_steps(before: JourneyMap, after: JourneyMap, match: StepMatch) -> set[str]:
    """Steps that stayed in their stage but changed place relative to the others there."""
    reordered: set[str] = set()
    for old_stage in before.stages:
        new_stage_id = match.stage_pairs.get(old_stage.id)
        new_stage = next((stage for stage in after.stages if stage.id == new_stage_id), None)
        if new_stage is None:
            continue
        staying = {new for old, new in match.pairs.items() if any(s.id == old for s in old_stage.steps)}
        order_after = [step.id for step in new_stage.steps if step.id in staying]
        order_before = [match.pairs[step.id] for step in old_stage.steps if match.pairs.get(step.id) in order_after]
        reordered |= lcs_outsiders(order_before, order_after)
    return reordered

