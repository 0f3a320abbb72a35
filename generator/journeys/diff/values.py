"""Field values as short display text, and the fields that differ between two objects."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from journeys.diff.changes import FieldChange, PersonaFieldChange

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping, Sequence

    from journeys.model import PersonaTexts

#: Long texts (thoughts, descriptions) are cut so one change stays one readable line.
MAX_DISPLAY = 80


def display(value: object) -> str | None:
    """A value as one line of text; None for "not set"."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        text = ", ".join(str(display(item)) for item in value)
    elif hasattr(value, "text"):
        text = str(value.text)
    elif hasattr(value, "name") and hasattr(value, "value"):
        text = f"{value.name}: {value.value}"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_DISPLAY else text[: MAX_DISPLAY - 1] + "…"


def field_changes(before: object, after: object, names: Iterable[str]) -> tuple[FieldChange, ...]:
    """A FieldChange for every named attribute whose value differs."""
    return tuple(
        FieldChange(name, display(getattr(before, name)), display(getattr(after, name)))
        for name in names
        if getattr(before, name) != getattr(after, name)
    )


def persona_text_changes(
    name: str, before: PersonaTexts, after: PersonaTexts, personas: Sequence[str]
) -> tuple[FieldChange, ...]:
    """A step's ``actions``, ``thoughts`` or ``feeling``: one change while it is one text
    for everyone on both sides; else one change per persona whose text differs (a
    shared text counts as every persona's), in the order of ``personas``."""
    if before == after:
        return ()
    if (before.is_shared or not before) and (after.is_shared or not after):
        return (FieldChange(name, display(before.shared), display(after.shared)),)
    return tuple(
        PersonaFieldChange(name, display(old), display(new), persona)
        for persona in personas
        if (old := before.for_persona(persona)) != (new := after.for_persona(persona))
    )


def pair_unique(removed: Mapping[str, Hashable], added: Mapping[str, Hashable]) -> dict[str, str]:
    """Pair removed and added ids whose key is equal and unique on both sides."""
    by_key_before: dict[Hashable, list[str]] = {}
    by_key_after: dict[Hashable, list[str]] = {}
    for item_id, key in removed.items():
        by_key_before.setdefault(key, []).append(item_id)
    for item_id, key in added.items():
        by_key_after.setdefault(key, []).append(item_id)
    return {
        old[0]: by_key_after[key][0]
        for key, old in by_key_before.items()
        if len(old) == 1 and len(by_key_after.get(key, ())) == 1
    }
