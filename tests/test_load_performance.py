"""Speed-ups in loading must leave the interpreter as they found it.

(Their speed is measured in benchmarks/bench_validate.py, never asserted here.)
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

from journeys.loading import project
from journeys.loading.project import load_source, load_sources
from journeys.loading.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterator

PERSONA = Source(kind="persona", id="sam", path="personas/sam.yaml", data=b"name: Sam\n")
MAP = Source(
    kind="map",
    id="buy",
    path="maps/buy.yaml",
    data=b"title: Buy\npersonas: [sam]\nstages:\n  - name: Pay\n    steps:\n      - name: Pays\n",
)


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_cycle_collector_is_paused_while_files_load_and_back_on_after(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []

    def spy(source, refs, limits):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return load_source(source, refs, limits)

    monkeypatch.setattr(project, "load_source", spy)
    result = load_sources([PERSONA, MAP])
    assert [m.id for m in result.project.maps] == ["buy"] and result.issues == ()
    assert seen == [False, False]
    assert gc.isenabled()


def test_the_collector_comes_back_even_when_loading_fails(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(source, refs, limits):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(project, "load_source", broken)
    with pytest.raises(RuntimeError):
        load_sources([MAP])
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector_on: None) -> None:
    gc.disable()
    load_sources([PERSONA, MAP])
    assert not gc.isenabled()
