"""Re-run a check whenever project files change, printing only what changed."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from journeys.issues import Issue

#: Editors write a file in several steps; wait this long for the burst to end.
DEBOUNCE_SECONDS = 0.2


class _Changed(FileSystemEventHandler):
    def __init__(self, flag: threading.Event) -> None:
        self.flag = flag

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):
            self.flag.set()


def issue_changes(before: Iterable[Issue], after: Iterable[Issue]) -> tuple[list[Issue], list[Issue]]:
    """(new issues, fixed issues) between two runs, in report order."""
    old, new = set(before), set(after)
    return sorted(new - old, key=lambda i: i.sort_key()), sorted(old - new, key=lambda i: i.sort_key())


def watch(
    paths: Iterable[Path],
    check: Callable[[], list[Issue]],
    report: Callable[[list[Issue], list[Issue], list[Issue]], None],
    stop: threading.Event | None = None,
) -> None:
    """Run ``check`` now and after every change under ``paths`` until ``stop`` is set.

    ``report(new, fixed, current)`` is called after each run (the first run reports
    everything as new).
    """
    stop = stop or threading.Event()
    changed = threading.Event()
    observer = Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(_Changed(changed), str(path), recursive=True)
        elif path.exists():
            observer.schedule(_Changed(changed), str(path.parent), recursive=False)
    observer.start()
    try:
        current = check()
        report(current, [], current)
        while not stop.is_set():
            if not changed.wait(timeout=0.2):
                continue
            stop.wait(DEBOUNCE_SECONDS)
            changed.clear()
            latest = check()
            new, fixed = issue_changes(current, latest)
            if new or fixed:
                report(new, fixed, latest)
            current = latest
    finally:
        observer.stop()
        observer.join()
