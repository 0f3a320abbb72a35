"""The pages summarising every map, kept across serve rebuilds: rows re-sorted map by map,
pages rendered again only when what they show changed, and never stale."""

from __future__ import annotations

import random

from journeys.site.summaries import SortedItems


def _items(rng: random.Random, map_id: str) -> list[tuple[tuple, str]]:
    # Keys as journeys makes them: a rank that many rows share, then the map and the place in it.
    count = rng.randint(0, 5)
    return [((rng.randint(0, 3), map_id, index), f"{map_id}:{index}:{rng.random()}") for index in range(count)]


def _fully_sorted(parts: dict[str, list[tuple[tuple, str]]]) -> list[str]:
    return [value for _, value in sorted((item for items in parts.values() for item in items), key=lambda i: i[0])]


def test_rows_merged_map_by_map_are_in_the_order_a_full_sort_gives() -> None:
    rng = random.Random(7)
    parts = {f"map-{n:03}": _items(rng, f"map-{n:03}") for n in range(300)}
    rows: SortedItems[str] = SortedItems()
    rows.update(dict(parts))
    for _ in range(200):
        map_id = f"map-{rng.randrange(320):03}"
        if map_id in parts and rng.random() < 0.2:
            del parts[map_id]  # a deleted map
        else:
            parts[map_id] = _items(rng, map_id)  # an edited or a new map
        rows.update(dict(parts))
        assert rows.values == _fully_sorted(parts)
        assert rows.joined("\n") == "\n".join(_fully_sorted(parts))
    assert rows.full_sorts == 1  # each edit moved a few rows, never all of them


def test_the_joined_rows_are_the_same_object_until_a_row_changes() -> None:
    parts = {"a": [((1, "a", 0), "A")], "b": [((0, "b", 0), "B")]}
    rows: SortedItems[str] = SortedItems()
    rows.update(parts)
    joined = rows.markup()
    rows.update({"a": [((1, "a", 0), "A")], "b": parts["b"]})  # equal rows, made again
    assert rows.markup() is joined
    rows.update({"a": [((1, "a", 0), "A2")], "b": parts["b"]})
    assert rows.markup() == "B\nA2"


def test_rows_sharing_a_key_keep_the_order_of_a_stable_sort() -> None:
    rows: SortedItems[str] = SortedItems()
    parts = {"a": [((0,), "a1"), ((0,), "a2")], "b": [((0,), "b1")]}
    rows.update(parts)
    parts = {**parts, "a": [((0,), "a3")]}
    rows.update(parts)
    assert rows.values == _fully_sorted(parts) == ["a3", "b1"]
