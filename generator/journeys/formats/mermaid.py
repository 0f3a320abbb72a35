"""Mermaid ``journey`` diagrams in (``journeys import mermaid``) and out (``journeys export mermaid``).

Import reads a diagram exactly as Mermaid does (:mod:`journeys.formats.mermaid_syntax`),
from a ``.mmd`` file or from every ```` ```mermaid ```` fence of a Markdown file, and makes
each journey a map: sections become stages, tasks steps, actors personas (an existing
one whose id or name matches, else a new stub), scores 1..5 the project's scale. What
Mermaid tolerates but a map cannot hold comes in approximated, with a warning.

Export writes each map as a journey Mermaid draws; importing it again gives the same
stages, steps and scores (on the default scale, for whole scores).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from journeys.formats import ImportContext, Imported, ImportedFile, UniqueIds, id_from, import_issue, rescaled
from journeys.formats.mermaid_syntax import (
    JS_SPACE_CHARS,
    Diagram,
    MermaidSyntaxError,
    Task,
    Token,
    decode,
    escape,
    is_journey,
    js_number,
    js_trim,
    read_diagram,
)
from journeys.validation.maps import slugify

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from journeys.config import Settings
    from journeys.formats import InputFile
    from journeys.issues import Issue
    from journeys.model import EmotionScale, JourneyMap, Project

#: Mermaid's scores run from 1 to 5, 3 being neutral.
LOWEST, HIGHEST = 1, 5
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^`\n]*\Z")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
_BLOCK_SPACE = re.compile("\n[" + JS_SPACE_CHARS + "]+")
#: A stage for the tasks Mermaid draws before any ``section``.
FIRST_STAGE = "Journey"
#: The persona of a diagram that names no actor.
NO_ACTOR = "Customer"


# -- where the diagrams are ------------------------------------------------------------


@dataclass
class Block:
    """The text of one diagram, starting on line ``first_line`` of its file; ``indents``
    says how many columns were cut from the start of each line (a fence's indentation)."""

    text: str
    first_line: int = 1
    indents: tuple[int, ...] = ()
    #: (an offset, the line breaks before it, where its line starts): positions are mostly
    #: asked for in order, so each is counted on from the one before.
    _seen: tuple[int, int, int] = (0, 0, 0)

    def position(self, offset: int) -> tuple[int, int]:
        start, breaks, line_start = self._seen if offset >= self._seen[0] else (0, 0, 0)
        more = self.text.count("\n", start, offset)
        if more:
            breaks, line_start = breaks + more, self.text.rfind("\n", start, offset) + 1
        self._seen = (offset, breaks, line_start)
        indent = self.indents[breaks] if breaks < len(self.indents) else 0
        return self.first_line + breaks, offset - line_start + indent + 1


def journey_blocks(source: InputFile) -> Iterator[Block]:
    """The journey diagrams of the file: the whole file, or each Markdown ```mermaid fence."""
    text = source.text
    fenced = list(_fences(text.split("\n"))) if "```" in text or "~~~" in text else []
    if not fenced and PurePath(source.name).suffix.lower() not in _MARKDOWN_SUFFIXES:
        yield Block(text)
        return
    yield from (block for block in fenced if is_journey(block.text))


def _fences(lines: Sequence[str]) -> Iterator[Block]:
    """CommonMark fenced code blocks whose info string is ``mermaid`` (an unclosed one runs to the end)."""
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index].rstrip("\r"))
        index += 1
        if opening is None or (opening[2][0] == "`" and "`" in lines[index - 1][opening.end(2) :]):
            continue
        indent, marker, first_line = len(opening[1]), opening[2], index + 1
        closing = re.compile(r" {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*")
        body, indents = [], []
        while index < len(lines) and not closing.fullmatch(text := lines[index].rstrip("\r")):
            removed = len(text) - len(text[:indent].lstrip(" ") + text[indent:])
            body.append(text[removed:])
            indents.append(removed)
            index += 1
        index += 1
        if opening[3] == "mermaid":
            yield Block("\n".join(body), first_line, tuple(indents))


# -- import ----------------------------------------------------------------------------


