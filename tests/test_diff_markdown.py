"""The diff's Markdown: user text stays inert text when GitHub's own renderer reads it.

The comment is rendered with cmark-gfm (GitHub's renderer, with its autolink, table and
strikethrough extensions, and raw HTML allowed so nothing relies on the host's sanitizer).
GitHub and GitLab then add links of their own (mentions, ``#12``, commit ids...) outside
code; user text is only ever inside a code span, so none of those apply.
"""

from __future__ import annotations

import html
import re

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from journeys.diff.changes import (
    EmotionChange,
    FieldChange,
    MapDiff,
    NoteChange,
    PersonaDiff,
    ProjectDiff,
    StageChange,
    StepChange,
)
from journeys.diff.markdown import diff_to_markdown, emotion_line, markdown_text
from journeys.diff.steps import lcs_outsiders

PAYLOADS = [
    "see https://evil.example/login",
    "www.evil.example/login",
    "mail a@b.co now",
    "mailto:a@b.co",
    "ping @name and @org/team",
    "fixes #123, GH-1, !4, ~bug, %v1, $5 and org/repo#7",
    "commit 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden -->",
    "[click](javascript:alert(1))",
    "[click](https://evil.example)",
    "![x](https://evil.example/p.png)",
    "<https://evil.example>",
    "[ref]\n\n[ref]: https://evil.example",
    "footnote[^1]\n\n[^1]: https://evil.example",
    "`code` and ``more`` and ```",
    "`",
    "ends with `",
    "**bold** _em_ ~~gone~~ ~one~",
    "a | b | c",
    "| a |\n|---|\n| b |",
    "&lt;script&gt; &#64;name &#x3a;",
    "- not a list",
    "1. not a list",
    "[ ] not a task",
    "# not a heading",
    "Title\n===",
    "> not a quote",
    "    indented code",
    "line one\n\n# two",
    "trailing backslash \\",
    ":smile: $x^2$ \\(x\\)",
]


def gfm(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def every_field(text: str) -> ProjectDiff:
    """A diff in which every piece of user text that the Markdown prints is ``text``."""
    field = FieldChange("thoughts", text, text)
    step = {"step_id": "s", "name": text, "stage": text}
    map_diff = MapDiff(
        id="m", title=text, change="modified", path="maps/m.yaml",
        metadata=(FieldChange("owner", text, text),),
        stages=(StageChange("renamed", "st", text, old_name=text), StageChange("added", "new", text)),
        steps=(
            StepChange("moved", from_stage=text, **step), StepChange("renamed", old_name=text, **step),
            StepChange("edited", fields=(field,), **step), StepChange("added", **step),
        ),
        emotions=(EmotionChange("s", text, "sam", -1, 1),),
        pain_points=(NoteChange("added", text, "s", text, details=(FieldChange("severity", text, text),)),),
        opportunities=(NoteChange("resolved", text, "s", text),),
    )  # fmt: skip
    persona = PersonaDiff("sam", text, "modified", "personas/sam.md", fields=(FieldChange("role", text, text),))
    return ProjectDiff(text, text, "0" * 40, "f" * 40, maps=(map_diff,), personas=(persona,))


def tags(rendered: str) -> list[str]:
    return re.findall(r"</?[a-z0-9]+", rendered)


BENIGN_TAGS = tags(gfm(diff_to_markdown(every_field("plain words"))))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_makes_no_element_link_or_mention(payload: str) -> None:
    rendered = gfm(diff_to_markdown(every_field(payload)))
    # The same elements as for plain words: no <a>, <img>, heading, table or tag of the user's.
    assert tags(rendered) == BENIGN_TAGS
    assert not re.search(r"<(a|img|table)\b", rendered)
    # Every occurrence of the text is a code span holding it exactly as written (on one line).
    shown = html.escape(" ".join(payload.split()), quote=False)
    spans = re.findall(r"<code>(.*?)</code>", rendered, flags=re.S)
    assert spans.count(shown) == len(re.findall(re.escape(shown), rendered))
    assert spans.count(shown) == 28  # every field of every_field()
    # Outside code, nothing the hosts would turn into a link or a notification.
    outside = re.sub(r"<code>.*?</code>", "", rendered, flags=re.S)
    assert not re.search(r"@|://|www\.|#\d|GH-\d|[0-9a-f]{7}|:smile:", outside), outside


def test_only_our_headings() -> None:
    rendered = gfm(diff_to_markdown(every_field("# Heading")))
    assert re.findall(r"<h\d>.*", rendered) == [
        "<h2>Journey changes: <code># Heading</code> (<code>000000000000</code>) → <code># Heading</code> "
        "(<code>ffffffffffff</code>)</h2>",
        "<h3><code># Heading</code> (<code>m</code>)</h3>",
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Enters card details", "`Enters card details`"),
        ("Why  is it\nasking again?", "`Why is it asking again?`"),
        ("uses `code`", "`` uses `code` ``"),
        ("a ``double`` run", "```a ``double`` run```"),
        ("`starts", "`` `starts ``"),
        ("ends`", "`` ends` ``"),
        ("", ""),
    ],
)
def test_code_spans_use_a_longer_fence_and_pad_backticks_at_the_ends(text: str, span: str) -> None:
    assert markdown_text(text) == span


