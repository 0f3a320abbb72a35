"""journeys.safety: the one place that says which characters user text may carry and
which links it may make, and the validation that applies it with exact positions."""

from __future__ import annotations

import pytest

from issue_helpers import PAT, errors, load, step_map
from journeys.safety import absolute_href, link_scheme, safe_href, without_forbidden, xml_escape

# -- links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org", "https"),
        ("  MAILTO:team@example.org", "mailto"),
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"),
        ("javascript:alert(1) text with space", "javascript"),
        ("Survey: 58% abandon", "survey"),
        ("Diary study: 9 students", None),  # a space inside: a browser reads no scheme here
        ("Usability test 3", None),
        ("../maps/x/", None),
    ],
)
def test_link_scheme_is_read_the_way_browsers_read_it(url: str, scheme: str | None) -> None:
    assert link_scheme(url) == scheme


def test_safe_href_is_an_allowlist() -> None:
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href("notes.md#top") == "notes.md#top"
    for url in ("x-unknown:thing", "tel:123", "java script:alert(1)", "\x7fjavascript:x", ""):
        assert safe_href(url) is None, url


def test_only_absolute_safe_urls_are_evidence_links() -> None:
    assert absolute_href(" https://example.org/r ") == "https://example.org/r"
    assert absolute_href("mailto:research@example.org") == "mailto:research@example.org"
    assert absolute_href("Usability test 3") is None  # would otherwise be a relative link
    assert absolute_href("../secret") is None
    assert absolute_href("javascript:alert(1)") is None


def test_evidence_with_an_unsafe_scheme_and_a_space_is_refused(make_project) -> None:
    # It was accepted: the old check gave up on any text containing a space.
    text = step_map('        evidence: ["Usability test 3", "javascript:alert(1) text with space"]\n')
    assert errors(make_project({"maps/buy.yaml": text})) == [
        "maps/buy.yaml:7:40: error: evidence uses the link scheme 'javascript:'; only http, https and mailto "
        "are allowed",
    ]


@pytest.mark.parametrize("entry", ["tel:+441234", "x-custom:thing", "\\tjavascript:x", "JavaScript:alert(1) x"])
def test_any_scheme_outside_the_allowlist_is_refused_in_evidence(make_project, entry: str) -> None:
    root = make_project({"maps/buy.yaml": step_map(f'        evidence: ["{entry}"]\n')})
    assert [line.split(": error: ")[0] for line in errors(root)] == ["maps/buy.yaml:7:20"]


def test_plain_and_linked_evidence_stays_valid(make_project) -> None:
    entries = (
        '"Usability test 3", "Diary study: 9 students", "Survey: 58% abandon", "https://example.org/r", '
        '"mailto:a@example.org"'
    )
    result, issues = load(make_project({"maps/buy.yaml": step_map(f"        evidence: [{entries}]\n")}))
    assert issues == []
    assert result.project.maps[0].stages[0].steps[0].evidence == (
        "Usability test 3", "Diary study: 9 students", "Survey: 58% abandon", "https://example.org/r",
        "mailto:a@example.org",
    )  # fmt: skip


def test_a_label_with_a_colon_is_words_and_never_linked() -> None:
    from journeys.safety import written_as_link

    assert not written_as_link("Survey: 58% abandon") and absolute_href("Survey: 58% abandon") is None
    assert written_as_link("tel:+441234") and written_as_link("java\tscript:alert(1)")
    assert not written_as_link("Usability test 3")


# -- characters -----------------------------------------------------------------------------


def test_xml_escape_and_without_forbidden() -> None:
    assert xml_escape("a < b & 'c' \"d\" >") == "a &lt; b &amp; &#39;c&#39; &quot;d&quot; &gt;"
    assert xml_escape("plain text, kept as is") == "plain text, kept as is"
    assert xml_escape("bell\x07 esc\x1b del\x7f csi\x9b nel\x85 \ud800 \ufffe\uffff") == "bell esc del csi nel  "
    assert without_forbidden("tab\tline\nbreak\r \x1b[31mred\x1b[0m <kept>") == "tab\tline\nbreak\r [31mred[0m <kept>"


@pytest.mark.parametrize(("escape", "code"), [("\\x7f", "007F"), ("\\x85", "0085"), ("\\x9b", "009B")])
def test_del_and_c1_controls_in_fields_are_refused_like_raw_ones(make_project, escape: str, code: str) -> None:
    # YAML refuses them raw in a file; a double-quoted escape must not be the way round.
    root = make_project({"maps/buy.yaml": step_map(f'        thoughts: "Why{escape} again?"\n')})
    assert errors(root) == [f"maps/buy.yaml:7:19: error: thoughts contains the control character U+{code}"]


def test_control_characters_in_a_persona_body_are_reported_where_they_are(make_project) -> None:
    persona = "---\nname: Sam Okafor\n---\n\nBackground.\nSee \x1b[31mthis\x1b[0m.\n"
    root = make_project({"personas/sam.md": persona, "maps/buy.yaml": step_map("")})
    assert errors(root) == ["personas/sam.md:6:5: error: the Markdown body contains the control character U+001B"]


@pytest.mark.parametrize("character", ["\x07", "\x01", "\x9b", "\x7f", "\ufffe"])
def test_control_characters_in_a_map_narrative_are_reported_where_they_are(make_project, character: str) -> None:
    front = "---\ntitle: T\npersonas: [sam]\nstages: [{name: S, steps: [{name: X}]}]\n---\n"
    narrative = f"Why we mapped this.\r\n\r\n  Ring{character} here.\r\n"
    root = make_project({"maps/buy.md": (front + narrative).encode()})
    assert errors(root) == [
        f"maps/buy.md:8:7: error: the Markdown body contains the control character U+{ord(character):04X}"
    ]


def test_a_body_with_a_control_character_fails_the_command(make_project, cli) -> None:
    root = make_project({"personas/pat.md": PAT + "\nPat \x07rings.\n", "maps/buy.yaml": step_map("")})
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "personas/pat.md:6:5: error: the Markdown body contains the control character U+0007"
    )


def test_tabs_and_line_breaks_in_bodies_are_fine(make_project) -> None:
    persona = "---\nname: Sam Okafor\n---\nCol\tumns\r\nand lines\n"
    result, issues = load(make_project({"personas/sam.md": persona, "maps/buy.yaml": step_map("")}))
    assert issues == []
    assert result.project.personas[0].body == "Col\tumns\r\nand lines\n"
