"""Independent pieces of work shared among the machine's cores by forked workers.

A cold build of a thousand maps spends most of its time rendering maps, each on its own;
on two cores, two workers nearly halve it. Workers are forked, so they start with the
loaded project, settings and templates: only an index goes to a worker, and only the
result (pickled) comes back. Forking is the one start method that needs no second load
of the project, and it is safe only from a process with a single thread (a lock held by
another thread at the fork stays held in the child forever), so anywhere else (a serve
rebuild beside its server threads, a platform without ``fork``, one core, a few items)
the work runs here, in order, as it would serially.

What a worker logs is collected there and logged again here, in order, so MkDocs' own
handlers print it once and count its warnings (``--strict``).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

#: Fewer items per worker than this are done here: a worker's start costs tens of
#: milliseconds, about what rendering a map costs.
MIN_ITEMS_PER_WORKER = 8

_Result = TypeVar("_Result")

#: The work of the running :func:`map_parallel`, inherited by its forked workers.
_task: Callable[[int], object] | None = None


class _Collector(logging.Handler):
    """A worker's handler: keeps each record as (logger name, level, message)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_collector = _Collector()


def _start_worker() -> None:
    """Send every record to the collector instead of the handlers inherited from the parent."""
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
            logger.propagate = True
    logging.getLogger().addHandler(_collector)


def _run(index: int) -> tuple[object, list[tuple[str, int, str]]]:
    assert _task is not None  # set before the fork
    _collector.records = []
    return _task(index), _collector.records


def usable_cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_parallel(task: Callable[[int], _Result], count: int) -> list[_Result]:
    """``[task(0), ..., task(count - 1)]``, in forked workers when that can pay."""
    global _task
    workers = min(usable_cores(), count // MIN_ITEMS_PER_WORKER)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return [task(index) for index in range(count)]
    _task = task
    # Frozen, the loaded objects are left out of the workers' garbage collections, which
    # would otherwise touch every one of them and so copy the whole heap into each worker.
    # A heap someone else froze (the preview's) stays frozen: unfreezing is all or nothing.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            # Small chunks: maps differ in size, and a worker left with a big last chunk idles the other.
            done = list(pool.map(_run, range(count), chunksize=max(1, count // (workers * 16))))
    finally:
        if freezing:
            gc.unfreeze()
        _task = None
    results = []
    for result, records in done:
        for name, level, message in records:
            logging.getLogger(name).log(level, message)
        results.append(result)
    return results  # type: ignore[return-value]  # each is what task returned
