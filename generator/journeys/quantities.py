"""Numbers in metric values as people write them: ``68%``, ``9 min``, ``3.1 / 5``, ``£4.50``.

A metric's ``value`` and ``target`` stay text, shown as written; this module reads the
number and unit out of that text when there is one, and judges a value against its
target. Validation (a value and target in different units) and the site (bullet charts,
the metrics roll-up) both use it, so a metric is read and judged in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from journeys.model import Metric

Status = Literal["on target", "off target"]

_CURRENCY = "£$€¥"
#: At most 15 significant digits: a float keeps them exactly, and nothing overflows.
_NUMBER = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?|\.\d{1,6}"
_QUANTITY = re.compile(
    rf"""\s*
    (?:(?P<sign>[+\-\u2212])\s*)?
    (?P<currency>[{_CURRENCY}])?\s*
    (?P<number>{_NUMBER})
    \s*(?:
        /\s*(?P<scale>{_NUMBER})          # 3.1 / 5: a score out of five
      | (?P<unit>[^\d\s/][^\d/]{{0,39}}?)  # %, min, working days, EUR
    )?\s*\Z""",
    re.VERBOSE,
)
#: A sign after the currency symbol reads the same: '£-4.50' is '-£4.50'.
_SIGN_AFTER_CURRENCY = re.compile(rf"([{_CURRENCY}])\s*([+\-\u2212])")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit; ``unit`` is the normalised form compared across texts
    (``£``, ``%``, ``min``, ``/5``, or empty for a bare number)."""

    number: float
    unit: str = ""
    #: The top of a score's scale (5 for ``3.1 / 5``), a natural end for a chart.
    scale: float | None = None


def _float(text: str) -> float:
    return float(text.replace(",", ""))


@lru_cache(maxsize=4096)
def parse_quantity(text: str) -> Quantity | None:
    """The number and unit ``text`` is written as; ``None`` when it is not one number."""
    match = _QUANTITY.match(_SIGN_AFTER_CURRENCY.sub(r"\2\1", text))
    if match is None:
        return None
    number = _float(match["number"])
    if match["sign"] in ("-", "\u2212"):
        number = -number
    if match["scale"] is not None:
        scale = _float(match["scale"])
        return Quantity(number, f"/{scale:g}", scale)
    unit = " ".join((match["unit"] or "").split()).casefold()
    return Quantity(number, " ".join(filter(None, (match["currency"], unit))))


@dataclass(frozen=True, slots=True)
class Reading:
    """A metric's value against its target, as far as the metric allows."""

    value: Quantity | None
    target: Quantity | None
    #: Whether the value meets the target; ``None`` when that cannot be said (text that is
    #: not a number, no target, no direction, or a value and target in different units).
    status: Status | None

    @property
    def comparable(self) -> bool:
        """A value and a target that are numbers in the same unit."""
        return self.value is not None and self.target is not None and self.value.unit == self.target.unit


def read_metric(metric: Metric) -> Reading:
    """The one rule for judging a metric: with ``direction: down`` a value at or below the
    target is on target, with ``up`` one at or above it."""
    value = parse_quantity(metric.value)
    target = parse_quantity(metric.target) if metric.target else None
    reading = Reading(value, target, None)
    if not reading.comparable or metric.direction is None or value is None or target is None:
        return reading
    met = value.number <= target.number if metric.direction == "down" else value.number >= target.number
    return Reading(value, target, "on target" if met else "off target")


def distance(reading: Reading) -> float:
    """How far the value is from its target, relative to the target (0 when not comparable)."""
    if not reading.comparable or reading.value is None or reading.target is None:
        return 0.0
    gap = abs(reading.value.number - reading.target.number)
    return gap / abs(reading.target.number) if reading.target.number else gap
