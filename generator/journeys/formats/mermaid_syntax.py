"""A Mermaid ``journey`` diagram read exactly as Mermaid reads it.

Mermaid (mermaid-js/mermaid, ``preprocess.ts``, ``Diagram.ts``, ``user-journey/parser/
journey.jison`` and ``journeyDb.js``) first cleans the text (CRLF to LF, front matter,
``%%{...}%%`` directives and whole-line ``%%`` comments removed, ``#58;``-style entity
codes hidden from the parser), then lexes it with the first of its rules that matches
(case-insensitive) and parses a tiny grammar. This module repeats those steps in that
order with the same regular expressions, written out for Python: JavaScript's ``\\s``,
``\\w`` and ``.`` differ from Python's, so they are spelled as classes here. Every
character of the cleaned text remembers where it was in the source, so problems are
reported at the user's line and column.

What Mermaid then does with the values (split the task data on ``:``, the actors on
``,``, ``Number()`` the score, decode entities when drawing) is offered as functions for
the importer; the reverse (text that Mermaid reads back unchanged) is :func:`escape`.
"""

from __future__ import annotations

import html
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: JavaScript's ``\s`` (and what ``String.prototype.trim`` removes).
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_S = f"[{JS_SPACE}]"
#: JavaScript's ``.`` without the ``s`` flag: anything but a line terminator.
_DOT = "[^\n\r\u2028\u2029]"
_LINE_BREAKS = "\n\r\u2028\u2029"
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_SPACES = frozenset(" \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)
#: The same characters, for ``str.strip`` (JS_SPACE is a regular expression class, with a range).
JS_SPACE_CHARS = "".join(sorted(_SPACES))
_FLAGS = re.ASCII  # \w, \b and case-insensitivity as JavaScript's (ASCII only)

# -- the cleaning steps (preprocess.ts, utils.ts) --------------------------------------
_CRLF = re.compile(r"\r\n?")
_TAG = re.compile(r"<(\w+)([^>]*)>", _FLAGS)
_DOUBLE_QUOTED = re.compile(r'="([^"]*)"')
_RUN_OF_SPACE = re.compile(_S + "*")
#: A closing ``---`` of front matter: spaces and at least one line break follow it.
_CLOSING_DASHES = re.compile("[\n\r]---[" + JS_SPACE.replace("\n", "").replace("\r", "") + "]*[\n\r]")
_DIRECTIVE = re.compile(
    r"%{2}\{" + _S + r"*(?:(\w+)" + _S + r"*:|(\w+))" + _S + r"*(?:(\w+)|((?:(?!\}%{2})" + _DOT + r"|\r?\n)*))?"
    + _S + r"*(?:\}%{2})?",
    _FLAGS | re.IGNORECASE,
)  # fmt: skip
#: Spaces and ``%%`` comment lines, then ``journey`` (possessive: no backtracking, as none is needed).
_JOURNEY_FIRST = re.compile("(?:" + _S + "*+%%" + _DOT + "*+\n)*+" + _S + "*+journey")
_COMMENT_MARK = re.compile(r"%%(?!\{)[^\n]+\n?")
_ENTITY = re.compile(r"#(\w+);", _FLAGS)
_INT = re.compile(r"\+?\d+", _FLAGS)
_STYLE_HASH = re.compile(r":[^" + JS_SPACE + r"#:]*#")
#: What Mermaid's encodeEntities puts in place of ``#58;`` / ``#name;`` until drawing.
_NUMERIC_OPEN, _NAMED_OPEN, _CLOSE = "ﬂ°°", "ﬂ°", "¶ß"
_PLACEHOLDER = re.compile(r"ﬂ°(°?)(\w+)¶ß", _FLAGS)

# -- the lexer (journey.jison, as compiled into Mermaid's bundle) ----------------------
_INITIAL, _ACC_TITLE, _ACC_DESCR, _ACC_DESCR_BLOCK = "INITIAL", "acc_title", "acc_descr", "acc_descr_multiline"
#: Each state's rules: (regular expression, token or None to skip, state to enter ("" leaves it)).
_STATE_RULES: dict[str, tuple[tuple[str, str | None, str | None], ...]] = {
    _INITIAL: (
        (r"%(?!\{)[^\n]*", None, None),
        (r"[^}]%%[^\n]*", None, None),
        (r"[\n]+", "NEWLINE", None),
        (_S + "+", None, None),
        (r"#[^\n]*", None, None),
        (r"journey\b", "journey", None),
        (r"title" + _S + r"[^#\n;]+", "title", None),
        (r"accTitle" + _S + "*:" + _S + "*", "acc_title", _ACC_TITLE),
        (r"accDescr" + _S + "*:" + _S + "*", "acc_descr", _ACC_DESCR),
        (r"accDescr" + _S + r"*\{" + _S + "*", None, _ACC_DESCR_BLOCK),
        (r"section" + _S + r"[^#:\n;]+", "section", None),
        (r"[^#:\n;]+", "taskName", None),
        (r":[^#\n;]+", "taskData", None),
        (r":", ":", None),
        (r"\Z", "EOF", None),
        (_DOT, "INVALID", None),
    ),
    _ACC_TITLE: ((r"[^\n]*", "acc_title_value", ""),),
    _ACC_DESCR: ((r"[^\n]*", "acc_descr_value", ""),),
    _ACC_DESCR_BLOCK: ((r"[}]", None, ""), (r"[^}]*", "acc_descr_multiline_value", None)),
}
#: Each state's rules as one alternation: Python tries the alternatives in order, so the
#: first rule that matches wins, as in Jison's lexer (without its ``flex`` option).
_RULES = {
    state: (
        re.compile("|".join(f"(?P<r{n}>{rule[0]})" for n, rule in enumerate(rules)), _FLAGS | re.IGNORECASE),
        {f"r{n}": rule[1:] for n, rule in enumerate(rules)},
    )
    for state, rules in _STATE_RULES.items()
}


class MermaidSyntaxError(Exception):
    """Text Mermaid refuses to draw, at an offset of the source."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True)
class Text:
    """Text being cleaned, knowing where each of its characters was in the source."""

    value: str
    #: (start here, start in the parent, whether the piece maps onto its parent one to one).
    pieces: tuple[tuple[int, int, bool], ...] = ((0, 0, True),)
    parent: Text | None = None

    def origin(self, index: int) -> int:
        """The source offset of character ``index`` (or of the end, ``len(value)``)."""
        start, source, linear = self.pieces[bisect_right(self.pieces, (index, math.inf, True)) - 1]
        position = source + index - start if linear else source
        return position if self.parent is None else self.parent.origin(position)

    def replace(self, spans: list[tuple[int, int, str]]) -> Text:
        """``(start, end, new text)`` spans, in order and apart, replaced."""
        if not spans:
            return self
        parts: list[str] = []
        pieces: list[tuple[int, int, bool]] = []
        cursor = length = 0
        for start, end, new in spans:
            for source, text, linear in (
                (cursor, self.value[cursor:start], True),
                (start, new, len(new) == end - start),
            ):
                if text:
                    pieces.append((length, source, linear))
                    parts.append(text)
                    length += len(text)
            cursor = end
        pieces.append((length, cursor, True))
        parts.append(self.value[cursor:])
        return Text("".join(parts), tuple(pieces), self)

    def sub(self, pattern: re.Pattern[str], new: Callable[[re.Match[str]], str], end: int | None = None) -> Text:
        matches = pattern.finditer(self.value, 0, len(self.value) if end is None else end)
        return self.replace([(m.start(), m.end(), new(m)) for m in matches])

    def after(self, start: int) -> Text:
        return Text(self.value[start:], ((0, start, True),), self)


@dataclass
class Token:
    kind: str
    text: str
    #: Where it starts in the cleaned text (see :meth:`Diagram.origin`).
    index: int


@dataclass
class Task:
    name: Token
    #: The task data: everything from the ``:`` after the name (``: 5: Me, Cat``).
    data: Token
    #: The index of the ``section`` it is in, or None before the first section.
    section: int | None


@dataclass
class Diagram:
    """What Mermaid's journey database holds after parsing, with positions."""

    #: The cleaned text the tokens are in (0 is the ``journey`` keyword).
    text: Text
    #: ``title:`` of the YAML front matter (Mermaid sets it before parsing), then each ``title``.
    front_matter_title: str | None = None
    titles: list[Token] = field(default_factory=list)
    acc_titles: list[Token] = field(default_factory=list)
    acc_descriptions: list[Token] = field(default_factory=list)
    sections: list[Token] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def origin(self, index: int) -> int:
        return self.text.origin(index)


def is_journey(source: str) -> bool:
    """Whether Mermaid draws ``source`` as a journey (its detector, after cleaning)."""
    return _cleaned(source)[0] is not None


def read_diagram(source: str) -> Diagram:
    """``source`` parsed as Mermaid parses it; raises :class:`MermaidSyntaxError`."""
    text, title = _cleaned(source)
    if text is None:
        raise MermaidSyntaxError(
            0, "Mermaid draws no journey here: a journey diagram starts with 'journey' (lower case)"
        )
    diagram = Diagram(text, front_matter_title=title)
    _parse(diagram, _tokens(text.value))
    return diagram


def _cleaned(source: str) -> tuple[Text | None, str | None]:
    """The text Mermaid's journey parser is given (None when it is not a journey), and the front matter's title."""
    text = Text(source).sub(_CRLF, lambda m: "\n")
    last_tag_end = text.value.rfind(">") + 1  # no tag can end after the last '>' (and scans stay linear)
    text = text.sub(_TAG, lambda m: "<" + m[1] + _DOUBLE_QUOTED.sub(r"='\1'", m[2]) + ">", last_tag_end)
    title = None
    front = _front_matter(text.value)
    if front is not None:
        start, end, after = front
        title = _front_matter_title(text.value[start:end], text.origin(start), source)
        text = text.after(after)
    text = _without_comment_lines(text.sub(_DIRECTIVE, lambda m: ""))
    text = text.after(len(text.value) - len(text.value.lstrip(JS_SPACE_CHARS)))
    if not _starts_with_journey(text.value):
        return None, title
    text = _encode_entities(text)
    return Text(text.value + "\n", ((0, 0, True),), text), title


def _front_matter(value: str) -> tuple[int, int, int] | None:
    """Where Mermaid's ``/^-{3}\\s*[\\n\\r](.*?)[\\n\\r]-{3}\\s*[\\n\\r]+/s`` finds front matter:
    (YAML start, YAML end, end of the match), or None.

    Worked out in linear time (the regular expression backtracks quadratically on blank
    lines after the opening dashes): its greedy ``\\s*`` starts the YAML after the last line
    break it can, the lazy ``(.*?)`` ends it at the first closing ``---`` after that, and the
    match ends after the last line break of the spaces that follow.
    """
    if not value.startswith("---"):
        return None
    run_end = _RUN_OF_SPACE.match(value, 3).end()  # type: ignore[union-attr] # '*' always matches
    starts = [i + 1 for i in range(3, run_end) if value[i] in "\n\r"]
    if not starts:
        return None
    closing = _closing(value, starts[-1])
    if closing is not None:
        return starts[-1], *closing
    # The only closing before the last start: the line break that ends the blank run itself.
    closing = _closing(value, run_end - 1)
    before = [start for start in starts if closing is not None and start <= closing[0] == run_end - 1]
    return (before[-1], *closing) if before and closing is not None else None


def _closing(value: str, start: int) -> tuple[int, int] | None:
    """The first ``[\\n\\r]---\\s*[\\n\\r]+`` from ``start``: (where it starts, where the match ends)."""
    closing = _CLOSING_DASHES.search(value, start)
    if closing is None:
        return None
    spaces = _RUN_OF_SPACE.match(value, closing.start() + 4)[0]  # type: ignore[index] # '*' always matches
    return closing.start(), closing.start() + 4 + max(spaces.rfind("\n"), spaces.rfind("\r")) + 1


def _front_matter_title(yaml: str, offset: int, source: str) -> str | None:
    """``title`` of Mermaid's front matter, as JavaScript's ``toString`` writes it."""
    from journeys.loading.yamltree import YamlProblem, parse_yaml

    try:
        root = parse_yaml(yaml)
    except YamlProblem as problem:
        lines = yaml.split("\n")[: problem.line - 1]
        at = offset + sum(len(line) + 1 for line in lines) + problem.column - 1
        raise MermaidSyntaxError(min(at, len(source)), f"front matter: {problem.message}") from None
    entry = root.value.get("title") if root is not None and root.is_mapping else None
    return None if entry is None else _js_string(_plain(entry.value))


def _plain(node: object) -> object:
    from journeys.loading.yamltree import Node

    if not isinstance(node, Node):
        return node
    if node.is_mapping:
        return {key: _plain(entry.value) for key, entry in node.value.items()}
    if node.is_sequence:
        return [_plain(item) for item in node.value]
    return node.value


def _js_string(value: object) -> str | None:
    """``value.toString()`` when ``value`` is truthy in JavaScript, else None (no title)."""
    if value is None or value is False or value == "" or (isinstance(value, (int, float)) and value == 0):
        return None
    if value is True:
        return "true"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, list):
        return ",".join("" if item is None else _js_string(item) or str(item).lower() for item in value)
    return str(value)


