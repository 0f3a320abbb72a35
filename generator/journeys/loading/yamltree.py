"""Safe YAML parsing into a tree of positioned nodes.

We drive ruamel.yaml's parser event by event and build the tree ourselves, instead of
using a constructor or the round-trip loader, because that gives us, in one pass:

- a position for every key and value (for ``path:line:col`` messages),
- only the YAML 1.2 core schema (no ``!!python/...`` tags, no implicit timestamps),
- duplicate-key detection, and no YAML 1.1 merge keys (``<<``), which silently drop fields,
- hard bounds on nesting depth and on the nodes that aliases expand to (billion laughs),
- bounded numbers: no integer Python cannot print, no infinity or NaN,
- no recursion, so a 100,000-deep document cannot exhaust the stack,
- and speed: with the libyaml-based C parser a 14 KB map parses in about a millisecond,
  where the round-trip loader takes ~35 ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

try:  # the libyaml-based parser; ~25x faster than the pure-Python one
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the platform's wheels
    _CParser = None

if TYPE_CHECKING:
    from collections.abc import Callable

Scalar = str | int | float | bool | None


@dataclass(slots=True)
class Node:
    """A parsed YAML value with its 1-based position.

    ``value`` is a ``dict[str, Entry]`` for a mapping, a ``list[Node]`` for a
    sequence, or a plain scalar.
    """

    value: Any
    line: int
    column: int
    #: Nodes in this subtree, counting aliases as often as they are used.
    size: int = 1
    depth: int = 1
    #: A number's text as written (``3.10``, ``007``), for fields that take it as text.
    source: str | None = None

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.value, (dict, list))


@dataclass(slots=True)
class Entry:
    """A mapping's key (always text, as written) and its value."""

    key: Node
    value: Node


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value under another tool's tag (mkdocs.yml's ``!ENV``, ``!relative``,
    ``!!python/name:...``), kept as written and never constructed.

    ``value`` is the scalar's text, or the list / mapping of nodes under the tag.
    """

    tag: str
    value: Any


@dataclass(frozen=True, slots=True)
class Limits:
    max_depth: int = 64
    max_nodes: int = 100_000
    #: Read as MkDocs reads mkdocs.yml: other tools' tags are kept as :class:`Tagged`
    #: values, a repeated key replaces the earlier one and ``<<`` is an ordinary key (MkDocs
    #: merges it later). Content files and theme.yaml are strict.
    mkdocs: bool = False


class YamlProblem(Exception):
    """Bad YAML at a 1-based position; turned into an Issue by the caller."""

    def __init__(self, line: int, column: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.code = code
        self.message = message


_CORE = "tag:yaml.org,2002:"
_ALLOWED_COLLECTION_TAGS = {None, "!", _CORE + "map", _CORE + "seq"}
_SCALAR_TAGS = {"!", _CORE + "str", _CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema).
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
#: Every null, boolean and number of the core schema starts with one of these; most
#: plain scalars in a map are prose and skip the checks above after one look.
_NON_TEXT_STARTS = frozenset("0123456789+-.~nNtTfF")

#: Every number read is below this in size: no field needs more than 18 digits, and the
#: bound keeps every later step safe (Python refuses to print integers of over 4,300
#: digits, and ``float()`` of a huge integer overflows).
MAX_NUMBER = 10**18
#: An integer literal longer than this (leading zeros aside) is too large in any base;
#: shorter ones are converted and compared with MAX_NUMBER.
_MAX_INT_DIGITS = 21


def resolve_plain(text: str, line: int = 1, column: int = 1) -> Scalar:
    """The value of an untagged plain scalar under the YAML 1.2 core schema.

    A number beyond :data:`MAX_NUMBER`, infinity or NaN is a :class:`YamlProblem` at
    ``line``:``column``.
    """
    if text and text[0] not in _NON_TEXT_STARTS:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return _integer(text.lstrip("+-"), 10, text.startswith("-"), line, column)
    if _OCT.match(text):
        return _integer(text[2:], 8, False, line, column)
    if _HEX.match(text):
        return _integer(text[2:], 16, False, line, column)
    if _FLOAT.match(text):
        number = float(text)  # a long literal overflows to inf rather than raising
        if not -MAX_NUMBER < number < MAX_NUMBER:
            raise _too_large(line, column)
        return number
    if _INF.match(text) or _NAN.match(text):
        raise YamlProblem(
            line, column, "number-not-finite",
            f"'{text}' is not a finite number; write a number, or quote it if it is text",
        )  # fmt: skip
    return text


def _integer(digits: str, base: int, negative: bool, line: int, column: int) -> int:
    # Count digits before converting: int() of 4,300+ digits raises ValueError.
    if len(digits.lstrip("0")) > _MAX_INT_DIGITS:
        raise _too_large(line, column)
    number = int(digits, base)
    if number >= MAX_NUMBER:
        raise _too_large(line, column)
    return -number if negative else number


def _too_large(line: int, column: int) -> YamlProblem:
    return YamlProblem(
        line, column, "number-too-large",
        "number too large: journeys reads numbers of up to 18 digits; quote it if it is text",
    )  # fmt: skip


def _tagged_scalar(tag: str, text: str, line: int, column: int, limits: Limits) -> Any:
    if tag not in _SCALAR_TAGS:
        if limits.mkdocs:
            return Tagged(tag, text)
        raise _tag_problem(tag, line, column)
    if tag in ("!", _CORE + "str"):
        return text
    value = resolve_plain(text, line, column)
    if tag == _CORE + "null":
        ok = value is None
    else:
        expected = _TAGGED_TYPES[tag]
        ok = isinstance(value, expected) and not (tag != _CORE + "bool" and isinstance(value, bool))
    if not ok:
        raise YamlProblem(line, column, "yaml-tag", f"'{text}' is not a valid {tag[len(_CORE) :]}")
    return float(value) if tag == _CORE + "float" and isinstance(value, int) else value


_TAGGED_TYPES: dict[str, type | tuple[type, ...]] = {
    _CORE + "int": int,
    _CORE + "float": (int, float),
    _CORE + "bool": bool,
}


def _tag_problem(tag: str, line: int, column: int) -> YamlProblem:
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return YamlProblem(line, column, "yaml-tag", f"tag '{shown}' is not allowed: journeys reads plain YAML only")


def _event_source(text: str) -> Callable[[], ev.Event]:
    """A function returning the document's next event on each call, up to StreamEndEvent.

    A bound method rather than a generator: one call per event is all the overhead.
    """
    if _CParser is not None:
        return _CParser(text).get_event
    from ruamel.yaml import YAML  # pragma: no cover - only without the C extension

    return iter(YAML(typ="safe", pure=True).parse(text)).__next__  # pragma: no cover


class _Builder:
    """Assembles nodes from parser events with an explicit stack (no recursion)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.anchors: dict[str, Node] = {}
        # Each frame: [node, anchor, pending key Entry or None]
        self.stack: list[list[Any]] = []
        self.total = 0
        self.root: Node | None = None

    def add(self, node: Node, anchor: str | None, at: tuple[int, int] | None = None) -> None:
        """Attach ``node``; ``at`` is where it is used, when that is an alias elsewhere."""
        self.total += node.size
        if self.total > self.limits.max_nodes:
            line, column = at or (node.line, node.column)
            raise YamlProblem(
                line,
                column,
                "yaml-too-large",
                f"document expands to more than {self.limits.max_nodes:,} values "
                "(check aliases: '*name' repeats everything under '&name')",
            )
        if anchor is not None and node.is_scalar:
            self.anchors[anchor] = node
        self._attach(node)

    def open(self, node: Node, anchor: str | None, tag: str | None = None) -> None:
        """Start a list or mapping; ``tag`` is another tool's tag on it (mkdocs.yml only)."""
        if len(self.stack) >= self.limits.max_depth:
            raise YamlProblem(
                node.line,
                node.column,
                "yaml-too-deep",
                f"nesting is deeper than {self.limits.max_depth} levels",
            )
        self.stack.append([node, anchor, None, tag])

    def close(self) -> None:
        node, anchor, _, tag = self.stack.pop()
        values = node.value
        children = [entry.value for entry in values.values()] if isinstance(values, dict) else values
        size, deepest = 1, 0
        for child in children:
            size += child.size
            if child.depth > deepest:
                deepest = child.depth
        node.size, node.depth = size, deepest + 1
        if tag is not None:
            node.value = Tagged(tag, values)
        # Children were already counted as they arrived; only the container itself is new.
        self.total -= node.size - 1
        self.add(node, None)
        if anchor is not None:
            self.anchors[anchor] = node

    def _attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        siblings = frame[0].value
        if isinstance(siblings, list):
            siblings.append(node)
        elif frame[2] is None:
            raise YamlProblem(
                node.line, node.column, "yaml-key", "a mapping key must be plain text, not a list or mapping"
            )
        else:
            entry: Entry = frame[2]
            entry.value = node
            frame[2] = None

    def key(self, text: str, line: int, column: int, plain: bool) -> None:
        frame = self.stack[-1]
        mapping: dict[str, Entry] = frame[0].value
        if not self.limits.mkdocs:  # MkDocs lets a repeated key replace the earlier one, and merges '<<'
            _check_key(mapping, text, line, column, plain)
        entry = Entry(Node(text, line, column), Node(None, line, column))
        mapping[text] = entry
        frame[2] = entry

    def expects_key(self) -> bool:
        if not self.stack:
            return False
        frame = self.stack[-1]
        return frame[2] is None and isinstance(frame[0].value, dict)