def import_file(source: InputFile, context: ImportContext) -> Imported:
    """Every journey diagram of ``source`` as a map, with the personas it introduces."""
    reader = _Reader(source, context)
    blocks = list(journey_blocks(source))
    if not blocks:
        issue = import_issue(source.name, 1, 1, "import-syntax", "no ```mermaid journey diagram in this Markdown file")
        return Imported(issues=(issue,))
    for block in blocks:
        try:
            diagram = read_diagram(block.text)
        except MermaidSyntaxError as error:
            reader.issue(block, error.offset, "import-syntax", error.message)
            continue
        reader.add_map(block, diagram)
    return Imported(
        tuple(reader.files),
        tuple(sorted(reader.issues, key=lambda issue: (issue.location.line, issue.location.column))),
    )


@dataclass
class _Step:
    data: dict[str, object]
    #: The task name as written (entity codes not decoded): only the very same text continues a step.
    raw: str
    #: A plain task's score per persona (the step's emotion), which a following task of
    #: the same name may add other personas to; None for any other task.
    scores: dict[str, float] | None


@dataclass
class _Reader:
    """One file's diagrams becoming map and persona files."""

    source: InputFile
    context: ImportContext
    files: list[ImportedFile] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    #: Actor name -> persona id, shared by every diagram of the file.
    actors: dict[str, str] = field(default_factory=dict)
    map_ids: UniqueIds = field(default_factory=lambda: UniqueIds())
    #: The persona ids of the project and of the stubs written so far.
    persona_ids: UniqueIds = field(init=False)
    # The diagram being read, where it is and the personas of its map so far.
    block: Block = field(init=False)
    diagram: Diagram = field(init=False)
    origin: str = field(init=False)
    cast: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.persona_ids = UniqueIds(set(self.context.personas))

    def issue(self, block: Block, offset: int, code: str, message: str) -> None:
        self.issues.append(import_issue(self.source.name, *block.position(offset), code, message))

    def add_map(self, block: Block, diagram: Diagram) -> None:
        self.block, self.diagram = block, diagram
        origin = f"{self.source.name}, line {block.position(diagram.origin(0))[0]}"
        self.origin, self.cast = origin, []
        data: dict[str, object] = self._titles()
        stages = self._stages()
        if not self.cast:
            self.warn(0, "import-approximated", f"no task names an actor; the map's steps are scored for '{NO_ACTOR}'")
            self.cast.append(self._persona(NO_ACTOR))  # the tasks' scores, without actors, are everyone's
        data["personas"] = self.cast
        data["stages"] = stages
        title = str(data["title"])
        map_id = self.map_ids.new(id_from(title) or id_from(PurePath(self.source.name).stem) or "journey")
        self.files.append(ImportedFile("map", map_id, data, origin))

    def warn(self, index: int, code: str, message: str) -> None:
        self.issue(self.block, self.diagram.origin(index), code, message)

    def _titles(self) -> dict[str, object]:
        diagram = self.diagram
        title = self._text(diagram.titles[-1], len("title ")) if diagram.titles else diagram.front_matter_title
        acc_title = js_trim(diagram.acc_titles[-1].text) if diagram.acc_titles else ""
        acc_title = decode(acc_title)
        data: dict[str, object] = {"title": title or acc_title or _words(PurePath(self.source.name).stem)}
        if acc_title and title and acc_title != title:
            data["x-mermaid-acc-title"] = acc_title
        if diagram.acc_descriptions:
            description = decode(_BLOCK_SPACE.sub("\n", js_trim(diagram.acc_descriptions[-1].text))).strip()
            if description:
                data["description"] = description
        return data

    def _text(self, token: Token, skip: int, blank: str = "") -> str:
        """A title, section or task name as Mermaid draws it, trimmed, or ``blank`` when it is
        empty (with a warning when either changed it)."""
        raw = decode(token.text[skip:])
        text = raw.strip(JS_SPACE_CHARS)
        if not text and blank:
            self.warn(token.index + skip, "import-approximated", f"an empty name; this one is called '{blank}'")
            return blank
        if text != raw:
            self.warn(token.index + skip, "import-approximated", f"spaces around '{text}' trimmed")
        return text

    def _stages(self) -> list[dict[str, object]]:
        """The sections as stages, each with its tasks as steps."""
        stages = self._sections()
        first_section = 1 if len(stages) > len(self.diagram.sections) else 0
        step_ids = UniqueIds()
        previous: _Step | None = None
        for task in self.diagram.tasks:
            stage = stages[0 if task.section is None else task.section + first_section]
            steps: list[dict[str, object]] = stage["steps"]  # type: ignore[assignment]
            step = self._step(task)
            scores = (
                _continued(previous, step) if previous is not None and steps and steps[-1] is previous.data else None
            )
            if scores is not None:
                scores.update(step.scores or {})
                continue
            name = str(step.data["name"])
            step_id = slugify(name)
            if not step_id or step_id in step_ids.taken:
                step_id = step.data["id"] = step_ids.new(id_from(name) or "step")
            step_ids.taken.add(step_id)
            steps.append(step.data)
            previous = step
        return stages

    def _sections(self) -> list[dict[str, object]]:
        """A stage per section, with ids that are unique; first a stage for tasks before any section."""
        stages: list[dict[str, object]] = []
        before = next((task for task in self.diagram.tasks if task.section is None), None)
        if before is not None:
            message = f"tasks before the first section are in a stage '{FIRST_STAGE}'"
            self.warn(before.name.index, "import-approximated", message)
            stages.append({"name": FIRST_STAGE, "steps": []})
        stage_ids = UniqueIds()
        names: set[str] = set()
        for number, token in enumerate(self.diagram.sections, 1):
            skip = len("section ")
            name = self._text(token, skip, f"Section {number}")
            stage: dict[str, object] = {"name": name, "steps": []}
            stage_id = slugify(name)
            if name in names:
                stage["id"] = stage_id = stage_ids.new(id_from(name) or "stage")
                at = token.index + skip + _leading_space(token.text[skip:])
                self.warn(at, "import-approximated", f"section '{name}' appears twice; this one is stage '{stage_id}'")
            elif not stage_id or stage_id in stage_ids.taken:
                stage["id"] = stage_id = stage_ids.new(id_from(name) or "stage")
            stage_ids.taken.add(stage_id)
            names.add(name)
            stages.append(stage)
        return stages

    def _step(self, task: Task) -> _Step:
        """A task as a step: its name and the emotion of each actor (or everyone)."""
        name = self._text(task.name, 0, "Step")
        data: dict[str, object] = {"name": name}
        pieces = task.data.text[1:].split(":")
        at = task.data.index + 1
        score = self._score(pieces[0], at + _leading_space(pieces[0]), data, extra=len(pieces) > 2)
        at += len(pieces[0]) + 1
        actors = []
        for actor in pieces[1].split(",") if len(pieces) > 1 else []:
            name_text = decode(js_trim(actor))
            if name_text:
                actors.append(self._actor(name_text))
            else:
                self.warn(at + _leading_space(actor), "import-dropped", "an empty actor name is left out")
            at += len(actor) + 1
        if len(pieces) > 2:
            dropped = ":".join(pieces[2:])
            self.warn(at - 1, "import-dropped", f"Mermaid ignores ':{decode(dropped)}' after the actors; left out")
        raw = js_trim(task.name.text)
        if score is None:
            return _Step(data, raw, None)
        emotion = rescaled(score, LOWEST, HIGHEST, self.context.settings.scale)
        if not actors:
            data["emotion"] = emotion
            return _Step(data, raw, None)
        scores = data["emotion"] = dict.fromkeys(actors, emotion)
        return _Step(data, raw, None if "x-mermaid-score" in data else scores)

    def _score(self, text: str, at: int, data: dict[str, object], *, extra: bool) -> float | None:
        """The score Mermaid reads, clamped to 1..5 (None when it is not a number)."""
        score = js_number(text)
        written = decode(js_trim(text))
        if math.isnan(score):
            hint = " (a ':' in a task name ends the name in Mermaid; write #58; for it)" if extra else ""
            self.warn(at, "import-approximated", f"score '{written}' is not a number; the step has no emotion{hint}")
            data["x-mermaid-score"] = written
            return None
        if LOWEST <= score <= HIGHEST:
            return score
        clamped = min(max(score, LOWEST), HIGHEST)
        said = f"score '{written}'" if written else "an empty score (Mermaid reads 0)"
        self.warn(at, "import-approximated", f"{said} is outside Mermaid's 1..5; imported as {clamped:g}")
        data["x-mermaid-score"] = _number_or_text(written)
        return clamped

    def _actor(self, name: str) -> str:
        persona = self._persona(name)
        if persona not in self.cast:
            self.cast.append(persona)
        return persona

    def _persona(self, name: str) -> str:
        """The persona of actor ``name``: the project's, or a new stub (written once)."""
        known = self.actors.get(name) or self.context.existing_persona(name)
        if known is None:
            known = self.persona_ids.new(id_from(name) or "persona")
            self.files.append(ImportedFile("persona", known, {"name": name}, self.origin))
        self.actors[name] = known
        return known


