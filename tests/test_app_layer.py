"""The command layer: only ``journeys.cli`` knows click, one compare rule, progress output."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from journeys import app

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "journeys"
REPO_ROOT = PACKAGE.parent.parent


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (function-level imports too)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_only_the_command_line_module_imports_click_or_the_cli() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "cli.py":
            continue
        modules = imported_modules(path)
        bad = sorted(m for m in modules if m == "click" or m.startswith(("click.", "journeys.cli")))
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)}: {', '.join(bad)}")
    assert offenders == []


def test_the_import_walk_sees_function_level_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from journeys.cli import main\n    import click\n", encoding="utf-8")
    assert {"click", "journeys.cli", "journeys.cli.main"} <= imported_modules(sample)


CURRENT_WITH_COMPARE = """\
title: Current, compared anyway
state: current
compares_to: laptop-purchase
personas: [sam]
stages:
  - name: Research
    steps:
      - {name: Reads forum threads and video reviews, emotion: 1}
"""


@pytest.fixture(scope="module")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example project plus a current-state map that names compares_to."""
    root = tmp_path_factory.mktemp("example") / "project"
    for name in ("maps", "personas", "docs", "themes", "mkdocs.yml"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    (root / "maps" / "current-compared.yaml").write_text(CURRENT_WITH_COMPARE, encoding="utf-8")
    return root


def test_render_compare_draws_exactly_what_the_site_publishes(cli, example_project: Path, tmp_path: Path) -> None:
    out, site = tmp_path / "svg", tmp_path / "site"
    rendered = cli("render", example_project, "--compare", "--out", out)
    assert rendered.exit_code == 0, rendered.output
    built = cli("build", example_project, "--site-dir", site)
    assert built.exit_code == 0, built.output
    svgs = sorted(out.glob("*.svg"))
    assert "current-compared.svg" in [svg.name for svg in svgs]
    for svg in svgs:
        published = site / "maps" / svg.name
        assert published.read_bytes() == svg.read_bytes(), svg.name
    # The rule itself: the current-state map is drawn over the map it names.
    assert 'class="compare-line' in (out / "current-compared.svg").read_text(encoding="utf-8")
    assert "wrote" in rendered.output and "(over laptop-purchase)" in rendered.output


def test_compared_map_is_the_one_compares_to_names_whatever_the_state(example_project: Path) -> None:
    project = app.check_project(example_project).project
    current = project.map("current-compared")
    assert current is not None and current.state == "current"
    assert project.compared_map(current) is project.map("laptop-purchase")
    assert all(project.compared_map(journey) is None for journey in project.maps if not journey.compares_to)


def test_unknown_map_is_a_usage_problem_with_a_hint(example_project: Path, tmp_path: Path) -> None:
    with pytest.raises(app.UsageProblem, match=r"unknown map 'laptop-purchas' — did you mean 'laptop-purchase'\?"):
        app.render(example_project, tmp_path / "out", map_id="laptop-purchas")
    assert not (tmp_path / "out").exists()


def test_strict_promotes_warnings_once_for_every_command(make_project) -> None:
    root = make_project({"personas/lonely.md": "---\nname: Lonely\n---\n"})
    lenient, strict = app.check_project(root), app.check_project(root, strict=True)
    assert [i.severity for i in lenient.issues] == ["warning", "warning"] and not lenient.failed
    assert [i.severity for i in strict.issues] == ["error", "error"] and strict.failed
    assert [i.message for i in strict.issues] == [i.message for i in lenient.issues]


def drive(progress: object, files: int, pages: int) -> None:
    """The calls a build makes, in order (see journeys.publish.Progress)."""
    from journeys.publish import GENERATING, VALIDATING, WRITING

    with progress:  # type: ignore[attr-defined]
        progress(VALIDATING, 0, 0)  # type: ignore[operator]
        progress(VALIDATING, files, files)  # type: ignore[operator]
        progress(GENERATING, 0, 0)  # type: ignore[operator]
        for done in range(1, pages + 1):
            progress(WRITING, done, pages)  # type: ignore[operator]


def test_progress_in_a_log_is_a_line_per_phase_and_tenth_for_large_builds_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from journeys.cli import PROGRESS_FROM_PAGES, BuildProgress

    drive(BuildProgress(on_terminal=False), files=20, pages=50)
    assert capsys.readouterr().err == ""
    total = PROGRESS_FROM_PAGES * 5
    drive(BuildProgress(on_terminal=False), files=total - 10, pages=total)
    lines = capsys.readouterr().err.splitlines()
    assert lines[:3] == [f"journeys: {total - 10} files validated", "journeys: generating pages...",
                         f"journeys: pages written: {total // 10}/{total}"]  # fmt: skip
    assert lines[-1] == f"journeys: pages written: {total}/{total}"
    assert len(lines) == 2 + 10
    assert "\r" not in capsys.readouterr().err


def test_progress_on_a_terminal_rewrites_one_line_from_the_start_and_clears_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from journeys.cli import BuildProgress

    drive(BuildProgress(on_terminal=True), files=3, pages=4)
    err = capsys.readouterr().err
    assert "\n" not in err  # one line, rewritten in place
    shown = [part.strip() for part in err.split("\r") if part.strip()]
    assert shown == ["journeys: validating...", "journeys: 3 files validated", "journeys: generating pages...",
                     "journeys: pages written: 1/4", "journeys: pages written: 2/4", "journeys: pages written: 3/4",
                     "journeys: pages written: 4/4"]  # fmt: skip
    assert err.endswith("\r") and err.rsplit("\r", 2)[-2].strip() == ""  # cleared at the end


def test_journeys_alone_prints_the_whole_help(cli) -> None:
    result = cli()
    assert result.exit_code == 0
    commands = result.output.split("Commands:")[1]
    assert "..." not in commands
    assert "only on success." in result.output  # build's help line, not cut


def test_every_command_names_the_project_folder_with_project(cli, make_project, tmp_path: Path) -> None:
    root = make_project(
        {"maps/m.yaml": "title: T\npersonas: [sam]\nstages:\n  - name: S\n    steps:\n      - name: A\n"}
    )
    assert cli("validate", "--project", root).exit_code == 0
    assert cli("validate", root).exit_code == 0
    assert cli("render", "-p", root, "--out", tmp_path / "out").exit_code == 0
    twice = cli("validate", root, "--project", tmp_path)
    assert twice.exit_code == 2 and "two project folders named" in twice.output


def test_a_failure_inside_journeys_is_reported_and_the_watch_goes_on(
    make_project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever goes wrong inside a check, ``--watch`` reports it and keeps watching."""
    import threading

    root = make_project()
    real_check = app.check_project
    runs = []

    def check_once_failing(project_dir: Path, *, strict: bool = False) -> app.CheckedProject:
        runs.append(project_dir)
        if len(runs) == 1:
            raise RuntimeError("boom")
        return real_check(project_dir, strict=strict)

    monkeypatch.setattr(app, "check_project", check_once_failing)
    stop, changes = threading.Event(), []

    def on_change(change: app.ValidationChange) -> None:
        changes.append(change)
        if len(changes) == 1:
            (root / "personas" / "sam.md").write_text("---\nname: Sam\n---\n", encoding="utf-8")
        else:
            stop.set()

    watcher = threading.Thread(target=app.watch_validation, args=(root, on_change), kwargs={"stop": stop})
    watcher.start()
    watcher.join(timeout=20)
    assert not watcher.is_alive()
    first, second = changes
    assert [str(issue) for issue in first.new] == [
        "mkdocs.yml:1:1: error: journeys failed while checking the project (RuntimeError: boom); please report this"
    ]
    assert [issue.code for issue in second.fixed] == ["internal-error"]


def test_every_issue_code_is_registered_and_the_reference_page_is_current() -> None:
    from journeys.codes import reference_page

    page = (REPO_ROOT / "docs" / "reference" / "issue-codes.md").read_text(encoding="utf-8")
    assert page == reference_page(), "run: python -m journeys.codes > docs/reference/issue-codes.md"


def test_an_unregistered_code_cannot_be_reported() -> None:
    from journeys.issues import Issue, Location

    with pytest.raises(ValueError, match="issue code 'made-up' is not registered"):
        Issue(Location("maps/m.yaml"), "error", "made-up", "message")


def literal_codes(path: Path) -> set[str]:
    """Codes written as text where issues are made: Issue(loc, sev, CODE, ...),
    reader.report(node, CODE, ...), YamlProblem(line, col, CODE, ...); f-strings are
    expanded over the kinds they are used with."""
    positions = {"Issue": 2, "report": 1, "YamlProblem": 2}
    kinds = ("persona", "map", "stage", "step")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        index = positions.get(name or "")
        if index is None or len(node.args) <= index:
            continue
        code = node.args[index]
        if isinstance(code, ast.Constant) and isinstance(code.value, str):
            found.add(code.value)
        elif isinstance(code, ast.JoinedStr):
            template = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in code.values)
            found.update(template.format(kind) for kind in kinds)
    return found


def test_every_code_written_in_the_package_is_registered() -> None:
    from journeys.codes import CODES

    written = set().union(*(literal_codes(path) for path in PACKAGE.rglob("*.py")))
    assert {"unknown-persona", "duplicate-step", "yaml-syntax", "unused-persona"} <= written  # the walk works
    # f-strings expand over every kind; only the expansions that exist in CODES are real.
    templated = {code for code in written if code.startswith(("unknown-", "duplicate-", "no-"))}
    plain = written - templated
    assert sorted(plain - set(CODES)) == []
    expanded = {"unknown-persona", "unknown-map", "duplicate-stage", "duplicate-step", "no-stage-id", "no-step-id"}
    assert expanded <= set(CODES)
