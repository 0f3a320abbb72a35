"""The two sides of a diff, reading and validating only what the comparison needs.

Each side is a snapshot of the project (:mod:`journeys.loading.snapshots`): its
settings and every persona and map file, listed with git blob ids and nothing parsed.
Files whose blob is the same on both sides are identical by definition and are not read
at all. A file's validity depends on its own bytes, the settings and the set of
persona/map ids, which the listing gives from file names without parsing; so an
unchanged file is re-validated only when the settings differ or an id it may mention
was removed (a cheap byte search picks those files).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.config import CONFIG_FILE
from journeys.gitrepo import GitRepo
from journeys.issues import Issue
from journeys.loading.snapshots import read_blobs, revision_snapshot, working_tree_snapshot

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

    from journeys.config import Settings
    from journeys.loading.snapshots import Key, Snapshot


@dataclass(frozen=True)
class Revisions:
    base: Snapshot
    target: Snapshot
    #: Persona and map files that differ between the sides, sorted.
    changed: tuple[Key, ...]


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
    base_side = revision_snapshot(repo, base, commits[0], configs[config_names[0]])
    if target is None:
        target_side = working_tree_snapshot(repo, len(commits[0]))
    else:
        target_side = revision_snapshot(repo, target, commits[1], configs[config_names[1]])
    everything = not _same_settings(base_side.settings, target_side.settings)
    keys = sorted(set(base_side.files) | set(target_side.files))
    changed = tuple(k for k in keys if everything or base_side.files.get(k) != target_side.files.get(k))
    removed_ids = {i for _, i in base_side.files} - {i for _, i in target_side.files}
    suspects = [k for k in target_side.files if k[0] == "map" and k not in changed] if removed_ids else []
    personas = [k for k in target_side.files if k[0] == "persona" and k not in changed] if all_personas else []
    read_blobs(repo, [(base_side, changed), (target_side, [*changed, *suspects, *personas])])
    base_side.load(changed)
    target_side.load([*changed, *personas])
    # Unchanged maps that may name a removed id: validated (target side only) for their
    # issues; they are not part of the diff.
    mentioning = [k for k in suspects if _mentions(target_side.data.get(target_side.files[k].blob, b""), removed_ids)]
    target_side.load(mentioning)
    target_side.issues.sort(key=Issue.sort_key)
    return Revisions(base_side, target_side, changed)
