"""Every label journeys writes, in the reader's language: one catalogue, keyed by stable ids.

Each shipped language is a module here (``en.py`` is the source; the others translate
it key for key). :class:`Labels` is what the diagram, the pages and the templates ask:
``labels("pain_points")``, ``labels.count("n_steps", 3)``, ``labels.date(day)``. Labels
are data, never markup: whatever writes them escapes them like user text.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import string
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from journeys.issues import did_you_mean
from journeys.safety import FORBIDDEN_CHARACTER

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from journeys.model import EvidenceCoverage

#: The shipped languages (ISO 639-1 codes), English first: it is the source and the fallback.
LANGUAGES = ("en", "de", "es", "fr", "ja", "pt")
DEFAULT_LANGUAGE = "en"
#: Languages that count zero as one ("0 étape"); the others use the singular for 1 alone.
_ZERO_IS_ONE = frozenset({"fr", "pt"})


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(language: str) -> Mapping[str, str]:
    """The labels of a shipped ``language``, by key."""
    if language not in LANGUAGES:
        raise KeyError(language)
    texts: Mapping[str, str] = importlib.import_module(f"journeys.labels.{language}").LABELS
    return texts


def language_code(written: str) -> str | None:
    """The shipped language ``written`` names (``de``, ``de-CH``, ``pt_BR``, ``JA``), or None."""
    primary = written.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None


def fields(text: str) -> set[str]:
    """The ``{names}`` a label fills in; ValueError for unbalanced braces."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@dataclass(frozen=True)
class Labels:
    """The labels of one language, with the project's overrides (key -> text)."""

    language: str = DEFAULT_LANGUAGE
    overrides: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {**catalogue(self.language), **dict(self.overrides)}

    def __call__(self, key: str, **values: object) -> str:
        """The label ``key``, its ``{names}`` filled in from ``values``.

        When a value is markup (a page's ``<code>``), the label comes back as markup:
        its own text and every other value escaped, as a label is data, never markup.
        """
        text = self._texts[key]
        if any(isinstance(value, Markup) for value in values.values()):
            return escape(text).format(**values)
        return text.format(**values) if values else text

    def count(self, key: str, n: int, **values: object) -> str:
        """The singular (``key_one``) or plural (``key_other``) label for ``n`` things."""
        one = n == 1 or (n == 0 and self.language in _ZERO_IS_ONE)
        return self(f"{key}_{'one' if one else 'other'}", n=n, **values)

    def join(self, items: Iterable[str]) -> str:
        """Items of a list in a sentence: ``a, b, c`` (``a、b、c`` in Japanese)."""
        return self("list_separator").join(items)

    def coverage(self, coverage: EvidenceCoverage) -> str:
        """``12 of 16 steps (75 %)``: how many of a map's steps rest on evidence."""
        if coverage.percent is None:
            return self("evidence_coverage_empty")
        return self.count("evidence_coverage", coverage.total, supported=coverage.supported, percent=coverage.percent)

    def date(self, value: _dt.date | str) -> str:
        """A date as the language writes it: ``30 November 2026``, ``2026年11月30日``.

        Text that is not an ISO date is shown as it is.
        """
        if isinstance(value, str):
            try:
                day = _dt.date.fromisoformat(value)
            except ValueError:
                return value
        else:
            day = value
        shown = self("day_first") if day.day == 1 else str(day.day)
        return self("date", day=shown, month=self(f"month_{day.month}"), year=day.year)


ENGLISH = Labels()
#: Longest override accepted (the longest shipped labels are a few sentences).
MAX_LABEL_LENGTH = 1_000


def override_problems(overrides: Mapping[object, object]) -> tuple[tuple[tuple[str, str], ...], list[tuple[str, str]]]:
    """The usable ``labels:`` overrides, and (key, problem) for each one that is not.

    An override must name a key of the catalogue, be one line of text, and fill in
    exactly the ``{names}`` the English label does.
    """
    english = catalogue(DEFAULT_LANGUAGE)
    usable: list[tuple[str, str]] = []
    problems: list[tuple[str, str]] = []
    for key, text in overrides.items():
        name = str(key)
        if name not in english:
            problems.append((name, f"unknown label '{name}'{did_you_mean(name, english)}"))
            continue
        problem = _text_problem(text, fields(english[name]))
        if problem is not None:
            problems.append((name, f"the label '{name}' {problem}"))
        else:
            usable.append((name, str(text)))
    return tuple(sorted(usable)), problems


def _text_problem(text: object, wanted: set[str]) -> str | None:
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_LABEL_LENGTH:
        return f"must be text of 1 to {MAX_LABEL_LENGTH:,} characters"
    if FORBIDDEN_CHARACTER.search(text) or any(space in text for space in "\t\n\r"):
        return "must be one line of text without control characters"
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return "has an unmatched '{' or '}' (write '{{' or '}}' for a brace)"
    if any(spec or conversion for _, name, spec, conversion in parts if name is not None):
        # '{name:>999999999}' would cost a gigabyte: a label fills in plain names only.
        return "may only fill in plain {names}, without a format (':...') or conversion ('!...')"
    names = {name for _, name, _, _ in parts if name is not None}
    if names != wanted:
        shown = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "no {names}"
        return f"must fill in {shown}, as the English label does"
    return None
