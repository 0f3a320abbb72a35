"""CSV as spreadsheets write and read it: Excel, LibreOffice and Google Sheets.

The rules every CSV of journeys follows, in one place: what is written (UTF-8 with a
byte order mark so Excel reads it as UTF-8, CRLF line ends, a cell that a spreadsheet
would run as a formula made text), what is read back (a byte order mark, a ``,`` ``;``
or tab delimiter, CRLF, line breaks inside quoted cells), how a list is held in one cell
(one item a line), and how a rating follows an item's text (``Card form rejects spaces
[high]``). Each rule is reversible, so an export read back is exactly the data written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# -- formulas ---------------------------------------------------------------------------

#: A cell starting with one of these is run as a formula by some spreadsheet (OWASP's "CSV
#: injection" list; tab and CR because some programs drop them and then read the rest).
#: Apostrophes before them count too, so that the prefix below can be undone exactly.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
#: ... unless the cell is a plain number, which a spreadsheet reads as the number it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")
#: The prefix that makes such a cell text; spreadsheets show it, journeys removes it on import.
TEXT_PREFIX = "'"


def neutralise(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never running it as a formula."""
    if _FORMULA.match(cell) and not _PLAIN_NUMBER.match(cell):
        return TEXT_PREFIX + cell
    return cell


def restore(cell: str) -> str:
    """The text :func:`neutralise` was given (a cell that was never neutralised is unchanged)."""
    if cell.startswith(TEXT_PREFIX) and _FORMULA.match(cell, len(TEXT_PREFIX)):
        return cell[len(TEXT_PREFIX) :]
    return cell


# -- lists in one cell ------------------------------------------------------------------

_BREAK = re.compile(r"(\r\n|\r|\n)")
#: A line of a list cell starting with a space continues the item above it (a line break
#: inside an item); this much indent is added on export and removed on import.
CONTINUATION = "  "


def join_items(items: Iterable[str]) -> str:
    """A list as one cell: one item a line; an item's own line breaks are followed by an indent."""
    return "\n".join(_BREAK.sub(lambda match: match.group() + CONTINUATION, item) for item in items)


def split_items(cell: str) -> list[str]:
    """The items of a list cell: each line is one, an indented line continues the one above,
    empty lines are skipped."""
    parts = _BREAK.split(cell)
    items: list[str] = []
    for index in range(0, len(parts), 2):
        line = parts[index]
        if line.startswith(" ") and items:
            indent = len(line) - len(line.lstrip(" "))
            items[-1] += parts[index - 1] + line[min(indent, len(CONTINUATION)) :]
        elif line.strip():
            items.append(line)
    return [item.strip() for item in items]


# -- ratings after an item's text -------------------------------------------------------

#: A bracketed group at the end of an item: its ratings (``[high]``, ``[impact: high,
#: effort: low]``), or ``[]`` for none (written after a text that itself ends in brackets).
_TRAILING_GROUP = re.compile(r"\s*\[([^\[\]\r\n]*)\]\s*\Z")


class RatingProblem(ValueError):
    """A bracketed group that names a rating but whose value is not one (``[impact: hgh]``)."""


def rated(text: str, ratings: Sequence[tuple[str, str | None]], levels: Sequence[str]) -> str:
    """``text`` followed by its ratings: ``[high]`` for the one rating of a pain point,
    ``[impact: high, effort: low]`` for several; nothing when none is set (or ``[]`` when
    the text's own last brackets would read as ratings)."""
    given = [(name, value) for name, value in ratings if value is not None]
    if given and len(ratings) == 1:
        return f"{text} [{given[0][1]}]"
    if given:
        return f"{text} [{', '.join(f'{name}: {value}' for name, value in given)}]"
    try:
        reads_as_rated = parse_rated(text, [name for name, _ in ratings], levels)[0] != text
    except RatingProblem:
        reads_as_rated = True
    return f"{text} []" if reads_as_rated else text


def parse_rated(item: str, names: Sequence[str], levels: Sequence[str]) -> tuple[str, dict[str, str]]:
    """The text of ``item`` and its ratings (name -> level), as :func:`rated` writes them.

    A trailing group that is not ratings stays part of the text (``Fails [see ticket 12]``).
    Raises :class:`RatingProblem` when the group names a rating but gives no valid level.
    """
    match = _TRAILING_GROUP.search(item)
    if match is None:
        return item, {}
    group = match.group(1).strip()
    ratings: dict[str, str] = {}
    for part in group.split(",") if group else ():
        named, _, value = (word.strip().lower() for word in part.rpartition(":"))
        # A bare level rates the one thing a pain point has; otherwise a rating is named.
        name = named or (names[0] if len(names) == 1 and value in levels else "")
        if name not in names:
            return item, {}  # not ratings: brackets that belong to the text
        if value not in levels or name in ratings:
            raise RatingProblem(f"'[{group}]' must rate {' and '.join(names)} as one of {', '.join(levels)}")
        ratings[name] = value
    return item[: match.start()], ratings


# -- writing ----------------------------------------------------------------------------

#: Excel opens a CSV as UTF-8 only when it starts with this; other programs skip it.
BOM = "\ufeff"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A whole CSV file: a byte order mark, CRLF line ends, every cell safe from formulas."""
    return BOM + csv_rows([header]) + csv_rows(rows)


def csv_rows(rows: Iterable[Sequence[str]]) -> str:
    """``rows`` as lines of a :func:`csv_text` file (CRLF line ends, cells safe from formulas)."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    return csv_text(header, rows).encode("utf-8")


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One record of a CSV file and the line of the file where it starts."""

    line: int
    cells: list[str]


class TableProblem(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


DELIMITERS = (",", ";", "\t")
#: The csv module's messages that a spreadsheet user could not act on, said plainly.
_EXPLAINED = {
    "unexpected end of data": "a quoted cell that starts in this row is never closed (is the file cut short?)",
}


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: whichever of ``,`` ``;`` and tab it holds most
    often outside quotes (a comma when it holds none: a single column)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def read_records(text: str) -> list[Record]:
    """Every record of ``text`` (a BOM already removed), each with its first line.

    Raises :class:`TableProblem` at the record's line when the quoting is broken (a quote
    never closed, as in a truncated file).
    """
    lines = io.StringIO(text, newline="")  # line ends stay as written, inside quotes too
    reader = csv.reader(lines, delimiter=sniff_delimiter(text), strict=True)
    records: list[Record] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return records
        except csv.Error as error:
            raise TableProblem(start, _EXPLAINED.get(str(error), f"cannot be read as CSV here: {error}")) from None
        records.append(Record(start, cells))
