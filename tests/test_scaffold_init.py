"""`journeys init`: a complete project that validates and builds as it is, and never a
file written over an existing one."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.config.config_options import Deprecated

from journeys import __version__
from journeys.config import JourneysConfig, load_settings
from journeys.scaffold import install_requirement, repository_url

REPO_ROOT = Path(__file__).resolve().parent.parent

INIT_FILES = [
    "mkdocs.yml",
    "docs/index.md",
    "maps/buying-a-laptop.yaml",
    "personas/sam.yaml",
    "schemas/export.schema.json",
    "schemas/map.schema.json",
    "schemas/persona.schema.json",
    ".github/workflows/journeys.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".vscode/extensions.json",
    ".vscode/settings.json",
]


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by ``journeys init`` in a new folder (read-only for the tests)."""
    from click.testing import CliRunner

    from journeys.cli import main

    root = tmp_path_factory.mktemp("init") / "my-journeys"
    result = CliRunner().invoke(main, ["init", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def test_init_writes_every_file_and_says_what_to_do_next(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init", "my-journeys")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "created a journeys project in my-journeys:\n"
        + "".join(f"  {rel}\n" for rel in INIT_FILES)
        + "next: cd my-journeys, then journeys validate, journeys serve\n"
    )
    written = sorted(p.relative_to(tmp_path / "my-journeys").as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(INIT_FILES)


def test_init_here_needs_no_cd(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "created a journeys project here:"
    assert result.stdout.splitlines()[-1] == "next: journeys validate, journeys serve"


def test_the_new_project_validates_strictly_and_builds_strictly(initialised: Path, cli, tmp_path: Path) -> None:
    validated = cli("validate", "--strict", initialised)
    assert validated.exit_code == 0, validated.output
    assert validated.stdout == "2 files checked: no problems\n"
    site = tmp_path / "site"
    built = cli("build", "--strict", initialised, "--site-dir", site)
    assert built.exit_code == 0, built.output
    page = (site / "maps" / "buying-a-laptop" / "index.html").read_text(encoding="utf-8")
    assert 'class="journey-diagram"' in page and "Card form rejects spaces" in page
    assert (site / "personas" / "sam" / "index.html").is_file()
    # docs/index.md is the home page; its links reach the catalogue and the roll-ups.
    home = (site / "index.html").read_text(encoding="utf-8")
    for target in ("journeys/", "journeys/pain-points/", "journeys/opportunities/"):
        assert f'href="{target}"' in home
        assert (site / target / "index.html").is_file()


def test_material_projects_build_with_material(cli, tmp_path: Path) -> None:
    pytest.importorskip("material", reason="pip install -e '.[test]' brings mkdocs-material")
    root = tmp_path / "project"
    result = cli("init", root, "--theme", "material")
    assert result.exit_code == 0, result.output
    assert 'the material theme needs its package: pip install "mkdocs-material>=9.5,<10"' in result.stdout
    assert yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["name"] == "material"
    built = cli("build", "--strict", root, "--site-dir", tmp_path / "site")
    assert built.exit_code == 0, built.output
    assert "md-header" in (tmp_path / "site" / "maps" / "buying-a-laptop" / "index.html").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite_and_writes_nothing(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    (tmp_path / "maps").write_text("a file where the maps folder would go\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli("init")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: mkdocs.yml already exists\n"
        "error: maps already exists\n"
        "error: .gitignore already exists\n"
        "nothing written: journeys never overwrites a file\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Ours\n"


def test_init_joins_a_folder_that_holds_other_files(cli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our repository\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "research.md").write_text("# Research\n", encoding="utf-8")
    result = cli("init", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Our repository\n"
    assert (tmp_path / "docs" / "index.md").is_file() and (tmp_path / "docs" / "research.md").is_file()


def test_an_unknown_site_theme_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path, "--theme", "readthedocs")
    assert result.exit_code == 2
    assert "'readthedocs' is not one of 'mkdocs', 'material'" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- what the files say ------------------------------------------------------------------


def test_mkdocs_yml_shows_every_journeys_option_and_each_commented_one_is_valid(initialised: Path, tmp_path) -> None:
    text = (initialised / "mkdocs.yml").read_text(encoding="utf-8")
    for option in JourneysConfig._schema:
        if isinstance(option[1], Deprecated):  # kept only to tell old configurations to drop it
            assert f"{option[0]}:" not in text
            continue
        assert re.search(rf"^ +(# )?{option[0]}:", text, re.M), f"mkdocs.yml does not show the option {option[0]}"
    # Uncommenting every option gives a configuration without a single problem.
    uncommented = re.sub(r"^( +)# ((?:  )?\w+:(?: .*)?)$", r"\1\2", text, flags=re.M)
    assert uncommented != text
    (tmp_path / "mkdocs.yml").write_text(uncommented, encoding="utf-8")
    settings, issues = load_settings(tmp_path)
    assert issues == []
    assert dict(settings.scale.labels)[-2] == "Furious"


def test_yaml_files_attach_the_editor_schemas(initialised: Path) -> None:
    settings = json.loads((initialised / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schemas/map.schema.json": ["maps/*.yaml", "maps/*.yml"],
        "./schemas/persona.schema.json": ["personas/*.yaml", "personas/*.yml"],
    }
    for rel, kind in [("maps/buying-a-laptop.yaml", "map"), ("personas/sam.yaml", "persona")]:
        first = (initialised / rel).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        target = ((initialised / rel).parent / first.split("=", 1)[1]).resolve()
        assert target == (initialised / "schemas" / f"{kind}.schema.json").resolve()
    extensions = json.loads((initialised / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_the_workflow_is_this_repositorys_with_the_install_line_for_teams(initialised: Path) -> None:
    """The same jobs and steps as .github/workflows/journeys.yml, which tests/test_workflow.py runs."""
    ours = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "journeys.yml").read_text(encoding="utf-8"))
    theirs = yaml.safe_load((initialised / ".github" / "workflows" / "journeys.yml").read_text(encoding="utf-8"))
    installs = [
        step["run"]
        for job in theirs["jobs"].values()
        for step in job["steps"]
        if step.get("name") == "Install journeys"
    ]
    assert installs == [f'python -m pip install "{install_requirement()}"'] * 2
    for job in (*ours["jobs"].values(), *theirs["jobs"].values()):
        for step in job["steps"]:
            if step.get("name") == "Install journeys":
                step["run"] = "install"
    assert theirs == ours


def test_material_workflows_install_material_too(tmp_path: Path) -> None:
    from journeys.scaffold import init_files

    workflow = yaml.safe_load(init_files("material")[".github/workflows/journeys.yml"])
    install = workflow["jobs"]["publish"]["steps"][2]["run"]
    assert install == f'python -m pip install "{install_requirement()}" "mkdocs-material>=9.5,<10"'


def test_the_pre_commit_hook_is_this_repositorys_at_this_version(initialised: Path) -> None:
    config = yaml.safe_load((initialised / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert config == {
        "repos": [{"repo": repository_url(), "rev": f"v{__version__}", "hooks": [{"id": "journeys-validate"}]}]
    }
    assert "journeys-validate" in [hook["id"] for hook in hooks]


def test_git_ignores_the_site_and_what_builds_leave_but_not_the_content(initialised: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".gitignore").write_bytes((initialised / ".gitignore").read_bytes())
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    from journeys.publish.folders import OLD_PREFIX, STAGING_PREFIX

    paths = [
        "site/index.html", f"{STAGING_PREFIX}1234/index.html", f"{OLD_PREFIX}1234/index.html",
        ".cache/plugin/x", "journey-diff/map.svg", ".venv/bin/python",
        "maps/buying-a-laptop.yaml", "personas/sam.yaml", "docs/site/index.md", "mkdocs.yml",
    ]  # fmt: skip
    done = subprocess.run(
        ["git", "-C", str(repo), "check-ignore", "--no-index", *paths], capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == paths[:6]


def test_the_example_persona_and_map_show_the_main_fields(initialised: Path) -> None:
    from journeys.loading.project import load_project

    settings, _ = load_settings(initialised)
    project = load_project(settings).project
    (sam,) = project.personas
    assert all(
        [sam.role, sam.quote, sam.goals, sam.frustrations, sam.behaviours, sam.channels, sam.tags, sam.description]
    )
    (journey,) = project.maps
    assert all([journey.description, journey.owner, journey.tags, journey.metrics]) and len(journey.stages) == 2
    steps = [step for _, step in journey.steps()]
    for field in ("touchpoint", "channel", "actions", "thoughts", "feeling", "emotions", "pain_points",
                  "opportunities", "backstage", "evidence", "moment_of_truth"):  # fmt: skip
        assert any(getattr(step, field) for step in steps), field
    assert any(pain.severity for step in steps for pain in step.pain_points)
    assert any(idea.impact and idea.effort for step in steps for idea in step.opportunities)
    for rel in ("maps/buying-a-laptop.yaml", "personas/sam.yaml"):
        text = (initialised / rel).read_text(encoding="utf-8")
        assert f"{repository_url()}/blob/v{__version__}/docs/reference/format.md#" in text
        assert sum(line.lstrip().startswith("#") or " # " in line for line in text.splitlines()) >= 5


def test_the_wheel_carries_the_project_templates(tmp_path: Path) -> None:
    """A pip-installed journeys (not a clone) has every file init and new write from."""
    import shutil
    import sys
    import zipfile

    from journeys.scaffold import INIT_TEMPLATES

    source = tmp_path / "source"  # a copy: building writes build/ and *.egg-info beside the sources
    shutil.copytree(
        REPO_ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("journeys-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = INIT_TEMPLATES.parent.parent
    expected = [p.relative_to(package.parent).as_posix() for p in INIT_TEMPLATES.rglob("*") if p.is_file()]
    expected += ["journeys/themes/default/templates/new/map.yaml", "journeys/themes/default/templates/new/persona.yaml"]
    assert sorted(set(expected) - names) == []


def test_a_symlink_where_a_file_goes_is_in_the_way_even_when_it_leads_nowhere(cli, tmp_path: Path) -> None:
    """Writing through it would create its target, wherever that is."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").symlink_to(tmp_path / "elsewhere.yml")
    result = cli("init", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {root / 'mkdocs.yml'} already exists"
    assert not (tmp_path / "elsewhere.yml").exists()


def test_the_schemas_are_what_journeys_schema_writes_for_the_project(initialised: Path, cli, tmp_path: Path) -> None:
    result = cli("schema", "--project", initialised, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    for name in ("map.schema.json", "persona.schema.json"):
        assert (initialised / "schemas" / name).read_bytes() == (tmp_path / name).read_bytes()


def test_the_example_files_are_valid_under_the_schemas_and_already_formatted(initialised: Path, cli) -> None:
    from test_schema import schema_errors

    for rel, kind in [("maps/buying-a-laptop.yaml", "map"), ("personas/sam.yaml", "persona")]:
        assert schema_errors(kind, (initialised / rel).read_text(encoding="utf-8")) == [], rel
    # A team that adds the journeys-fmt hook starts without a reformatting commit.
    checked = cli("fmt", "--check", "--project", initialised)
    assert checked.exit_code == 0, checked.output
