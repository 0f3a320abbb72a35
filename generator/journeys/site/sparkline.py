"""A tiny inline emotion line for a persona across one map (on persona pages).

Deterministic (fixed size, two-decimal coordinates) and accessible: the SVG has
``role="img"`` and a text alternative saying where the journey starts, ends and hits
its lowest point, so the picture is never the only way to learn that.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from journeys.labels import ENGLISH, Labels
from journeys.model import format_score

if TYPE_CHECKING:
    from journeys.model import EmotionScale, JourneyMap

WIDTH = 120
HEIGHT = 28
PAD = 3


def _number(value: float) -> str:
    """Coordinates as short, stable text: ``3``, ``6.5``."""
    return f"{round(value, 2):g}"


def persona_scores(journey: JourneyMap, persona_id: str) -> list[tuple[str, float]]:
    """(step name, score) for every step where the persona has a score, in order."""
    scores = []
    for _, step in journey.steps():
        score = step.emotion_for(persona_id)
        if score is not None:
            scores.append((step.name, score))
    return scores


def sparkline_description(scores: list[tuple[str, float]], labels: Labels) -> str:
    if not scores:
        return labels("sparkline_none")
    lowest_step, lowest = min(scores, key=lambda item: item[1])
    first, last = scores[0][1], scores[-1][1]
    return labels(
        "sparkline",
        steps=labels.count("n_steps", len(scores)),
        first=format_score(first),
        last=format_score(last),
        lowest=format_score(lowest),
        step=lowest_step,
    )


def sparkline_svg(
    scores: list[tuple[str, float]], scale: EmotionScale, who: str | None = None, *, labels: Labels = ENGLISH
) -> str:
    """An SVG line of ``scores`` scaled to ``scale``; a dashed baseline marks neutral.

    ``who`` (a persona's name) starts the text alternative where several lines sit together.
    """
    description = sparkline_description(scores, labels)
    label = escape(labels("persona_text", who=who, text=description) if who else description)
    span = scale.maximum - scale.minimum or 1

    def y(score: float) -> str:
        return _number(PAD + (scale.maximum - score) / span * (HEIGHT - 2 * PAD))

    step = (WIDTH - 2 * PAD) / max(1, len(scores) - 1)
    points = " ".join(f"{_number(PAD + index * step)},{y(score)}" for index, (_, score) in enumerate(scores))
    neutral = y(min(max(0, scale.minimum), scale.maximum))
    if len(scores) > 1:
        line = (
            f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="2" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    else:
        centre = _number(WIDTH / 2)
        line = "".join(f'<circle cx="{centre}" cy="{y(score)}" r="2.5" fill="currentColor"/>' for _, score in scores)
    return (
        f'<svg class="journeys-sparkline" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"><title>{label}</title>'
        f'<line x1="{PAD}" y1="{neutral}" x2="{WIDTH - PAD}" y2="{neutral}" stroke="currentColor" '
        f'stroke-opacity="0.35" stroke-dasharray="3 3"/>{line}</svg>'
    )