def _check_key(mapping: dict[str, Entry], text: str, line: int, column: int, plain: bool) -> None:
    if text == "<<" and plain:
        # YAML 1.1's merge key; read as an ordinary key it would silently drop every field.
        raise YamlProblem(
            line, column, "yaml-merge-key",
            "merge keys ('<<') are not supported: journeys reads plain YAML; write the fields out",
        )  # fmt: skip
    if text in mapping:
        first = mapping[text].key
        raise YamlProblem(line, column, "duplicate-key", f"duplicate key '{text}' (first defined on line {first.line})")


def parse_yaml(text: str, limits: Limits = Limits(), line_offset: int = 0) -> Node | None:
    """Parse one YAML document into a :class:`Node` tree; ``None`` for an empty document.

    Raises :class:`YamlProblem` (and only that) for any bad input. ``line_offset`` shifts
    reported lines, for YAML that starts further down a file (front matter).
    """
    documents = _parse(text, limits, line_offset, several=False)
    return documents[0] if documents else None


def parse_yaml_documents(text: str, limits: Limits = Limits()) -> list[Node]:
    """Every document of a YAML stream (``---`` between them), for other tools' files
    that hold several; journeys' own files hold one (see :func:`parse_yaml`).

    The node limit is for the whole stream, so many small alias bombs are one large
    one; an anchor is known only in its own document, as YAML says.
    """
    return _parse(text, limits, 0, several=True)


