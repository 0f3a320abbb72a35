"""``journeys export json``: the whole validated project in one JSON document, and its schema.

For BI tools, scripts and other renderers: top-level ``personas`` and ``maps`` lists,
each map with its ``stages`` and their ``steps``, under the same field names as the
YAML. The shape is regular where the YAML is lenient, so a reader needs no special
cases: every field is present (``null`` or ``[]`` when a file leaves it out), a step's
``emotion`` is always an object of persona id -> score, pain points and opportunities
are always objects. ``actions``, ``thoughts`` and ``feeling`` stay as the YAML has them:
one text for everyone on the map, or an object of persona id -> text.

The document and its JSON Schema (``export.schema.json``, written by ``journeys
schema`` and published with the site) are both generated from the field definitions
(:mod:`journeys.validation.definitions`) by one table of kinds below, so a new field
appears in both. The output is deterministic: keys sorted, lists in the project's order
(maps and personas by id, stages and steps in journey order), and the only dates are
the maps' own ``updated`` and git's last change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from journeys import __version__
from journeys.model import PersonaTexts
from journeys.validation.definitions import MAP, PERSONA, Field, Kind, Record

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from journeys.config import Settings
    from journeys.model import EmotionScale, JourneyMap, Persona, Project
    from journeys.site.freshness import LastChange

#: The version of the document's shape; raised when a field changes meaning or is removed.
EXPORT_VERSION = 1
EXPORT_SCHEMA = "export.schema.json"

Schema = dict[str, Any]

#: A field of the model under another name than the YAML's.
_ATTRIBUTES = {"emotion": "emotions"}
_STRING: Schema = {"type": "string"}


def export_maps(project: Project, maps: Sequence[JourneyMap], settings: Settings) -> bytes:
    """The command's output: ``maps`` (and their personas), with git's last change of each map."""
    return export_json(project, maps, settings.scale, git_changes(settings.root, maps)).encode("utf-8")


def git_changes(root: Path, maps: Sequence[JourneyMap]) -> dict[str, LastChange]:
    """Map id -> its last change in git, for the maps git tracks (none outside a repository)."""
    from journeys.history import last_changes
    from journeys.site.freshness import describe

    history = last_changes(root, [journey.location.path for journey in maps])
    described = {journey.id: describe(history.get(journey.location.path)) for journey in maps}
    return {map_id: change for map_id, change in described.items() if change is not None}


def export_json(
    project: Project,
    maps: Sequence[JourneyMap],
    scale: EmotionScale,
    changes: Mapping[str, LastChange],
) -> str:
    """The document as JSON text, indented for people to read and diff. The site publishes
    it compact (:func:`compact_json`): the indenting encoder is Python's own and takes
    several times as long, at every build of a large portfolio."""
    document = export_document(project, maps, scale, changes)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def compact_json(project: Project, maps: Sequence[JourneyMap], scale: EmotionScale, map_texts: Sequence[str]) -> str:
    """The compact document, joined from each map's :func:`map_json` (which the site keeps
    with the map's page, so a rebuild after one edit encodes one map): the same text as
    encoding the whole document at once."""
    parts = {key: _compact(value) for key, value in _document_head(project, maps, scale).items()}
    parts["maps"] = "[" + ",".join(map_texts) + "]"
    return "{" + ",".join(f"{_compact(key)}:{parts[key]}" for key in sorted(parts)) + "}\n"


def map_json(journey: JourneyMap, change: LastChange | None) -> str:
    """One map of the compact document."""
    return _compact(_map(journey, change))


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def export_document(
    project: Project, maps: Sequence[JourneyMap], scale: EmotionScale, changes: Mapping[str, LastChange]
) -> dict[str, object]:
    """The document as Python values."""
    return {
        **_document_head(project, maps, scale),
        "maps": [_map(journey, changes.get(journey.id)) for journey in maps],
    }


def _document_head(project: Project, maps: Sequence[JourneyMap], scale: EmotionScale) -> dict[str, object]:
    """All of the document but its maps. Every persona when every map is exported; else
    the personas the exported maps name."""
    every_map = {journey.id for journey in maps} == {journey.id for journey in project.maps}
    named = {persona_id for journey in maps for persona_id in journey.personas}
    personas = [persona for persona in project.personas if every_map or persona.id in named]
    return {
        "version": EXPORT_VERSION,
        "emotion_scale": {
            "min": scale.minimum,
            "max": scale.maximum,
            "labels": {str(score): label for score, label in scale.labels},
        },
        "personas": [_persona(persona) for persona in personas],
    }


def _persona(persona: Persona) -> dict[str, object]:
    return {
        "id": persona.id,
        "source": persona.location.path,
        **_record(PERSONA, persona),
        "body": persona.body or None,
    }


def _map(journey: JourneyMap, change: LastChange | None) -> dict[str, object]:
    return {
        "id": journey.id,
        "source": journey.location.path,
        **_record(MAP, journey),
        "narrative": journey.narrative or None,
        "last_change": None if change is None else {"date": change.date, "author": change.author},
    }


#: What the exported document adds to the fields of a map and a persona file.
_MAP_EXTRAS: dict[str, Schema] = {
    "id": {"description": "The map's id: its file name.", **_STRING},
    "source": {"description": "The map's file, relative to the project.", **_STRING},
    "narrative": {"description": "The Markdown body of a Markdown map.", "type": ["string", "null"]},
    "last_change": {
        "description": "The last commit that changed the map's file, when git has it.",
        "type": ["object", "null"],
        "properties": {"date": {"type": "string", "format": "date"}, "author": {"type": ["string", "null"]}},
        "required": ["date", "author"],
        "additionalProperties": False,
    },
}
_PERSONA_EXTRAS: dict[str, Schema] = {
    "id": {"description": "The persona's id: its file name.", **_STRING},
    "source": {"description": "The persona's file, relative to the project.", **_STRING},
    "body": {"description": "The Markdown body of a Markdown persona.", "type": ["string", "null"]},
}


def _fields(record: Record) -> tuple[Field, ...]:
    """The fields of ``record`` as exported: of a shorthand pair (``personas`` or
    ``persona``), the full form only, as the model holds it."""
    shorthands = record.one_of[1:]
    return tuple(field for field in record.fields if field.name not in shorthands)


def _record(record: Record, item: object) -> dict[str, object]:
    return {name: export(field, getattr(item, attribute)) for name, attribute, export, field in _plan(record)}


#: Record -> how each of its fields is exported, worked out once: a project of 1,000
#: maps has 100,000 fields to export, so the loop above must do no more than it has to.
_PLANS: dict[str, tuple[tuple[str, str, Callable[[Field, Any], object], Field], ...]] = {}


def _plan(record: Record) -> tuple[tuple[str, str, Callable[[Field, Any], object], Field], ...]:
    plan = _PLANS.get(record.what)
    if plan is None:
        plan = tuple(
            (field.name, _ATTRIBUTES.get(field.name, field.name), _KINDS[field.kind][0], field)
            for field in _fields(record)
        )
        _PLANS[record.what] = plan
    return plan


# -- each kind of field: its exported value and its schema ------------------------------


def _number(score: float) -> float | int:
    return int(score) if float(score).is_integer() else score


def _texts(_: Field, texts: PersonaTexts) -> object:
    if not texts:
        return None
    shared = texts.shared
    return shared if shared is not None else {entry.persona: entry.text for entry in texts}


def _same(_: Field, value: object) -> object:
    return value


def _listed(_: Field, value: Sequence[object]) -> list[object]:
    return list(value)


def _records(field: Field, items: Sequence[object]) -> list[object]:
    assert field.record is not None
    return [_record(field.record, item) for item in items]


def _nullable(field: Field, schema: Schema) -> Schema:
    """Optional fields are ``null`` when left out; ids and fields with a default never are."""
    if field.required or field.default is not None or field.name == "id":
        return schema
    if "enum" in schema:
        return {"enum": [*schema["enum"], None]}
    return {**schema, "type": [schema["type"], "null"]}


#: Kind -> (the exported value of a model attribute, the schema of that value).
_KINDS: dict[Kind, tuple[Callable[[Field, Any], object], Callable[[Field, EmotionScale], Schema]]] = {
    Kind.TEXT: (_same, lambda field, _: _nullable(field, _STRING)),
    Kind.ID: (_same, lambda field, _: _nullable(field, _STRING)),
    Kind.CHOICE: (_same, lambda field, _: _nullable(field, {"enum": list(field.choices)})),
    Kind.DATE: (
        lambda _, date: None if date is None else date.isoformat(),
        lambda field, _: _nullable(field, {"type": "string", "format": "date"}),
    ),
    Kind.BOOLEAN: (_same, lambda field, _: {"type": "boolean"}),
    Kind.TEXT_LIST: (_listed, lambda field, _: {"type": "array", "items": _STRING}),
    Kind.ID_LIST: (_listed, lambda field, _: {"type": "array", "items": _STRING}),
    Kind.SCORE: (
        lambda _, emotions: {emotion.persona: _number(emotion.score) for emotion in emotions},
        lambda field, scale: {
            "type": "object",
            "additionalProperties": {"type": "number", "minimum": scale.minimum, "maximum": scale.maximum},
        },
    ),
    Kind.PERSONA_TEXT: (
        _texts,
        lambda field, _: {"type": ["string", "object", "null"], "additionalProperties": _STRING},
    ),
    Kind.RECORDS: (_records, lambda field, _: _array_of(field)),
    Kind.TEXTS_OR_RECORDS: (_records, lambda field, _: _array_of(field)),
}


def _array_of(field: Field) -> Schema:
    assert field.record is not None
    return {"type": "array", "items": {"$ref": f"#/$defs/{_definition_name(field.record)}"}}


# -- the schema ---------------------------------------------------------------------------


def export_schema(scale: EmotionScale) -> Schema:
    """The JSON Schema of the document, for a project with ``scale``."""
    from journeys.validation.schema import DIALECT

    definitions: dict[str, Schema] = {}
    for record in (MAP, PERSONA):
        _define(record, scale, definitions)
    definitions["map"]["properties"] = {**_MAP_EXTRAS, **definitions["map"]["properties"]}
    definitions["persona"]["properties"] = {**_PERSONA_EXTRAS, **definitions["persona"]["properties"]}
    for name in ("map", "persona"):
        definitions[name]["required"] = sorted(definitions[name]["properties"])
    return {
        "$schema": DIALECT,
        "$id": EXPORT_SCHEMA,
        "$comment": f"Generated by journeys {__version__} (journeys schema) for the emotion scale "
        f"{scale.describe()}; the document it describes is written by 'journeys export json'.",
        "title": "A journeys project",
        "description": "Every persona and journey map of a project, as 'journeys export json' writes them.",
        "type": "object",
        "properties": {
            "version": {"description": "The version of this document's shape.", "const": EXPORT_VERSION},
            "emotion_scale": {
                "description": "The project's emotion scale: the range of scores and the label of whole ones.",
                "type": "object",
                "properties": {
                    "min": {"type": "integer"},
                    "max": {"type": "integer"},
                    "labels": {"type": "object", "additionalProperties": _STRING},
                },
                "required": ["min", "max", "labels"],
                "additionalProperties": False,
            },
            "personas": {"type": "array", "items": {"$ref": "#/$defs/persona"}},
            "maps": {"type": "array", "items": {"$ref": "#/$defs/map"}},
        },
        "required": ["version", "emotion_scale", "personas", "maps"],
        "additionalProperties": False,
        "$defs": definitions,
    }


def _define(record: Record, scale: EmotionScale, definitions: dict[str, Schema]) -> None:
    """Add ``record`` and the records its fields hold to ``definitions``."""
    properties = {}
    for field in _fields(record):
        properties[field.name] = {"description": field.description, **_KINDS[field.kind][1](field, scale)}
        if field.record is not None and _definition_name(field.record) not in definitions:
            _define(field.record, scale, definitions)
    definitions[_definition_name(record)] = {
        "title": record.what.split(" ", 1)[1].capitalize(),
        "description": record.description,
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def _definition_name(record: Record) -> str:
    """``a journey map`` -> ``map``, ``a pain point`` -> ``pain-point``."""
    return record.what.split(" ", 1)[1].removeprefix("journey ").replace(" ", "-")
