"""A YAML document as ``journeys fmt`` sees it: values, their styles, and the comments around them.

ruamel.yaml's round-trip loader keeps comments, but attaches each one to the token before
it: a comment introducing the next stage belongs, for ruamel, to the last field of the
previous step, and would move with that field when fields are put in order. So the
document is read here from the parser's events (value, style, position), and every
comment and blank line is attached to the entry it belongs with:

- a comment at the end of a line, to the entry whose value ends on that line;
- full-line comments and blank lines, to the entry that follows them (the outermost
  one starting on the next line), so they move with it;
- comments before the first field stay at the top, and comments after the last at the end.

Anchors, aliases and tags are refused (:class:`Unformattable`): putting fields in order
could move an alias before its anchor, and a tag would have to be kept with its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

from ruamel.yaml import YAML
from ruamel.yaml import events as ev

if TYPE_CHECKING:
    from collections.abc import Iterator


class Unformattable(Exception):
    """A document journeys fmt leaves as it is, with the 1-based position of the reason."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass(eq=False)
class Scalar:
    #: The value, as the parser gives it (escapes resolved, lines folded).
    value: str
    #: None (plain), "'", '"', '|' or '>'.
    style: str | None
    start: tuple[int, int]
    end: tuple[int, int]
    #: A block scalar's lines as written, without their common indentation (``>`` only).
    folded_lines: tuple[str, ...] = ()
    #: A block scalar's indicators as written: ``>-``, ``|+``.
    header: str = ""


@dataclass(eq=False)
class Collection:
    mapping: bool
    flow: bool
    start: tuple[int, int]
    end: tuple[int, int] = (0, 0)
    entries: list[Entry] = field(default_factory=list)


Node = Union[Scalar, Collection]  # noqa: UP007 (a runtime alias: Python 3.10 has no 'type')


@dataclass(eq=False)
class Entry:
    """A field of a mapping (with its key) or an item of a list (no key), and its comments."""

    key: Scalar | None
    value: Node
    #: Blank lines ("") and full-line comments ("# ...") just before the entry.
    leading: list[str] = field(default_factory=list)
    #: The comment at the end of the entry's line.
    trailing: str | None = None


@dataclass
class Document:
    root: Collection
    #: Comment lines before the first entry, kept at the top.
    header: list[str]
    #: Comment lines after the last entry, kept at the end.
    footer: list[str]


def read_document(text: str) -> Document:
    """Parse ``text`` (one YAML document whose root is a mapping) with its comments."""
    builder = _Builder(text)
    for event in YAML(typ="safe", pure=True).parse(text):
        builder.add(event)
    assert builder.root is not None and builder.root.mapping, "validation let through a document that is no mapping"
    header, footer = _Comments(text, builder).attach()
    return Document(builder.root, header, footer)


def walk(collection: Collection) -> Iterator[Entry]:
    """Every entry under ``collection``, in document order (a parent before its children)."""
    for entry in collection.entries:
        yield entry
        if isinstance(entry.value, Collection):
            yield from walk(entry.value)


class _Builder:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.stack: list[Collection] = []
        self.pending_key: list[Scalar | None] = []
        self.root: Collection | None = None
        #: Every scalar and collection with its entry, for placing comments.
        self.owners: list[tuple[Node, Entry, bool]] = []

    def add(self, event: ev.Event) -> None:
        where = (event.start_mark.line, event.start_mark.column)
        if isinstance(event, ev.AliasEvent) or getattr(event, "anchor", None):
            raise Unformattable(*_one_based(where), "uses anchors and aliases (&name, *name)")
        if isinstance(event, (ev.ScalarEvent, ev.CollectionStartEvent)) and event.tag is not None:
            raise Unformattable(*_one_based(where), f"uses the tag '{event.tag}'")
        if isinstance(event, ev.DocumentStartEvent) and (event.version or event.tags):
            raise Unformattable(*_one_based(where), "starts with a %YAML or %TAG directive")
        if isinstance(event, ev.ScalarEvent):
            self._attach(self._scalar(event, where))
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            collection = Collection(isinstance(event, ev.MappingStartEvent), bool(event.flow_style), where)
            self._attach(collection)
            self.stack.append(collection)
            self.pending_key.append(None)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            self.stack.pop().end = (event.end_mark.line, event.end_mark.column)
            self.pending_key.pop()

    def _scalar(self, event: ev.ScalarEvent, where: tuple[int, int]) -> Scalar:
        scalar = Scalar(event.value, event.style, where, (event.end_mark.line, event.end_mark.column))
        if event.style in ("|", ">"):
            line = self.lines[where[0]]
            scalar.header = line[where[1] :].split()[0]
            if event.style == ">":
                scalar.folded_lines = _dedent(self.lines[where[0] + 1 : content_end(scalar, self.lines)])
        return scalar

    def _attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node if isinstance(node, Collection) else None
            return
        parent = self.stack[-1]
        if parent.mapping and self.pending_key[-1] is None:
            assert isinstance(node, Scalar), "validation let through a key that is no text"
            self.pending_key[-1] = node
            return
        entry = Entry(self.pending_key[-1], node)
        self.pending_key[-1] = None
        parent.entries.append(entry)
        if entry.key is not None:
            self.owners.append((entry.key, entry, True))
        self.owners.append((node, entry, False))


