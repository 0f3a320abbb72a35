"""journeys: customer journey maps from text in git."""

from __future__ import annotations

# First, before any module imports `mkdocs`: the site engine is ProperDocs when it is
# installed (it then answers `mkdocs.*` imports), else MkDocs.
from journeys.publish import engine as _engine  # noqa: F401

__version__ = "0.1.0"
