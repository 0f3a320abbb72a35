"""Labels in the reader's language: the catalogue, the ``language`` and ``labels`` options,
dates, the diagram's words, and text measurement for the shipped scripts (CJK included)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from markupsafe import Markup

from issue_helpers import VALID_MAP, load
from journeys.config import load_settings
from journeys.labels import LANGUAGES, Labels, catalogue, fields, language_code
from journeys.render import render_map_svg, textmetrics
from journeys.render.layout import layout_map
from journeys.render.textstyle import TextStyles
from journeys.render.theme import load_theme

ENGLISH = catalogue("en")


def config(journeys_options: str = "", theme: str = "  name: mkdocs\n") -> str:
    """An mkdocs.yml with a theme block and journeys options (each line indented 6)."""
    return f"site_name: Qz\ntheme:\n{theme}plugins:\n  - journeys:\n" + journeys_options


# -- the catalogue ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_english_key_and_no_other(language: str) -> None:
    assert set(catalogue(language)) == set(ENGLISH)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_fills_in_the_fields_of_its_english_label(language: str) -> None:
    texts = catalogue(language)
    assert {key: fields(texts[key]) for key in ENGLISH} == {key: fields(text) for key, text in ENGLISH.items()}


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_no_sentence_is_the_english_one_left_in_place(language: str) -> None:
    """Loanwords teams keep (Status, Backstage, Touchpoint, Persona) may be the English
    word; a label of three words or more never is."""
    texts = catalogue(language)
    words = {key: re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", "", text)) for key, text in ENGLISH.items()}
    assert [key for key, text in ENGLISH.items() if texts[key] == text and len(words[key]) >= 3] == []


def test_established_terms() -> None:
    assert catalogue("de")["lane_pain_points"] == "Pain Points"
    assert catalogue("fr")["pain_points"] == "Points de friction"
    assert "parcours client" in catalogue("fr")["n_maps_one"]
    assert catalogue("ja")["catalogue_title"] == "カスタマージャーニーマップ"
    assert catalogue("ja")["pain_points"] == "ペインポイント"


def test_language_codes_as_themes_write_them() -> None:
    assert [language_code(code) for code in ("de", "de-CH", "pt_BR", "JA", "zh", "")] == [
        "de", "de", "pt", "ja", None, None
    ]


def test_counts_choose_singular_or_plural_per_language() -> None:
    assert [Labels("en").count("n_steps", n) for n in (0, 1, 2)] == ["0 steps", "1 step", "2 steps"]
    assert [Labels("fr").count("n_steps", n) for n in (0, 1, 2)] == ["0 étape", "1 étape", "2 étapes"]
    assert Labels("ja").count("n_steps", 3) == "3ステップ"


def test_a_label_filled_with_markup_escapes_its_own_text_and_every_other_value() -> None:
    labels = Labels("en", (("tree_intro", "<b>{detail}</b> & more"),))
    filled = labels("tree_intro", detail=Markup("<code>detail</code>"))
    assert filled == "&lt;b&gt;<code>detail</code>&lt;/b&gt; &amp; more"
    assert labels("about", name="<i>") == "About <i>"  # plain text: whoever writes it escapes it


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 November 2026"),
        ("de", "30. November 2026"),
        ("fr", "30 novembre 2026"),
        ("es", "30 de noviembre de 2026"),
        ("pt", "30 de novembro de 2026"),
        ("ja", "2026年11月30日"),
    ],
)
def test_dates_follow_the_language(language: str, expected: str) -> None:
    assert Labels(language).date(dt.date(2026, 11, 30)) == expected
    assert Labels(language).date("2026-11-30") == expected


def test_the_first_of_the_month_as_french_and_portuguese_write_it() -> None:
    assert Labels("fr").date(dt.date(2026, 5, 1)) == "1er mai 2026"
    assert Labels("pt").date("2026-05-01") == "1º de maio de 2026"
    assert Labels("en").date("not a date") == "not a date"


# -- the options ------------------------------------------------------------------------------


def test_the_language_option_chooses_the_labels(make_project) -> None:
    settings, issues = load_settings(make_project({"mkdocs.yml": config("      language: ja\n")}))
    assert issues == [] and settings.labels.language == "ja"
    assert settings.scale.label_for(-2) == "とてもネガティブ"


def test_the_default_follows_materials_theme_language(make_project) -> None:
    settings, issues = load_settings(make_project({"mkdocs.yml": config(theme="  name: material\n  language: de\n")}))
    assert issues == [] and settings.labels.language == "de"
    assert settings.labels("lane_steps") == "Schritte"


def test_the_default_follows_the_mkdocs_themes_locale_and_else_english(make_project, tmp_path) -> None:
    settings, _ = load_settings(make_project({"mkdocs.yml": config(theme="  name: mkdocs\n  locale: pt_BR\n")}))
    assert settings.labels.language == "pt"
    settings, _ = load_settings(make_project({"mkdocs.yml": config(theme="  name: material\n")}))
    assert settings.labels.language == "en"


def test_the_option_wins_over_the_theme(make_project) -> None:
    text = config("      language: fr\n", theme="  name: material\n  language: de\n")
    settings, _ = load_settings(make_project({"mkdocs.yml": text}))
    assert settings.labels.language == "fr"


def test_an_unknown_language_is_a_warning_naming_the_available_ones(make_project) -> None:
    result, issues = load(make_project({"mkdocs.yml": config("      language: klingon\n"), "maps/a.yaml": VALID_MAP}))
    assert [str(issue) for issue in issues] == [
        "mkdocs.yml:6:7: warning: journeys option 'language': no labels in 'klingon'; "
        "available: en, de, es, fr, ja, pt (the labels stay in English)"
    ]
    assert issues[0].code == "language"


def test_a_theme_language_without_labels_is_a_warning_too(make_project) -> None:
    settings, issues = load_settings(make_project({"mkdocs.yml": config(theme="  name: material\n  language: zh\n")}))
    assert settings.labels.language == "en"
    assert [str(issue) for issue in issues] == [
        "mkdocs.yml:6:5: warning: the theme's language: no labels in 'zh'; "
        "available: en, de, es, fr, ja, pt (the labels stay in English)"
    ]


def test_an_override_replaces_a_label(make_project) -> None:
    text = config("      language: de\n      labels:\n        pain_points: Schmerzpunkte\n")
    settings, issues = load_settings(make_project({"mkdocs.yml": text}))
    assert issues == []
    assert settings.labels("pain_points") == "Schmerzpunkte" and settings.labels("owner") == "Verantwortlich"


def test_an_unknown_label_key_is_a_warning_with_a_did_you_mean(make_project) -> None:
    text = config(
        "      labels:\n        pain_pionts: Ouch\n        about: No name here\n        goal: '{'\n"
        "        in_no_map: '{name:>999999999}'\n        legend_before: '{title.__class__}'\n"
    )
    settings, issues = load_settings(make_project({"mkdocs.yml": text}))
    assert [str(issue) for issue in issues] == [
        "mkdocs.yml:7:9: warning: journeys option 'labels': unknown label 'pain_pionts' — did you mean 'pain_points'?",
        "mkdocs.yml:8:9: warning: journeys option 'labels': the label 'about' must fill in {name}, "
        "as the English label does",
        "mkdocs.yml:9:9: warning: journeys option 'labels': the label 'goal' has an unmatched '{' or '}' "
        "(write '{{' or '}}' for a brace)",
        "mkdocs.yml:10:9: warning: journeys option 'labels': the label 'in_no_map' may only fill in plain "
        "{names}, without a format (':...') or conversion ('!...')",
        "mkdocs.yml:11:9: warning: journeys option 'labels': the label 'legend_before' must fill in {title}, "
        "as the English label does",
    ]
    assert {issue.code for issue in issues} == {"label"}
    assert settings.labels("about", name="Sam") == "About Sam"


# -- the diagram ------------------------------------------------------------------------------


def _diagram(make_project, language: str) -> str:
    root = make_project({"mkdocs.yml": config(f"      language: {language}\n"), "maps/a.yaml": VALID_MAP})
    result, issues = load(root)
    settings, _ = load_settings(root)
    return render_map_svg(result.project.maps[0], result.project, settings)


def test_the_diagram_is_drawn_in_the_language(make_project) -> None:
    svg = _diagram(make_project, "de")
    assert ">Schritte<" in svg and ">Emotionen<" in svg and "Customer Journey Map: Buying a laptop online" in svg
    assert ">Steps<" not in svg and "Journey map:" not in svg


def test_the_render_stays_deterministic_in_every_language(make_project) -> None:
    for language in LANGUAGES:
        assert _diagram(make_project, language) == _diagram(make_project, language)


# -- text measurement -------------------------------------------------------------------------


def test_wide_glyphs_are_measured_at_one_em_and_narrow_kana_less() -> None:
    assert textmetrics.text_width("ペインポイント") == pytest.approx(7.0)
    assert textmetrics.text_width("ｶﾀｶﾅ") < textmetrics.text_width("カタカナ")


def test_a_japanese_label_wraps_inside_its_box(make_project) -> None:
    """A lane name wider than the label column wraps between characters, and every line of
    every text fits the width it was laid out for."""
    long_name = "カスタマージャーニーにおける顧客の感情と行動と思考の変化"
    text = config(f"      language: ja\n      labels:\n        lane_steps: {long_name}\n")
    root = make_project({"mkdocs.yml": text, "maps/a.yaml": VALID_MAP})
    result, _ = load(root)
    settings, issues = load_settings(root)
    assert issues == []
    layout = layout_map(result.project.maps[0], result.project, settings, load_theme(settings))
    styles = TextStyles(load_theme(settings))
    label = next(block for block in layout.texts if block.lines[0].startswith("カスタマー"))
    assert len(label.lines) > 1 and "".join(label.lines) == long_name
    for block in layout.texts:
        for line in block.lines:
            assert styles.width(block.style, line) <= block.width + 0.01, (block.style, line)


def test_japanese_breaks_keep_closing_punctuation_with_the_character_before() -> None:
    lines = textmetrics.wrap("深刻度の高い順に並べています。次に工数の低い順。", 8)
    assert all(not line.startswith(("。", "、")) for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == "深刻度の高い順に並べています。次に工数の低い順。"


def test_the_previews_problems_box_speaks_the_sites_language() -> None:
    from journeys.publish.serve import SHOWN_PROBLEMS, notice

    box = notice(("maps/a.yaml:1:1: error: <x>",) * (SHOWN_PROBLEMS + 2), Labels("de")).decode()
    assert "<strong>Die Vorschau enthält Fehler; sobald sie behoben sind, wird sie neu erstellt:</strong>" in box
    assert "<li>und 2 weitere (siehe Terminal)</li>" in box and "&lt;x&gt;" in box
