"""Schema of a journey map file: positioned YAML in, a ``JourneyMap`` and issues out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from journeys.issues import did_you_mean
from journeys.model import (
    DIRECTIONS,
    LEVELS,
    MAP_STATES,
    MAP_STATUSES,
    Emotion,
    EmotionScale,
    JourneyMap,
    Metric,
    Opportunity,
    PainPoint,
    PersonaText,
    PersonaTexts,
    Stage,
    Step,
)
from journeys.quantities import parse_quantity
from journeys.validation.definitions import MAP, METRIC, OPPORTUNITY, PAIN_POINT, STAGE, STEP
from journeys.validation.fields import kind_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from journeys.loading.project import References
    from journeys.loading.yamltree import Node
    from journeys.validation.fields import FieldReader

# The fields of each record, as docs/reference/format.md lists them (one definition,
# shared with the JSON Schema and journeys fmt).
MAP_FIELDS = MAP.names
STAGE_FIELDS = STAGE.names
STEP_FIELDS = STEP.names
METRIC_FIELDS = METRIC.names


def slugify(text: str) -> str:
    """A step or stage id from its name: ``"Enters card details"`` -> ``enters-card-details``.

    Accents are folded (``Café`` -> ``cafe``) so default ids look like explicit ones;
    letters of other scripts (CJK, Arabic...) are kept so such names still get an id.
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", folded).strip("-")


def read_map(
    reader: FieldReader, root: Node, map_id: str, refs: References, narrative: str = "", narrative_line: int = 1
) -> JourneyMap | None:
    """``narrative`` is a Markdown map's body, starting on line ``narrative_line`` of its file."""
    errors_before = len(reader.issues)
    fields = reader.fields(root, MAP.what, MAP_FIELDS, required=MAP.required)
    if fields is None:
        return None
    personas, listed = _personas(reader, root, fields, refs)
    compares_to = reader.reference(fields.get("compares_to"), "compares_to", "map", refs.map_ids)
    if compares_to == map_id:
        reader.report(fields["compares_to"], "compares-to-self", "a map cannot compare to itself")
    stages = _stages(reader, fields.get("stages"), StepContext(map_id, MapPersonas(personas, listed), refs))
    journey = JourneyMap(
        id=map_id,
        title=reader.text(fields.get("title"), "title", required=True) or "",
        location=reader.location(root),
        personas=personas,
        stages=stages,
        state=reader.choice(fields.get("state"), "state", MAP_STATES) or "current",  # type: ignore[arg-type]
        description=reader.text(fields.get("description"), "description"),
        compares_to=compares_to,
        owner=reader.text(fields.get("owner"), "owner"),
        status=reader.choice(fields.get("status"), "status", MAP_STATUSES) or "draft",  # type: ignore[arg-type]
        tags=reader.text_list(fields.get("tags"), "tags"),
        updated=reader.date(fields.get("updated"), "updated"),
        metrics=_metrics(reader, fields.get("metrics"), stages),
        narrative=reader.body(narrative, narrative_line, "the Markdown body") or "",
    )
    if journey.compares_to and journey.state == "current":
        reader.report(
            fields["compares_to"],
            "compares-to-current",
            "compares_to is meant for a future-state map; add 'state: future'",
            severity="warning",
        )
    has_errors = any(issue.severity == "error" for issue in reader.issues[errors_before:])
    return None if has_errors else journey


@dataclass(frozen=True)
class MapPersonas:
    """The map's personas: the valid ids, and every name listed (known or not)."""

    ids: tuple[str, ...]
    #: Per-persona keys (emotion, thoughts...) are checked against these, so an unknown
    #: persona is reported once, at the persona list, not again at every step.
    listed: frozenset[str]


def _personas(
    reader: FieldReader, root: Node, fields: dict[str, Node], refs: References
) -> tuple[tuple[str, ...], frozenset[str]]:
    """(valid persona ids in map order, every persona name the map lists)."""
    ids: list[str] = []
    listed: set[str] = set()
    for node in _persona_nodes(reader, root, fields):
        if isinstance(node.value, str):
            listed.add(node.value.strip())
        persona = reader.reference(node, "persona", "persona", refs.persona_ids)
        if persona in ids:
            reader.report(node, "duplicate-persona", f"persona '{persona}' is listed twice")
        elif persona is not None:
            ids.append(persona)
    return tuple(ids), frozenset(listed)


