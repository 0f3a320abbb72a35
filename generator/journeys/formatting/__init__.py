"""``journeys fmt``: maps and personas rewritten in one layout, never changing what they mean.

:func:`format_source` turns one file's bytes into the canonical layout (layout.py) and
checks the result: journeys reads the same data from it, number for number and text for
text, or the file is left alone. A Markdown file's front matter is formatted; its body
is kept byte for byte. :func:`format_sources` applies it to a project's files, writing
each changed one atomically, or (``check``) only saying which would change.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.formatting.document import Unformattable, read_document
from journeys.formatting.layout import canonical_yaml
from journeys.issues import Issue, Location, has_errors
from journeys.loading.frontmatter import split_front_matter
from journeys.loading.mkdocs_yml import plain
from journeys.loading.project import decode
from journeys.loading.yamltree import Limits, Node, YamlProblem, parse_yaml
from journeys.validation.definitions import MAP, PERSONA

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from journeys.config import Settings
    from journeys.loading.sources import Source

_BOM = b"\xef\xbb\xbf"
#: The file passed validation with the project's limits; reading it back needs none.
_NO_LIMITS = Limits(max_depth=sys.maxsize, max_nodes=sys.maxsize)


class MeaningChanged(Exception):
    """The layout would change what journeys reads from the file: a bug of journeys fmt."""


def format_source(source: Source) -> bytes:
    """The file's bytes in the canonical layout (the same bytes when it is already in it).

    Raises :class:`Unformattable` for YAML it leaves alone (anchors, aliases, tags) and
    :class:`MeaningChanged` if formatting would change the data.
    """
    text = decode(source.data)
    head, yaml, tail = _front_matter(text) if source.is_markdown else ("", text, "")
    newline = "\r\n" if "\r\n" in yaml else "\n"
    yaml = yaml.replace("\r\n", "\n")
    if "\r" in yaml:
        line = yaml[: yaml.index("\r")].count("\n") + 1
        raise Unformattable(line + len(head.splitlines()), 1, "has a carriage return without a line feed")
    try:
        formatted = canonical_yaml(read_document(yaml), PERSONA if source.kind == "persona" else MAP)
    except Unformattable as problem:
        raise Unformattable(problem.line + len(head.splitlines()), problem.column, problem.message) from None
    except RecursionError:  # only with max_depth raised far above its default of 64
        raise Unformattable(1, 1, "nests deeper than journeys fmt can lay out") from None
    if _meaning(yaml) != _meaning(formatted):
        raise MeaningChanged(source.path)
    bom = _BOM if source.data.startswith(_BOM) else b""
    return bom + (head + formatted.replace("\n", newline) + tail).encode("utf-8")


def _front_matter(text: str) -> tuple[str, str, str]:
    """(opening line, YAML, the rest from the closing line on) of a Markdown file."""
    yaml = split_front_matter(text).yaml
    head = text[: text.index("\n") + 1]
    assert text[len(head) : len(head) + len(yaml)] == yaml, "front matter follows the opening line"
    return head, yaml, text[len(head) + len(yaml) :]


def _meaning(yaml: str) -> object:
    """What journeys reads from ``yaml``: the data, with numbers as written (``3.10`` is not ``3.1``)."""
    root = parse_yaml(yaml, _NO_LIMITS)
    return None if root is None else plain(root, scalar=_as_read)


def _as_read(node: Node) -> object:
    return (type(node.value).__name__, node.source if node.source is not None else node.value)


# -- a project's files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormatRun:
    #: Why files were left as they were (their validation errors included), and warnings.
    issues: tuple[Issue, ...]
    #: Files in the canonical layout now (or, with ``check``, that would change), relative paths.
    changed: tuple[str, ...] = ()
    #: Files that were in the canonical layout already.
    unchanged: tuple[str, ...] = ()
    #: Files left as they were because of an error (their own, or writing them).
    left: tuple[str, ...] = ()
    #: Files left as they were with a warning: symlinks, YAML fmt does not lay out.
    skipped: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return has_errors(self.issues)


def format_sources(root: Path, sources: Iterable[Source], errors: Iterable[Issue], *, check: bool) -> FormatRun:
    """Format ``sources`` of the project at ``root``; files with ``errors`` are left alone.

    With ``check``, nothing is written: the run lists the files that would change.
    """
    from journeys.atomicfile import SymlinkRefused, write_atomically

    errors = list(errors)
    refused = {issue.path for issue in errors}
    issues, changed, unchanged, left, skipped = list(errors), [], [], [], []
    for source in sources:
        if source.path in refused:
            left.append(source.path)
            continue
        path = root / source.path
        if path.is_symlink():
            issues.append(_skipped(source, "is a symlink; format the file it points to"))
            skipped.append(source.path)
            continue
        try:
            formatted = format_source(source)
        except Unformattable as problem:  # a warning: there is nothing to fix, fmt just has nothing to do
            message = f"{problem.message}, which journeys fmt leaves as written; the file was not formatted"
            issues.append(Issue(Location(source.path, problem.line, problem.column), "warning", "fmt-skipped", message))
            skipped.append(source.path)
            continue
        except (MeaningChanged, YamlProblem):  # a bug of ours: never write then
            issues.append(_internal(source))
            left.append(source.path)
            continue
        if formatted == source.data:
            unchanged.append(source.path)
            continue
        changed.append(source.path)
        if check:
            continue
        try:
            write_atomically(path, formatted)
        except SymlinkRefused:
            skipped.append(changed.pop())
            issues.append(_skipped(source, "became a symlink while being formatted; not written"))
        except OSError as error:
            left.append(changed.pop())
            message = f"cannot write file: {error.strerror}"
            issues.append(Issue(Location(source.path), "error", "fmt-unwritable", message))
    issues.sort(key=Issue.sort_key)
    return FormatRun(tuple(issues), tuple(changed), tuple(unchanged), tuple(left), tuple(skipped))


class NotContent(Exception):
    """A file named on the command line is not a map or persona of a project."""


def project_of(files: list[Path]) -> Path:
    """The project of ``files``: the nearest folder above them that holds mkdocs.yml.

    Raises :class:`NotContent` when there is none, or when the files belong to different projects.
    """
    projects = {_project_of(path) for path in files}
    if len(projects) > 1:
        shown = " and ".join(sorted(str(project) for project in projects))
        raise NotContent(f"the files belong to different projects ({shown}); run journeys fmt once per project")
    return projects.pop()


def _project_of(path: Path) -> Path:
    from journeys.config import CONFIG_FILE, config_file

    folder = path.absolute().parent
    project = next((above for above in (folder, *folder.parents) if config_file(above) is not None), None)
    if project is None:
        raise NotContent(f"{path} is in no journeys project: there is no {CONFIG_FILE} in its folder or above")
    return project


def named_sources(settings: Settings, files: list[Path]) -> list[Source]:
    """The files, read as the project's maps and personas are (symlinks, size cap)."""
    from journeys.loading.sources import content_folders, is_content_file, read_source

    folders = {(settings.root / folder).resolve(): kind for kind, folder in content_folders(settings)}
    sources = []
    for path in files:
        # The folder resolved, the name not: a symlinked file is still that symlink.
        folder, name = path.absolute().parent.resolve(), path.name
        kind = folders.get(folder)
        if kind is None or not is_content_file(name):
            raise NotContent(f"{path} is not a map or persona of the project in {settings.root}")
        rel = (folder / name).relative_to(settings.root).as_posix()
        source, _ = read_source(settings.root, folder / name, rel, kind, settings.max_file_size)
        if source is not None:  # refused files (too large, bad name) have their error already
            sources.append(source)
    return sources


def _skipped(source: Source, why: str) -> Issue:
    return Issue(Location(source.path), "warning", "fmt-skipped", f"{why}: journeys fmt left it as it was")


def _internal(source: Source) -> Issue:
    return Issue(
        Location(source.path), "error", "internal-error",
        "journeys fmt would have changed what this file means, so it was left as it was; please report this",
    )  # fmt: skip
