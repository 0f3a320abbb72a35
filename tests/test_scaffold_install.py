"""One install story: every place that tells a team how to get journeys (the guides, the
README, the files `journeys init` writes) uses the same line, built from pyproject.toml's
repository URL and this version's tag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib
import yaml

from journeys import __version__
from journeys.scaffold import SITE_THEMES, init_files, install_requirement, repository_url

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Installs of journeys from this clone, for working on journeys itself (not for teams).
FROM_THIS_CLONE = {"README.md": ["'.[export]' &&", "'.[test]' &&"]}


def team_facing_texts() -> dict[str, str]:
    """Name -> text of the README, every page of docs/ and every file init can write."""
    texts = {p.relative_to(REPO_ROOT).as_posix(): p.read_text(encoding="utf-8")
             for p in [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").rglob("*.md"))]}  # fmt: skip
    for theme in SITE_THEMES:
        texts.update({f"journeys init --theme {theme}: {rel}": text for rel, text in init_files(theme).items()})
    return texts


def test_the_repository_url_is_pyprojects_and_the_install_line_pins_this_version() -> None:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert repository_url() == pyproject["project"]["urls"]["Repository"]
    assert install_requirement() == f"journeys @ git+{repository_url()}@v{__version__}"
    assert pyproject["project"]["version"] == __version__


def install_problems(text: str, allowed: list[str]) -> list[str]:
    """Lines that install journeys in any other way than the one line (1-based numbers)."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        install = re.search(r"pip install (.*)", line)
        if not install or any(f"pip install {ok}" in line for ok in allowed):
            continue
        first = install.group(1).split()[0].strip("'\"")
        if "journeys" not in install.group(1) and not first.startswith((".", "/")):
            continue  # installs something else (pre-commit, mkdocs-material)
        # The one line, or it with an optional extra (journeys[export] for PNG and PDF).
        if not any(f'pip install "{install_requirement(extra)}"' in line for extra in ("", "export")):
            problems.append(f"{number}: {line.strip()}")
    for number, line in enumerate(text.splitlines(), 1):
        problems += [f"{number}: {url}" for url in re.findall(r"git\+[^\s\"`]+", line)
                     if url != f"git+{repository_url()}@v{__version__}"]  # fmt: skip
    return problems


@pytest.mark.parametrize("name", team_facing_texts())
def test_every_install_of_journeys_uses_the_one_line(name: str) -> None:
    assert install_problems(team_facing_texts()[name], FROM_THIS_CLONE.get(name, [])) == []


@pytest.mark.parametrize(
    "line",
    ["run: python -m pip install journeys", "pip install /path/to/journeys", "- run: pip install .",
     'pip install "journeys @ git+https://github.com/your-org/journeys@v0.1.0"',
     'pip install "journeys @ git+https://github.com/journeys-maps/journeys@main"'],
)  # fmt: skip
def test_the_lines_teams_used_to_be_given_are_refused(line: str) -> None:
    assert install_problems(f"text\n{line}\n", []) != []


def test_every_pre_commit_example_uses_the_repository_at_this_tag() -> None:
    hooks = [hook["id"] for hook in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]
    seen = 0
    for name, text in team_facing_texts().items():
        lines = text.splitlines()
        for number, line in enumerate(lines):
            repo = re.match(r"\s*- repo: (\S+)", line)
            if repo and repo.group(1) != "local":
                seen += 1
                where = f"{name}:{number + 1}"
                assert repo.group(1) == repository_url(), where
                assert lines[number + 1].strip() == f"rev: v{__version__}", where
                assert re.search(r"- id: (\S+)", "\n".join(lines[number : number + 4])).group(1) in hooks, where
    assert seen >= 3  # the guide, and the files init writes for each theme