def _persona_nodes(reader: FieldReader, root: Node, fields: dict[str, Node]) -> list[Node]:
    """The nodes naming the map's personas: ``personas: [..]`` or ``persona: id``."""
    many, one = fields.get("personas"), fields.get("persona")
    if many is not None and one is not None:
        reader.report(one, "persona-twice", "use either 'persona' or 'personas', not both")
    if many is None and one is None:
        reader.report(root, "required", "a journey map is missing the required field 'personas'")
        return []
    given = many if many is not None else one
    assert given is not None
    if many is not None:
        nodes = reader.items(many, "personas")
    elif given.value is None:  # `persona:` with nothing after it
        nodes = []
    else:
        nodes = [given]
    # A scalar where the list belongs was reported by items(); don't add a second error.
    if not nodes and (given.is_sequence or given.value is None):
        reader.report(given, "required", "a journey map needs at least one persona")
    return nodes


def _stages(reader: FieldReader, node: Node | None, context: StepContext) -> tuple[Stage, ...]:
    if node is None:
        return ()
    stage_nodes = reader.items(node, "stages")
    if not stage_nodes and (node.is_sequence or node.value is None):  # `stages: []` or `stages:`
        reader.report(node, "required", "a journey map needs at least one stage")
    stages: list[Stage] = []
    stage_ids: dict[str, Node] = {}
    step_ids: dict[str, Node] = {}
    for stage_node in stage_nodes:
        fields = reader.fields(stage_node, STAGE.what, STAGE_FIELDS, required=STAGE.required)
        if fields is None:
            continue
        name = reader.text(fields.get("name"), "stage name", required=True)
        stage_id = _unique_id(reader, fields, name, stage_node, stage_ids, "stage")
        step_nodes = _list(reader, fields, "steps")
        steps = tuple(
            step for step_node in step_nodes if (step := _step(reader, step_node, context, step_ids))
        )
        written = fields.get("steps")
        if not step_nodes and (written is None or written.is_sequence or written.value is None):
            reader.report(stage_node, "empty-stage", f"stage '{name}' has no steps", severity="warning")
        stages.append(
            Stage(
                id=stage_id or "",
                name=name or "",
                location=reader.location(stage_node),
                goal=reader.text(fields.get("goal"), "goal"),
                description=reader.text(fields.get("description"), "description"),
                steps=steps,
            )
        )
    return tuple(stages)


def _unique_id(
    reader: FieldReader, fields: dict[str, Node], name: str | None, node: Node, seen: dict[str, Node], kind: str
) -> str | None:
    """The explicit ``id`` or a slug of the name; ids must be unique within the map."""
    explicit = fields.get("id")
    item_id = reader.identifier(explicit, f"{kind} id") if explicit is not None else slugify(name or "")
    if item_id == "" and name:
        # Without an id the diff cannot follow this step, and two such steps would collide.
        reader.report(
            node, f"no-{kind}-id", f"{kind} name '{name}' has no letters or digits to make an id from; add an 'id'"
        )
    if not item_id:
        return item_id
    first = seen.get(item_id)
    if first is not None:
        where = explicit if explicit is not None else node
        reader.report(
            where,
            f"duplicate-{kind}",
            f"duplicate {kind} id '{item_id}' (first used on line {first.line}); give one an explicit 'id'",
        )
    else:
        seen[item_id] = node
    return item_id


