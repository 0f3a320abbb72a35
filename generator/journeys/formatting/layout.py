"""The one layout ``journeys fmt`` writes.

- Fields in the order of the field definitions (the reference's order) at every level;
  the team's own ``x-`` fields after them, as they were; per-persona values
  (``emotion: {pat: -2, sam: 0}``) in the map's persona order.
- Two spaces of indentation; a list is indented under its key.
- Text plain where YAML reads it back as the same text, in double quotes otherwise;
  numbers, booleans and nulls exactly as written (``3.10`` stays ``3.10``); ``|`` and
  ``>`` blocks stay blocks, with their line breaks.
- Short lists of short values on one line, ``[web, app]``; small records (pain points,
  opportunities, metrics, per-persona values) too, ``{text: Slow, severity: high}``,
  when they fit. Anything holding a comment stays one entry per line.
- Comments and blank lines stay with the entry they belong to (see document.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from journeys.formatting.document import Collection, Entry, Scalar
from journeys.loading.yamltree import YamlProblem, resolve_plain
from journeys.validation.definitions import Kind

if TYPE_CHECKING:
    from journeys.formatting.document import Document, Node
    from journeys.validation.definitions import Record

#: Longest line a one-line list or record may make.
LINE_WIDTH = 100
#: A list is written on one line only with at most this many values...
FLOW_ITEMS = 6
#: ...each at most this long (longer values are prose, easier to read one per line).
FLOW_ITEM_LENGTH = 40
INDENT = 2
#: Spaces before an end-of-line comment.
COMMENT_GAP = 2

_PER_PERSONA_KINDS = (Kind.SCORE, Kind.PERSONA_TEXT)
_LIST_OF_RECORDS = (Kind.RECORDS, Kind.TEXTS_OR_RECORDS)


def canonical_yaml(document: Document, record: Record) -> str:
    """The document's text in the canonical layout; ``record`` is a map's or a persona's."""
    compact: set[int] = set()
    _arrange(document.root, record, _personas(document.root), compact)
    writer = _Writer(compact)
    writer.comments(document.header, 0)
    writer.block(document.root, 0)
    writer.lines.extend(_squeeze(document.footer))
    return writer.text()


# -- order ------------------------------------------------------------------------------------------


def _personas(root: Collection) -> list[str]:
    """The map's persona ids in its order (``personas: [..]`` or ``persona: id``)."""
    for entry in root.entries:
        if entry.key is not None and entry.key.value in ("personas", "persona"):
            values = entry.value.entries if isinstance(entry.value, Collection) else [Entry(None, entry.value)]
            return [item.value.value for item in values if isinstance(item.value, Scalar)]
    return []


def _arrange(node: Node, record: Record | None, personas: list[str], compact: set[int]) -> None:
    """Put fields in order, recursively; remember which mappings may be written on one line."""
    if not isinstance(node, Collection):
        return
    if record is not None:
        names = record.names
        node.entries.sort(key=lambda entry: _rank(entry, names))
        if record.compact:
            compact.add(id(node))
    for entry in node.entries:
        field = record.field(entry.key.value) if record is not None and entry.key is not None else None
        value = entry.value
        if field is not None and field.kind in _LIST_OF_RECORDS and isinstance(value, Collection):
            for item in value.entries:
                _arrange(item.value, field.record if isinstance(item.value, Collection) else None, personas, compact)
        elif field is not None and field.kind in _PER_PERSONA_KINDS and isinstance(value, Collection):
            value.entries.sort(key=lambda entry: _rank(entry, personas))
            compact.add(id(value))
        else:
            _arrange(value, None, personas, compact)


def _rank(entry: Entry, order: tuple[str, ...] | list[str]) -> int:
    """Known names in ``order``; anything else (``x-`` fields) after them, as it was (stable sort)."""
    if entry.key is None or entry.key.value not in order:
        return len(order)
    return order.index(entry.key.value)


# -- text -------------------------------------------------------------------------------------------

# Characters that cannot start plain text: YAML indicators, and quotes.
_PLAIN_START = set("?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}:?")  # "?": libyaml cannot read "[a?]"
# Characters written as escapes in double quotes: controls, line and paragraph separators,
# the byte-order mark and non-characters (YAML requires escapes for the unprintable).
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def scalar_text(scalar: Scalar, *, flow: bool) -> str:
    """A one-line scalar as the canonical layout writes it."""
    if scalar.style is None and not _reads_as_text(scalar.value):
        return scalar.value  # a number, boolean or null: as written
    return scalar.value if plain_is_safe(scalar.value, flow=flow) else double_quoted(scalar.value)


def plain_is_safe(text: str, *, flow: bool) -> bool:
    """Whether ``text`` written without quotes reads back as the same text (in journeys and editors)."""
    if not text or text != text.strip() or not _reads_as_text(text) or _ESCAPE.search(text):
        return False
    if text[0] in _PLAIN_START or text.startswith(("- ", "---", "...")) or text == "-":
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and _FLOW_INDICATORS.intersection(text))


def _reads_as_text(plain: str) -> bool:
    """Whether journeys reads ``plain`` (unquoted) as that text: not a number, boolean or null.

    ``.inf`` and numbers past 18 digits are neither: the reader refuses them unquoted.
    """
    try:
        return resolve_plain(plain) == plain
    except YamlProblem:
        return False


