"""Schema of a persona file: positioned YAML in, a ``Persona`` and issues out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.model import Persona
from journeys.validation.definitions import PERSONA, Kind

if TYPE_CHECKING:
    from journeys.loading.yamltree import Node
    from journeys.validation.fields import FieldReader

# The fields of a persona, as docs/reference/format.md lists them (one definition,
# shared with the JSON Schema and journeys fmt).
PERSONA_FIELDS = PERSONA.names
_LISTS = PERSONA.of_kind(Kind.TEXT_LIST)


def read_persona(
    reader: FieldReader, root: Node, persona_id: str, body: str = "", body_line: int = 1
) -> Persona | None:
    """``body`` is a Markdown persona's profile, starting on line ``body_line`` of its file."""
    errors_before = len(reader.issues)
    fields = reader.fields(root, PERSONA.what, PERSONA_FIELDS, required=PERSONA.required)
    if fields is None:
        return None
    lists = {name: reader.text_list(fields.get(name), name) for name in _LISTS}
    persona = Persona(
        id=persona_id,
        name=reader.text(fields.get("name"), "name", required=True) or "",
        location=reader.location(root),
        role=reader.text(fields.get("role"), "role"),
        quote=reader.text(fields.get("quote"), "quote"),
        description=reader.text(fields.get("description"), "description"),
        body=reader.body(body, body_line, "the Markdown body") or "",
        **lists,
    )
    has_errors = any(issue.severity == "error" for issue in reader.issues[errors_before:])
    return None if has_errors else persona
