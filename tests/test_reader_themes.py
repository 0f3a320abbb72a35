"""A theme is a folder name under the project's ``themes/``; nothing outside is ever read.

``journeys validate`` reports every way out (a path as the name, a symlinked folder, a
symlinked theme.yaml or template) as an error; ``mkdocs build`` falls back to the
default theme with a warning, and no byte of the outside files reaches the site.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from issue_helpers import VALID_MAP, errors, load
from journeys.config import load_settings
from journeys.render.theme import load_theme
from site_checks import SITE_MKDOCS_YML, mkdocs_build, shop_project

#: What the outside theme would put into pages and diagrams if it were read.
OUTSIDE_COLOUR = "#123456"
OUTSIDE_TEXT = "OUTSIDE-THE-PROJECT"


def config_with_theme(theme: str) -> str:
    return f"site_name: t\nplugins:\n  - journeys:\n      theme: {theme}\n"


def outside_theme(tmp_path: Path) -> Path:
    """A complete theme folder beside (not inside) the project."""
    folder = tmp_path / "elsewhere"
    (folder / "templates").mkdir(parents=True)
    (folder / "theme.yaml").write_text(f"light:\n  text: '{OUTSIDE_COLOUR}'\n", encoding="utf-8")
    (folder / "templates" / "map.html").write_text(f"<p>{OUTSIDE_TEXT}</p>\n", encoding="utf-8")
    return folder


def first_error(cli, root: Path) -> str:
    result = cli("validate", root)
    assert result.exit_code == 1, result.output
    return result.output.splitlines()[0]


@pytest.mark.parametrize("name", ["../../elsewhere", "/abs/path", "brand/../../x", "..", "C:/themes", "a\\b"])
def test_a_theme_that_is_a_path_is_an_error_at_the_option(cli, make_project, name):
    root = make_project({"mkdocs.yml": config_with_theme(f"'{name}'"), "maps/buy.yaml": VALID_MAP})
    assert first_error(cli, root) == (
        f"mkdocs.yml:4:7: error: journeys option 'theme': '{name}' is not a theme name; "
        "name a folder in themes/ (or 'default')"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ('"brand\\e[31m"', "'brand\\x1b[31m' holds a control character; it cannot name a folder"),
        ("b" * 256, "'" + "b" * 57 + "...' has a name longer than 255 bytes; it cannot name a folder"),
    ],
)
def test_a_theme_name_no_folder_can_have_is_an_error(cli, make_project, name, message):
    root = make_project({"mkdocs.yml": config_with_theme(name), "maps/buy.yaml": VALID_MAP})
    assert first_error(cli, root) == f"mkdocs.yml:4:7: error: journeys option 'theme': {message}"


def test_a_missing_theme_folder_is_an_error_with_a_hint(cli, make_project):
    root = make_project({
        "mkdocs.yml": config_with_theme("brnd"), "themes/brand/theme.yaml": "", "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    assert first_error(cli, root) == (
        "mkdocs.yml:4:7: error: theme 'brnd': there is no folder themes/brnd — did you mean 'brand'?"
    )


def test_a_symlinked_theme_folder_leading_outside_is_an_error(cli, make_project, tmp_path):
    root = make_project({"mkdocs.yml": config_with_theme("brand"), "maps/buy.yaml": VALID_MAP})
    (root / "themes").mkdir()
    (root / "themes" / "brand").symlink_to(outside_theme(tmp_path), target_is_directory=True)
    assert first_error(cli, root) == (
        "mkdocs.yml:4:7: error: theme 'brand': themes/brand leads outside the project; not read"
    )


def test_a_symlinked_themes_folder_leading_outside_is_an_error(cli, make_project, tmp_path):
    root = make_project({"mkdocs.yml": config_with_theme("elsewhere"), "maps/buy.yaml": VALID_MAP})
    outside_theme(tmp_path)
    (root / "themes").symlink_to(tmp_path, target_is_directory=True)
    assert first_error(cli, root) == (
        "mkdocs.yml:4:7: error: theme 'elsewhere': themes/elsewhere leads outside the project; not read"
    )


@pytest.mark.parametrize("name", ["theme.yaml", "templates/map.html"])
def test_a_symlinked_theme_file_leading_outside_is_an_error_at_the_file(cli, make_project, tmp_path, name):
    root = make_project({
        "mkdocs.yml": config_with_theme("brand"), "themes/brand/templates/_keep.txt": "", "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    (root / "themes" / "brand" / name).symlink_to(outside_theme(tmp_path) / name)
    assert first_error(cli, root) == f"themes/brand/{name}:1:1: error: symlink points outside the project; not read"


def test_a_theme_symlink_leading_nowhere_is_an_error_and_the_build_goes_on(cli, make_project, tmp_path):
    config = SITE_MKDOCS_YML.format(theme="mkdocs").replace("  - journeys\n", "  - journeys:\n      theme: brand\n")
    root = shop_project(make_project, extra={"mkdocs.yml": config, "themes/brand/templates/_keep.txt": ""})
    (root / "themes" / "brand" / "templates" / "map.html").symlink_to(tmp_path / "missing.html")
    assert first_error(cli, root) == (
        "themes/brand/templates/map.html:1:1: error: symlink leads nowhere (missing target or a loop); not read"
    )
    built = mkdocs_build(root, tmp_path / "site")
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    assert (tmp_path / "site" / "maps" / "laptop" / "index.html").is_file()


def test_symlinks_that_stay_inside_the_project_are_fine(make_project):
    root = make_project({
        "mkdocs.yml": config_with_theme("alias"),
        "themes/brand/theme.yaml": "light:\n  text: '#102030'\n",
        "themes/brand/templates/_keep.txt": "",
        "shared/map.html": "{{ journey.title }}\n",
        "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    (root / "themes" / "brand" / "templates" / "map.html").symlink_to(root / "shared" / "map.html")
    (root / "themes" / "alias").symlink_to(root / "themes" / "brand", target_is_directory=True)
    settings, issues = load_settings(root)
    assert issues == [] and load(root)[1] == []
    assert load_theme(settings).colours("light")["text"] == "#102030"


def test_render_refuses_a_theme_outside_and_draws_nothing(cli, make_project, tmp_path):
    root = make_project({"mkdocs.yml": config_with_theme("brand"), "maps/buy.yaml": VALID_MAP})
    (root / "themes").mkdir()
    (root / "themes" / "brand").symlink_to(outside_theme(tmp_path), target_is_directory=True)
    result = cli("render", root, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "themes/brand leads outside the project" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("link", ["themes/brand", "themes/brand/theme.yaml", "themes/brand/templates/map.html"])
def test_mkdocs_build_never_publishes_an_outside_theme(make_project, tmp_path, link):
    config = SITE_MKDOCS_YML.format(theme="mkdocs").replace("  - journeys\n", "  - journeys:\n      theme: brand\n")
    root = shop_project(make_project, extra={"mkdocs.yml": config})
    outside = outside_theme(tmp_path)
    if link == "themes/brand":
        (root / "themes").mkdir()
        (root / link).symlink_to(outside, target_is_directory=True)
    else:
        (root / "themes" / "brand" / "templates").mkdir(parents=True)
        (root / link).symlink_to(outside / link.removeprefix("themes/brand/"))
    built = mkdocs_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    if link != "themes/brand/templates/map.html":  # a refused template just falls back to the default one
        assert "using the default theme" in built.stderr
    assert (tmp_path / "site" / "maps" / "laptop" / "index.html").is_file()
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".svg", ".css", ".json", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert OUTSIDE_TEXT not in text and OUTSIDE_COLOUR not in text, path


# -- theme.yaml is read with the same limits as every other file ----------------------------


def test_an_alias_bomb_in_theme_yaml_is_refused_quickly(make_project):
    bomb = "x-bomb:\n" + "".join(
        f"  a{level}: &a{level} [" + ", ".join([f"*a{level - 1}" if level else "x"] * 10) + "]\n" for level in range(9)
    )
    root = make_project({
        "mkdocs.yml": config_with_theme("brand"), "themes/brand/theme.yaml": bomb, "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    started = time.perf_counter()
    assert errors(root) == [
        "themes/brand/theme.yaml:6:47: error: cannot read theme: document expands to more than 100,000 values "
        "(check aliases: '*name' repeats everything under '&name')"
    ]
    assert time.perf_counter() - started < 5


def test_a_6_kb_nested_theme_yaml_is_an_issue_not_a_recursion_error(make_project):
    nested = "[" * 3_000 + "]" * 3_000 + "\n"
    root = make_project({
        "mkdocs.yml": config_with_theme("brand"), "themes/brand/theme.yaml": nested, "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    assert errors(root) == ["themes/brand/theme.yaml:1:65: error: cannot read theme: nesting is deeper than 64 levels"]


def test_python_tags_in_theme_yaml_are_refused(make_project, tmp_path):
    marker = tmp_path / "pwned"
    text = f'font: !!python/object/apply:os.system ["touch {marker}"]\n'
    root = make_project({
        "mkdocs.yml": config_with_theme("brand"), "themes/brand/theme.yaml": text, "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    assert errors(root) == [
        "themes/brand/theme.yaml:1:7: error: cannot read theme: tag '!!python/object/apply:os.system' is not "
        "allowed: journeys reads plain YAML only"
    ]
    assert not marker.exists()


def test_an_oversized_theme_yaml_is_refused_unread(make_project):
    root = make_project({
        "mkdocs.yml": config_with_theme("brand"),
        "themes/brand/theme.yaml": "# " + "x" * 1_100_000 + "\n",
        "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    assert errors(root) == [
        "themes/brand/theme.yaml:1:1: error: file is 1,100,003 bytes, more than the 1,000,000-byte limit "
        "(max_file_size); not read"
    ]


def test_the_serve_watch_list_uses_the_confined_theme_folder(make_project, tmp_path):
    from journeys.render.theme import usable_theme_folder

    root = make_project({"themes/brand/theme.yaml": ""})
    assert usable_theme_folder(root, "brand") == root / "themes" / "brand"
    (root / "themes" / "away").symlink_to(outside_theme(tmp_path), target_is_directory=True)
    assert usable_theme_folder(root, "away") is None
    assert usable_theme_folder(root, "../..") is None


@pytest.mark.parametrize("target", [[], ["HEAD"]], ids=["working-tree", "revision"])
def test_diff_svg_dir_with_an_unusable_theme_is_an_error_not_a_traceback(cli, tmp_path, target):
    from gitrepos import GitProject

    repo = GitProject(tmp_path / "repo")
    base = repo.commit({
        "mkdocs.yml": config_with_theme("brand"),
        "themes/brand/theme.yaml": "spacing:\n  margin: .nan\n",
        "personas/sam.md": "---\nname: Sam\nrole: Student\n---\n",
        "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    repo.commit({"maps/buy.yaml": VALID_MAP.replace("emotion: -1", "emotion: 1")})
    result = cli("diff", f"{base}", *target, "--project", repo.root, "--svg-dir", tmp_path / "svgs")
    assert result.exit_code == 1
    assert "themes/brand/theme.yaml:2:11: error: cannot read theme: '.nan' is not a finite number" in result.output
    assert not (tmp_path / "svgs").exists()