def _leading_space(text: str) -> int:
    """How far into ``text`` its first character is (0 for blank text, reported where it is)."""
    stripped = text.lstrip(JS_SPACE_CHARS)
    return len(text) - len(stripped) if stripped else 0


def _continued(previous: _Step | None, step: _Step) -> dict[str, float] | None:
    """The scores of ``previous`` when ``step`` continues it: the same name, scored for other actors.

    The name must be written the same: export writes a step that follows one of the same
    name with an entity code (``#065;`` for ``A``) so that it stays a step of its own.
    """
    if previous is None or previous.scores is None or step.scores is None or previous.raw != step.raw:
        return None
    return None if previous.scores.keys() & step.scores.keys() else previous.scores


def _number_or_text(text: str) -> object:
    """A score as written: a whole number as a number, anything else as text."""
    return int(text) if re.fullmatch(r"[+-]?\d{1,15}", text) else text


def _to_mermaid(score: float, scale: EmotionScale) -> int:
    """A score of the project's scale as Mermaid's whole 1..5, rounded half up."""
    value = LOWEST + (score - scale.minimum) * (HIGHEST - LOWEST) / (scale.maximum - scale.minimum)
    return min(max(math.floor(value + 0.5), LOWEST), HIGHEST)


def _words(stem: str) -> str:
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Journey"


