"""Load the two sides of a diff from git, parsing only what changed.

Each side is listed first: mkdocs.yml's journeys block at that revision (so a base
revision is read with the settings it had), and the id, path and blob id of every
persona and map file. Files whose blob is the same on both sides are identical by
definition and are not read at all. A file's validity depends on its own bytes, the
settings and the set of persona/map ids, which the listing gives from file names
without parsing; so an unchanged file is re-validated only when the settings differ
or an id it may mention was removed (a cheap byte search picks those files).

The working tree is a side too (TARGET omitted): read from disk exactly as
``journeys validate`` reads it, with blob ids computed the way git computes them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeys.config import CONFIG_FILE, load_settings, settings_from_mkdocs_yml
from journeys.gitrepo import GitRepo, blob_id
from journeys.issues import Issue, Location
from journeys.load import load_source
from journeys.loading.sources import Source, check_id, discover, unique_sources
# Discovery's own reader of one file, so both ways of reading the working tree refuse
# the same files (symlinks out of the project, size cap, bad names) in the same words.
from journeys.loading.sources import read_source
from journeys.validation.maps import References

if TYPE_CHECKING:
    from collections.abc import Collection

    from journeys.config import Settings
    from journeys.loading.sources import SourceKind
    from journeys.model import JourneyMap, Persona

Key = tuple["SourceKind", str]
WORKING_TREE = "working tree"


@dataclass(frozen=True)
class FileVersion:
    kind: SourceKind
    id: str
    path: str
    blob: str


@dataclass
class Side:
    """One revision: its settings, every content file, and the files that were loaded."""

    label: str
    #: The commit id, or None for the working tree.
    commit: str | None
    settings: Settings
    files: dict[Key, FileVersion]
    #: Problems found without parsing (config, names, sizes, duplicates) plus parse problems.
    issues: list[Issue]
    #: Bytes already in memory (the working tree), by blob id.
    data: dict[str, bytes] = field(default_factory=dict)
    #: Sizes of blobs too large to read.
    oversized: dict[str, int] = field(default_factory=dict)
    #: The valid persona or map of every loaded file; None when it has errors.
    loaded: dict[Key, Persona | JourneyMap | None] = field(default_factory=dict)

    def references(self) -> References:
        return References(
            persona_ids=frozenset(i for k, i in self.files if k == "persona"),
            map_ids=frozenset(i for k, i in self.files if k == "map"),
            scale=self.settings.scale,
        )


@dataclass(frozen=True)
class Revisions:
    base: Side
    target: Side
    #: Persona and map files that differ between the sides, sorted.
    changed: tuple[Key, ...]


def _folders(settings: Settings) -> tuple[tuple[SourceKind, str], ...]:
    return (("persona", settings.personas_dir), ("map", settings.maps_dir))


def _revision_side(repo: GitRepo, revision: str, commit: str, config: bytes | None) -> Side:
    settings, issues = settings_from_mkdocs_yml(repo.project_dir, config)
    stubs: list[Source] = []
    blobs: dict[str, str] = {}
    for tree_file in repo.list_files(commit, _folders(settings)):
        problem = _unreadable(tree_file.kind, tree_file.path, tree_file.id, tree_file.symlink)
        if problem is not None:
            issues.append(problem)
            continue
        stubs.append(Source(tree_file.kind, tree_file.id, tree_file.path, b""))
        blobs[tree_file.path] = tree_file.blob
    kept, duplicates = unique_sources(stubs)
    files = {(s.kind, s.id): FileVersion(s.kind, s.id, s.path, blobs[s.path]) for s in kept}
    return Side(revision, commit, settings, files, issues + duplicates)


def _unreadable(kind: SourceKind, path: str, stem: str, symlink: bool) -> Issue | None:
    """What discovery on disk would refuse, decided from the tree listing alone (sizes come at reading)."""
    if symlink:
        return Issue(Location(path), "warning", "symlink", "symlinks are not followed in a git revision; not read")
    return check_id(kind, path, stem)


def _too_large(path: str, size: int, limit: int) -> Issue:
    return Issue(
        Location(path), "error", "file-too-large",
        f"file is {size:,} bytes, more than the {limit:,}-byte limit (max_file_size); not read",
    )  # fmt: skip


def _working_tree_side(repo: GitRepo, id_length: int) -> Side:
    """The working tree, reading from disk only the files git's index cannot vouch for."""
    settings, issues = load_settings(repo.project_dir)
    root = settings.root
    if any((root / folder).is_symlink() or not _inside(root / folder, root) for _, folder in _folders(settings)):
        return _discovered_side(settings, issues, id_length)  # discovery reports such folders
    side = Side(WORKING_TREE, None, settings, {}, issues)
    stubs: list[Source] = []
    blobs: dict[str, str] = {}
    for tree_file in repo.working_tree_files(_folders(settings)):
        if tree_file.blob:  # unchanged since git last looked: named only
            problem = check_id(tree_file.kind, tree_file.path, tree_file.id)
            source = Source(tree_file.kind, tree_file.id, tree_file.path, b"") if problem is None else None
            blob = tree_file.blob
        else:  # read exactly as discovery reads (symlinks, size cap, names)
            source, problem = read_source(root, root / tree_file.path, tree_file.path, tree_file.kind,
                                          settings.max_file_size)  # fmt: skip
            blob = blob_id(source.data, id_length) if source is not None else ""
            if source is not None:
                side.data[blob] = source.data
        if problem is not None:
            side.issues.append(problem)
        if source is not None:
            stubs.append(source)
            blobs[source.path] = blob
    kept, duplicates = unique_sources(stubs)
    side.files = {(s.kind, s.id): FileVersion(s.kind, s.id, s.path, blobs[s.path]) for s in kept}
    side.issues.extend(duplicates)
    return side


