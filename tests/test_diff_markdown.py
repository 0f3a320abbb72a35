"""The diff's Markdown: user text stays text when a real CommonMark renderer reads it."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from journeys.diff.changes import EmotionChange, MapDiff, NoteChange, ProjectDiff, StepChange
from journeys.diff.markdown import emotion_line, markdown_text, render_markdown
from journeys.diff.steps import lcs_outsiders

#: Raw HTML on, like a permissive host: escaping must not rely on the host's sanitizer.
RENDERER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "`code` and ``more``",
    "**bold** _em_ ~~gone~~",
    "a | b | c",
    "&lt;script&gt;",
    "- not a list",
    "1. not a list",
    "# not a heading",
    "> not a quote",
    "line one\n\n# two",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_the_same_plain_text(text):
    html = RENDERER.render(f"- Step **{markdown_text(text)}** moved\n")
    inner = html.split("<strong>", 1)[1].split("</strong>", 1)[0]
    assert "<" not in inner.replace("&lt;", "")  # no element inside the bold text
    expected = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert inner == expected.replace('"', "&quot;")


def test_text_at_the_start_of_a_list_item_makes_no_nested_list():
    for text in ("- x", "+ x", "12. x", "3) x"):
        html = RENDERER.render(f"- {markdown_text(text)}\n")
        assert html.count("<li>") == 1 and "<ol" not in html


def test_mentions_do_not_notify():
    assert markdown_text("@acme/web-team") == "@\u200bacme/web-team"


def test_emotion_line_format_with_missing_scores():
    assert emotion_line(EmotionChange("s", "Pays", "sam", -2, 0)) == "Pays — sam: -2 → 0 (+2)"
    assert emotion_line(EmotionChange("s", "Pays", "sam", 1.5, 0.5)) == "Pays — sam: +1.5 → +0.5 (-1)"
    assert emotion_line(EmotionChange("s", "Pays", "sam", None, 1)) == "Pays — sam: none → +1"


def test_headline_counts_each_kind_of_fact():
    diff = MapDiff(
        id="m", title="M", change="modified", path="maps/m.yaml",
        steps=(StepChange("added", "a", "A", "S"), StepChange("added", "b", "B", "S"),
               StepChange("moved", "c", "C", "S", from_stage="T")),
        opportunities=(NoteChange("added", "x", "a", "A"), NoteChange("added", "y", "b", "B")),
    )  # fmt: skip
    text = render_markdown(ProjectDiff("main", "working tree", "0123456789abcdef", None, maps=(diff,)))
    assert text.splitlines()[0] == "## Journey changes: `main` (`0123456789ab`) → working tree"
    assert "modified · 2 steps added · 1 step moved · 2 opportunities added" in text


@pytest.mark.parametrize(
    ("before", "after", "fewest"),
    [("abcd", "abcd", 0), ("abcd", "bcda", 1), ("abcd", "dabc", 1), ("abcd", "badc", 2), ("abcd", "dcba", 3)],
)
def test_fewest_reordered_steps(before, after, fewest):
    moved = lcs_outsiders(list(before), list(after))
    assert len(moved) == fewest
    # What stays put keeps its order on both sides.
    assert [x for x in before if x not in moved] == [x for x in after if x not in moved]
