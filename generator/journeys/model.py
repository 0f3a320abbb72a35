"""The typed, immutable model of a journeys project.

Validation turns files into these objects; everything after validation (rendering,
pages, diffs) reads only the model, never raw YAML. Collections are tuples so the
objects are hashable and cannot change under a renderer's feet.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from journeys.issues import Location  # at run time: the stored outcomes' decoder reads the annotations

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

MapState = Literal["current", "future"]
MapStatus = Literal["draft", "review", "approved"]
Level = Literal["low", "medium", "high"]
#: Which way a metric should move: ``down`` (lower is better) or ``up``.
Direction = Literal["down", "up"]

MAP_STATES: tuple[str, ...] = ("current", "future")
MAP_STATUSES: tuple[str, ...] = ("draft", "review", "approved")
LEVELS: tuple[str, ...] = ("low", "medium", "high")
DIRECTIONS: tuple[str, ...] = ("down", "up")


@dataclass(frozen=True, slots=True)
class EmotionScale:
    """The range of emotion scores and the label of each whole score."""

    minimum: int = -2
    maximum: int = 2
    labels: tuple[tuple[int, str], ...] = (
        (-2, "Very negative"),
        (-1, "Negative"),
        (0, "Neutral"),
        (1, "Positive"),
        (2, "Very positive"),
    )

    def contains(self, score: float) -> bool:
        return self.minimum <= score <= self.maximum

    def label_for(self, score: int) -> str | None:
        return dict(self.labels).get(score)

    def describe(self) -> str:
        return f"{format_score(self.minimum)}..{format_score(self.maximum)}"


def format_score(score: float) -> str:
    """Scores as people write them: ``+2``, ``0``, ``-1.5``."""
    text = f"{score:g}"
    return f"+{text}" if score > 0 else text


@dataclass(frozen=True, slots=True)
class Emotion:
    """One persona's score at one step."""

    persona: str
    #: As written: a whole score stays an int, so it reads ``2`` (not ``2.0``) wherever it
    #: is written out, also when read back from the stored outcomes (which decode by type).
    score: int | float


@dataclass(frozen=True, slots=True)
class PersonaText:
    """One text of a step field; ``persona`` None means it applies to every persona."""

    persona: str | None
    text: str


@dataclass(frozen=True, slots=True)
class PersonaTexts:
    """A step's ``actions``, ``thoughts`` or ``feeling``: nothing, one text for every
    persona on the map, or one text per persona (in the map's persona order)."""

    entries: tuple[PersonaText, ...] = ()

    @classmethod
    def shared_text(cls, text: str | None) -> PersonaTexts:
        """One text for everyone (nothing when ``text`` is None)."""
        return cls(() if text is None else (PersonaText(None, text),))

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __iter__(self) -> Iterator[PersonaText]:
        return iter(self.entries)

    @property
    def is_shared(self) -> bool:
        """One text that applies to every persona on the map."""
        return len(self.entries) == 1 and self.entries[0].persona is None

    @property
    def shared(self) -> str | None:
        return self.entries[0].text if self.is_shared else None

    def texts(self) -> tuple[str, ...]:
        return tuple(entry.text for entry in self.entries)

    def for_persona(self, persona: str) -> str | None:
        """What ``persona`` thinks (does, feels) here: their own text or the shared one."""
        return next((e.text for e in self.entries if e.persona is None or e.persona == persona), None)


@dataclass(frozen=True, slots=True)
class PainPoint:
    text: str
    severity: Level | None = None


