"""The one-paragraph text summary in the diagram's ``<desc>`` (what a screen reader says)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.model import format_score

if TYPE_CHECKING:
    from journeys.model import JourneyMap, Project, Stage, Step


def describe_map(
    journey: JourneyMap, project: Project, compare: JourneyMap | None = None, *, evidence_gaps: bool = False
) -> str:
    """Stages in order, then each persona's lowest and highest moments (and, with
    ``evidence_gaps``, the steps the diagram marks as having no evidence)."""
    stages = [stage.name for stage in journey.stages]
    steps = sum(len(stage.steps) for stage in journey.stages)
    state = "future-state" if journey.state == "future" else "current-state"
    parts = [
        f"{state.capitalize()} journey map \u201c{journey.title}\u201d: "
        f"{_count(len(stages), 'stage')} ({', '.join(stages)}) with {_count(steps, 'step')}."
    ]
    for persona_id in journey.personas:
        parts.append(_persona_sentence(journey, project, persona_id))
    moments = [step.name for _, step in journey.steps() if step.moment_of_truth]
    if moments:
        parts.append(f"Moments of truth: {', '.join(moments)}.")
    details = [
        f"\u201c{step.name}\u201d in \u201c{target.title}\u201d"
        for _, step in journey.steps()
        if (target := project.detail_map(step)) is not None
    ]
    if details:
        parts.append(f"Steps detailed in maps of their own: {', '.join(details)}.")
    if evidence_gaps:
        parts.append(_evidence_sentence(journey))
    if compare is not None:
        parts.append(f"The faded lines show the same personas in \u201c{compare.title}\u201d, matched by step.")
    return " ".join(parts)


def _evidence_sentence(journey: JourneyMap) -> str:
    gaps = [f"\u201c{step.name}\u201d" for _, step in journey.unsupported_steps()]
    coverage = journey.evidence_coverage().describe()
    if not gaps:
        return f"Evidence: {coverage}."
    return f"Evidence: {coverage}; marked \u201cNo evidence\u201d: {', '.join(gaps)}."


def _persona_sentence(journey: JourneyMap, project: Project, persona_id: str) -> str:
    persona = project.persona(persona_id)
    name = persona.name if persona else persona_id
    scored = [
        (stage, step, score) for stage, step in journey.steps() if (score := step.emotion_for(persona_id)) is not None
    ]
    if not scored:
        return f"{name} has no emotion scores."
    lowest = min(scored, key=lambda item: item[2])  # min/max keep the first of equals: journey order
    highest = max(scored, key=lambda item: item[2])
    if lowest[2] == highest[2]:
        return f"{name} feels {_score(project, lowest[2])} throughout."
    return f"{name} is lowest at {_moment(project, *lowest)} and highest at {_moment(project, *highest)}."


def _moment(project: Project, stage: Stage, step: Step, score: float) -> str:
    return f"\u201c{step.name}\u201d ({stage.name}, {_score(project, score)})"


def _score(project: Project, score: float) -> str:
    label = project.scale.label_for(int(score)) if score == int(score) else None
    return f"{format_score(score)}, {label.lower()}" if label else format_score(score)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
