"""The synthetic projects the benchmarks time must be valid, realistic and reproducible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate_project, map_text, persona_ids
from journeys.config import load_settings
from journeys.loading.project import load_project

REPO_ROOT = Path(__file__).resolve().parent.parent


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 20 maps so that one is a future-state map (every twentieth) comparing to a current one.
    root = tmp_path_factory.mktemp("synthetic")
    generate_project(root, maps=20, personas=12)
    return root


def test_generated_project_validates_with_no_problem_at_all(small_project: Path, cli) -> None:
    result = cli("validate", small_project, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_generated_project_has_the_promised_shape(small_project: Path) -> None:
    settings, config_issues = load_settings(small_project)
    project = load_project(settings).project
    assert config_issues == []
    assert len(project.maps) == 20 and len(project.personas) == 12
    assert all(len(m.stages) == 6 and all(len(s.steps) == 4 for s in m.stages) for m in project.maps)
    future = [m for m in project.maps if m.state == "future"]
    assert future and all(project.map(m.compares_to).state == "current" for m in future)
    assert any(len(m.personas) == 2 for m in project.maps)
    steps = [step for m in project.maps for s in m.stages for step in s.steps]
    assert any(step.moment_of_truth for step in steps)
    assert {p.severity is None for step in steps for p in step.pain_points} == {True, False}
    assert {o.impact is None for step in steps for o in step.opportunities} == {True, False}
    assert any(m.metrics for m in project.maps) and any(m.tags for m in project.maps)


def test_emotions_come_both_as_numbers_and_per_persona(small_project: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in (small_project / "maps").iterdir()]
    assert any("emotion: {" in text for text in texts)
    assert any("emotion: -" in text or "emotion: 1" in text for text in texts)


def test_maps_are_roughly_14_kb(small_project: Path) -> None:
    sizes = [p.stat().st_size for p in (small_project / "maps").iterdir()]
    assert 12_000 <= sum(sizes) / len(sizes) <= 16_000
    assert all(10_000 <= size <= 18_000 for size in sizes)


def test_every_persona_is_used_even_when_there_are_more_personas_than_maps(tmp_path: Path, cli) -> None:
    generate_project(tmp_path, maps=5, personas=23)
    result = cli("validate", tmp_path)
    assert result.exit_code == 0
    assert "warning" not in result.output and "no problems" in result.output


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    for name, seed in (("a", 0), ("b", 0), ("c", 1)):
        generate_project(tmp_path / name, maps=5, personas=3, seed=seed)
    first = _files(tmp_path / "a")
    assert first == _files(tmp_path / "b")
    assert first != _files(tmp_path / "c")


def test_a_map_does_not_change_when_the_project_grows() -> None:
    # Benchmarks at N=100 and N=1,000 then share their first maps' content.
    ids = persona_ids(100)
    assert map_text(3, 100, ids).splitlines()[1:] == map_text(3, 1000, ids).splitlines()[1:]


def test_command_line_writes_the_project(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "generate.py"), str(out), "--maps", "3", "--personas", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (out / "maps").iterdir()) == [
        "journey-0001.yaml",
        "journey-0002.yaml",
        "journey-0003.yaml",
    ]
    assert "site_name:" in (out / "mkdocs.yml").read_text(encoding="utf-8")


def test_rejects_an_empty_project(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one map"):
        generate_project(tmp_path, maps=0)


def test_the_search_benchmark_sets_theme_and_search_and_keeps_the_projects_options(tmp_path: Path) -> None:
    """bench_search builds each site from the generated mkdocs.yml with its own theme and
    search; it once dropped the journeys options that the generator had added."""
    import yaml

    from benchmarks.bench_search import _with_search

    generate_project(tmp_path, maps=3, personas=2)
    config = yaml.safe_load(_with_search((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"), "material", "mkdocs"))
    assert config["theme"] == {"name": "material"}
    assert config["plugins"] == ["search", {"journeys": {"downloads": [], "search": "mkdocs"}}]
