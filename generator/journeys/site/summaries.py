"""The pages and files summarising every map, kept from one serve rebuild to the next.

The catalogue, the roll-ups, the matrices, the evidence roll-up, the journey tree and
the backlog CSVs are made from every map's pre-rendered rows (:mod:`journeys.site.rows`).
At a thousand maps those hold tens of thousands of rows; sorting them all again, and
rendering every page again, on each reload took more than half of the reload budget of
``journeys serve``. So, while the site-wide inputs (the generator's site key) stay the
same:

- each list of rows is kept in order, and after an edit only the edited maps' rows
  leave and enter it (:class:`SortedItems`); the order is the one a full sort gives, as
  every row's sort key names its map and its place in the map;
- each page is kept with the inputs it was rendered from, and is rendered again only
  when they changed (:meth:`Summaries.kept`); unchanged maps' rows are the very same
  objects from build to build, so comparing inputs costs little.

A page builder gives as inputs everything its page shows apart from the site key: the
rows, and whatever it reads from the project (filters, personas, maps).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from markupsafe import Markup

from journeys.site import urls
from journeys.site.catalogue import catalogue_page, matrix_page
from journeys.site.coverage import evidence_page
from journeys.site.rollups import rollup_downloads, rollup_pages
from journeys.site.tree import journey_tree_page

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from journeys.site.context import GeneratedPage, SiteContext
    from journeys.site.rows import MapRows

V = TypeVar("V")
_Made = TypeVar("_Made")

#: A list merged item by item needs fewer than this share of its items changed; beyond
#: that (the first build, a new theme) sorting everything again is as quick.
_MERGE_SHARE = 8


class SortedItems(Generic[V]):
    """Every map's keyed items (sort key, value) in key order, kept up to date map by map.

    :meth:`update` takes each map's items; a map's items that are the same object as
    last time, or equal to them, cost nothing. The joined text is made again only after
    a change, and is otherwise the same object (so pages built from it compare cheaply).
    """

    def __init__(self) -> None:
        self._parts: Mapping[str, Sequence[tuple[tuple, V]]] = {}
        self._keys: list[tuple] = []
        self.values: list[V] = []
        #: Whether no two items share a key (true of journeys' keys, which name a map and
        #: a place in it): only then is an item found by its key alone.
        self._unique = True
        self._joined: dict[str, str] = {}
        #: How many times the items were sorted from scratch (the first build, or too many changes).
        self.full_sorts = 0

    def __len__(self) -> int:
        return len(self.values)

    def update(self, parts: Mapping[str, Sequence[tuple[tuple, V]]]) -> None:
        """Make the items those of ``parts`` (map id -> that map's items), in key order."""
        old = self._parts
        changed = [map_id for map_id, items in parts.items() if not _same(old.get(map_id), items)]
        gone = [map_id for map_id in old if map_id not in parts]
        self._parts = parts
        if not changed and not gone:
            return
        self._joined = {}
        leaving = [item for map_id in itertools.chain(changed, gone) for item in old.get(map_id, ())]
        entering = [item for map_id in changed for item in parts[map_id]]
        small = (len(leaving) + len(entering)) * _MERGE_SHARE < len(self._keys)
        if not (self._unique and small and self._merge(leaving, entering)):
            self._sort_all()

    def _merge(self, leaving: list[tuple[tuple, V]], entering: list[tuple[tuple, V]]) -> bool:
        """Take ``leaving`` out and put ``entering`` in; False (with the lists left to be
        sorted again) when a key is not where it should be or is already taken."""
        keys, values = self._keys, self.values
        for key, _ in leaving:
            at = bisect_left(keys, key)
            if at == len(keys) or keys[at] != key:
                return False
            del keys[at], values[at]
        for key, value in entering:
            at = bisect_left(keys, key)
            if at < len(keys) and keys[at] == key:
                return False
            keys.insert(at, key)
            values.insert(at, value)
        return True

    def _sort_all(self) -> None:
        # Stable, in the maps' order: what sorting the items afresh has always given.
        keyed = sorted((item for items in self._parts.values() for item in items), key=itemgetter(0))
        self._keys = [key for key, _ in keyed]
        self.values = [value for _, value in keyed]
        self._unique = all(a != b for a, b in itertools.pairwise(self._keys))
        self.full_sorts += 1

    def joined(self, separator: str) -> str:
        """The values (strings) joined by ``separator``; the same object until they change."""
        text = self._joined.get(separator)
        if text is None:
            text = self._joined[separator] = separator.join(self.values)  # type: ignore[arg-type]
        return text

    def markup(self) -> Markup:
        """The values (already escaped Markup), one a line, as Markup; the same object until they change."""
        joined = self._joined.get("markup")
        if joined is None:
            joined = self._joined["markup"] = Markup("\n".join(self.values))  # type: ignore[arg-type]
        return joined  # type: ignore[return-value]  # it was stored as Markup


def _same(before: object, now: object) -> bool:
    return before is now or before == now


class Kept:
    """Things made from inputs, each kept under a name with the inputs it was made from."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[object, Any]] = {}
        self._used: set[str] = set()
        #: The names of what the last build had to make again (pages by source URI).
        self.made: list[str] = []

    def new_build(self) -> None:
        """A build begins: what the last build did not ask for (a deleted map's) is forgotten."""
        self._kept = {name: kept for name, kept in self._kept.items() if name in self._used}
        self._used, self.made = set(), []

    def kept(self, name: str, inputs: object, make: Callable[[], _Made]) -> _Made:
        """What ``make`` made last time under ``name``, when ``inputs`` equal that time's."""
        self._used.add(name)
        kept = self._kept.get(name)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        made = make()
        self._kept[name] = (inputs, made)
        self.made.append(name)
        return made


class Summaries(Kept):
    """The summary pages and files of the last build, each with the inputs it was made from."""

    def __init__(self) -> None:
        super().__init__()
        self._site_key: object = None
        self._sorted: dict[str, SortedItems[Any]] = {}

    def begin(self, site_key: object) -> None:
        """A build begins: nothing made for other site-wide inputs is kept."""
        self.new_build()
        if site_key != self._site_key:
            self._site_key, self._sorted, self._kept = site_key, {}, {}

    def sorted(self, name: str, parts: Mapping[str, Sequence[tuple[tuple, V]]]) -> SortedItems[V]:
        """The list ``name``, brought up to date with ``parts`` (map id -> that map's keyed items)."""
        items = self._sorted.setdefault(name, SortedItems())
        items.update(parts)
        return items

    def pages(self, ctx: SiteContext, rows: Mapping[str, MapRows], site_key: object) -> list[GeneratedPage]:
        """The catalogue, the roll-ups, the evidence roll-up, the persona × map matrix and the
        journey tree, from every map's rows (map id -> rows, in the project's order)."""
        self.begin(site_key)
        maps = ctx.project.maps
        evidence = (tuple(map_rows.evidence for map_rows in rows.values()), maps)
        return [
            catalogue_page(ctx, rows, self),
            *rollup_pages(ctx, rows, self),
            self.kept(urls.EVIDENCE, evidence, lambda: evidence_page(ctx, rows)),
            matrix_page(ctx, rows, self),
            # The tree is made from the maps alone (titles, states, detail links).
            self.kept(urls.JOURNEY_TREE, maps, lambda: journey_tree_page(ctx)),
        ]

    def downloads(self, rows: Mapping[str, MapRows]) -> dict[str, str]:
        """The backlog CSVs beside the roll-ups."""
        return rollup_downloads(rows, self)