def test_the_comment_reads_as_plain_markdown() -> None:
    diff = MapDiff(
        id="buy", title="Buying a laptop", change="modified", path="maps/buy.yaml",
        metadata=(FieldChange("status", "approved", "review"), FieldChange("owner", None, "Web team")),
        stages=(StageChange("renamed", "pay", "Pay", old_name="Purchase"),),
        steps=(StepChange("moved", "verify", "Verifies status", "Consideration", from_stage="Pay"),
               StepChange("edited", "card", "Enters card", "Pay", fields=(FieldChange("feeling", "Annoyed", "Calm"),))),
        emotions=(EmotionChange("card", "Enters card", "sam", -2, 0),),
        pain_points=(NoteChange("resolved", "Card form rejects spaces", "card", "Enters card",
                                details=(FieldChange("severity", "high", None),)),),
    )  # fmt: skip
    persona = PersonaDiff("sam", "Sam Okafor", "modified", "personas/sam.md", fields=(FieldChange("role", "A", "B"),))
    text = diff_to_markdown(ProjectDiff("main", "working tree", "0123456789abcdef", None, (diff,), (persona,)))
    assert text.splitlines() == [
        "## Journey changes: `main` (`0123456789ab`) → working tree",
        "",
        "1 map and 1 persona changed.",
        "",
        "### `Buying a laptop` (`buy`)",
        "",
        "modified · 1 stage renamed · 1 step moved · 1 step edited · 1 emotion change · 1 pain point resolved",
        "",
        "**Map**",
        "",
        "- status: `approved` → `review`",
        "- owner: *(none)* → `Web team`",
        "",
        "**Stages**",
        "",
        "- Renamed stage `Purchase` → `Pay`",
        "",
        "**Steps**",
        "",
        "- Moved `Verifies status` from `Pay` to `Consideration`",
        "- Edited `Enters card`: feeling: `Annoyed` → `Calm`",
        "",
        "**Emotions**",
        "",
        "- `Enters card` — sam: -2 → 0 (+2)",
        "",
        "**Pain points**",
        "",
        "- Resolved: `Card form rejects spaces` — at `Enters card` (severity: `high` → *(none)*)",
        "",
        "**Personas**",
        "",
        "- `Sam Okafor` (`sam`) — modified: role: `A` → `B`",
    ]


def test_a_revision_given_as_a_commit_id_is_shown_once() -> None:
    diff = ProjectDiff("0123456789ab", "release`1", "0123456789abcdef", "fedcba9876543210")
    assert diff_to_markdown(diff).splitlines()[0] == (
        "## Journey changes: `0123456789ab` → ``release`1`` (`fedcba987654`)"
    )


def test_emotion_line_format_with_missing_scores() -> None:
    assert emotion_line(EmotionChange("s", "Pays", "sam", -2, 0)) == "`Pays` — sam: -2 → 0 (+2)"
    assert emotion_line(EmotionChange("s", "Pays", "sam", 1.5, 0.5)) == "`Pays` — sam: +1.5 → +0.5 (-1)"
    assert emotion_line(EmotionChange("s", "Pays", "sam", None, 1)) == "`Pays` — sam: none → +1"


def test_headline_counts_each_kind_of_fact() -> None:
    diff = MapDiff(
        id="m", title="M", change="modified", path="maps/m.yaml",
        steps=(StepChange("added", "a", "A", "S"), StepChange("added", "b", "B", "S"),
               StepChange("moved", "c", "C", "S", from_stage="T")),
        opportunities=(NoteChange("added", "x", "a", "A"), NoteChange("added", "y", "b", "B")),
    )  # fmt: skip
    text = diff_to_markdown(ProjectDiff("main", "working tree", "0123456789abcdef", None, maps=(diff,)))
    assert "modified · 2 steps added · 1 step moved · 2 opportunities added" in text


@pytest.mark.parametrize(
    ("before", "after", "fewest"),
    [("abcd", "abcd", 0), ("abcd", "bcda", 1), ("abcd", "dabc", 1), ("abcd", "badc", 2), ("abcd", "dcba", 3)],
)
def test_fewest_reordered_steps(before: str, after: str, fewest: int) -> None:
    moved = lcs_outsiders(list(before), list(after))
    assert len(moved) == fewest
    # What stays put keeps its order on both sides.
    assert [x for x in before if x not in moved] == [x for x in after if x not in moved]
