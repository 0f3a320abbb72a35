"""Metrics on the site: each as a sentence and a small bullet chart against its target.

The map page groups a map's metrics by stage; the metrics roll-up lists every metric of
every map, off-target first. Both show the same :class:`MetricView`, so the sentence a
screen reader hears, the chart and the status word always agree. Whether a metric is
on target is decided by :func:`journeys.quantities.read_metric`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from journeys.quantities import distance, read_metric
from journeys.render.svg import attr, text

if TYPE_CHECKING:
    from journeys.labels import Labels
    from journeys.model import JourneyMap, Metric
    from journeys.quantities import Reading

WIDTH = 140
HEIGHT = 18
#: Room past the larger of value and target, so the target tick never sits on the edge.
HEADROOM = 1.2
#: Roll-up order: off target first, then metrics that cannot be judged, then on target.
STATUS_RANK = {"off target": 0, None: 1, "on target": 2}
#: The label of each ``direction``.
DIRECTION_TEXT = {"down": "lower_is_better", "up": "higher_is_better"}
#: The label of each status (None: the metric cannot be judged).
STATUS_TEXT = {"off target": "off_target", "on target": "on_target", None: "not_judged"}


@dataclass(frozen=True)
class MetricView:
    metric: Metric
    reading: Reading
    #: "68% against a target of 50%, lower is better: off target".
    description: str
    #: The bullet chart (empty when value and target are not comparable numbers).
    chart: Markup
    #: The status in words: on target, off target, not judged.
    status_text: str

    @property
    def status(self) -> str | None:
        return self.reading.status

    @property
    def css(self) -> str:
        return status_class(self.status)

    @property
    def sort_key(self) -> tuple[int, float]:
        """Off target first, the furthest from its target first; the rest in map order."""
        return STATUS_RANK[self.status], -distance(self.reading) if self.status == "off target" else 0.0


def status_class(status: str | None) -> str:
    """``off-target``, ``on-target`` or ``unjudged``: how the chart and the status word look."""
    return status.replace(" ", "-") if status else "unjudged"


def describe(metric: Metric, reading: Reading, labels: Labels) -> str:
    sentence = metric.value
    if metric.target:
        sentence = labels("metric_against", value=sentence, target=metric.target)
        if reading.value is not None and reading.target is not None and not reading.comparable:
            sentence = labels("metric_units", text=sentence)
    if metric.direction:
        sentence = labels("metric_direction", text=sentence, direction=labels(DIRECTION_TEXT[metric.direction]))
    if reading.status:
        sentence = labels("metric_status", text=sentence, status=labels(STATUS_TEXT[reading.status]))
    return sentence


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def bullet_chart(reading: Reading, description: str, css: str) -> str:
    """A bar for the value on a track, and a tick for the target; '' when not comparable.

    The track runs from zero (or the lowest number, if negative) to the top of a score's
    scale (``/ 5``) or a little past the larger number.
    """
    if not reading.comparable or reading.value is None or reading.target is None:
        return ""
    value, target = reading.value.number, reading.target.number
    low = min(0.0, value, target)
    high = reading.value.scale or max(value, target, 0.0) * HEADROOM
    span = (high - low) or 1.0

    def x(number: float) -> float:
        return (min(max(number, low), high) - low) / span * WIDTH

    start, end = sorted((x(0.0 if low == 0 else low), x(value)))
    label = attr(description)
    return (
        f'<svg class="journeys-bullet journeys-{css}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{label}" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f"<title>{text(description)}</title>"
        f'<rect class="journeys-bullet-track" x="0" y="3" width="{WIDTH}" height="{HEIGHT - 6}" rx="2"/>'
        f'<rect class="journeys-bullet-value" x="{_number(start)}" y="6" width="{_number(max(end - start, 1))}" '
        f'height="{HEIGHT - 12}"/>'
        f'<line class="journeys-bullet-target" x1="{_number(x(target))}" y1="1" x2="{_number(x(target))}" '
        f'y2="{HEIGHT - 1}"/></svg>'
    )


@lru_cache(maxsize=4096)
def metric_view(metric: Metric, labels: Labels) -> MetricView:
    reading = read_metric(metric)
    description = describe(metric, reading, labels)
    chart = bullet_chart(reading, description, status_class(reading.status))
    return MetricView(metric, reading, description, Markup(chart), labels(STATUS_TEXT[reading.status]))


def metric_groups(journey: JourneyMap, labels: Labels) -> list[tuple[str, list[MetricView]]]:
    """The map's metrics by stage, in journey order; whole-journey metrics first."""
    groups: dict[str, list[MetricView]] = {}
    whole = labels("whole_journey")
    stages = [whole, *(stage.name for stage in journey.stages)]
    for metric in journey.metrics:
        groups.setdefault(metric.stage or whole, []).append(metric_view(metric, labels))
    return [(name, groups[name]) for name in dict.fromkeys(stages) if name in groups]