def _without_comment_lines(text: Text) -> Text:
    """Mermaid's ``cleanupComments``: every ``^\\s*%%(?!{)[^\\n]+\\n?`` removed.

    Done by finding the ``%%`` marks and looking back for the line start, so that long runs
    of blank lines cost linear time (the regular expression itself is quadratic on them).
    """
    value = text.value
    spans: list[tuple[int, int, str]] = []
    floor = 0
    for mark in _COMMENT_MARK.finditer(value):
        start = mark.start()
        while start > floor and value[start - 1] in _SPACES:
            start -= 1
        if start > 0 and value[start - 1] not in _LINE_BREAKS:
            found = _LINE_BREAK.search(value, start, mark.start())
            if found is None:
                continue  # not at the start of a line: Mermaid's lexer reads it
            start = found.end()
        spans.append((start, mark.end(), ""))
        floor = mark.end()
    return text.replace(spans)


def _starts_with_journey(value: str) -> bool:
    """Mermaid's detector ``/^\\s*journey/`` after its ``\\s*%%.*\\n`` comments became newlines."""
    return _JOURNEY_FIRST.match(value) is not None


def _encode_entities(text: Text) -> Text:
    """Mermaid's ``encodeEntities``: a quirk for ``style`` / ``classDef`` lines, then entity codes hidden."""
    for keyword in ("style", "classDef"):
        text = text.replace([(drop, drop + 1, "") for drop in _style_semicolons(text.value, keyword)])

    def hide(match: re.Match[str]) -> str:
        opening = _NUMERIC_OPEN if _INT.fullmatch(match[1]) else _NAMED_OPEN
        return opening + match[1] + _CLOSE

    return text.sub(_ENTITY, hide)