def content_end(scalar: Scalar, lines: list[str]) -> int:
    """The index of the line after a block scalar's last line of content.

    The parser's end mark comes after the blank lines that follow; they are the block's
    content only when it keeps them (``|+``); otherwise they separate it from what follows.
    """
    end = scalar.end[0]
    if "+" not in scalar.header:
        while end > scalar.start[0] + 1 and not lines[end - 1].strip():
            end -= 1
    return end


def _dedent(lines: list[str]) -> tuple[str, ...]:
    """Block scalar lines without the indentation they share (blank lines become empty)."""
    indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return tuple(line[indent:] if line.strip() else "" for line in lines)


def _one_based(where: tuple[int, int]) -> tuple[int, int]:
    return where[0] + 1, where[1] + 1


# A comment starts at '#' at the start of a line or after a space, outside any value.
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")


class _Comments:
    """Finds every comment and blank line of a document and attaches it to its entry."""

    def __init__(self, text: str, builder: _Builder) -> None:
        self.lines = text.split("\n")
        self.builder = builder
        assert builder.root is not None
        self.entries = list(walk(builder.root))
        # Per line, the spans taken by values: a '#' inside them is text, not a comment.
        self.taken: dict[int, list[tuple[int, int]]] = {}
        self.inside: set[int] = set()  # lines wholly inside a value (block scalar, multi-line text)
        for node, _, _ in builder.owners:
            if isinstance(node, Scalar):
                self._take(node)

    def _take(self, scalar: Scalar) -> None:
        (first, start), (last, end) = scalar.start, scalar.end
        if scalar.style in ("|", ">"):
            self.taken.setdefault(first, []).append((start, start + len(scalar.header)))
            self.inside.update(range(first + 1, content_end(scalar, self.lines)))
            return
        if first == last:
            self.taken.setdefault(first, []).append((start, end))
            return
        self.taken.setdefault(first, []).append((start, len(self.lines[first])))
        self.inside.update(range(first + 1, last))
        self.taken.setdefault(last, []).append((0, end))

    def comment_column(self, index: int) -> int | None:
        line = self.lines[index]
        spans = self.taken.get(index, [])
        for match in _COMMENT.finditer(line):
            if not any(start <= match.start() < end for start, end in spans):
                return match.start()
        return None

    def attach(self) -> tuple[list[str], list[str]]:
        """Attach every comment; returns the header and footer comment lines."""
        starting: dict[int, Entry] = {}
        for entry in self.entries:  # parents come first: the outermost entry of each line wins
            starting.setdefault((entry.key or entry.value).start[0], entry)
        pending: list[str] = []
        header: list[str] | None = None
        for index, line in enumerate(self.lines):
            if index in self.inside:
                continue
            column = self.comment_column(index)
            code = line[:column] if column is not None else line
            if not code.strip():
                pending.append(line[column:].rstrip() if column is not None else "")
                continue
            if column is not None:
                self._trailing(index, column, line[column:].rstrip(), pending)
            if header is None:  # the first line with a value: what came before is the header
                header, pending = pending, []
            owner = starting.get(index)
            if owner is not None and pending:
                owner.leading, pending = pending, []
        return header or [], pending

    def _trailing(self, index: int, column: int, comment: str, pending: list[str]) -> None:
        """An end-of-line comment: to the entry whose value ends last before it on this line."""
        best: tuple[int, Entry] | None = None
        for node, entry, is_key in self.builder.owners:
            end = _ends_on(node, index, is_key)
            if end is not None and end <= column and (best is None or end >= best[0]):
                best = (end, entry)
        if best is None:  # nothing ends here ('- # comment'): it introduces what follows
            pending.append(comment)
        else:
            entry = best[1]
            entry.trailing = comment if entry.trailing is None else f"{entry.trailing}  {comment}"


def _ends_on(node: Node, index: int, is_key: bool) -> int | None:
    """Where ``node`` ends on line ``index``, if it ends there (a block scalar: its header)."""
    if isinstance(node, Scalar) and node.style in ("|", ">") and not is_key:
        return node.start[1] + len(node.header) if node.start[0] == index else None
    if isinstance(node, Collection) and not node.flow:
        return None  # a block collection ends with its last entry, which takes the comment
    return node.end[1] if node.end[0] == index else None