def _step(reader: FieldReader, node: Node, context: StepContext, seen: dict[str, Node]) -> Step | None:
    fields = reader.fields(node, STEP.what, STEP_FIELDS, required=STEP.required)
    if fields is None:
        return None
    personas, scale = context.personas, context.refs.scale
    name = reader.text(fields.get("name"), "step name", required=True)
    step_id = _unique_id(reader, fields, name, node, seen, "step")
    detail_node = fields.get("detail")
    return Step(
        id=step_id or "",
        name=name or "",
        location=reader.location(node),
        touchpoint=reader.text(fields.get("touchpoint"), "touchpoint"),
        channel=reader.text(fields.get("channel"), "channel"),
        actions=_persona_texts(reader, fields, "actions", personas),
        thoughts=_persona_texts(reader, fields, "thoughts", personas),
        feeling=_persona_texts(reader, fields, "feeling", personas),
        emotions=_emotions(reader, fields.get("emotion"), personas, scale),
        pain_points=tuple(_pain_point(reader, item) for item in _list(reader, fields, "pain_points")),
        opportunities=tuple(_opportunity(reader, item) for item in _list(reader, fields, "opportunities")),
        backstage=reader.text(fields.get("backstage"), "backstage"),
        owner=reader.text(fields.get("owner"), "owner"),
        evidence=tuple(
            text for item in _list(reader, fields, "evidence") if (text := reader.link(item, "evidence")) is not None
        ),
        moment_of_truth=reader.boolean(fields.get("moment_of_truth"), "moment_of_truth"),
        detail=_detail(reader, detail_node, context),
        detail_location=reader.location(detail_node) if detail_node is not None else None,
    )


@dataclass(frozen=True)
class StepContext:
    """What a step is read against: its map's id and personas, and the project's ids."""

    map_id: str
    personas: MapPersonas
    refs: References


def _detail(reader: FieldReader, node: Node | None, context: StepContext) -> str | None:
    """The id of the map detailing a step; cycles through other maps are found in
    ``loading.project.project_issues``, which sees every map."""
    detail = reader.reference(node, "detail", "map", context.refs.map_ids)
    if detail is not None and detail == context.map_id and node is not None:
        message = f"detail names this map itself ('{detail}'); a step is detailed by another map"
        reader.report(node, "detail-self", message)
        return None
    return detail


def _list(reader: FieldReader, fields: dict[str, Node], name: str) -> list[Node]:
    node = fields.get(name)
    return reader.items(node, name) if node is not None else []


_Value = TypeVar("_Value")


def _per_persona(
    reader: FieldReader, node: Node, cast: MapPersonas, what: str, code: str, read: Callable[[Node, str], _Value | None]
) -> list[tuple[str, _Value]]:
    """A mapping of persona id -> value read with ``read(node, persona)``, in the map's
    persona order; a key that is not a persona on the map is reported with a hint."""
    personas = cast.ids
    values: dict[str, _Value] = {}
    for persona, entry in node.value.items():
        if persona in cast.listed and persona not in personas:
            continue  # an unknown persona, already reported at the map's persona list
        if persona not in personas:
            on_map = ", ".join(personas) or "none"
            reader.report(
                entry.key,
                code,
                f"{what} for '{persona}', who is not on this map (personas: {on_map})"
                + did_you_mean(persona, personas),
            )
            continue
        value = read(entry.value, persona)
        if value is not None:
            values[persona] = value
    return [(persona, values[persona]) for persona in personas if persona in values]


def _emotions(reader: FieldReader, node: Node | None, cast: MapPersonas, scale: EmotionScale) -> tuple[Emotion, ...]:
    """One score for every persona on the map, or a mapping of persona id to score."""
    if node is None or node.value is None:
        return ()
    if not node.is_mapping:
        score = _score(reader, node, scale)
        return () if score is None else tuple(Emotion(persona, score) for persona in cast.ids)
    scores = _per_persona(reader, node, cast, "emotion", "emotion-persona", lambda n, _: _score(reader, n, scale))
    return tuple(Emotion(persona, score) for persona, score in scores)


def _persona_texts(reader: FieldReader, fields: dict[str, Node], name: str, cast: MapPersonas) -> PersonaTexts:
    """``actions``, ``thoughts`` or ``feeling``: one text for every persona on the map,
    or a mapping of persona id to text, as ``emotion`` takes a score."""
    node = fields.get(name)
    if node is None or not node.is_mapping:
        return PersonaTexts.shared_text(reader.text(node, name))
    texts = _per_persona(
        reader, node, cast, name, "text-persona",
        lambda n, persona: reader.text(n, f"{name} for '{persona}'", required=True),
    )  # fmt: skip
    return PersonaTexts(tuple(PersonaText(persona, text) for persona, text in texts))


