"""journeys: customer journey maps from text in git."""

from __future__ import annotations

__version__ = "0.1.0"