def _style_semicolons(value: str, keyword: str) -> list[int]:
    """The ``;`` that ``/KEYWORD.*:\\S*#.*;/g`` drops (the last of its line), in each line it matches.

    Only the lines holding ``keyword`` are looked at; in each, the match runs from its first
    ``keyword`` to its last ``;`` and needs a ``:`` followed, without spaces, by ``#`` between.
    """
    drops = []
    start = value.find(keyword)
    while start >= 0:
        found = _LINE_BREAK.search(value, start)
        end = found.start() if found is not None else len(value)
        semicolon = value.rfind(";", start, end)
        if semicolon >= 0 and _STYLE_HASH.search(value, start + len(keyword), semicolon):
            drops.append(semicolon)
        start = value.find(keyword, end)
    return drops


def _tokens(value: str) -> Iterator[Token]:
    """Mermaid's lexer: at each position the first rule that matches, in its state.

    Like Jison's lexer, once the input is used up it answers the end of input itself
    (``$end``), which the grammar accepts only after the ``EOF`` token of the INITIAL
    state: a diagram that ends inside ``accDescr {`` is refused.
    """
    state, index, done = _INITIAL, 0, False
    while True:
        if done:
            yield Token("$end", "", index)
            return
        if index == len(value):
            done = True
        rule = _first_match(state, value, index)
        if rule is None:  # only a state's value rules can fail, and only at the end
            yield Token("$end", "", index)
            return
        match, kind, next_state = rule
        if next_state is not None:
            state = next_state or _INITIAL
        if kind is not None:
            yield Token(kind, match[0], index)
        index = match.end()