def _score(reader: FieldReader, node: Node, scale: EmotionScale) -> float | None:
    if isinstance(node.value, bool) or not isinstance(node.value, (int, float)) or node.value != node.value:
        reader.report(
            node, "emotion-type", f"emotion must be a number from {scale.describe()}, not {kind_of(node)}"
        )
        return None
    if not scale.contains(node.value):
        # str() for ints: ':g' would raise OverflowError on a 400-digit integer.
        shown = str(node.value) if isinstance(node.value, int) else f"{node.value:g}"
        reader.report(node, "emotion-range", f"emotion {shown} is outside the scale {scale.describe()}")
        return None
    return node.value


def _level(reader: FieldReader, fields: dict[str, Node], name: str) -> str | None:
    return reader.choice(fields.get(name), name, LEVELS)


def _pain_point(reader: FieldReader, node: Node) -> PainPoint:
    if not node.is_mapping:
        return PainPoint(reader.text(node, "a pain point", required=True) or "")
    fields = reader.fields(node, PAIN_POINT.what, PAIN_POINT.names, required=PAIN_POINT.required) or {}
    return PainPoint(
        text=reader.text(fields.get("text"), "pain point text", required=True) or "",
        severity=_level(reader, fields, "severity"),  # type: ignore[arg-type]
    )


def _opportunity(reader: FieldReader, node: Node) -> Opportunity:
    if not node.is_mapping:
        return Opportunity(reader.text(node, "an opportunity", required=True) or "")
    fields = reader.fields(node, OPPORTUNITY.what, OPPORTUNITY.names, required=OPPORTUNITY.required) or {}
    return Opportunity(
        text=reader.text(fields.get("text"), "opportunity text", required=True) or "",
        impact=_level(reader, fields, "impact"),  # type: ignore[arg-type]
        effort=_level(reader, fields, "effort"),  # type: ignore[arg-type]
    )


def _metrics(reader: FieldReader, node: Node | None, stages: tuple[Stage, ...]) -> tuple[Metric, ...]:
    if node is None:
        return ()
    stage_names = {stage.name: stage for stage in stages} | {stage.id: stage for stage in stages}
    metrics = []
    for item in reader.items(node, "metrics"):
        fields = reader.fields(item, METRIC.what, METRIC_FIELDS, required=METRIC.required)
        if fields is None:
            continue
        stage = reader.text(fields.get("stage"), "metric stage")
        if stage is not None and stage not in stage_names:
            reader.report(
                fields["stage"],
                "unknown-stage",
                f"metric names the stage '{stage}', which is not on this map"
                + did_you_mean(stage, tuple(s.name for s in stages)),
            )
        metric = Metric(
            name=reader.text(fields.get("name"), "metric name", required=True) or "",
            value=reader.text(fields.get("value"), "metric value", required=True) or "",
            target=reader.text(fields.get("target"), "metric target"),
            stage=stage_names[stage].name if stage in stage_names else None,
            direction=reader.choice(fields.get("direction"), "metric direction", DIRECTIONS),  # type: ignore[arg-type]
            measured=reader.date(fields.get("measured"), "metric measured"),
        )
        _check_units(reader, fields, metric)
        metrics.append(metric)
    return tuple(metrics)


def _check_units(reader: FieldReader, fields: dict[str, Node], metric: Metric) -> None:
    """A value and target in different units cannot be compared: likely a typo (``%`` left out)."""
    value = parse_quantity(metric.value)
    target = parse_quantity(metric.target) if metric.target else None
    if value is not None and target is not None and value.unit != target.unit:
        reader.report(
            fields["target"],
            "metric-units",
            f"metric value '{metric.value}' and target '{metric.target}' are in different units, "
            "so they cannot be compared",
            severity="warning",
        )