# -- export ----------------------------------------------------------------------------


def export_maps(project: Project, maps: Sequence[JourneyMap], settings: Settings) -> bytes:
    """One map as a Mermaid diagram; several as Markdown, a ```mermaid fence per map."""
    diagrams = [(journey.id, diagram(project, journey, settings)) for journey in maps]
    if len(diagrams) == 1:
        return diagrams[0][1].encode("utf-8")
    return "".join(f"## {map_id}\n\n```mermaid\n{text}```\n\n" for map_id, text in diagrams).encode("utf-8")


def diagram(project: Project, journey: JourneyMap, settings: Settings) -> str:
    """``journey`` as a Mermaid journey: a task per step and score, listing the personas who feel it."""
    actors, scale = _actor_names(project, journey, settings), settings.scale
    lines = ["journey", f"  title {escape(journey.title)}", f"  accTitle: {escape(journey.title)}"]
    lines += _description(journey.description)
    for stage in journey.stages:
        lines.append(f"  section {escape(stage.name)}")
        repeats = 0
        for previous, step in zip((None, *stage.steps), stage.steps, strict=False):
            repeats = repeats + 1 if previous is not None and previous.name == step.name else 0
            name = escape(step.name, repeat=repeats)
            groups: dict[int, list[str]] = {}
            for emotion in step.emotions:
                groups.setdefault(_to_mermaid(emotion.score, scale), []).append(actors[emotion.persona])
            if not groups:  # Mermaid needs a score: neutral, for no one in particular
                lines.append(f"    {name}: {(LOWEST + HIGHEST) // 2}")
            lines += [f"    {name}: {score}: {', '.join(names)}" for score, names in groups.items()]
    return "\n".join(lines) + "\n"


def _actor_names(project: Project, journey: JourneyMap, settings: Settings) -> dict[str, str]:
    """Each persona's actor name: its name where that alone finds it again on import, else its id."""
    context = ImportContext(settings, {p.id: p.name for p in project.personas})
    named = Counter(p.name.strip().casefold() for p in project.personas)
    names = {}
    for persona_id in journey.personas:
        persona = project.persona(persona_id)
        name = persona.name.strip() if persona is not None else ""
        unique = named[name.casefold()] == 1 and context.existing_persona(name) == persona_id
        names[persona_id] = escape(name if name and unique else persona_id, actor=True)
    return names


def _description(description: str | None) -> list[str]:
    """``accDescr``: one line, or a block whose blank lines ride on the line before as ``#10;``."""
    text = (description or "").strip()
    if not text:
        return []
    if "\n" not in text:
        return [f"  accDescr: {escape(text)}"]
    lines: list[str] = []
    for line in text.split("\n"):
        if line.strip() or not lines:
            lines.append(f"    {escape(line.strip())}")
        else:
            lines[-1] += "#10;"
    return ["  accDescr {", *lines, "  }"]
