"""Helpers shared by the CSV tests: a map as the sheet can carry it, and a CSV import run in memory."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from journeys.config import load_settings
from journeys.formats import ImportContext, InputFile
from journeys.formats.spreadsheet import export_maps, import_file
from journeys.loading.project import decode, load_project
from journeys.model import PersonaText, PersonaTexts

if TYPE_CHECKING:
    from pathlib import Path

    from journeys.formats import Imported
    from journeys.model import JourneyMap, Project, Step

#: Project settings with no personas: every persona of an import becomes a stub.
EMPTY_PROJECT = "site_name: Imported\nplugins:\n  - journeys\n"


def load(root: Path) -> Project:
    """The project under ``root``, which must load without an error."""
    settings, config_issues = load_settings(root)
    result = load_project(settings)
    assert config_issues == [] and result.errors == (), [str(i) for i in result.errors]
    return result.project


def _each_persona(journey: JourneyMap, texts: PersonaTexts) -> PersonaTexts:
    """What each persona reads: a text shared by everyone and one per persona say the same."""
    entries = ((persona, texts.for_persona(persona)) for persona in journey.personas)
    return PersonaTexts(tuple(PersonaText(persona, text) for persona, text in entries if text is not None))


def _step(journey: JourneyMap, step: Step) -> Step:
    return replace(
        step,
        location=None,  # type: ignore[arg-type]
        detail_location=None,
        actions=_each_persona(journey, step.actions),
        thoughts=_each_persona(journey, step.thoughts),
        feeling=_each_persona(journey, step.feeling),
    )


def comparable(journey: JourneyMap) -> JourneyMap:
    """``journey`` as a sheet carries it: without file positions, metrics and narrative
    (which a sheet has no columns for)."""
    stages = tuple(
        replace(stage, location=None, steps=tuple(_step(journey, step) for step in stage.steps))  # type: ignore[arg-type]
        for stage in journey.stages
    )
    return replace(journey, location=None, stages=stages, metrics=(), narrative="")  # type: ignore[arg-type]


def export_csv(root: Path, map_ids: list[str] | None = None) -> bytes:
    project = load(root)
    settings, _ = load_settings(root)
    maps = [m for m in project.maps if map_ids is None or m.id in map_ids]
    return export_maps(project, maps, settings)


def import_csv(root: Path, data: bytes, name: str = "sheet.csv") -> Imported:
    """What ``journeys import csv`` makes of ``data`` for the project at ``root`` (nothing written)."""
    settings, _ = load_settings(root)
    project = load(root)
    context = ImportContext(settings, {persona.id: persona.name for persona in project.personas})
    return import_file(InputFile(name, decode(data)), context)