def _first_match(state: str, value: str, index: int) -> tuple[re.Match[str], str | None, str | None] | None:
    """The first of the state's rules that matches at ``index``, with its token and next state."""
    pattern, actions = _RULES[state]
    match = pattern.match(value, index)
    if match is None or match.lastgroup is None:
        return None
    kind, next_state = actions[match.lastgroup]
    return match, kind, next_state


def _parse(diagram: Diagram, tokens: Iterator[Token]) -> None:
    """Mermaid's grammar: ``journey`` then lines of title, acc..., section or task, then ``EOF``."""
    first = next(tokens)
    if first.kind != "journey":
        _unexpected(diagram, first, None)
    previous = first
    for token in tokens:
        if token.kind == "EOF":
            return
        if token.kind in ("acc_title", "acc_descr"):
            token = next(tokens)
        if token.kind == "taskName":
            data = next(tokens)
            if data.kind != "taskData":
                _unexpected(diagram, data, token)
            section = len(diagram.sections) - 1 if diagram.sections else None
            diagram.tasks.append(Task(token, data, section))
        elif token.kind in _STATEMENTS:
            getattr(diagram, _STATEMENTS[token.kind]).append(token)
        elif token.kind != "NEWLINE":
            _unexpected(diagram, token, previous)
        previous = token


