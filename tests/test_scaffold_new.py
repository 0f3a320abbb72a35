"""`journeys new map` and `journeys new persona`: valid files from templates, checked the
way validation checks them, never written over an existing file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.scaffold import yaml_scalar

CONFIG = "site_name: Test\nplugins:\n  - journeys\n"


@pytest.fixture
def project(make_project, monkeypatch) -> Path:
    """A project with the persona `sam` and mkdocs.yml; the current folder is the project."""
    root = make_project({"mkdocs.yml": CONFIG})
    monkeypatch.chdir(root)
    return root


def loaded(root: Path):
    settings, issues = load_settings(root)
    assert issues == []
    return load_project(settings)


def test_new_persona_and_map_validate_and_get_pages(project: Path, cli, tmp_path: Path) -> None:
    persona = cli("new", "persona", "pat", "--name", "Pat Okafor")
    assert (persona.exit_code, persona.stdout, persona.stderr) == (0, "wrote personas/pat.yaml\n", "")
    journey = cli("new", "map", "renewing-a-contract", "--persona", "pat", "--persona", "sam")
    assert (journey.exit_code, journey.stdout) == (0, "wrote maps/renewing-a-contract.yaml\n")
    validated = cli("validate", "--strict")
    assert validated.exit_code == 0, validated.output
    result = loaded(project)
    new_map = result.project.map("renewing-a-contract")
    assert new_map.title == "Renewing a contract" and new_map.personas == ("pat", "sam")
    assert [stage.name for stage in new_map.stages] == ["Before", "During", "After"]
    assert result.project.persona("pat").name == "Pat Okafor"
    (project / "docs").mkdir()
    built = cli("build", "--strict", "--site-dir", tmp_path / "site")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "site" / "maps" / "renewing-a-contract" / "index.html").is_file()
    assert (tmp_path / "site" / "personas" / "pat" / "index.html").is_file()


def test_new_files_attach_the_editor_schema_from_wherever_they_are(make_project, cli) -> None:
    root = make_project({
        "mkdocs.yml": "site_name: T\nplugins:\n  - journeys:\n      maps_dir: content/maps\n",
    })  # fmt: skip
    assert cli("new", "map", "m", "--project", root).exit_code == 0
    assert cli("new", "persona", "pat", "--project", root).exit_code == 0
    first = (root / "content" / "maps" / "m.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/map.schema.json"
    first = (root / "personas" / "pat.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/persona.schema.json"


def test_the_path_printed_is_where_the_file_is_from_here(make_project, cli, tmp_path: Path, monkeypatch) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    monkeypatch.chdir(root.parent)
    result = cli("new", "persona", "pat", "--project", root.name)
    assert result.stdout == f"wrote {Path(root.name) / 'personas' / 'pat.yaml'}\n"
    assert (root / "personas" / "pat.yaml").is_file()


# -- never over an existing file ---------------------------------------------------------


def test_new_refuses_to_overwrite(project: Path, cli) -> None:
    original = (project / "personas" / "sam.md").read_text(encoding="utf-8")
    (project / "personas" / "pat.yaml").write_text("name: Pat\n", encoding="utf-8")
    result = cli("new", "persona", "pat")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: personas/pat.yaml already exists\nnothing written: journeys never overwrites a file\n"
    )
    assert (project / "personas" / "pat.yaml").read_text(encoding="utf-8") == "name: Pat\n"
    # Another file of the same id would make two files with one id: refused too.
    result = cli("new", "persona", "sam")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, "error: personas/sam.md already exists")
    assert (project / "personas" / "sam.md").read_text(encoding="utf-8") == original
    assert not (project / "personas" / "sam.yaml").exists()


def test_new_map_refuses_to_overwrite(project: Path, cli) -> None:
    assert cli("new", "map", "checkout").exit_code == 0
    text = (project / "maps" / "checkout.yaml").read_text(encoding="utf-8")
    result = cli("new", "map", "checkout", "--title", "Another")
    assert (result.exit_code, result.stderr) == (
        1, "error: maps/checkout.yaml already exists\nnothing written: journeys never overwrites a file\n"
    )  # fmt: skip
    assert (project / "maps" / "checkout.yaml").read_text(encoding="utf-8") == text


# -- the id and the personas, checked as validation checks them -------------------------


def validation_message(cli, root: Path, rel: str, text: str) -> str:
    """What `journeys validate` says about the first problem of a file ``rel`` holding ``text``."""
    path = root / rel
    path.write_text(text, encoding="utf-8")
    try:
        output = cli("validate", root).stdout
    finally:
        path.unlink()
    return output.splitlines()[0].split(": error: ", 1)[1]


@pytest.mark.parametrize(("kind", "bad_id"), [("map", "Laptop_Purchase"), ("persona", "Sam O"), ("map", "über")])
def test_an_invalid_id_is_refused_in_the_words_of_validation(project: Path, cli, kind: str, bad_id: str) -> None:
    folder = "maps" if kind == "map" else "personas"
    expected = validation_message(cli, project, f"{folder}/{bad_id}.yaml", "name: X\n")
    result = cli("new", kind, bad_id)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {expected}"
    assert "is not a valid" in expected and not (project / folder / f"{bad_id}.yaml").exists()


def test_an_unknown_persona_is_refused_with_the_hint_of_validation(project: Path, cli) -> None:
    map_text = "title: T\npersonas: [samm]\nstages:\n  - name: S\n    steps:\n      - name: A\n"
    expected = validation_message(cli, project, "maps/t.yaml", map_text)
    assert expected == "unknown persona 'samm' — did you mean 'sam'?"
    result = cli("new", "map", "t", "--persona", "samm", "--persona", "sam", "--persona", "zed")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {expected}; unknown persona 'zed'"
    assert not (project / "maps" / "t.yaml").exists()


def test_a_map_without_persona_takes_the_only_one_or_asks(make_project, cli) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    assert cli("new", "map", "one", "--project", root).exit_code == 0
    assert loaded(root).project.map("one").personas == ("sam",)
    (root / "personas" / "pat.yaml").write_text("name: Pat\n", encoding="utf-8")
    result = cli("new", "map", "two", "--project", root)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: a journey map needs at least one persona: give --persona ID (one of: pat, sam)"
    )


def test_a_map_in_a_project_without_personas_says_how_to_add_one(make_project, cli) -> None:
    root = make_project({"mkdocs.yml": CONFIG}, personas=False)
    result = cli("new", "map", "one", "--project", root)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: a journey map needs at least one persona: give --persona ID; "
        "add one first with 'journeys new persona ID'"
    )


# -- stages, titles and the emotion scale -----------------------------------------------


def test_stages_given_as_ids_become_names_with_those_ids(project: Path, cli) -> None:
    result = cli("new", "map", "m", "--stages", "awareness, post-purchase,Click & Collect,,")
    assert result.exit_code == 0, result.output
    stages = loaded(project).project.map("m").stages
    assert [(stage.name, stage.id) for stage in stages] == [
        ("Awareness", "awareness"), ("Post purchase", "post-purchase"), ("Click & Collect", "click-collect"),
    ]  # fmt: skip


def test_stages_that_name_nothing_are_a_usage_error(project: Path, cli) -> None:
    result = cli("new", "map", "m", "--stages", " , ")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: a journey map needs at least one stage: --stages names none"


TRICKY_TEXTS = [
    "yes", "null", "Renewing: a contract #1", '"Quoted" start', "- dash", "[x], {y}", "Café ☕", "2026-02-30",
    "0x1F", "a\u2028b", "😀 emoji", "~", "@team", "%", "`code`", "x: {y}", "? really", "! bang", "it's", "a\\b",
]  # fmt: skip


@pytest.mark.parametrize("title", TRICKY_TEXTS)
def test_any_title_is_written_so_that_it_reads_back_unchanged(project: Path, cli, title: str) -> None:
    result = cli("new", "map", "m", "--title", title)
    assert result.exit_code == 0, result.output
    assert loaded(project).project.map("m").title == title


def test_stage_names_that_are_not_ids_read_back_as_written(project: Path, cli) -> None:
    names = ["Renewing: a contract #1", '"Quoted" start', "- dash", "Café ☕", "@team", "`code`", "x: {y}", "it's"]
    result = cli("new", "map", "m", "--stages", ",".join(names))
    assert result.exit_code == 0, result.output
    assert [stage.name for stage in loaded(project).project.map("m").stages] == names


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_yaml_scalar_reads_back_as_the_same_text(text: str) -> None:
    assert YAML(typ="safe", pure=True).load(f"key: {yaml_scalar(text)}\n") == {"key": text}


def test_a_title_validation_refuses_writes_nothing(project: Path, cli) -> None:
    result = cli("new", "map", "m", "--title", "bell\x07")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("maps/m.yaml:") and "control character U+0007" in lines[0]
    assert lines[-1] == "error: the default template new/map.yaml gives maps/m.yaml these errors; nothing written"
    assert not (project / "maps" / "m.yaml").exists()


def test_the_new_map_uses_the_middle_of_the_projects_scale(make_project, cli) -> None:
    root = make_project(
        {"mkdocs.yml": CONFIG.replace("- journeys", "- journeys:\n      emotion_scale: {min: 1, max: 5}")}
    )
    assert cli("new", "map", "m", "--project", root).exit_code == 0
    text = (root / "maps" / "m.yaml").read_text(encoding="utf-8")
    assert "emotion: 3  # from +1 (worst) to +5 (best)" in text
    assert cli("validate", "--strict", root).exit_code == 0


# -- the project's own templates ---------------------------------------------------------


def test_a_project_theme_overrides_the_template(make_project, cli) -> None:
    root = make_project({
        "mkdocs.yml": CONFIG.replace("- journeys", "- journeys:\n      theme: brand"),
        "themes/brand/templates/new/persona.yaml": "# Our persona template\nname: {{ name | yaml }}\nrole: Customer\n",
    })  # fmt: skip
    assert cli("new", "persona", "pat", "--project", root).exit_code == 0
    assert (root / "personas" / "pat.yaml").read_text(
        encoding="utf-8"
    ) == "# Our persona template\nname: Pat\nrole: Customer\n"


def test_a_template_that_gives_an_invalid_file_writes_nothing(make_project, cli) -> None:
    root = make_project({
        "mkdocs.yml": CONFIG.replace("- journeys", "- journeys:\n      theme: brand"),
        "themes/brand/templates/new/persona.yaml": "name: {{ name | yaml }}\nrloe: Customer\n",
    })  # fmt: skip
    result = cli("new", "persona", "pat", "--project", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "personas/pat.yaml:2:1: error: unknown field 'rloe' in a persona — did you mean 'role'?",
        "0 files checked: 1 error, 0 warnings",
        "error: themes/brand/templates/new/persona.yaml gives personas/pat.yaml these errors; nothing written",
    ]
    assert not (root / "personas" / "pat.yaml").exists()


def test_a_configuration_with_errors_writes_nothing(make_project, cli) -> None:
    root = make_project({"mkdocs.yml": CONFIG.replace("- journeys", "- journeys:\n      maps_dir: [a]")})
    result = cli("new", "map", "m", "--project", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("mkdocs.yml:") and "maps_dir" in result.stderr
    assert not (root / "maps" / "m.yaml").exists()


def test_a_maps_folder_leading_outside_the_project_is_not_written_into(make_project, cli, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = make_project({"mkdocs.yml": CONFIG.replace("- journeys", "- journeys:\n      maps_dir: linked")})
    os.symlink(outside, root / "linked")
    result = cli("new", "map", "m", "--project", root)
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1]
        == "Error: the maps folder 'linked' is outside the project; nothing written there"
    )
    assert list(outside.iterdir()) == []


def test_a_file_that_appears_while_writing_is_kept(tmp_path: Path) -> None:
    """Creation is exclusive: a file made after the check (another process) is not replaced."""
    from journeys.scaffold import AlreadyExists, write_new_file

    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "m.yaml").write_text("title: Theirs\n", encoding="utf-8")
    with pytest.raises(AlreadyExists) as refused:
        write_new_file(tmp_path, "maps/m.yaml", "title: Ours\n")
    assert refused.value.paths == ("maps/m.yaml",)
    assert (tmp_path / "maps" / "m.yaml").read_text(encoding="utf-8") == "title: Theirs\n"


def test_a_folder_without_mkdocs_yml_is_not_a_project_to_add_to(cli, tmp_path: Path) -> None:
    result = cli("new", "persona", "pat", "-p", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {tmp_path} has no mkdocs.yml, so it is not a journeys project; "
        f"create one there with: journeys init {tmp_path}"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_project_template_leading_outside_the_project_is_refused(make_project, cli, tmp_path: Path) -> None:
    """The theme's own check (as for page templates) reports it, and nothing is written."""
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: {{ name | yaml }}\nrole: From outside\n", encoding="utf-8")
    root = make_project({"mkdocs.yml": CONFIG.replace("- journeys", "- journeys:\n      theme: brand")})
    (root / "themes" / "brand" / "templates" / "new").mkdir(parents=True)
    (root / "themes" / "brand" / "templates" / "new" / "persona.yaml").symlink_to(outside)
    result = cli("new", "persona", "pat", "--project", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "themes/brand/templates/new/persona.yaml:1:1: error: symlink points outside the project; not read"
    )
    assert not (root / "personas" / "pat.yaml").exists()


def test_new_files_are_valid_under_the_schemas_and_already_formatted(project: Path, cli) -> None:
    from test_schema import schema_errors

    assert cli("new", "persona", "pat").exit_code == 0
    assert (
        cli("new", "map", "m", "--persona", "pat", "--persona", "sam", "--title", 'Renewing: a "deal"').exit_code == 0
    )
    assert schema_errors("persona", (project / "personas" / "pat.yaml").read_text(encoding="utf-8")) == []
    assert schema_errors("map", (project / "maps" / "m.yaml").read_text(encoding="utf-8")) == []
    checked = cli("fmt", "--check", "personas/pat.yaml", "maps/m.yaml")
    assert checked.exit_code == 0, checked.output


def test_the_help_of_new_shows_each_command_whole(cli) -> None:
    result = cli("new", "--help")
    shown = " ".join(result.stdout.split())
    assert "map Write maps/ID.yaml: a journey map with one step per stage, ready to fill in." in shown
    assert "stage,..." not in shown
