"""The one-paragraph text summary in the diagram's ``<desc>`` (what a screen reader says)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.model import format_score

if TYPE_CHECKING:
    from journeys.labels import Labels
    from journeys.model import JourneyMap, Project, Stage, Step


def describe_map(
    journey: JourneyMap,
    project: Project,
    labels: Labels,
    compare: JourneyMap | None = None,
    *,
    evidence_gaps: bool = False,
) -> str:
    """Stages in order, each persona's lowest and highest moments, how many pain points
    of each severity (the diagram shows severity as a mark; this says it), and with
    ``evidence_gaps``, the steps the diagram marks as having no evidence."""
    stages = [stage.name for stage in journey.stages]
    steps = sum(len(stage.steps) for stage in journey.stages)
    parts = [
        labels(
            "summary_future" if journey.state == "future" else "summary_current",
            title=journey.title,
            stages=labels.count("n_stages", len(stages)),
            names=labels.join(stages),
            steps=labels.count("n_steps", steps),
        )
    ]
    for persona_id in journey.personas:
        parts.append(_persona_sentence(journey, project, persona_id, labels))
    severities = [pain.severity for _, step in journey.steps() for pain in step.pain_points if pain.severity]
    if severities:
        counts = [
            labels("severity_count", n=severities.count(level), level=labels(f"level_{level}"))
            for level in ("high", "medium", "low")
            if level in severities
        ]
        parts.append(labels("summary_pain_counts", counts=labels.join(counts)))
    moments = [step.name for _, step in journey.steps() if step.moment_of_truth]
    if moments:
        parts.append(labels("summary_moments", names=labels.join(moments)))
    details = [
        labels("summary_detail", step=step.name, map=target.title)
        for _, step in journey.steps()
        if (target := project.detail_map(step)) is not None
    ]
    if details:
        parts.append(labels("summary_details", items=labels.join(details)))
    if evidence_gaps:
        parts.append(_evidence_sentence(journey, labels))
    if compare is not None:
        parts.append(labels("summary_compare", title=compare.title))
    return labels("sentence_separator").join(parts)


def _evidence_sentence(journey: JourneyMap, labels: Labels) -> str:
    gaps = [labels("quoted", text=step.name) for _, step in journey.unsupported_steps()]
    coverage = labels.coverage(journey.evidence_coverage())
    if not gaps:
        return labels("summary_evidence", coverage=coverage)
    return labels("summary_evidence_gaps", coverage=coverage, mark=labels("no_evidence"), steps=labels.join(gaps))


def _persona_sentence(journey: JourneyMap, project: Project, persona_id: str, labels: Labels) -> str:
    persona = project.persona(persona_id)
    name = persona.name if persona else persona_id
    scored = [
        (stage, step, score) for stage, step in journey.steps() if (score := step.emotion_for(persona_id)) is not None
    ]
    if not scored:
        return labels("summary_no_scores", name=name)
    lowest = min(scored, key=lambda item: item[2])  # min/max keep the first of equals: journey order
    highest = max(scored, key=lambda item: item[2])
    if lowest[2] == highest[2]:
        return labels("summary_flat", name=name, score=_score(project, lowest[2], labels))
    return labels(
        "summary_range",
        name=name,
        lowest=_moment(project, *lowest, labels),
        highest=_moment(project, *highest, labels),
    )


def _moment(project: Project, stage: Stage, step: Step, score: float, labels: Labels) -> str:
    return labels("summary_moment", step=step.name, stage=stage.name, score=_score(project, score, labels))


def _score(project: Project, score: float, labels: Labels) -> str:
    label = project.scale.label_for(int(score)) if score == int(score) else None
    return labels("summary_score", score=format_score(score), label=label.lower()) if label else format_score(score)
