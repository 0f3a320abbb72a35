"""The diff as Markdown for a pull-request comment or a CI job summary.

Every piece of user text (titles, step names, pain points, ...) goes through
:func:`markdown_text`, because the comment is rendered by GitHub or GitLab: a step
named ``<script>``, ``[x](javascript:...)``, ``https://evil.example/login``,
``@org/team`` or ``#12`` must show as text, never as markup, a link or a mention.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from journeys.diff.changes import PersonaFieldChange
from journeys.model import format_score

if TYPE_CHECKING:
    from collections.abc import Iterable

    from journeys.diff.changes import (
        DetailChange,
        EmotionChange,
        FieldChange,
        MapDiff,
        NoteChange,
        PersonaDiff,
        ProjectDiff,
        StageChange,
        StepChange,
    )

_BACKTICKS = re.compile("`+")


def markdown_text(text: str) -> str:
    """User text as an inert code span on one line.

    Escaping Markdown is not enough: the hosts add their own links after rendering
    (bare URLs, ``www.``, e-mail addresses, ``@mentions``, ``#12``, ``GH-12``, commit
    ids, ``!12`` and ``~label`` on GitLab, a repository's custom autolinks), none of them
    inside code. A code span also keeps the text exactly as written, for copying.
    """
    one_line = " ".join(text.split())
    if not one_line:
        return ""
    # The fence is one backtick longer than any run inside; a space pads text that starts
    # or ends with a backtick (CommonMark strips one space from each side again).
    fence = "`" * (max(map(len, _BACKTICKS.findall(one_line)), default=0) + 1)
    pad = " " if one_line[0] == "`" or one_line[-1] == "`" else ""
    return f"{fence}{pad}{one_line}{pad}{fence}"


def _value(text: str | None) -> str:
    return markdown_text(text) if text is not None else "*(none)*"


def _field(change: FieldChange) -> str:
    if change.field in ("narrative", "body"):
        return f"{change.field} text changed"
    whose = f" ({change.persona})" if isinstance(change, PersonaFieldChange) else ""
    return f"{change.field}{whose}: {_value(change.before)} → {_value(change.after)}"


def _score(score: float | None) -> str:
    return format_score(score) if score is not None else "none"


def emotion_line(change: EmotionChange) -> str:
    """``Enters card details — sam: -2 → 0 (+2)``."""
    delta = f" ({format_score(change.delta)})" if change.delta is not None else ""
    return (
        f"{markdown_text(change.step)} — {change.persona}: {_score(change.before)} → {_score(change.after)}{delta}"
    )


_PLURALS = {"opportunity": "opportunities"}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else _PLURALS.get(noun, noun + 's')}"


def headline(diff: MapDiff) -> str:
    """One line: what kind of change, then counts of each kind of fact."""
    parts: list[str] = [diff.change]
    if diff.old_id:
        parts[0] = f"renamed from `{diff.old_id}`"
    if diff.change in ("added", "removed") and diff.step_count:
        parts.append(f"{_plural(diff.stage_count, 'stage')}, {_plural(diff.step_count, 'step')}")
    if diff.invalid_after:
        parts.append("⚠️ has errors in this revision")
    elif diff.invalid_before:
        parts.append("fixed: had errors before")
    counts = Counter[tuple[str, str]]()
    for noun, facts in (("stage", diff.stages), ("step", diff.steps)):
        counts.update((noun, fact.change) for fact in facts)
    if diff.emotions:
        counts[("emotion change", "")] = len(diff.emotions)
    for noun, notes in (("pain point", diff.pain_points), ("opportunity", diff.opportunities)):
        counts.update((noun, note.change) for note in notes)
    counts.update(("detail link", link.change) for link in diff.detail_links)
    parts += [f"{_plural(n, noun)} {change}".rstrip() for (noun, change), n in counts.items()]
    if diff.change == "modified" and not diff.has_details and not (diff.invalid_after or diff.invalid_before):
        parts.append("no change in content (formatting or comments only)")
    return " · ".join(parts)


def _stage_line(change: StageChange) -> str:
    if change.change == "renamed":
        return f"Renamed stage {_value(change.old_name)} → {markdown_text(change.name)}"
    return f"{change.change.capitalize()} stage {markdown_text(change.name)}"


def _step_line(change: StepChange) -> str:
    name, stage = markdown_text(change.name), markdown_text(change.stage)
    if change.change == "moved":
        return f"Moved {name} from {_value(change.from_stage)} to {stage}"
    if change.change == "renamed":
        return f"Renamed step {_value(change.old_name)} → {name}"
    if change.change == "edited":
        return f"Edited {name}: " + "; ".join(_field(field) for field in change.fields)
    where = "within" if change.change == "reordered" else ("to" if change.change == "added" else "from")
    return f"{change.change.capitalize()} {name} {where} {stage}"


def _note_line(note: NoteChange) -> str:
    details = "; ".join(_field(field) for field in note.details)
    suffix = f" ({details})" if details else ""
    return f"{note.change.capitalize()}: {markdown_text(note.text)} — at {markdown_text(note.step)}{suffix}"


def _detail_line(link: DetailChange) -> str:
    """``Added: `Misses the delivery` → `laptop-missed-delivery```; ids are code spans too."""
    step = markdown_text(link.step)
    if link.change == "added":
        return f"Added: {step} → {_value(link.after)}"
    if link.change == "removed":
        return f"Removed: {step} (was {_value(link.before)})"
    return f"Changed: {step}: {_value(link.before)} → {_value(link.after)}"


def _section(title: str, lines: Iterable[str]) -> list[str]:
    items = [f"- {line}" for line in lines]
    return [f"**{title}**", "", *items, ""] if items else []


def map_section(diff: MapDiff) -> list[str]:
    out = [f"### {markdown_text(diff.title)} (`{diff.id}`)", "", headline(diff), ""]
    metadata = [_field(field) for field in diff.metadata]
    metadata += [f"persona added: `{p}`" for p in diff.personas_added if diff.change != "added"]
    metadata += [f"persona removed: `{p}`" for p in diff.personas_removed if diff.change != "removed"]
    out += _section("Map", metadata)
    out += _section("Stages", map(_stage_line, diff.stages))
    out += _section("Steps", map(_step_line, diff.steps))
    out += _section("Emotions", map(emotion_line, diff.emotions))
    out += _section("Pain points", map(_note_line, diff.pain_points))
    out += _section("Opportunities", map(_note_line, diff.opportunities))
    out += _section("Detail links (the map that details a step)", map(_detail_line, diff.detail_links))
    sparks = [
        f"{line.persona}: `{line.before or '–'}` → `{line.after or '–'}`" for line in diff.sparklines
    ]
    out += _section("Emotion line (before → after, one mark per step)", sparks)
    return out


def _persona_line(diff: PersonaDiff) -> str:
    line = f"{markdown_text(diff.name)} (`{diff.id}`) — {diff.change}"
    if diff.old_id:
        line += f" from `{diff.old_id}`"
    if diff.invalid_after:
        line += " · ⚠️ has errors in this revision"
    if diff.fields:
        line += ": " + "; ".join(_field(field) for field in diff.fields)
    return line


def revision(label: str, commit: str | None) -> str:
    """``origin/main`` (``1a2b3c4d5e6f``); a bare commit id is shortened; the working tree as words."""
    if commit is None:  # the label is journeys' own "working tree"
        return label
    short = f"`{commit[:12]}`"
    return short if commit.startswith(label) else f"{markdown_text(label)} ({short})"


def diff_to_markdown(diff: ProjectDiff) -> str:
    target = revision(diff.target, diff.target_commit)
    title = f"## Journey changes: {revision(diff.base, diff.base_commit)} → {target}"
    counts = [_plural(n, noun) for n, noun in ((len(diff.maps), "map"), (len(diff.personas), "persona")) if n]
    summary = f"{' and '.join(counts)} changed." if counts else "No changes to journey maps or personas."
    if diff.errors:
        summary += f" ⚠️ {_plural(diff.errors, 'error')} in {target}: see the log."
    out = [title, "", summary, ""]
    for map_diff in diff.maps:
        out += map_section(map_diff)
    out += _section("Personas", map(_persona_line, diff.personas))
    return "\n".join(out).rstrip("\n") + "\n"
