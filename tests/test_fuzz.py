"""Mutation fuzzing through the whole pipeline (issue 8): every input yields a model or issues.

Each case mutates one file of a real project (an example map or persona, mkdocs.yml or the
project theme) and goes through settings, theme, load, render, site generation and
``journeys diff`` (tests/fuzzing.py). Any other exception, a broken SVG, a CLI exit
status other than 0/1/2 or a case slower than 2 s fails the run.

The quick profile runs in every suite run. The long one runs with ``--fuzz-long`` (20,000
cases) or ``JOURNEYS_FUZZ_CASES=N`` and prints a report. Hypothesis is derandomized, so a
run always draws the same cases; a failing case replays with
``python tests/fuzzing.py "<the Case(...) from the report>"``.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings

from fuzzing import SLOW_SECONDS, THEME_TARGET, BadOutput, Case, Harness, Mutation, Outcome, cases, check_svg

QUICK_CASES = 200
LONG_CASES = 20_000
#: Every so many cases also go through ``journeys diff`` (in the quick profile; the long one
#: diffs every case) and a real ``mkdocs build``: the two cost more than all other stages.
QUICK_DIFF_EVERY = 4
MKDOCS_EVERY = 100
PROGRESS_EVERY = 500

#: The traps issue 8 reported, first in every run: numbers too large for Python, a theme
#: nested past the recursion limit, NaN sizes, alias bombs in the configuration files.
KNOWN_TRAPS = (
    Case("maps/broadband-outage.yaml", (Mutation("value", payload="hex-int", arg=4000, key="emotion"),)),
    Case("maps/laptop-purchase.md", (Mutation("value", payload="tagged-float", arg=400, key="title"),)),
    Case("maps/broadband-outage.yaml", (Mutation("value", payload="dec-int", arg=5000, key="moment_of_truth"),)),
    Case("personas/priya.yaml", (Mutation("whole", payload="dec-int", arg=5000),)),
    Case("mkdocs.yml", (Mutation("value", payload="dec-int", arg=5000, key="min"),)),
    Case(THEME_TARGET, (Mutation("value", payload="nest-seq", arg=3000, key="persona_markers"),)),
    Case(THEME_TARGET, (Mutation("value", payload="nonfinite", arg=0, key="column_width"),)),
    Case("mkdocs.yml", (Mutation("value", payload="alias-bomb-map", arg=8, key="labels"),)),
    # 59,049 values: under the node budget, so only the label rule stops it becoming a 2.9 MB SVG.
    Case("mkdocs.yml", (Mutation("value", payload="alias-bomb-map", arg=5, key="labels"),)),
    Case(THEME_TARGET, (Mutation("value", payload="alias-bomb", arg=8, key="persona_dashes"),)),
)


@dataclass
class Report:
    cases: int = 0
    #: Wall-clock time of the run, and CPU time of the cases (own and git's, mkdocs builds apart).
    seconds: float = 0.0
    cpu: float = 0.0
    crashed: list[tuple[int, Outcome]] = field(default_factory=list)
    slow: list[tuple[int, Outcome]] = field(default_factory=list)
    slowest: tuple[int, Outcome] | None = None
    builds: list[float] = field(default_factory=list)
    foreign: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Every failing case is appended here as it is found, so a run stopped early keeps them.
    journal: Path | None = None

    def add(self, outcome: Outcome) -> None:
        number = self.cases
        self.cases += 1
        self.cpu += outcome.seconds
        if outcome.crashes:
            self.crashed.append((number, outcome))
        if outcome.seconds > SLOW_SECONDS:
            self.slow.append((number, outcome))
        if self.journal is not None and (outcome.crashes or outcome.seconds > SLOW_SECONDS):
            with self.journal.open("a", encoding="utf-8") as journal:
                journal.write(f"#{number} {_costs(outcome)}\n")
                journal.writelines(f"    [{c.stage}] {c.error} at {c.where} (raised in {c.origin}): {c.message}\n"
                                   for c in outcome.crashes)  # fmt: skip
        if self.slowest is None or outcome.seconds > self.slowest[1].seconds:
            self.slowest = (number, outcome)
        self.foreign.update((crash.error, crash.origin) for crash in outcome.foreign)
        if "mkdocs" in outcome.stages:
            self.builds.append(outcome.stages["mkdocs"])

    @property
    def failed(self) -> bool:
        return bool(self.crashed or self.slow)

    def text(self, examples: int = 2) -> str:
        builds = f"{len(self.builds)} mkdocs builds" + (f" (slowest {max(self.builds):.2f} s)" if self.builds else "")
        lines = [f"journeys fuzz: {self.cases} cases in {self.seconds:.1f} s ({self.cpu:.1f} s CPU); "
                 f"{len(self.crashed)} crashed, {len(self.slow)} over {SLOW_SECONDS:g} s CPU; {builds}"]  # fmt: skip
        if self.slowest is not None:
            number, outcome = self.slowest
            lines.append(f"slowest case #{number}: {_costs(outcome)}")
        by_cause: dict[tuple[str, str, str], list[tuple[int, Outcome]]] = {}
        for number, outcome in self.crashed:
            for crash in outcome.crashes:
                by_cause.setdefault((crash.stage, crash.error, crash.where), []).append((number, outcome))
        kinds = Counter((stage, error) for (stage, error, _), found in by_cause.items() for _ in found)
        lines += [f"crashes: {stage} {error}: {count}" for (stage, error), count in sorted(kinds.items())]
        for (stage, error, where), found in sorted(by_cause.items()):
            crash = next(c for c in found[0][1].crashes if (c.stage, c.error, c.where) == (stage, error, where))
            cause = f"[{stage}] {error} at {where} (raised in {crash.origin})"
            lines.append(f"{cause}, {len(found)} cases: {crash.message}")
            lines += [f"    #{number} {outcome.case!r}" for number, outcome in found[:examples]]
        lines += [f"not journeys' (MkDocs' own, in a real build): {error} at {origin}: {count}"
                  for (error, origin), count in sorted(self.foreign.items())]  # fmt: skip
        for number, outcome in self.slow[:examples]:
            lines.append(f"slow #{number}: {_costs(outcome)}")
        return "\n".join(lines)


def _costs(outcome: Outcome) -> str:
    stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in outcome.stages.items())
    return f"{outcome.seconds:.2f} s CPU ({stages})\n    {outcome.case!r}"


def run_profile(
    harness: Harness,
    count: int,
    diff_every: int,
    progress: Callable[[Report], None] | None = None,
    journal: Path | None = None,
) -> Report:
    """The known traps, then ``count`` cases drawn by derandomized Hypothesis (the same every run).

    ``progress(report)`` is called every PROGRESS_EVERY cases.
    """
    report = Report(journal=journal)

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(cases(harness.originals))
    def fuzz(case: Case) -> None:
        # Crashes are collected, not raised: a run reports every cause, not the first one.
        number = report.cases
        report.add(harness.run(case, diff=number % diff_every == 0, mkdocs=number % MKDOCS_EVERY == 0))
        if progress is not None and report.cases % PROGRESS_EVERY == 0:
            progress(report)

    for trap in KNOWN_TRAPS:
        fuzz = example(trap)(fuzz)
    start = time.perf_counter()
    fuzz()
    report.seconds = time.perf_counter() - start
    return report


@pytest.fixture(scope="session")
def fuzz_harness(tmp_path_factory: pytest.TempPathFactory) -> Harness:
    return Harness(tmp_path_factory.mktemp("fuzz"))


def test_quick_fuzz_profile_yields_only_models_or_issues(fuzz_harness: Harness) -> None:
    report = run_profile(fuzz_harness, QUICK_CASES, QUICK_DIFF_EVERY)
    assert report.cases == QUICK_CASES + len(KNOWN_TRAPS)
    if report.failed:
        pytest.fail(report.text(), pytrace=False)


def long_profile_cases(config: pytest.Config) -> int | None:
    """How many cases the long profile runs, or None when it was not asked for."""
    if os.environ.get("JOURNEYS_FUZZ_CASES"):
        return int(os.environ["JOURNEYS_FUZZ_CASES"])
    return LONG_CASES if config.getoption("--fuzz-long") else None


def test_long_fuzz_profile(
    fuzz_harness: Harness, request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = long_profile_cases(request.config)
    if count is None:
        pytest.skip("the long fuzz profile runs with --fuzz-long or JOURNEYS_FUZZ_CASES=N")
    start = time.perf_counter()
    journal = tmp_path / "fuzz-journal.txt"
    with capsys.disabled():
        print(f"\nfuzz: {count} cases; every failing case is written to {journal} when found", flush=True)

    def progress(report: Report) -> None:
        with capsys.disabled():
            print(f"\nfuzz: {report.cases}/{count} cases in {time.perf_counter() - start:.0f} s, "
                  f"{len(report.crashed)} crashed, {len(report.slow)} slow", flush=True)  # fmt: skip

    report = run_profile(fuzz_harness, count, diff_every=1, progress=progress, journal=journal)
    text = report.text(examples=5)
    with capsys.disabled():
        print(f"\n{text}\nevery failing case: {journal}")
    if report.failed:
        pytest.fail(text, pytrace=False)


def test_mutations_are_plain_data_that_replay_exactly(fuzz_harness: Harness) -> None:
    case = Case(THEME_TARGET, (Mutation("value", at=3, payload="exp-float", arg=400, key="column_width"),
                               Mutation("bom", arg=0), Mutation("newlines", arg=0)))  # fmt: skip
    data = case.apply(fuzz_harness.originals[THEME_TARGET])
    assert data.startswith(b"\xef\xbb\xbf") and b"  column_width: 1e400\r\n" in data
    assert eval(repr(case), {"Case": Case, "Mutation": Mutation}) == case  # noqa: S307 - our own repr
    assert case.apply(fuzz_harness.originals[THEME_TARGET]) == data


CONFIG_CASE = Case("mkdocs.yml", (Mutation("value", payload="scalar", arg=0, key="max_depth"),))


def test_an_exception_in_a_stage_is_a_crash_of_that_stage(
    fuzz_harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(project_dir: Path) -> None:
        raise ZeroDivisionError("injected")

    monkeypatch.setattr("journeys.config.load_settings", broken)
    outcome = fuzz_harness.run(CONFIG_CASE)
    crash = outcome.crashes[0]
    assert (crash.stage, crash.error, crash.message) == ("settings", "ZeroDivisionError", "injected")
    assert "diff" in outcome.stages  # the stages that do not need the settings still ran
    assert (fuzz_harness.root / "mkdocs.yml").read_bytes() == fuzz_harness.originals["mkdocs.yml"]


def test_a_traceback_from_the_cli_is_a_crash_with_its_place(
    fuzz_harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeys.app

    def broken(*args: object, **kwargs: object) -> None:
        {}["missing"]

    monkeypatch.setattr(journeys.app, "diff", broken)
    outcome = fuzz_harness.run(CONFIG_CASE)
    assert [(c.stage, c.error) for c in outcome.crashes] == [("diff", "KeyError")]
    crash = outcome.crashes[0]
    assert crash.where.startswith("journeys/cli.py:")  # where journeys let it through
    assert crash.origin.startswith("tests/test_fuzz.py:") and crash.origin.endswith("(broken)")  # where it was raised


def test_a_case_that_hangs_is_stopped_and_recorded(fuzz_harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    def hangs(project_dir: Path) -> None:
        with contextlib.suppress(BaseException):  # as Python does with an exception raised in a gc callback
            time.sleep(5)
        time.sleep(5)

    monkeypatch.setattr("fuzzing.HANG_SECONDS", 0.2)
    monkeypatch.setattr("journeys.config.load_settings", hangs)
    started = time.perf_counter()
    outcome = fuzz_harness.run(CONFIG_CASE)
    assert time.perf_counter() - started < 2
    assert [(c.stage, c.error) for c in outcome.crashes] == [("settings", "CaseTimeout")]


@pytest.mark.parametrize(
    ("svg", "problem"),
    [
        ('<svg width="nan" height="10"/>', "non-finite"),
        ('<svg viewBox="0 0 1e+300 10"/>', "beyond 1e"),
        ('<svg><path d="M0 0 L inf 3"/></svg>', "non-finite"),
        ("<svg><text>\x01</text></svg>", "not well-formed"),
        ('<svg width="10"', "not well-formed"),
    ],
)
def test_an_svg_with_impossible_numbers_or_broken_xml_is_bad_output(svg: str, problem: str) -> None:
    with pytest.raises(BadOutput, match=problem):
        check_svg(svg)


def test_user_text_that_reads_like_a_number_is_not_bad_output() -> None:
    check_svg('<svg width="10.5" viewBox="0 0 10.5 -3e2"><text x="1">nan inf 1e400</text></svg>')