_STATEMENTS = {
    "title": "titles",
    "acc_title_value": "acc_titles",
    "acc_descr_value": "acc_descriptions",
    "acc_descr_multiline_value": "acc_descriptions",
    "section": "sections",
}


def _unexpected(diagram: Diagram, token: Token, previous: Token | None) -> None:
    """A parse error, said in terms of what the writer of the diagram meant."""
    at = token.index
    if previous is None:
        message = "Mermaid expects 'journey' first, on a line of its own"
    elif token.kind == "INVALID":
        message = f"Mermaid does not allow '{token.text}' here (write #{ord(token.text[0])}; for the character itself)"
    elif token.kind == "$end":
        message = (
            "the diagram ends inside 'accDescr {' or after 'accTitle:'/'accDescr:' with no text; Mermaid refuses it"
        )
        at = len(diagram.text.value) - 1  # the end of the source (Mermaid adds a newline)
    elif token.kind == "journey":
        message = "'journey' may only start the diagram; a task name cannot begin with the word 'journey'"
    elif previous.kind == "taskName":
        name = previous.text.rstrip(JS_SPACE)
        message = f"task '{name}' needs ': SCORE' after its name (Mermaid reads 'Name: score: actor, actor')"
        at = previous.index + len(name)
    elif token.kind == ":":
        message = "':' needs a score after it"
    elif previous.kind == "section":
        message = "a section name cannot hold ':' (write #58; for it)"
    else:
        message = "':' with no task name before it"
    raise MermaidSyntaxError(diagram.origin(at), message)


# -- what Mermaid does with the values --------------------------------------------------

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)", _FLAGS)
_RADIX = re.compile(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)", _FLAGS)


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE_CHARS)


def js_number(text: str) -> float:
    """JavaScript's ``Number(text)``: NaN for anything but a number (and 0 for blank text)."""
    text = js_trim(text)
    if not text:
        return 0.0
    if text.lstrip("+-") == "Infinity" and len(text) - len(text.lstrip("+-")) <= 1:
        return -math.inf if text.startswith("-") else math.inf
    radix = _RADIX.fullmatch(text)
    if radix is not None:
        return float(int(radix[1][1:], {"x": 16, "o": 8, "b": 2}[radix[1][0].lower()]))
    return float(text) if _DECIMAL.fullmatch(text) else math.nan


def decode(text: str) -> str:
    """Entity codes (``#58;`` in the source) as Mermaid draws them: the character itself."""

    def character(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[2])
            return html.unescape(f"&#{code};") if code <= 0x10FFFF else "\ufffd"
        return html.unescape(f"&{match[2]};")

    return _PLACEHOLDER.sub(character, text)


#: Characters Mermaid's grammar gives a meaning to, written as entity codes on export.
_SPECIAL = frozenset("#:;%}<ﬂ¶")
#: Words that would make Mermaid read a task line as something else.
_KEYWORD_START = re.compile(
    r"(?:journey\b|title" + _S + "|section" + _S + "|acc(?:Title|Descr)" + _S + r"*[:{])", _FLAGS | re.I
)


def escape(text: str, *, actor: bool = False, repeat: int = 0) -> str:
    """``text`` on one line as Mermaid reads it back unchanged (the grammar has no quoting,
    but it decodes ``#NN;`` entity codes when it draws); an ``actor``'s ``,`` too.

    ``repeat`` > 0 writes the first character as an entity code with that many leading
    zeros: drawn the same, written differently from the text before it.
    """
    special = _SPECIAL | {","} if actor else _SPECIAL
    one_line = " ".join(text.splitlines())
    if one_line and (repeat or _KEYWORD_START.match(one_line)):
        return f"#{'0' * repeat}{ord(one_line[0])};" + escape(one_line[1:], actor=actor)
    return "".join(f"#{ord(c)};" if c in special else c for c in one_line)
