"""A whole site in each shipped language: no English label remains in any page or diagram.

The fixture project's own text is made-up words, so any English text in what journeys
wrote is a label it did not translate. Each label of the English catalogue that the
language words differently is searched for (its literal parts, between its ``{names}``),
after the language's own labels are taken out of the text (German "Journey Maps" holds
the English "Map"); so is any of a few English function words, which catches a sentence
written in code that never went through the catalogue. Text in ``<code>`` (the names of
fields to write, such as ``impact``) is not a label.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from journeys.labels import LANGUAGES, catalogue
from journeys.site.search import SEARCH_JS
from site_checks import mkdocs_build

if TYPE_CHECKING:
    from pathlib import Path

#: The mkdocs theme's locale for each language (so the theme's own words match too).
THEME_LOCALES = {"en": "en", "de": "de", "es": "es", "fr": "fr", "ja": "ja", "pt": "pt_BR"}
#: English words no other shipped language writes; one in a page is an untranslated sentence.
ENGLISH_WORDS = re.compile(r"\b(?:the|and|with|by|at|are|has|have|this|that|than|yet|each|every)\b")
#: Attributes whose text people read or hear.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-count", "data-noun")

PERSONA = """\
---
name: Qoro Vix
role: Zib zab
quote: Flib flob
goals: [Gonk]
frustrations: [Frunk]
behaviours: [Bonk]
channels: [wub]
tags: [blip]
---
Flum plim.
"""
MAIN_MAP = """\
title: Zubzub
description: Dorp
personas: [qoro, vex]
owner: Plonk
status: review
tags: [blip]
updated: 2026-11-30
stages:
  - name: Frob
    goal: Gorp
    steps:
      - name: Narf
        touchpoint: Tik
        channel: wub
        actions: Doz
        thoughts: {qoro: Hrm, vex: Pff}
        emotion: {qoro: -2, vex: 1}
        feeling: {qoro: Grr, vex: Yip}
        pain_points: [{text: Blorp, severity: high}, Blarp]
        opportunities: [{text: Snib, impact: high, effort: low}, {text: Snob, impact: low, effort: high}, Snab]
        backstage: Kwa
        owner: Pib
        evidence: [Zonk]
        moment_of_truth: true
        detail: zubsub
  - name: Frab
    steps:
      - name: Norf
        emotion: 1
        feeling: Hmz
metrics:
  - {name: Quux, value: 68%, target: 50%, direction: down, stage: Frob, measured: 2026-11-30}
  - {name: Quuz, value: Zimzam}
  - {name: Quuy, value: 9, target: 5, direction: up}
"""
DETAIL_MAP = """\
title: Zubsub
personas: [qoro]
stages:
  - name: Frib
    steps:
      - {name: Nerf, emotion: 0}
"""
FUTURE_MAP = """\
title: Zubfut
personas: [qoro]
state: future
compares_to: zub
stages:
  - name: Frob
    steps:
      - {name: Narf, emotion: 1}
"""


class _ReadText(HTMLParser):
    """The text people read in what journeys wrote: the page's title, and everything
    inside the ``journeys`` blocks (text and read attributes, not ``<code>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._depth = 0  # nesting of <div> inside a journeys block (0: outside)
        self._skip = 0  # inside <code>, <style> or <script>
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div" and (self._depth or "journeys" in (values.get("class") or "").split()):
            self._depth += 1
        if tag in ("code", "style", "script"):
            self._skip += 1
        self._title = tag == "title" and not self._depth
        if self._depth:
            self.pieces += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        if tag in ("code", "style", "script"):
            self._skip -= 1
        self._title = False

    def handle_data(self, data: str) -> None:
        if (self._depth or self._title) and not self._skip:
            self.pieces.append(data)


def read_text(html: str) -> str:
    parser = _ReadText()
    parser.feed(html)
    return "\n".join(parser.pieces)


def _parts(text: str) -> list[str]:
    """A label's literal parts, between its ``{names}``."""
    return [part.strip() for part in re.split(r"\{\w+\}", text) if part.strip()]


def leftovers(text: str, language: str) -> list[str]:
    """English labels (and English words) found in ``text`` written in ``language``."""
    english, own = catalogue("en"), catalogue(language)
    for part in sorted({part for label in own.values() for part in _parts(label)}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w]){re.escape(part)}(?![\w])", "\n", text)
    found = []
    for key, label in english.items():
        if own[key] == label:
            continue  # a loanword the language keeps
        for part in _parts(label):
            if re.search(r"[A-Za-z]{3}", part) and re.search(rf"(?<![\w]){re.escape(part)}(?![\w])", text):
                found.append(f"{key}: {part!r}")
    found += [f"English word {word!r}" for word in sorted(set(ENGLISH_WORDS.findall(text)))]
    return found


