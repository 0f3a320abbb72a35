"""What changed inside one journey map: metadata, stages, steps, emotions, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeys.diff.changes import EmotionChange, FieldChange, NoteChange, Sparkline
from journeys.diff.steps import detail_changes, match_steps, stage_changes, step_changes
from journeys.diff.values import field_changes

if TYPE_CHECKING:
    from journeys.diff.steps import StepMatch
    from journeys.model import EmotionScale, JourneyMap, Opportunity, PainPoint, Step

#: Map fields reported as metadata changes (personas have their own added/removed facts).
MAP_FIELDS = ("title", "description", "state", "status", "owner", "compares_to", "tags", "updated", "metrics")
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
#: A step where the persona has no score.
SPARK_GAP = "·"


def compare_maps(before: JourneyMap, after: JourneyMap, scale: EmotionScale) -> dict[str, Any]:
    """The detail fields of a ``MapDiff`` for two valid versions of one map."""
    match = match_steps(before, after)
    metadata = field_changes(before, after, MAP_FIELDS)
    if before.narrative != after.narrative:
        metadata += (FieldChange("narrative", "changed", "changed"),)
    return {
        "metadata": metadata,
        "personas_added": tuple(p for p in after.personas if p not in before.personas),
        "personas_removed": tuple(p for p in before.personas if p not in after.personas),
        "stages": tuple(stage_changes(before, after, match)),
        "steps": tuple(step_changes(before, after, match)),
        "emotions": tuple(emotion_changes(before, after, match)),
        "pain_points": tuple(note_changes(before, after, "pain_points", ("severity",))),
        "opportunities": tuple(note_changes(before, after, "opportunities", ("impact", "effort"))),
        "detail_links": tuple(detail_changes(before, after, match)),
        "sparklines": tuple(sparklines(before, after, scale)),
    }


def emotion_changes(before: JourneyMap, after: JourneyMap, match: StepMatch) -> list[EmotionChange]:
    """Score changes of personas on both versions, at steps on both versions, in journey order.

    A persona added to or removed from the map is one fact of its own (and a new line in
    the sparkline), not one emotion change per step.
    """
    old_steps = {step.id: step for _, step in before.steps()}
    new_to_old = {new: old for old, new in match.pairs.items()}
    personas = [p for p in after.personas if p in before.personas]
    changes = []
    for _, step in after.steps():
        old = old_steps.get(new_to_old.get(step.id, ""))
        if old is None:
            continue
        for persona in personas:
            was, now = old.emotion_for(persona), step.emotion_for(persona)
            if was != now:
                changes.append(EmotionChange(step.id, step.name, persona, was, now))
    return changes


def _notes(journey: JourneyMap, lane: str) -> dict[str, tuple[Step, PainPoint | Opportunity]]:
    """Each note text of a lane, with the first step that carries it."""
    notes: dict[str, tuple[Step, PainPoint | Opportunity]] = {}
    for _, step in journey.steps():
        for note in getattr(step, lane):
            notes.setdefault(note.text, (step, note))
    return notes


def note_changes(before: JourneyMap, after: JourneyMap, lane: str, ratings: tuple[str, ...]) -> list[NoteChange]:
    """Pain points or opportunities added, resolved (gone), or re-rated; matched by text."""
    old, new = _notes(before, lane), _notes(after, lane)
    changes = []
    for text, (step, note) in new.items():
        if text not in old:
            changes.append(NoteChange("added", text, step.id, step.name))
            continue
        rerated = field_changes(old[text][1], note, ratings)
        if rerated:
            changes.append(NoteChange("changed", text, step.id, step.name, rerated))
    changes += [NoteChange("resolved", text, step.id, step.name) for text, (step, _) in old.items() if text not in new]
    return changes


def sparkline(journey: JourneyMap, persona: str, scale: EmotionScale) -> str:
    """One block character per step, its height the persona's score on the scale."""
    span = scale.maximum - scale.minimum
    chars = []
    for _, step in journey.steps():
        score = step.emotion_for(persona)
        if score is None:
            chars.append(SPARK_GAP)
        else:
            level = round((score - scale.minimum) / span * (len(SPARK_BLOCKS) - 1))
            chars.append(SPARK_BLOCKS[min(max(level, 0), len(SPARK_BLOCKS) - 1)])
    return "".join(chars)


def sparklines(before: JourneyMap, after: JourneyMap, scale: EmotionScale) -> list[Sparkline]:
    """Before/after lines of every persona whose line looks different."""
    lines = []
    for persona in list(after.personas) + [p for p in before.personas if p not in after.personas]:
        was = sparkline(before, persona, scale) if persona in before.personas else None
        now = sparkline(after, persona, scale) if persona in after.personas else None
        if was != now:
            lines.append(Sparkline(persona, was, now))
    return lines


def single_sparklines(journey: JourneyMap, scale: EmotionScale, *, added: bool) -> tuple[Sparkline, ...]:
    """The lines of a map that exists on one side only."""
    return tuple(
        Sparkline(p, None if added else sparkline(journey, p, scale), sparkline(journey, p, scale) if added else None)
        for p in journey.personas
    )