def double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _ESCAPE.sub(_escape, escaped) + '"'


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED_ESCAPES.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _block_lines(scalar: Scalar) -> tuple[str, list[str]] | None:
    """(header, lines) to write ``scalar`` as a block, or None when it must be quoted.

    A literal (``|``) is written from its value, which it holds exactly. A folded block
    (``>``) is written from its lines as they were, so the author's line breaks stay.
    An indentation indicator (``|2``) would depend on where the block sits: such a block
    is written in double quotes instead (its value is the same).
    """
    if any(character.isdigit() for character in scalar.header) or not scalar.value.strip("\n"):
        return None
    if scalar.style == ">":
        return scalar.header, list(scalar.folded_lines)
    value = scalar.value
    chomping = "-" if not value.endswith("\n") else "+" if value.endswith("\n\n") else ""
    lines = (value[:-1] if value.endswith("\n") else value).split("\n")
    if lines[0].startswith(" ") or _ESCAPE.search(value.replace("\n", "").replace("\t", "")):
        return None
    return "|" + chomping, lines


def _squeeze(lines: list[str]) -> list[str]:
    """Comment lines with runs of blank lines made one."""
    squeezed: list[str] = []
    for line in lines:
        if line or not squeezed or squeezed[-1]:
            squeezed.append(line)
    return squeezed


# -- writing ----------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, compact: set[int]) -> None:
        self.compact = compact
        self.lines: list[str] = []
        #: End-of-line comments by line index.
        self.notes: dict[int, str] = {}

    def text(self) -> str:
        lines = [self._with_note(index, line) for index, line in enumerate(self.lines)]
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) + "\n"

    def _with_note(self, index: int, line: str) -> str:
        note = self.notes.get(index)
        return line if note is None else line + " " * COMMENT_GAP + note

    def comments(self, lines: list[str], indent: int) -> None:
        """Blank lines and full-line comments, the comments indented as the entry they precede."""
        for line in _squeeze(lines):
            if line:
                self.lines.append(" " * indent + line)
            elif self.lines and self.lines[-1]:  # one blank line at most, and none at the top
                self.lines.append("")

    def put(self, code: str, trailing: str | None) -> None:
        self.lines.append(code)
        self.note(len(self.lines) - 1, trailing)

    def note(self, index: int, trailing: str | None) -> None:
        if trailing is not None:
            before = self.notes.get(index)
            self.notes[index] = trailing if before is None else f"{before}  {trailing}"

    def block(self, collection: Collection, indent: int) -> None:
        for index, entry in enumerate(collection.entries):
            self.entry(entry, indent, first=index == 0)

    def entry(self, entry: Entry, indent: int, *, first: bool) -> None:
        value = entry.value
        prefix = " " * indent + (f"{scalar_text(entry.key, flow=False)}:" if entry.key is not None else "-")
        flow = self.flow(value, len(prefix) + 1) if isinstance(value, Collection) else None
        if isinstance(value, Collection) and flow is None and entry.key is None and value.entries:
            inner = value.entries[0]  # its first line goes after the dash: its comments go before
            entry.leading, inner.leading = [*entry.leading, *inner.leading], []
        leading = entry.leading
        if first:  # a block starts right after its key: no blank line there
            leading = leading[next((i for i, line in enumerate(leading) if line), len(leading)) :]
        self.comments(leading, indent)
        if isinstance(value, Scalar):
            self.scalar(prefix, value, entry.trailing, indent)
        elif flow is not None:
            self.put(f"{prefix} {flow}", entry.trailing)
        elif entry.key is not None:
            self.put(prefix, entry.trailing)
            self.block(value, indent + INDENT)
        else:  # a list item holding a block mapping or list starts on the dash's line
            start = len(self.lines)
            self.block(value, indent + INDENT)
            self.lines[start] = f"{prefix} {self.lines[start][indent + INDENT :]}"
            self.note(start, entry.trailing)

    def scalar(self, prefix: str, scalar: Scalar, trailing: str | None, indent: int) -> None:
        block = _block_lines(scalar) if scalar.style in ("|", ">") else None
        if block is None:
            text = scalar_text(scalar, flow=False)
            self.put(f"{prefix} {text}" if text else prefix, trailing)
            return
        header, lines = block
        self.put(f"{prefix} {header}", trailing)
        self.lines.extend(" " * (indent + INDENT) + line if line else "" for line in lines)

    def flow(self, collection: Collection, column: int) -> str | None:
        """The collection on one line, when the layout allows it there."""
        open_, close = ("{", "}") if collection.mapping else ("[", "]")
        if not collection.entries:
            return open_ + close
        if collection.mapping and id(collection) not in self.compact or len(collection.entries) > FLOW_ITEMS:
            return None
        parts = []
        for entry in collection.entries:
            value = entry.value
            if entry.leading or entry.trailing or not isinstance(value, Scalar) or value.style in ("|", ">"):
                return None
            text = scalar_text(value, flow=True)
            if not text or (not collection.mapping and len(value.value) > FLOW_ITEM_LENGTH):
                return None
            parts.append(f"{scalar_text(entry.key, flow=True)}: {text}" if entry.key is not None else text)
        line = open_ + ", ".join(parts) + close
        return line if column + len(line) <= LINE_WIDTH else None