@dataclass(frozen=True, slots=True)
class Opportunity:
    text: str
    impact: Level | None = None
    effort: Level | None = None


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    name: str
    location: Location
    touchpoint: str | None = None
    channel: str | None = None
    actions: PersonaTexts = PersonaTexts()
    thoughts: PersonaTexts = PersonaTexts()
    feeling: PersonaTexts = PersonaTexts()
    #: One entry per persona that has a score here, in the map's persona order.
    emotions: tuple[Emotion, ...] = ()
    pain_points: tuple[PainPoint, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    backstage: str | None = None
    owner: str | None = None
    evidence: tuple[str, ...] = ()
    moment_of_truth: bool = False
    #: The id of the map that details this step (a sub-journey), and where it is written.
    detail: str | None = None
    detail_location: Location | None = None

    @property
    def has_evidence(self) -> bool:
        """The step rests on research: it names at least one evidence entry (the one rule
        behind evidence coverage, the diagram's marks and ``validate --require-evidence``)."""
        return bool(self.evidence)

    @property
    def lowest_emotion(self) -> float | None:
        """The worst score any persona gives the step (what a pain point there feels like)."""
        return min((emotion.score for emotion in self.emotions), default=None)

    def emotion_for(self, persona: str) -> float | None:
        for emotion in self.emotions:
            if emotion.persona == persona:
                return emotion.score
        return None


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    location: Location
    goal: str | None = None
    description: str | None = None
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    value: str
    target: str | None = None
    stage: str | None = None
    direction: Direction | None = None
    #: When the value was measured.
    measured: _dt.date | None = None


@dataclass(frozen=True, slots=True)
class EvidenceCoverage:
    """How many of a map's steps rest on research (see :attr:`Step.has_evidence`)."""

    supported: int
    total: int

    @property
    def percent(self) -> int | None:
        """The share in whole percent, rounded down so only a fully supported map shows
        100; None for a map without steps."""
        return self.supported * 100 // self.total if self.total else None

    def describe(self) -> str:
        """``12 of 16 steps (75 %)``, with a no-break space before the ``%``."""
        noun = "step" if self.total == 1 else "steps"
        share = f" ({self.percent}\u00a0%)" if self.percent is not None else ""
        return f"{self.supported} of {self.total} {noun}{share}"


@dataclass(frozen=True, slots=True)
class JourneyMap:
    id: str
    title: str
    location: Location
    personas: tuple[str, ...]
    stages: tuple[Stage, ...]
    state: MapState = "current"
    description: str | None = None
    compares_to: str | None = None
    owner: str | None = None
    status: MapStatus = "draft"
    tags: tuple[str, ...] = ()
    updated: _dt.date | None = None
    metrics: tuple[Metric, ...] = ()
    #: Markdown body of a ``maps/<id>.md`` file (the map page's narrative).
    narrative: str = ""

    def steps(self) -> Iterator[tuple[Stage, Step]]:
        """Every step in journey order, with the stage it belongs to."""
        for stage in self.stages:
            for step in stage.steps:
                yield stage, step

    def unsupported_steps(self) -> Iterator[tuple[Stage, Step]]:
        """Every step without evidence, in journey order, with its stage."""
        return ((stage, step) for stage, step in self.steps() if not step.has_evidence)

    def evidence_coverage(self) -> EvidenceCoverage:
        steps = [step for _, step in self.steps()]
        return EvidenceCoverage(sum(step.has_evidence for step in steps), len(steps))

    def step_by_id(self, step_id: str) -> Step | None:
        return next((step for _, step in self.steps() if step.id == step_id), None)


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    name: str
    location: Location
    role: str | None = None
    quote: str | None = None
    goals: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: The ``description`` field (Markdown): the whole profile of a YAML persona, or a
    #: summary shown above the body of a Markdown one.
    description: str | None = None
    #: Markdown body of a ``personas/<id>.md`` file.
    body: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    """Every valid persona and map of a project, sorted by id."""

    personas: tuple[Persona, ...] = ()
    maps: tuple[JourneyMap, ...] = ()
    scale: EmotionScale = field(default_factory=EmotionScale)

    def persona(self, persona_id: str) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)

    def map(self, map_id: str) -> JourneyMap | None:
        return next((m for m in self.maps if m.id == map_id), None)

    def compared_map(self, journey: JourneyMap) -> JourneyMap | None:
        """The map ``journey`` is drawn over, faded behind its own emotion line.

        The one rule for the site and ``journeys render --compare``: a map that names
        ``compares_to`` is drawn over that map, whatever its own ``state`` (a
        current-state map naming one is valid, with a warning).
        """
        return self.map(journey.compares_to) if journey.compares_to else None

    def detail_map(self, step: Step) -> JourneyMap | None:
        """The map that details ``step``: the one its ``detail`` names, when that map is
        in the project (a map with errors is not, and then the step links nowhere)."""
        return self.map(step.detail) if step.detail else None

    def detail_links(self) -> DetailLinks:
        """Which maps detail which steps (build it once per project: it reads every step)."""
        return DetailLinks.of(self)


@dataclass(frozen=True, slots=True)
class DetailParent:
    """Where a detail map sits in a journey it details: map › stage › step."""

    journey: JourneyMap
    stage: Stage
    step: Step


@dataclass(frozen=True)
class DetailLinks:
    """The sub-journeys of a project: the one policy for validation, the diagram, the
    pages, the journey tree and the diff.

    A step naming ``detail: <map-id>`` makes that map a child of the step's map. A map
    may detail steps of several maps (it has a parent for each such step), and a map may
    hold several steps detailed by other maps. A ``detail`` naming a map that is not in
    the project (it has errors) links nothing.
    """

    #: Map id -> the distinct maps its steps detail, in journey order.
    children: Mapping[str, tuple[JourneyMap, ...]]
    #: Map id -> every step that it details, by parent map id, then journey order.
    parents: Mapping[str, tuple[DetailParent, ...]]

    @classmethod
    def of(cls, project: Project) -> DetailLinks:
        children: dict[str, dict[str, JourneyMap]] = {}
        parents: dict[str, list[DetailParent]] = {}
        for journey in project.maps:
            for stage, step in journey.steps():
                target = project.detail_map(step)
                if target is None:
                    continue
                children.setdefault(journey.id, {})[target.id] = target
                parents.setdefault(target.id, []).append(DetailParent(journey, stage, step))
        return cls(
            children={map_id: tuple(maps.values()) for map_id, maps in children.items()},
            parents={map_id: tuple(found) for map_id, found in parents.items()},
        )

    def children_of(self, journey: JourneyMap) -> tuple[JourneyMap, ...]:
        return self.children.get(journey.id, ())

    def parents_of(self, journey: JourneyMap) -> tuple[DetailParent, ...]:
        return self.parents.get(journey.id, ())

    def cycles(self) -> list[tuple[str, ...]]:
        """Cycles of detail links, each as map ids from a map back to itself
        (``("a", "b", "c", "a")``), together naming every map that is on a cycle.

        Each map on a cycle is covered once: starting from each map in id order that
        no cycle found so far covers, the shortest way back to it is one cycle.
        """
        found: list[tuple[str, ...]] = []
        covered: set[str] = set()
        for start in sorted(self.children):
            if start not in covered and (cycle := self._shortest_cycle(start)):
                found.append(cycle)
                covered.update(cycle)
        return found

    def _shortest_cycle(self, start: str) -> tuple[str, ...] | None:
        """The shortest path of detail links from ``start`` back to it (breadth first)."""
        came_from: dict[str, str] = {}
        frontier = [start]
        while frontier:
            next_frontier = []
            for map_id in frontier:
                for child in self.children.get(map_id, ()):
                    if child.id == start:
                        back = [map_id]  # walk back from the last map to the start
                        while back[-1] != start:
                            back.append(came_from[back[-1]])
                        return (*reversed(back), start)
                    if child.id not in came_from:
                        came_from[child.id] = map_id
                        next_frontier.append(child.id)
            frontier = next_frontier
        return None
