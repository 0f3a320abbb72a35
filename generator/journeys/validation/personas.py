"""Schema of a persona file: positioned YAML in, a ``Persona`` and issues out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.model import Persona

if TYPE_CHECKING:
    from journeys.loading.yamltree import Node
    from journeys.validation.fields import FieldReader

PERSONA_FIELDS = (
    "name", "role", "quote", "description", "goals", "frustrations", "behaviours",
    "channels", "tags",
)  # fmt: skip
_LISTS = ("goals", "frustrations", "behaviours", "channels", "tags")


def read_persona(
    reader: FieldReader, root: Node, persona_id: str, body: str = "", body_line: int = 1
) -> Persona | None:
    """``body`` is a Markdown persona's profile, starting on line ``body_line`` of its file."""
    errors_before = len(reader.issues)
    fields = reader.fields(root, "a persona", PERSONA_FIELDS, required=("name",))
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
