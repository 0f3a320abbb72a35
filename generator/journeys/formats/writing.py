"""Imported maps and personas written as new files of the project.

The same promises as ``journeys new``: every file is validated as the file it becomes
(with the project's other files and the other new ones as references) before anything
is written, it is laid out as ``journeys fmt`` would lay it out, with a comment naming
where it came from, and nothing is written over an existing file. When any file would
have an error, or any name is taken, nothing at all is written.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from journeys.formatting import format_source
from journeys.issues import has_errors
from journeys.loading.sources import SOURCE_SUFFIXES, Source, check_id
from journeys.scaffold import InvalidRequest, project_names, refuse_existing, validate_new_file, write_new_file

if TYPE_CHECKING:
    from collections.abc import Sequence

    from journeys.config import Settings
    from journeys.formats import ImportedFile
    from journeys.issues import Issue


def rename_map(files: Sequence[ImportedFile], new_id: str) -> list[ImportedFile]:
    """``--id``: the one imported map written under ``new_id``.

    Raises :class:`InvalidRequest` for an invalid id, or when the import holds several maps.
    """
    from dataclasses import replace

    maps = [item for item in files if item.kind == "map"]
    if len(maps) != 1:
        raise InvalidRequest(f"--id names one map, but the import holds {len(maps)}; import them without --id")
    invalid = check_id("map", "--id", new_id)
    if invalid is not None:
        raise InvalidRequest(invalid.message)
    return [replace(item, id=new_id) if item.kind == "map" else item for item in files]


def write_imported(
    settings: Settings, files: Sequence[ImportedFile], format_name: str, map_id: str | None = None
) -> tuple[tuple[str, ...], tuple[Issue, ...]]:
    """Write ``files`` into the project: (paths written, relative to it; the new files' issues).

    ``map_id`` renames the one imported map. Raises ``AlreadyExists`` naming every file in
    the way, and :class:`InvalidRequest` when two imported files would have one name,
    before anything is written. With an error among the issues nothing is written.
    """
    if map_id is not None:
        files = rename_map(files, map_id)
    sources = [_source(settings, item, format_name) for item in _one_per_persona(files)]
    taken = [path for path, count in Counter(source.path for source in sources).items() if count > 1]
    if taken:
        raise InvalidRequest(
            f"two imported maps would both be {taken[0]}; import them one at a time, each with --id"
        )
    refuse_existing(settings.root, [_stem(source) + suffix for source in sources for suffix in SOURCE_SUFFIXES])
    names = [*project_names(settings), *((source.kind, source.id) for source in sources)]
    issues = tuple(issue for source in sources for issue in validate_new_file(settings, source, names))
    if has_errors(issues):
        return (), issues
    for source in sources:
        write_new_file(settings.root, source.path, source.data.decode("utf-8"))
    return tuple(source.path for source in sources), issues


def _one_per_persona(files: Sequence[ImportedFile]) -> list[ImportedFile]:
    """The files, with a persona that several imported files introduce written once (the first)."""
    seen: set[str] = set()
    kept = []
    for item in files:
        if item.kind == "persona":
            if item.id in seen:
                continue
            seen.add(item.id)
        kept.append(item)
    return kept


def _stem(source: Source) -> str:
    return source.path.rsplit(".", 1)[0]


def _source(settings: Settings, item: ImportedFile, format_name: str) -> Source:
    """The file ``item`` becomes, with its bytes as ``journeys fmt`` writes them."""
    folder = settings.maps_dir if item.kind == "map" else settings.personas_dir
    rel = f"{folder.rstrip('/')}/{item.id}.yaml"
    comment = f"# Imported by 'journeys import {format_name}' from {item.origin}.\n"
    text = comment + yaml_text(item.data)
    return Source(item.kind, item.id, rel, format_source(Source(item.kind, item.id, rel, text.encode("utf-8"))))


def yaml_text(data: Mapping[str, object]) -> str:
    """``data`` as block YAML; the layout is then made canonical by ``journeys fmt``'s writer."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # long text stays on one line; fmt decides how it is laid out
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    stream = io.StringIO()
    yaml.dump(_plain(data), stream)
    return stream.getvalue()


def _plain(value: object) -> object:
    """Mappings as dicts and sequences as lists: the representer knows only those."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
