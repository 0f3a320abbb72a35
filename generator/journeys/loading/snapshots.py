"""A project at a git revision, or in the working tree: its files listed before they are read.

Listing a snapshot parses nothing: each persona and map file's kind, id, path and git blob
id, under the settings of that revision (its own ``mkdocs.yml``), with the id rules of
discovery on disk applied to the names. Bytes are brought in only for the files a caller
asks for (:func:`read_blobs`), then validated (:meth:`Snapshot.load`) against the ids of
the whole listing, so one file is validated exactly as ``journeys validate`` would
validate it in that project.

The working tree is read from disk as ``journeys validate`` reads it (symlinks, size cap,
names), except that a file git's index knows as it is now is named by its index blob id
without being read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.config import load_settings, settings_from_mkdocs_yml
from journeys.gitrepo import blob_id
from journeys.issues import Issue, Location
from journeys.loading.files import file_too_large, is_inside
from journeys.loading.project import References, load_source
from journeys.loading.sources import Source, check_id, content_folders, discover, read_source, unique_sources

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from journeys.config import Settings
    from journeys.gitrepo import GitRepo
    from journeys.loading.sources import SourceKind
    from journeys.model import JourneyMap, Persona

Key = tuple["SourceKind", str]
WORKING_TREE = "working tree"


@dataclass(frozen=True)
class FileVersion:
    """A content file as one snapshot has it: same blob on two sides, same bytes."""

    kind: SourceKind
    id: str
    path: str
    blob: str


@dataclass
class Snapshot:
    """One revision: its settings, every content file, and the files loaded so far."""

    label: str
    #: The commit id, or None for the working tree.
    commit: str | None
    settings: Settings
    files: dict[Key, FileVersion]
    #: Problems found without parsing (config, names, sizes, duplicates) plus parse problems.
    issues: list[Issue]
    #: Bytes already in memory, by blob id.
    data: dict[str, bytes] = field(default_factory=dict)
    #: Sizes of blobs too large to read.
    oversized: dict[str, int] = field(default_factory=dict)
    #: The valid persona or map of every loaded file; None when it has errors.
    loaded: dict[Key, Persona | JourneyMap | None] = field(default_factory=dict)

    def references(self) -> References:
        return References.of(self.files, self.settings.scale)

    def load(self, keys: Iterable[Key]) -> None:
        """Validate these files (their bytes read already), recording each outcome and its issues."""
        refs = self.references()
        limit = self.settings.max_file_size
        for key in keys:
            version = self.files.get(key)
            if version is None:
                continue
            size = self.oversized.get(version.blob, len(self.data.get(version.blob, b"")))
            if size > limit:
                self.loaded[key] = None
                self.issues.append(file_too_large(version.path, size, limit))
                continue
            source = Source(version.kind, version.id, version.path, self.data[version.blob])
            item, issues = load_source(source, refs, self.settings.limits)
            self.loaded[key] = item
            self.issues.extend(issues)


def revision_snapshot(repo: GitRepo, label: str, commit: str, mkdocs_yml: bytes | None) -> Snapshot:
    """The files of ``commit``, under the settings of its ``mkdocs.yml`` (None: it has none)."""
    settings, issues = settings_from_mkdocs_yml(repo.project_dir, mkdocs_yml)
    listed: list[Source] = []
    blobs: dict[str, str] = {}
    for tree_file in repo.list_files(commit, content_folders(settings)):
        if tree_file.symlink:  # its target is a path that may not exist at this revision
            not_followed = "symlinks are not followed in a git revision; not read"
            issues.append(Issue(Location(tree_file.path), "warning", "symlink", not_followed))
            continue
        invalid = check_id(tree_file.kind, tree_file.path, tree_file.id)
        if invalid is not None:
            issues.append(invalid)
            continue
        listed.append(Source(tree_file.kind, tree_file.id, tree_file.path, b""))
        blobs[tree_file.path] = tree_file.blob
    return _snapshot(label, commit, settings, issues, listed, blobs)


def working_tree_snapshot(repo: GitRepo, id_length: int) -> Snapshot:
    """The working tree, reading from disk only the files git's index cannot vouch for.

    ``id_length`` is the length of the repository's object ids (SHA-1 or SHA-256), so
    blob ids computed here compare equal to git's.
    """
    settings, issues = load_settings(repo.project_dir)
    root = settings.root
    folders = content_folders(settings)
    if any((root / folder).is_symlink() or not is_inside(root / folder, root) for _, folder in folders):
        return _discovered_snapshot(settings, issues, id_length)  # discovery reports such folders
    listed: list[Source] = []
    blobs: dict[str, str] = {}
    data: dict[str, bytes] = {}
    for tree_file in repo.working_tree_files(folders):
        if tree_file.blob:  # unchanged since git last looked: named only
            problem = check_id(tree_file.kind, tree_file.path, tree_file.id)
            source = Source(tree_file.kind, tree_file.id, tree_file.path, b"") if problem is None else None
            blob = tree_file.blob
        else:
            source, problem = read_source(
                root, root / tree_file.path, tree_file.path, tree_file.kind, settings.max_file_size
            )
            blob = blob_id(source.data, id_length) if source is not None else ""
            if source is not None:
                data[blob] = source.data
        if problem is not None:
            issues.append(problem)
        if source is not None:
            listed.append(source)
            blobs[source.path] = blob
    snapshot = _snapshot(WORKING_TREE, None, settings, issues, listed, blobs)
    snapshot.data.update(data)
    return snapshot


def _discovered_snapshot(settings: Settings, issues: list[Issue], id_length: int) -> Snapshot:
    """The working tree read in full by discovery, as ``journeys validate`` reads it."""
    sources, discovered = discover(settings.root, content_folders(settings), settings.max_file_size)
    snapshot = Snapshot(WORKING_TREE, None, settings, {}, issues + discovered)
    for source in sources:
        blob = blob_id(source.data, id_length)
        snapshot.files[(source.kind, source.id)] = FileVersion(source.kind, source.id, source.path, blob)
        snapshot.data[blob] = source.data
    return snapshot


def _snapshot(
    label: str, commit: str | None, settings: Settings, issues: list[Issue], listed: list[Source], blobs: dict[str, str]
) -> Snapshot:
    """A snapshot of the listed files, one per id (as discovery keeps them)."""
    kept, duplicates = unique_sources(listed)
    files = {(s.kind, s.id): FileVersion(s.kind, s.id, s.path, blobs[s.path]) for s in kept}
    return Snapshot(label, commit, settings, files, issues + duplicates)


def read_blobs(repo: GitRepo, wanted: Collection[tuple[Snapshot, Collection[Key]]]) -> None:
    """Bring the blobs of these files into their snapshots' memory: one git process for all.

    A blob over the size cap is not read; its size is kept so that loading reports it.
    """
    blobs = {  # a dict keeps the order and drops blobs the snapshots share
        snapshot.files[k].blob: None
        for snapshot, keys in wanted
        for k in keys
        if k in snapshot.files and snapshot.files[k].blob not in snapshot.data
    }
    limit = max(snapshot.settings.max_file_size for snapshot, _ in wanted)
    contents, too_large = repo.read_blobs(list(blobs), max_size=limit)
    for snapshot, _ in wanted:
        snapshot.data.update(contents)
        snapshot.oversized.update(too_large)
