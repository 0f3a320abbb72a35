"""`journeys build` exit codes, strict mode, and the all-or-nothing site replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_checks import mkdocs_build, shop_project, snapshot

BAD_MAP = """\
title: Broken
personas: [samm]
stages:
  - name: Only
    steps:
      - name: One step
"""


def test_build_writes_the_site_and_exits_0(cli, make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    result = cli("build", root, "--site-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "maps" / "laptop" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project"]  # no staging folder left


def test_build_defaults_to_the_site_dir_of_mkdocs_yml(cli, make_project) -> None:
    root = shop_project(make_project)
    assert cli("build", root).exit_code == 0
    assert (root / "site" / "index.html").is_file()


def test_content_errors_exit_1_with_positions_and_leave_the_site_alone(cli, make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    assert cli("build", root, "--site-dir", tmp_path / "out").exit_code == 0
    before = snapshot(tmp_path / "out")
    (root / "maps" / "bad.yaml").write_text(BAD_MAP, encoding="utf-8")
    result = cli("build", root, "--site-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "maps/bad.yaml:2:" in result.output and "did you mean 'sam'" in result.output
    assert snapshot(tmp_path / "out") == before


def test_a_failing_mkdocs_build_leaves_the_previous_site_byte_identical(cli, make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    assert cli("build", root, "--site-dir", tmp_path / "out").exit_code == 0
    before = snapshot(tmp_path / "out")
    # Valid content, but a docs page links to a page that does not exist: a warning
    # from MkDocs itself, which --strict turns into a failed build half-way through.
    (root / "docs" / "guide.md").write_text("# Guide\n\nSee [missing](missing.md).\n", encoding="utf-8")
    result = cli("build", root, "--site-dir", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert "missing.md" in result.output and "not built" in result.output
    assert snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project"]  # no staging folder left


def test_strict_turns_content_warnings_into_failure(cli, make_project, tmp_path: Path) -> None:
    root = shop_project(make_project, extra={"personas/lonely.md": "---\nname: Lonely\n---\n"})
    assert cli("build", root, "--site-dir", tmp_path / "out").exit_code == 0
    result = cli("build", root, "--site-dir", tmp_path / "strict", "--strict")
    assert result.exit_code == 1 and "personas/lonely.md:2:1:" in result.output
    assert not (tmp_path / "strict").exists()


def test_plain_mkdocs_strict_fails_on_a_bad_map_and_names_its_position(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project, extra={"maps/bad.yaml": BAD_MAP})
    strict = mkdocs_build(root, tmp_path / "strict", "--strict")
    assert strict.returncode == 1
    assert "maps/bad.yaml:2:12: error: unknown persona 'samm'" in strict.stderr
    lenient = mkdocs_build(root, tmp_path / "lenient")
    assert lenient.returncode == 0
    assert "WARNING" in lenient.stderr and "maps/bad.yaml:2:12" in lenient.stderr
    assert not (tmp_path / "lenient" / "maps" / "bad").exists()  # a map with errors is left out
    assert (tmp_path / "lenient" / "maps" / "laptop" / "index.html").is_file()
    assert "maps/bad.yaml" in (tmp_path / "lenient" / "index.html").read_text(encoding="utf-8")  # banner


def test_a_site_dir_that_would_replace_sources_is_refused(cli, make_project) -> None:
    root = shop_project(make_project)
    for target in (root, root.parent, root / "docs", root / "docs" / "site"):
        result = cli("build", root, "--site-dir", target)
        assert result.exit_code == 2, target  # refused: a usage error
        assert "choose another --site-dir" in result.output
    assert (root / "maps" / "laptop.yaml").is_file()


@pytest.mark.parametrize(
    "command", [("validate",), ("build",), ("render", "--out", "out"), ("serve",), ("diff", "HEAD", "--project")]
)
def test_a_folder_without_mkdocs_yml_is_a_usage_error_from_every_command(cli, make_project, command) -> None:
    root = make_project(
        {"maps/one.yaml": "title: One\npersonas: [sam]\nstages:\n  - name: S\n    steps:\n      - name: A\n"},
        config=False,
    )
    result = cli(*command, root)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: {root} has no mkdocs.yml, so it is not a journeys project; create one there with: journeys init {root}"
    )
    assert not (root / "out").exists() and not (root / "site").exists()


def test_a_broken_theme_file_is_a_warning_not_a_crash(make_project, tmp_path: Path) -> None:
    from site_checks import SITE_MKDOCS_YML

    config = SITE_MKDOCS_YML.format(theme="mkdocs").replace("  - journeys\n", "  - journeys:\n      theme: mine\n")
    broken_theme = "light: [not, a, mapping]\n"
    root = shop_project(make_project, extra={"mkdocs.yml": config, "themes/mine/theme.yaml": broken_theme})
    lenient = mkdocs_build(root, tmp_path / "lenient")
    assert lenient.returncode == 0, lenient.stderr
    assert "themes/mine/theme.yaml" in lenient.stderr and "using the default theme" in lenient.stderr
    assert "Traceback" not in lenient.stderr
    assert (tmp_path / "lenient" / "maps" / "laptop" / "index.html").is_file()
    assert mkdocs_build(root, tmp_path / "strict", "--strict").returncode == 1


def test_messages_carry_no_colour_codes_into_a_pipe_or_under_no_color(cli, make_project, monkeypatch) -> None:
    import sys

    root = make_project()  # no docs/ folder: MkDocs reports an error, in colour on a terminal
    piped = cli("build", root)
    assert piped.exit_code == 1 and "ERROR" in piped.output and "\x1b[" not in piped.output
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    from journeys.publish.site import wants_colour

    assert wants_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour()
