"""Each file's validated outcome kept in .cache/journeys/loaded/ (loading/stored.py): real
``journeys build`` runs on a small project, each checking which files were parsed and
that the outcome read back is the one parsing gives."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import journeys
import journeys.loading.project as project_module
from conftest import REPO_ROOT, recorded_calls
from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.loading.stored import ENTRY, FOLDER
from site_checks import shop_project

if TYPE_CHECKING:
    from collections.abc import Callable

CONFIG = "site_name: Stored outcomes\ntheme:\n  name: mkdocs\nplugins:\n  - journeys:\n      downloads: []{options}\n"
#: A persona whose only problem is a warning (an unused persona), kept with its outcome.
LONER = "---\nname: Lee Park\n---\n"


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return shop_project(make_project, extra={"mkdocs.yml": CONFIG.format(options=""), "personas/lee.md": LONER})


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the files loading parses in this process."""
    return recorded_calls(monkeypatch, project_module, "load_source", lambda source, *_: source.path)


def entry(root: Path) -> Path:
    return root.joinpath(*FOLDER, ENTRY + ".entry")


def build(cli, root: Path, *options: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Build the site; the problems it reported."""
    result = cli("build", root, *options)
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if ": warning: " in line or ": error: " in line]


ALL = ["maps/laptop-future.md", "maps/laptop.yaml", "personas/lee.md", "personas/pat.md", "personas/sam.md"]


def test_a_second_run_parses_nothing_and_reports_the_same(project: Path, cli, parsed: list[str]) -> None:
    laptop = project / "maps" / "laptop.yaml"
    text = laptop.read_text(encoding="utf-8").replace("stages:\n", "stages:\n  - name: Later\n", 1)
    laptop.write_text(text, encoding="utf-8")
    first = build(cli, project)
    assert any("laptop.yaml" in line and "stage 'Later' has no steps" in line for line in first)  # kept with it
    assert sorted(parsed) == ALL
    assert entry(project).is_file()
    parsed.clear()
    assert build(cli, project) == first
    assert parsed == []


def test_the_outcome_read_back_is_the_one_parsing_gives(tmp_path: Path) -> None:
    """The example project and the render fixtures: every model class and issue of them,
    through the stored form and back, equal to what parsing gives."""
    for source in (REPO_ROOT, Path(__file__).parent / "fixtures" / "render" / "project"):
        root = tmp_path / source.name
        for name in ("maps", "personas", "themes", "mkdocs.yml"):
            if (source / name).is_dir():
                shutil.copytree(source / name, root / name)
            elif (source / name).is_file():
                shutil.copy(source / name, root / name)
        settings, _ = load_settings(root)
        fresh = load_project(settings)  # not stored
        stored_once = load_project(settings, stored=True)
        stored_once.keep_outcomes()
        read_back = load_project(settings, stored=True)
        assert fresh.project == stored_once.project == read_back.project, source
        # The same types too (a whole score read back as 2.0 would be written so in journeys.json).
        assert repr(fresh.project) == repr(read_back.project), source
        assert fresh.issues == read_back.issues, source
        assert entry(root).is_file()
        assert fresh.project.maps and fresh.project.personas


def test_an_edited_file_alone_is_parsed_again(project: Path, cli, parsed: list[str]) -> None:
    build(cli, project)
    laptop = project / "maps" / "laptop.yaml"
    laptop.write_text(laptop.read_text(encoding="utf-8").replace("Buying a laptop online", "Buying a notebook"))
    parsed.clear()
    build(cli, project)
    assert parsed == ["maps/laptop.yaml"]
    settings, _ = load_settings(project)
    journey = load_project(settings, stored=True).project.map("laptop")
    assert journey is not None and journey.title == "Buying a notebook"
    # A file that goes is dropped from the stored outcomes; the rest are not parsed.
    (project / "personas" / "lee.md").unlink()
    parsed.clear()
    build(cli, project)
    assert sorted(parsed) == [path for path in ALL if path != "personas/lee.md"]  # the ids changed: all are checked


def test_new_ids_limits_or_journeys_code_parse_every_file_again(
    project: Path, cli, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(cli, project)
    # A new persona: a map naming it would now be valid, so every outcome may differ.
    (project / "personas" / "kim.md").write_text("---\nname: Kim Lo\n---\n", encoding="utf-8")
    parsed.clear()
    build(cli, project)
    assert sorted(parsed) == sorted([*ALL, "personas/kim.md"])
    # Other limits.
    (project / "mkdocs.yml").write_text(CONFIG.format(options="\n      max_depth: 30"), encoding="utf-8")
    parsed.clear()
    build(cli, project)
    assert len(parsed) == 6
    # Another journeys.
    monkeypatch.setattr(journeys, "__version__", journeys.__version__ + ".post1")
    parsed.clear()
    build(cli, project)
    assert len(parsed) == 6


def test_a_damaged_entry_is_a_miss(project: Path, cli, parsed: list[str]) -> None:
    first = build(cli, project)
    stored = entry(project).read_bytes()
    # Cut short; well-formed JSON of the wrong types (a line number as text).
    damaged = [stored[: len(stored) // 2], stored.replace(b'"line":', b'"line":"x",\"was":', 1), b"[{}, {}, {}]"]
    for data in damaged:
        entry(project).write_bytes(data)
        parsed.clear()
        assert build(cli, project) == first
        assert sorted(parsed) == ALL, data[:40]


def test_no_cache_and_cache_false_neither_read_nor_write(project: Path, cli, parsed: list[str]) -> None:
    build(cli, project, "--no-cache")
    assert not (project / ".cache").exists()
    build(cli, project)
    parsed.clear()
    build(cli, project, "--no-cache")
    assert sorted(parsed) == ALL  # not read
    (project / "mkdocs.yml").write_text(CONFIG.format(options="\n      cache: false"), encoding="utf-8")
    entry(project).unlink()
    parsed.clear()
    build(cli, project)
    assert sorted(parsed) == ALL
    assert not entry(project).exists()


def test_validate_and_fmt_write_nothing(project: Path, cli) -> None:
    """They run as pre-commit hooks, which fail when a run adds files to the working tree."""
    assert cli("validate", project).exit_code == 0
    assert cli("fmt", project).exit_code == 0
    assert not (project / ".cache").exists()


def test_a_symlinked_folder_is_not_followed(project: Path, cli, tmp_path: Path, parsed: list[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / ".cache" / "journeys").mkdir(parents=True)
    project.joinpath(*FOLDER).symlink_to(outside, target_is_directory=True)
    build(cli, project)
    build(cli, project)
    assert os.listdir(outside) == []
    assert sorted(parsed) == sorted(ALL * 2)  # neither run could keep anything


def test_the_model_classes_round_trip_with_every_field() -> None:
    """Every field of the stored classes has a type msgspec reads at run time (a type
    only imported for type checking would fail here, not in a user's build)."""
    import msgspec

    from journeys.model import JourneyMap, Persona

    for cls in (JourneyMap, Persona):
        assert [f.name for f in dataclasses.fields(cls)]
        msgspec.json.Decoder(cls)  # resolves every annotation, recursively


def test_a_build_that_does_not_start_writes_nothing(project: Path, cli) -> None:
    """Stopped by a content error, or refused its site folder, before anything is written."""
    laptop = project / "maps" / "laptop.yaml"
    good = laptop.read_text(encoding="utf-8")
    laptop.write_text(good.replace("stages:\n", "stages: 3\nstages_was:\n", 1), encoding="utf-8")
    assert cli("build", project).exit_code == 1
    assert not (project / ".cache").exists()
    laptop.write_text(good, encoding="utf-8")
    assert cli("build", project, "--site-dir", project / "maps").exit_code == 2
    assert not (project / ".cache").exists()
    build(cli, project)
    assert entry(project).is_file()