@pytest.fixture(scope="module", params=LANGUAGES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The fixture project built with ``language: <language>``, once per language."""
    language: str = request.param
    root = tmp_path_factory.mktemp(f"site-{language}")
    files = {
        "mkdocs.yml": (
            f"site_name: Qzv\ntheme:\n  name: mkdocs\n  locale: {THEME_LOCALES[language]}\n"
            f"plugins:\n  - search\n  - journeys:\n      language: {language}\n      show_evidence: true\n"
        ),
        "personas/qoro.md": PERSONA,
        "personas/vex.yaml": "name: Vex Qo\n",
        "maps/zub.yaml": MAIN_MAP,
        "maps/zubsub.yaml": DETAIL_MAP,
        "maps/zubfut.yaml": FUTURE_MAP,
        "docs/.keep": "",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return language, root / "site"


def written_by_journeys(site: Path) -> dict[str, str]:
    """Every page and diagram journeys wrote, as the text people read in it."""
    pages = {
        path.relative_to(site).as_posix(): read_text(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html"
    }
    for svg in sorted(site.rglob("*.svg")):
        pages[svg.relative_to(site).as_posix()] = re.sub(r"<[^>]+>", "\n", svg.read_text(encoding="utf-8"))
    return pages


def test_no_english_label_remains_in_the_pages_or_diagrams(built: tuple[str, Path]) -> None:
    language, site = built
    pages = written_by_journeys(site)
    assert {"index.html", "maps/zub/index.html", "personas/qoro/index.html", "maps/zub.svg"} <= set(pages)
    assert "journeys/opportunities/index.html" in pages and "journeys/metrics/index.html" in pages
    assert catalogue(language)["no_evidence"] in pages["maps/zubsub.svg"]  # show_evidence's mark
    if language == "en":
        assert leftovers(pages["maps/zub/index.html"], "de"), "the check finds English labels at all"
        return
    found = {page: problems for page, text in pages.items() if (problems := leftovers(text, language))}
    assert found == {}


def test_the_pages_say_their_labels_in_the_language(built: tuple[str, Path]) -> None:
    language, site = built
    page = read_text((site / "maps" / "zub" / "index.html").read_text(encoding="utf-8"))
    labels = catalogue(language)
    assert labels["pain_points"] in page and labels["moment_of_truth"] in page
    assert {"en": "30 November 2026", "de": "30. November 2026", "ja": "2026年11月30日"}.get(language, "2026") in page
    svg = (site / "maps" / "zub.svg").read_text(encoding="utf-8")
    assert f">{labels['lane_emotions']}<" in svg and labels["scale_very_negative"] in svg
    # A label ending in ':' keeps the space before the link after it.
    future = (site / "maps" / "zubfut" / "index.html").read_text(encoding="utf-8")
    assert f"{html.escape(labels['improves_current'], quote=False)}\n<a href=" in future
    # The search box's script is written with the site's words.
    script = (site / SEARCH_JS).read_text(encoding="utf-8")
    words = json.loads(re.search(r"/\*journeys:words\*/(\{.*?\});\n", script).group(1))
    assert words["search_none"] == labels["search_none"]
    assert words["values"]["state"]["future"] == labels["state_future"]


def test_a_material_site_in_german_gets_german_labels_and_overrides_stay_text(tmp_path: Path) -> None:
    """The plugin reads Material's ``theme.language`` (the CLI's reading is in test_language),
    and a label overridden in the config is escaped wherever it is written."""
    files = {
        "mkdocs.yml": (
            "site_name: Qzv\ntheme:\n  name: material\n  language: de\nplugins:\n  - journeys:\n"
            "      labels: {owner: '<i>Eigner</i>', lane_steps: '<b>Schritte</b>'}\n"
        ),
        "personas/qoro.md": PERSONA,
        "personas/vex.yaml": "name: Vex Qo\n",
        "maps/zub.yaml": MAIN_MAP,
        "maps/zubsub.yaml": DETAIL_MAP,
        "maps/kaputt.yaml": DETAIL_MAP.replace("personas: [qoro]", "personas: [niemand]"),
        "docs/.keep": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    result = mkdocs_build(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "maps" / "zub" / "index.html").read_text(encoding="utf-8")
    assert "Aktualisiert" in read_text(html) and leftovers(read_text(html), "de") == []
    # An override is text like any user text: escaped on the page and in the diagram.
    assert "<dt>&lt;i&gt;Eigner&lt;/i&gt;</dt>" in html and "<i>Eigner" not in html
    assert ">&lt;b&gt;Schritte&lt;/b&gt;<" in (tmp_path / "site" / "maps" / "zub.svg").read_text("utf-8")
    # The catalogue's banner of problems in the content (the messages themselves are English).
    catalogue_page = read_text((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert "1 Fehler im Inhalt." in catalogue_page and "Ausgelassen, bis behoben:" in catalogue_page


def test_changing_the_language_is_never_served_from_the_build_cache(tmp_path: Path) -> None:
    files = {"personas/qoro.md": PERSONA, "maps/zubsub.yaml": DETAIL_MAP, "docs/.keep": ""}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    for language in ("de", "ja"):
        config = f"site_name: Qzv\nplugins:\n  - journeys:\n      language: {language}\n"
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
        page = read_text((tmp_path / "site" / "maps" / "zubsub" / "index.html").read_text(encoding="utf-8"))
        assert catalogue(language)["personas"] in page and catalogue(language)["status"] in page
