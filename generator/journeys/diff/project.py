"""Pair up the changed files of two revisions and describe each pair.

A file present on one side only is added or removed, unless it pairs with a file on
the other side: the same content (same blob), or for maps mostly the same step ids,
or for personas the same name. Such a pair is a rename.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from journeys.diff.changes import FieldChange, MapDiff, PersonaDiff, ProjectDiff
from journeys.diff.maps import compare_maps, single_sparklines
from journeys.diff.values import field_changes, pair_unique
from journeys.model import JourneyMap, Persona

if TYPE_CHECKING:
    from journeys.diff.changes import ItemChangeKind
    from journeys.diff.revisions import Revisions
    from journeys.loading.snapshots import FileVersion, Snapshot
    from journeys.loading.sources import SourceKind

PERSONA_FIELDS = ("name", "role", "quote", "description", "goals", "frustrations", "behaviours", "channels", "tags")
#: Share of step ids two map files must have in common to count as one renamed map.
RENAME_SIMILARITY = 0.5


@dataclass(frozen=True)
class Pairing:
    change: ItemChangeKind
    old: FileVersion | None
    new: FileVersion | None


def diff_revisions(revisions: Revisions) -> ProjectDiff:
    # Two names: an assignment expression binds in the function, not in its comprehension.
    maps = [m for p in _pairings(revisions, "map") if _worth_reporting(p, m := _map_diff(revisions, p))]
    personas = [d for p in _pairings(revisions, "persona") if _worth_reporting(p, d := _persona_diff(revisions, p))]
    return ProjectDiff(
        base=revisions.base.label,
        target=revisions.target.label,
        base_commit=revisions.base.commit,
        target_commit=revisions.target.commit,
        maps=tuple(sorted(maps, key=lambda d: d.id)),
        personas=tuple(sorted(personas, key=lambda d: d.id)),
        errors=sum(1 for issue in revisions.target.issues if issue.severity == "error"),
    )


def _worth_reporting(pairing: Pairing, diff: MapDiff | PersonaDiff) -> bool:
    """False for an identical file that was only re-read because the settings changed.

    A file whose bytes changed is always reported, even with no semantic change
    (a reviewer should know it was touched, e.g. reformatted).
    """
    if pairing.change != "modified" or pairing.old is None or pairing.new is None:
        return True
    details = diff.has_details if isinstance(diff, MapDiff) else bool(diff.fields)
    same_validity = diff.invalid_before == diff.invalid_after
    return pairing.old.blob != pairing.new.blob or details or not same_validity or diff.invalid_after


def _pairings(revisions: Revisions, kind: SourceKind) -> list[Pairing]:
    base, target = revisions.base.files, revisions.target.files
    keys = [k for k in revisions.changed if k[0] == kind]
    removed = {k[1]: base[k] for k in keys if k in base and k not in target}
    added = {k[1]: target[k] for k in keys if k in target and k not in base}
    renames = pair_unique({i: v.blob for i, v in removed.items()}, {i: v.blob for i, v in added.items()})
    rest_removed = [i for i in removed if i not in renames]
    rest_added = [i for i in added if i not in renames.values()]
    renames.update(_similar(revisions, kind, rest_removed, rest_added))
    pairings = [Pairing("modified", base[k], target[k]) for k in keys if k in base and k in target]
    pairings += [Pairing("renamed", removed[old], added[new]) for old, new in renames.items()]
    pairings += [Pairing("removed", removed[i], None) for i in removed if i not in renames]
    pairings += [Pairing("added", None, added[i]) for i in added if i not in renames.values()]
    return pairings


def _similar(revisions: Revisions, kind: SourceKind, removed: list[str], added: list[str]) -> dict[str, str]:
    """Renames with edits: maps sharing most step ids, personas with the same name."""
    old_items = {i: revisions.base.loaded.get((kind, i)) for i in removed}
    new_items = {i: revisions.target.loaded.get((kind, i)) for i in added}
    if kind == "persona":
        return pair_unique(
            {i: p.name for i, p in old_items.items() if isinstance(p, Persona)},
            {i: p.name for i, p in new_items.items() if isinstance(p, Persona)},
        )
    old_steps = {i: {s.id for _, s in m.steps()} for i, m in old_items.items() if isinstance(m, JourneyMap)}
    new_steps = {i: {s.id for _, s in m.steps()} for i, m in new_items.items() if isinstance(m, JourneyMap)}
    candidates = sorted(
        ((len(a & b) / len(a | b), old, new) for old, a in old_steps.items() for new, b in new_steps.items() if a | b),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    pairs: dict[str, str] = {}
    for similarity, old, new in candidates:
        if similarity >= RENAME_SIMILARITY and old not in pairs and new not in pairs.values():
            pairs[old] = new
    return pairs


def _sides(revisions: Revisions, pairing: Pairing) -> tuple[object, object, bool, bool]:
    """(old item, new item, old side invalid, new side invalid)."""
    old = _loaded(revisions.base, pairing.old)
    new = _loaded(revisions.target, pairing.new)
    return old, new, pairing.old is not None and old is None, pairing.new is not None and new is None


def _loaded(side: Snapshot, version: FileVersion | None) -> object:
    return side.loaded.get((version.kind, version.id)) if version is not None else None


def _map_diff(revisions: Revisions, pairing: Pairing) -> MapDiff:
    old, new, invalid_before, invalid_after = _sides(revisions, pairing)
    identity = _identity(pairing, invalid_before, invalid_after)
    shown = new if isinstance(new, JourneyMap) else old
    diff = MapDiff(
        **identity,
        title=shown.title if isinstance(shown, JourneyMap) else identity["id"],
        stage_count=len(shown.stages) if isinstance(shown, JourneyMap) else 0,
        step_count=sum(1 for _ in shown.steps()) if isinstance(shown, JourneyMap) else 0,
    )
    scale = revisions.target.settings.scale
    if isinstance(old, JourneyMap) and isinstance(new, JourneyMap):
        return replace(diff, **compare_maps(old, new, scale))
    if isinstance(new, JourneyMap) and pairing.change == "added":
        return replace(diff, personas_added=new.personas, sparklines=single_sparklines(new, scale, added=True))
    if isinstance(old, JourneyMap) and pairing.change == "removed":
        return replace(diff, personas_removed=old.personas, sparklines=single_sparklines(old, scale, added=False))
    return diff


def _persona_diff(revisions: Revisions, pairing: Pairing) -> PersonaDiff:
    old, new, invalid_before, invalid_after = _sides(revisions, pairing)
    identity = _identity(pairing, invalid_before, invalid_after)
    shown = new if isinstance(new, Persona) else old
    fields: tuple[FieldChange, ...] = ()
    if isinstance(old, Persona) and isinstance(new, Persona):
        fields = field_changes(old, new, PERSONA_FIELDS)
        if old.body != new.body:
            fields += (FieldChange("body", "changed", "changed"),)
    return PersonaDiff(
        **identity,
        name=shown.name if isinstance(shown, Persona) else identity["id"],
        fields=fields,
    )


def _identity(pairing: Pairing, invalid_before: bool, invalid_after: bool) -> dict[str, Any]:
    """What every map and persona diff says first: which file, under which id, then and now."""
    current = pairing.new or pairing.old
    assert current is not None  # a pairing always has at least one side
    old = pairing.old
    return {
        "id": current.id,
        "change": pairing.change,
        "path": current.path,
        "old_id": old.id if old and old.id != current.id else None,
        "old_path": old.path if old and old.path != current.path else None,
        "invalid_before": invalid_before,
        "invalid_after": invalid_after,
    }
