"""``journeys validate --watch`` as a real process: edit files, read what it prints."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING

import pytest

from issue_helpers import VALID_MAP
from journeys.issues import Issue, Location
from journeys.watch import issue_changes, watch

if TYPE_CHECKING:
    from pathlib import Path

#: Generous: a slow CI machine still answers within it; a hang fails instead of blocking.
WAIT_SECONDS = 20


class WatchProcess:
    """``journeys validate --watch ROOT`` with its stdout read line by line on a thread."""

    def __init__(self, root: Path) -> None:
        command = [sys.executable, "-c", "from journeys.cli import main; main()", "validate", "--watch", str(root)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_report(self) -> list[str]:
        """Lines up to and including the next summary line ('N files checked: ...')."""
        report: list[str] = []
        while not report or " checked: " not in report[-1]:
            try:
                report.append(self.lines.get(timeout=WAIT_SECONDS))
            except queue.Empty:
                pytest.fail(f"no report within {WAIT_SECONDS}s; got {report!r}")
        return report

    def stop(self) -> str:
        """Terminate the process; its stderr."""
        self.process.terminate()
        _, stderr = self.process.communicate(timeout=WAIT_SECONDS)
        return stderr


def replace(path: Path, text: str) -> None:
    """Write like an editor that saves atomically, so the watcher never sees half a file."""
    temporary = path.parent.parent / f".{path.name}.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def watching(make_project):
    root = make_project({"maps/checkout.yaml": VALID_MAP})
    process = WatchProcess(root)
    yield root, process
    if process.process.poll() is None:
        process.stop()


def test_watch_prints_only_new_and_fixed_issues(watching):
    root, watch = watching
    checkout = root / "maps" / "checkout.yaml"
    assert watch.next_report() == ["2 files checked: no problems"]

    replace(checkout, VALID_MAP.replace("emotion: -1", "emotion: 5"))
    assert watch.next_report() == [
        "maps/checkout.yaml:7:18: error: emotion 5 is outside the scale -2..+2",
        "2 files checked: 1 error, 0 warnings",
    ]

    # A second mistake: only it is printed, not the emotion error again.
    replace(checkout, VALID_MAP.replace("emotion: -1", "emotion: 5") + "titel: Typo\n")
    assert watch.next_report() == [
        "maps/checkout.yaml:8:1: error: unknown field 'titel' in a journey map — did you mean 'title'?",
        "2 files checked: 2 errors, 0 warnings",
    ]

    replace(checkout, VALID_MAP + "titel: Typo\n")
    assert watch.next_report() == [
        "maps/checkout.yaml:7:18: fixed: emotion 5 is outside the scale -2..+2",
        "2 files checked: 1 error, 0 warnings",
    ]

    # personas/ is watched too: a new, unused persona is a warning; the typo is fixed.
    (root / "personas" / "pat.md").write_text("---\nname: Pat\n---\n", encoding="utf-8")
    replace(checkout, VALID_MAP)
    report = watch.next_report()
    if report == ["maps/checkout.yaml:8:1: fixed: unknown field 'titel' in a journey map — did you mean 'title'?",
                  "2 files checked: no problems"]:  # fmt: skip
        # The two edits landed in separate runs; the persona's run follows.
        report = watch.next_report()
        assert report == [
            "personas/pat.md:2:1: warning: persona 'pat' appears in no map",
            "3 files checked: 0 errors, 1 warning",
        ]
    else:
        assert report == [
            "personas/pat.md:2:1: warning: persona 'pat' appears in no map",
            "maps/checkout.yaml:8:1: fixed: unknown field 'titel' in a journey map — did you mean 'title'?",
            "3 files checked: 0 errors, 1 warning",
        ]

    stderr = watch.stop()
    assert stderr == "watching maps/, personas/ and mkdocs.yml (Ctrl+C stops)\n"


def test_watch_stays_quiet_when_nothing_changed_in_the_issues(watching):
    root, watch = watching
    assert watch.next_report() == ["2 files checked: no problems"]
    # A change that keeps the map valid re-runs the check but has nothing to report.
    replace(root / "maps" / "checkout.yaml", VALID_MAP.replace("Buying", "Ordering"))
    # Then a real problem: the first thing printed must be that problem.
    replace(root / "maps" / "checkout.yaml", "title: [\n")
    assert watch.next_report() == [
        "maps/checkout.yaml:2:1: error: did not find expected node content (while parsing a flow node)",
        "2 files checked: 1 error, 0 warnings",
    ]


def issue(line: int, message: str) -> Issue:
    return Issue(Location("maps/a.yaml", line, 1), "error", "type", message)


def test_issue_changes_compares_runs_in_report_order():
    before = [issue(3, "c"), issue(1, "a")]
    after = [issue(1, "a"), issue(9, "z"), issue(2, "b")]
    assert issue_changes(before, after) == ([issue(2, "b"), issue(9, "z")], [issue(3, "c")])
    assert issue_changes(after, after) == ([], [])


def test_an_idle_watcher_is_not_woken_by_its_own_reads(make_project):
    # The check reads every file; those reads (open/close events) must not count as
    # changes, or the watcher would re-validate in a loop forever.
    root = make_project({"maps/checkout.yaml": VALID_MAP})
    runs: list[int] = []
    stop = threading.Event()

    def check() -> list[Issue]:
        runs.append(1)
        for path in sorted(root.rglob("*")):
            if path.is_file():
                path.read_bytes()
        return []

    thread = threading.Thread(target=watch, args=([root / "maps", root / "personas"], check, lambda *_: None, stop))
    thread.start()
    try:
        time.sleep(1.5)  # several poll and debounce periods
    finally:
        stop.set()
        thread.join(timeout=WAIT_SECONDS)
    assert not thread.is_alive()
    assert len(runs) == 1


def test_watch_prints_new_and_fixed_issues_on_one_line_each(make_project):
    forged = '"\\nmaps/fake.yaml:1:1: error: forged": 1\n'
    root = make_project({"maps/checkout.yaml": VALID_MAP + forged})
    process = WatchProcess(root)
    try:
        message = "unknown field '\\nmaps/fake.yaml:1:1: error: forged' in a journey map"
        assert process.next_report() == [
            f"maps/checkout.yaml:8:1: error: {message}",
            "2 files checked: 1 error, 0 warnings",
        ]
        replace(root / "maps" / "checkout.yaml", VALID_MAP)
        assert process.next_report() == [f"maps/checkout.yaml:8:1: fixed: {message}", "2 files checked: no problems"]
    finally:
        process.stop()


def test_watch_rereads_mkdocs_yml(make_project):
    config = "site_name: t\nplugins:\n  - journeys\n"
    root = make_project({"mkdocs.yml": config, "maps/checkout.yaml": VALID_MAP})
    process = WatchProcess(root)
    try:
        assert process.next_report() == ["2 files checked: no problems"]
        scale = "site_name: t\nplugins:\n  - journeys:\n      emotion_scale: {min: 0, max: 4}\n"
        replace(root / "mkdocs.yml", scale)
        assert process.next_report() == [
            "maps/checkout.yaml:7:18: error: emotion -1 is outside the scale 0..+4",
            "2 files checked: 1 error, 0 warnings",
        ]
    finally:
        process.stop()