def _inside(path: Path, root: Path) -> bool:
    resolved = path.resolve()
    return resolved == root or root in resolved.parents


def _discovered_side(settings: Settings, issues: list[Issue], id_length: int) -> Side:
    """The working tree read in full by discovery, as ``journeys validate`` reads it."""
    sources, discovered = discover(settings.root, _folders(settings), settings.max_file_size)
    side = Side(WORKING_TREE, None, settings, {}, issues + discovered)
    for source in sources:
        blob = blob_id(source.data, id_length)
        side.files[(source.kind, source.id)] = FileVersion(source.kind, source.id, source.path, blob)
        side.data[blob] = source.data
    return side


def _same_settings(base: Settings, target: Settings) -> bool:
    return dataclasses.replace(base, root=target.root) == target


def _mentions(data: bytes, ids: Collection[str]) -> bool:
    return any(item.encode() in data for item in ids)


def load_revisions(project_dir: Path, base: str, target: str | None, *, all_personas: bool = False) -> Revisions:
    """Both sides of ``journeys diff BASE [TARGET]``; raises GitError for a bad revision.

    ``all_personas`` also loads every target persona (diagrams show persona names).
    """
    repo = GitRepo(project_dir)
    commits = repo.resolve_many([base] if target is None else [base, target])
    config_names = [repo.object_name(commit, CONFIG_FILE) for commit in commits]
    configs = repo.read_objects(config_names)
    base_side = _revision_side(repo, base, commits[0], configs[config_names[0]])
    if target is None:
        target_side = _working_tree_side(repo, len(commits[0]))
    else:
        target_side = _revision_side(repo, target, commits[1], configs[config_names[1]])
    everything = not _same_settings(base_side.settings, target_side.settings)
    keys = sorted(set(base_side.files) | set(target_side.files))
    changed = tuple(k for k in keys if everything or base_side.files.get(k) != target_side.files.get(k))
    removed_ids = {i for _, i in base_side.files} - {i for _, i in target_side.files}
    suspects = [k for k in target_side.files if k[0] == "map" and k not in changed] if removed_ids else []
    personas = [k for k in target_side.files if k[0] == "persona" and k not in changed] if all_personas else []
    _read(repo, [(base_side, changed), (target_side, [*changed, *suspects, *personas])])
    _load(base_side, changed)
    _load(target_side, [*changed, *personas])
    # Unchanged maps that may name a removed id: validated (target side only) for their
    # issues; they are not part of the diff.
    mentioning = [k for k in suspects if _mentions(target_side.data.get(target_side.files[k].blob, b""), removed_ids)]
    _load(target_side, mentioning)
    target_side.issues.sort(key=Issue.sort_key)
    return Revisions(base_side, target_side, changed)


def _read(repo: GitRepo, wanted: Collection[tuple[Side, Collection[Key]]]) -> None:
    """Bring the blobs of these files into memory: one git process for both sides."""
    blobs = {  # a dict keeps the order and drops blobs both sides share
        side.files[k].blob: None
        for side, keys in wanted
        for k in keys
        if k in side.files and side.files[k].blob not in side.data
    }
    limit = max(side.settings.max_file_size for side, _ in wanted)
    contents, too_large = repo.read_blobs(list(blobs), max_size=limit)
    for side, _ in wanted:
        side.data.update(contents)
        side.oversized.update(too_large)


def _load(side: Side, keys: Collection[Key]) -> None:
    refs = side.references()
    for key in keys:
        version = side.files.get(key)
        if version is None:
            continue
        size = side.oversized.get(version.blob, len(side.data.get(version.blob, b"")))
        if size > side.settings.max_file_size:
            side.loaded[key] = None
            side.issues.append(_too_large(version.path, size, side.settings.max_file_size))
            continue
        source = Source(version.kind, version.id, version.path, side.data[version.blob])
        item, issues = load_source(source, refs, side.settings.limits)
        side.loaded[key] = item
        side.issues.extend(issues)