def _parse(text: str, limits: Limits, line_offset: int, several: bool) -> list[Node]:
    try:
        return _build(text, limits, line_offset, several)
    except YamlProblem:
        raise
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = str(error.problem or error.context or "invalid YAML")
        if _char_at(text, mark) == "\t" or "tab character" in message:
            message = "tab character used for indentation; YAML indents with spaces"
        elif error.context and error.problem:
            message = f"{error.problem} ({error.context})"
        raise YamlProblem(line + line_offset, column, "yaml-syntax", message) from None
    except ReaderError as error:
        line, column = _position_of(text, _char_index(text, error.position))
        raise YamlProblem(
            line + line_offset,
            column,
            "yaml-syntax",
            f"character U+{error.character:04X} is not allowed in YAML"
            if isinstance(error.character, int)
            else str(error.reason),
        ) from None
    except (YAMLError, ValueError, TypeError, RecursionError, MemoryError) as error:
        raise YamlProblem(1 + line_offset, 1, "yaml-syntax", f"could not parse YAML: {error}") from None


def _char_at(text: str, mark: Any) -> str:
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""


def _char_index(text: str, position: int) -> int:
    """The C parser reports reader errors at a UTF-8 byte offset; we count characters."""
    if _CParser is None:
        return position
    return len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))


def _position_of(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _build(text: str, limits: Limits, line_offset: int, several: bool) -> list[Node]:
    builder = _Builder(limits)
    documents: list[Node] = []
    started = 0
    next_event = _event_source(text)
    while True:
        event = next_event()
        if type(event) is ev.StreamEndEvent:
            break
        mark = event.start_mark
        line, column = mark.line + 1 + line_offset, mark.column + 1
        # Scalars are most events: test for them first.
        if isinstance(event, ev.ScalarEvent):
            tag = event.tag
            if builder.expects_key():
                if tag not in (None, "!", _CORE + "str"):
                    raise _tag_problem(tag, line, column)
                builder.key(event.value, line, column, plain=tag is None and event.style in (None, ""))
                continue
            if tag is None:
                plain = event.style in (None, "")
                value = resolve_plain(event.value, line, column) if plain else event.value
            else:
                value = _tagged_scalar(tag, event.value, line, column, limits)
            node = Node(value, line, column)
            if value is not None and value.__class__ in (int, float):
                node.source = event.value
            builder.add(node, event.anchor)
        elif isinstance(event, ev.DocumentStartEvent):
            started += 1
            if started > 1 and not several:
                raise YamlProblem(
                    line, column, "multiple-documents", "several YAML documents in one file; keep one per file"
                )
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            foreign = event.tag not in _ALLOWED_COLLECTION_TAGS
            if foreign and not limits.mkdocs:
                raise _tag_problem(str(event.tag), line, column)
            empty: Any = {} if isinstance(event, ev.MappingStartEvent) else []
            builder.open(Node(empty, line, column), event.anchor, event.tag if foreign else None)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            builder.close()
        elif isinstance(event, ev.AliasEvent):
            target = builder.anchors.get(event.anchor)
            if target is None:
                name = event.anchor
                raise YamlProblem(line, column, "yaml-alias", f"alias '*{name}' refers to no complete anchor '&{name}'")
            if builder.expects_key():
                raise YamlProblem(line, column, "yaml-key", "an alias cannot be used as a mapping key")
            if len(builder.stack) + target.depth > limits.max_depth:
                raise YamlProblem(line, column, "yaml-too-deep", f"nesting is deeper than {limits.max_depth} levels")
            builder.add(target, None, at=(line, column))
        elif isinstance(event, ev.DocumentEndEvent):
            if builder.root is not None:
                documents.append(builder.root)
            builder.root, builder.anchors = None, {}
    return documents
