"""Typed reads of positioned YAML nodes that report, rather than raise, on bad values.

Every ``FieldReader`` method returns the converted value or ``None`` after recording an
issue at the offending node, so one pass over a file collects all of its problems.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from journeys.issues import Issue, Location, Severity, did_you_mean
from journeys.loading.sources import ID_PATTERN, suggest_id
from journeys.safety import FORBIDDEN_CHARACTER, SAFE_SCHEMES, link_scheme, written_as_link

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from journeys.loading.yamltree import Entry, Node

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
#: Field names starting with this are the team's own and are not checked.
EXTENSION_PREFIX = "x-"


def kind_of(node: Node) -> str:
    value = node.value
    if node.is_mapping:
        return "a mapping"
    if node.is_sequence:
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a boolean)"
    if isinstance(value, (int, float)):
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    return f"'{value}'"


class FieldReader:
    """Reads one file's nodes, collecting issues located in that file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.issues: list[Issue] = []

    def location(self, node: Node) -> Location:
        return Location(self.path, node.line, node.column)

    def report(self, node: Node, code: str, message: str, severity: Severity = "error") -> None:
        self.issues.append(Issue(self.location(node), severity, code, message))

    # -- containers ---------------------------------------------------------------

    def fields(
        self,
        node: Node,
        what: str,
        known: Collection[str],
        required: Iterable[str] = (),
    ) -> dict[str, Node] | None:
        """The mapping's values by key; unknown keys and missing required ones are reported."""
        if not node.is_mapping:
            self.report(node, "type", f"{what} must be a mapping of fields, not {kind_of(node)}")
            return None
        entries: dict[str, Entry] = node.value
        values: dict[str, Node] = {}
        for key, entry in entries.items():
            if key in known:
                values[key] = entry.value
            elif not key.startswith(EXTENSION_PREFIX):
                hint = did_you_mean(key, known)
                self.report(entry.key, "unknown-field", f"unknown field '{key}' in {what}{hint}")
        for name in required:
            if name not in entries:
                self.report(node, "required", f"{what} is missing the required field '{name}'")
        return values

    def items(self, node: Node, what: str) -> list[Node]:
        """A list's items; a single value where a list belongs is an error."""
        if node.is_sequence:
            return node.value
        if node.value is None:
            return []
        example = f" (write [{node.value}])" if node.is_scalar else ""
        self.report(node, "type", f"{what} must be a list, not {kind_of(node)}{example}")
        return []

    # -- scalars ------------------------------------------------------------------

    def text(self, node: Node | None, what: str, *, required: bool = False) -> str | None:
        if node is None:
            return None
        value = node.value
        if value is None and not required:
            return None
        blank = isinstance(value, str) and not value.strip()
        if blank or isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(node, "type", f"{what} must be text, not {'empty' if blank else kind_of(node)}")
            return None
        # A number in a text field is kept as written: 'value: 3.10' stays "3.10", not "3.1".
        text = value if isinstance(value, str) else node.source or str(value)
        bad = FORBIDDEN_CHARACTER.search(text)
        if bad:
            self.report(node, "control-character", _forbidden_message(what, bad.group()))
            return None
        return text.strip()

    def body(self, text: str, first_line: int, what: str) -> str | None:
        """A Markdown body that starts on line ``first_line`` of the file.

        The YAML reader refuses control characters in fields; a body is not YAML, so
        the same rule is checked here, at the character's own line and column.
        """
        bad = FORBIDDEN_CHARACTER.search(text)
        if bad is None:
            return text
        start = bad.start()
        line_start = text.rfind("\n", 0, start) + 1
        location = Location(self.path, first_line + text.count("\n", 0, start), start - line_start + 1)
        self.issues.append(Issue(location, "error", "control-character", _forbidden_message(what, bad.group())))
        return None

    def text_list(self, node: Node | None, what: str) -> tuple[str, ...]:
        if node is None:
            return ()
        texts = (self.text(item, f"each entry of {what}", required=True) for item in self.items(node, what))
        return tuple(text for text in texts if text is not None)

    def choice(self, node: Node | None, what: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(node, what)
        if text is None or node is None:
            return None
        if text not in choices:
            allowed = ", ".join(choices)
            self.report(node, "choice", f"{what} must be one of {allowed}, not '{text}'{did_you_mean(text, choices)}")
            return None
        return text

    def boolean(self, node: Node | None, what: str) -> bool:
        if node is None or node.value is None:
            return False
        if not isinstance(node.value, bool):
            self.report(node, "type", f"{what} must be true or false, not {kind_of(node)}")
            return False
        return node.value

    def date(self, node: Node | None, what: str) -> dt.date | None:
        text = self.text(node, what)
        if text is None or node is None:
            return None
        match = _DATE.match(text)
        if match is None:
            self.report(node, "date", f"{what} must be a date written YYYY-MM-DD, not '{text}'")
            return None
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            self.report(node, "date", f"impossible date {text}: {error}")
            return None

    def identifier(self, node: Node | None, what: str) -> str | None:
        text = self.text(node, what)
        if text is None or node is None:
            return None
        if not ID_PATTERN.match(text):
            self.report(
                node,
                "invalid-id",
                f"{what} '{text}' is not a valid id: use lowercase letters, digits and '-' "
                f"(e.g. '{suggest_id(text)}')",
            )
            return None
        return text

    def reference(self, node: Node | None, what: str, kind: str, known: Collection[str]) -> str | None:
        """An id that must name an existing persona or map."""
        ref = self.text(node, what)
        if ref is None or node is None:
            return None
        if ref not in known:
            self.report(node, f"unknown-{kind}", f"unknown {kind} '{ref}'{did_you_mean(ref, known)}")
            return None
        return ref

    def link(self, node: Node, what: str) -> str | None:
        """Plain words or a link; a link must be http, https or mailto."""
        text = self.text(node, what, required=True)
        scheme = link_scheme(text) if text and written_as_link(text) else None
        if scheme is not None and scheme not in SAFE_SCHEMES:
            self.report(
                node, "link-scheme", f"{what} uses the link scheme '{scheme}:'; only http, https and mailto are allowed"
            )
            return None
        return text


def _forbidden_message(what: str, character: str) -> str:
    return f"{what} contains the control character U+{ord(character):04X}"
