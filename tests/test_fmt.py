"""`journeys fmt`: one layout for maps and personas, never a change of meaning.

Every example and fixture is formatted for real and drawn before and after (the SVGs must
be byte-identical, every comment kept); exact outputs pin the layout and where comments
go. Generated maps: test_fmt_properties.py.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from gitrepos import GitProject
from journeys.config import load_settings
from journeys.formatting import format_source
from journeys.loading.project import load_project
from journeys.loading.sources import Source
from journeys.render import render_map_svg

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PROJECTS = {"examples": REPO_ROOT, "render-fixtures": REPO_ROOT / "tests" / "fixtures" / "render" / "project"}


def copy_project(source: Path, target: Path) -> Path:
    for folder in ("maps", "personas", "themes"):  # mkdocs.yml may name a theme of themes/
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    if (source / "mkdocs.yml").is_file():
        shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def drawings(root: Path) -> dict[str, str]:
    settings, _ = load_settings(root)
    loaded = load_project(settings)
    assert loaded.errors == ()
    return {journey.id: render_map_svg(journey, loaded.project, settings) for journey in loaded.project.maps}


def contents(root: Path) -> dict[str, bytes]:
    """Every file but the theme's (its templates are not YAML; fmt never reads them)."""
    files = [path for path in sorted(root.rglob("*")) if path.is_file() and path.relative_to(root).parts[0] != "themes"]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def comments(data: bytes) -> list[str]:
    """Every comment of a file's YAML, as ruamel's round-trip scanner finds them."""
    text = data.decode("utf-8")
    if text.startswith("---\n"):
        text = text[4 : text.index("\n---\n")]
    found: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                collect(item)
        elif value is not None:
            found.extend(line.strip() for line in value.value.splitlines() if line.strip())  # type: ignore[attr-defined]

    for token in YAML().scan(text):
        collect(getattr(token, "comment", None))
    return found


# -- every example and fixture -----------------------------------------------------------------------


@pytest.mark.parametrize("source", FIXTURE_PROJECTS.values(), ids=FIXTURE_PROJECTS.keys())
def test_formatting_keeps_every_drawing_and_comment_and_a_second_run_changes_nothing(
    cli, source: Path, tmp_path: Path
) -> None:
    root = copy_project(source, tmp_path / "project")
    svgs = drawings(root)
    notes = {path: comments(data) for path, data in contents(root).items() if not path.endswith("README.md")}
    assert sum(map(len, notes.values())) > 0 or source != REPO_ROOT
    assert cli("fmt", root).exit_code == 0
    assert drawings(root) == svgs
    assert {path: comments(data) for path, data in contents(root).items() if path in notes} == notes
    formatted = contents(root)
    again = cli("fmt", root)
    assert again.exit_code == 0
    assert again.output.startswith("0 files formatted, ")
    assert contents(root) == formatted
    assert cli("fmt", root, "--check").exit_code == 0


def test_check_lists_an_out_of_order_file_and_writes_nothing(cli, make_project) -> None:
    root = make_project(
        {"maps/checkout.yaml": "stages: [{name: Pay, steps: [{name: Pays}]}]\ntitle: T\npersona: sam\n"}
    )
    before = (root / "maps" / "checkout.yaml").stat()
    result = cli("fmt", root, "--check")
    assert result.exit_code == 1
    assert result.output == "would reformat maps/checkout.yaml\n1 file would be reformatted, 1 already formatted\n"
    after = (root / "maps" / "checkout.yaml").stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert sorted(path.name for path in (root / "maps").iterdir()) == ["checkout.yaml"]  # no temporary file


# -- the layout ----------------------------------------------------------------------------------------


def formatted(text: str, path: str = "maps/x.yaml") -> str:
    kind = "persona" if path.startswith("personas/") else "map"
    source = Source(kind, "x", path, textwrap.dedent(text).encode("utf-8"))
    return format_source(source).decode("utf-8")


MESSY = """\
stages:
    -   steps:
          - emotion: {sam: -2, pat: 1}
            name: 'Enters card details'
            x-jira: SHOP-1
            thoughts: 'Why: again?'
            pain_points:
            - text: Slow
              severity: high
            - 'Rejects spaces'
            evidence: ["Usability test 3", 'https://example.org/r', "007", 'true']
            moment_of_truth: True
        name: Purchase
    - name: Delivery
      steps: [{name: Waits, emotion: 0.50, owner: ~}]
x-research: {id: RR-1, tags: [a]}
personas: [pat, sam]
title: "Checkout"
metrics:
  - {value: 3.10, name: Score, stage: Purchase}
  - name: A metric with a name long enough that the record no longer fits on one line
    value: "+12"
owner:
tags:
  - ecommerce
  - checkout
"""

CANONICAL = """\
title: Checkout
personas: [pat, sam]
owner:
tags: [ecommerce, checkout]
stages:
  - name: Purchase
    steps:
      - name: Enters card details
        thoughts: "Why: again?"
        emotion: {pat: 1, sam: -2}
        pain_points:
          - {text: Slow, severity: high}
          - Rejects spaces
        evidence: [Usability test 3, "https://example.org/r", "007", "true"]
        moment_of_truth: True
        x-jira: SHOP-1
  - name: Delivery
    steps:
      - name: Waits
        emotion: 0.50
        owner: ~
metrics:
  - {name: Score, value: 3.10, stage: Purchase}
  - name: A metric with a name long enough that the record no longer fits on one line
    value: "+12"
x-research:
  id: RR-1
  tags: [a]
"""


def test_fields_in_the_references_order_two_space_indentation_and_one_way_to_quote() -> None:
    assert formatted(MESSY) == CANONICAL
    assert formatted(CANONICAL) == CANONICAL


def test_text_that_would_read_as_something_else_is_quoted_and_the_rest_is_not() -> None:
    text = "name: '.inf'\ntags: ['12345678901234567890', 'yes', '~', '2026-10-14']\n"
    assert formatted(text, "personas/x.yaml") == 'name: ".inf"\ntags: ["12345678901234567890", yes, "~", 2026-10-14]\n'


def test_short_lists_of_short_values_go_on_one_line_and_the_rest_one_per_line() -> None:
    long_item = "x" * 41
    text = f"""\
        name: Sam
        goals: [{long_item}]
        channels: [a, b, c, d, e, f, g]
        tags: [a, b, c, d, e, f]
        behaviours: [{"y" * 30}, {"z" * 30}, {"w" * 30}]
        """
    assert formatted(text, "personas/x.yaml") == textwrap.dedent(f"""\
        name: Sam
        goals:
          - {long_item}
        behaviours:
          - {"y" * 30}
          - {"z" * 30}
          - {"w" * 30}
        channels:
          - a
          - b
          - c
          - d
          - e
          - f
          - g
        tags: [a, b, c, d, e, f]
        """)


COMMENTED = """\
# Checkout, as it is today.
# Research: diary study, spring 2026.

stages:   # in journey order
  - steps:
      - emotion: -1   # unhappy
        # what Sam says
        thoughts: "Not again  # really"
        name: Enters card details
        pain_points:
          - Slow  # measured
          - Rejects spaces

    # stage 1
    name: Purchase


  # The second stage
  - name: Delivery
    steps: [{name: Waits}]  # one step for now
title: Checkout  # working title
persona: sam
# the end
"""

COMMENTED_CANONICAL = """\
# Checkout, as it is today.
# Research: diary study, spring 2026.

title: Checkout  # working title
persona: sam
stages:  # in journey order
  # stage 1
  - name: Purchase
    steps:
      - name: Enters card details
        # what Sam says
        thoughts: "Not again  # really"
        emotion: -1  # unhappy
        pain_points:
          - Slow  # measured
          - Rejects spaces

  # The second stage
  - name: Delivery
    steps:  # one step for now
      - name: Waits
# the end
"""


def test_comments_and_the_blank_lines_between_stages_stay_with_their_entries() -> None:
    assert formatted(COMMENTED) == COMMENTED_CANONICAL
    assert formatted(COMMENTED_CANONICAL) == COMMENTED_CANONICAL


BLOCKS = """\
title: T
description: |+
  ## Background

    An indented line, and trailing spaces<3 spaces>

persona: sam
stages:
  - name: A
    description: |2-
        starts with spaces
    steps:
      - name: B
        actions: |-
          One
          Two
        thoughts: >-  # in Sam's words
          Folded text whose line
          breaks stay where the author put them,

            a more-indented line,
          and the end.
"""


BLOCKS = BLOCKS.replace("<3 spaces>", "   ")


def test_block_text_keeps_its_style_and_line_breaks() -> None:
    # An indentation indicator depends on where the block sits: the same text, in quotes.
    expected = BLOCKS.replace(
        "    description: |2-\n        starts with spaces\n", '    description: "  starts with spaces"\n'
    )
    assert formatted(BLOCKS) == expected
    assert formatted(BLOCKS.replace("\n  ", "\n    ")) == expected  # every block indented two more


def test_a_markdown_files_body_is_kept_byte_for_byte() -> None:
    body = "## Notes  \r\n\r\n---\nnot: front matter\n\tTabbed, trailing spaces   \n\n\n"
    text = "---\nstages: [{name: A, steps: [{name: B}]}]\ntitle: T\npersona: sam\n---\n" + body
    assert formatted(text, "maps/x.md") == (
        "---\ntitle: T\npersona: sam\nstages:\n  - name: A\n    steps:\n      - name: B\n---\n" + body
    )


def test_line_endings_and_a_byte_order_mark_are_kept() -> None:
    source = Source("persona", "x", "personas/x.yaml", b"\xef\xbb\xbftags: [a]\r\nname: Sam\r\n")
    assert format_source(source) == b"\xef\xbb\xbfname: Sam\r\ntags: [a]\r\n"


# -- what fmt leaves alone ------------------------------------------------------------------------------

OUT_OF_ORDER = "stages: [{name: Pay, steps: [{name: Pays}]}]\ntitle: T\npersona: sam\n"


def test_files_with_errors_are_left_as_written_and_the_others_formatted(cli, make_project) -> None:
    bad = "title: T\npersona: sam\nstages: [{name: Pay, steps: [{name: Pays, emotion: 3}]}]\nx: 1\n"
    root = make_project({"maps/bad.yaml": bad, "maps/good.yaml": OUT_OF_ORDER})
    result = cli("fmt", root)
    assert result.exit_code == 1
    assert result.output == (
        "maps/bad.yaml:3:52: error: emotion 3 is outside the scale -2..+2\n"
        "maps/bad.yaml:4:1: error: unknown field 'x' in a journey map\n"
        "formatted maps/good.yaml\n"
        "1 file formatted, 1 already formatted, 1 left as written (errors above)\n"
    )
    assert (root / "maps" / "bad.yaml").read_text(encoding="utf-8") == bad
    assert (root / "maps" / "good.yaml").read_text(encoding="utf-8").startswith("title: T\npersona: sam\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: T\npersona: sam\nx-common: &ev [Diary]\nstages: [{name: A, steps: [{name: B, evidence: *ev}]}]\n",
         "maps/x.yaml:3:11: warning: uses anchors and aliases (&name, *name)"),
        ("title: !!str T\npersona: sam\nstages: [{name: A, steps: [{name: B}]}]\n",
         "maps/x.yaml:1:8: warning: uses the tag 'tag:yaml.org,2002:str'"),
        ("%YAML 1.2\n---\ntitle: T\npersona: sam\nstages: [{name: A, steps: [{name: B}]}]\n",
         "maps/x.yaml:2:1: warning: starts with a %YAML or %TAG directive"),
        ("title: T\rpersona: sam\nstages: [{name: A, steps: [{name: B}]}]\n",
         "maps/x.yaml:1:1: warning: has a carriage return without a line feed"),
    ],
    ids=["aliases", "tags", "directives", "carriage-return"],
)  # fmt: skip
def test_yaml_that_fmt_cannot_lay_out_safely_is_left_as_written(cli, make_project, text: str, message: str) -> None:
    root = make_project({"maps/x.yaml": text})
    for arguments in ((root,), (root, "--check")):  # nothing to fix: a warning, not a failure
        result = cli("fmt", *arguments)
        assert result.exit_code == 0
        assert result.output.startswith(f"{message}, which journeys fmt leaves as written; the file was not formatted")
        assert result.output.endswith(", 1 already formatted, 1 skipped (warnings above)\n")
    assert (root / "maps" / "x.yaml").read_bytes() == text.encode("utf-8")


def test_a_symlinked_file_is_skipped_and_its_target_formatted_under_its_own_name(cli, make_project) -> None:
    root = make_project({"maps/real.yaml": OUT_OF_ORDER})
    (root / "maps" / "link.yaml").symlink_to("real.yaml")
    result = cli("fmt", root)
    assert result.exit_code == 0
    assert (
        "maps/link.yaml:1:1: warning: is a symlink; format the file it points to: journeys fmt left it as it was"
        in (result.output)
    )
    assert (root / "maps" / "link.yaml").is_symlink()
    assert (root / "maps" / "real.yaml").read_text(encoding="utf-8").startswith("title: T\n")


def test_a_file_that_cannot_be_written_is_an_error(cli, make_project, monkeypatch) -> None:
    import journeys.atomicfile

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    root = make_project({"maps/x.yaml": OUT_OF_ORDER})
    monkeypatch.setattr(journeys.atomicfile, "write_atomically", refuse)
    result = cli("fmt", root)
    assert result.exit_code == 1
    assert result.output == (
        "maps/x.yaml:1:1: error: cannot write file: Permission denied\n"
        "0 files formatted, 1 already formatted, 1 left as written (errors above)\n"
    )


def test_writes_keep_the_files_permissions_and_leave_no_temporary_file(cli, make_project) -> None:
    root = make_project({"maps/x.yaml": OUT_OF_ORDER})
    os.chmod(root / "maps" / "x.yaml", 0o640)
    assert cli("fmt", root).exit_code == 0
    assert stat.S_IMODE((root / "maps" / "x.yaml").stat().st_mode) == 0o640
    assert sorted(path.name for path in (root / "maps").iterdir()) == ["x.yaml"]


def test_a_layout_that_would_change_the_meaning_is_never_written(cli, make_project, monkeypatch) -> None:
    from journeys import formatting

    root = make_project({"maps/x.yaml": OUT_OF_ORDER})
    real = formatting.canonical_yaml
    monkeypatch.setattr(formatting, "canonical_yaml", lambda *args: real(*args).replace("Pays", "Paid"))
    result = cli("fmt", root)
    assert result.exit_code == 1
    assert result.output.startswith(
        "maps/x.yaml:1:1: error: journeys fmt would have changed what this file means, so it was left as it was; "
        "please report this\n"
    )
    assert (root / "maps" / "x.yaml").read_text(encoding="utf-8") == OUT_OF_ORDER


def test_nesting_deeper_than_fmt_can_lay_out_is_refused(cli, make_project) -> None:
    deep = "[" * 900 + "]" * 900  # max_depth allows up to 1,000
    root = make_project({
        "mkdocs.yml": "plugins:\n  - journeys:\n      max_depth: 1000\n",
        "maps/x.yaml": f"title: T\npersona: sam\nx-deep: {deep}\nstages: [{{name: A, steps: [{{name: B}}]}}]\n",
    })  # fmt: skip
    result = cli("fmt", root)
    assert result.exit_code == 0
    assert "maps/x.yaml:1:1: warning: nests deeper than journeys fmt can lay out, which journeys fmt" in result.output


# -- which files ---------------------------------------------------------------------------------------


def test_named_files_only_are_formatted(cli, make_project, monkeypatch) -> None:
    root = make_project({"mkdocs.yml": "site_name: S\n", "maps/a.yaml": OUT_OF_ORDER, "maps/b.yaml": OUT_OF_ORDER})
    monkeypatch.chdir(root)
    result = cli("fmt", "maps/a.yaml", "--check")
    assert (result.exit_code, result.output) == (
        1,
        "would reformat maps/a.yaml\n1 file would be reformatted, 0 already formatted\n",
    )
    assert cli("fmt", "maps/a.yaml").exit_code == 0
    assert (root / "maps" / "b.yaml").read_text(encoding="utf-8") == OUT_OF_ORDER
    monkeypatch.chdir(root.parent)  # files are found from anywhere: their project is above them
    assert cli("fmt", root / "maps" / "b.yaml").exit_code == 0
    assert (root / "maps" / "b.yaml").read_text(encoding="utf-8") != OUT_OF_ORDER


def test_named_files_belong_to_the_nearest_folder_above_them_with_mkdocs_yml(cli, make_project) -> None:
    config = "site_name: S\nplugins:\n  - journeys:\n      maps_dir: content/maps\n"
    root = make_project({"mkdocs.yml": config, "content/maps/a.yaml": OUT_OF_ORDER})
    result = cli("fmt", root / "content" / "maps" / "a.yaml")
    assert (result.exit_code, result.output) == (
        0,
        "formatted content/maps/a.yaml\n1 file formatted, 0 already formatted\n",
    )


def test_the_project_can_be_named_with_project(cli, make_project, tmp_path: Path) -> None:
    root = make_project({"maps/a.yaml": OUT_OF_ORDER, "maps/b.yaml": OUT_OF_ORDER})
    result = cli("fmt", "--project", root, root / "maps" / "a.yaml")
    assert (result.exit_code, result.output) == (0, "formatted maps/a.yaml\n1 file formatted, 0 already formatted\n")
    assert cli("fmt", "--project", root, "--check").output.startswith("would reformat maps/b.yaml\n")
    result = cli("fmt", tmp_path, "--project", root)
    assert result.exit_code == 2
    assert f"two project folders named ({tmp_path} and --project {root}); name one" in result.output


def test_a_file_in_no_project_is_a_usage_error(cli, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text(OUT_OF_ORDER, encoding="utf-8")
    result = cli("fmt", tmp_path / "maps" / "a.yaml")
    assert result.exit_code == 2
    assert "is in no journeys project: there is no mkdocs.yml in its folder or above" in result.output


def test_a_file_that_is_no_map_or_persona_is_a_usage_error(cli, make_project) -> None:
    root = make_project({"mkdocs.yml": "site_name: S\n", "docs/index.md": "# Home\n", "maps/a.yaml": OUT_OF_ORDER})
    result = cli("fmt", root / "docs" / "index.md")
    assert result.exit_code == 2
    assert f"{root / 'docs' / 'index.md'} is not a map or persona of the project in {root}" in result.output
    result = cli("fmt", root, root / "maps" / "a.yaml")
    assert result.exit_code == 2
    assert "give one project folder, or map and persona files of one project" in result.output


# -- before a commit ----------------------------------------------------------------------------------


def test_the_pre_commit_hook_lists_or_rewrites_files_out_of_layout(tmp_path: Path) -> None:
    """The shipped hook, run by the real pre-commit as a local hook (offline)."""
    bin_folder = Path(sys.executable).parent
    if not (bin_folder / "pre-commit").is_file():
        pytest.skip("pre-commit is not installed here: pip install -e '.[test]'")
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [{**hook, "language": "system"} for hook in hooks if hook["id"] == "journeys-fmt"]
    project = GitProject(tmp_path / "repo")
    check = {**hook, "id": "journeys-fmt-check", "args": ["--check"]}
    config = {"repos": [{"repo": "local", "hooks": [check]}]}
    files = {"personas/sam.yaml": "name: Sam\n", "maps/README.md": "# Maps\n", "maps/pay.yaml": OUT_OF_ORDER}
    project.write({".pre-commit-config.yaml": yaml.safe_dump(config), **files})
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache")}  # fmt: skip

    def commit() -> str:
        project.git("add", "-A")
        done = subprocess.run(["git", "commit", "-m", "c"], cwd=project.root, env=env, capture_output=True, text=True)
        return ("ok\n" if done.returncode == 0 else "failed\n") + done.stdout + done.stderr

    subprocess.run(
        [str(bin_folder / "pre-commit"), "install"], cwd=project.root, env=env, check=True, capture_output=True
    )
    output = commit()
    assert output.startswith("failed\n") and "would reformat maps/pay.yaml" in output
    assert (project.root / "maps" / "pay.yaml").read_text(encoding="utf-8") == OUT_OF_ORDER
    config["repos"][0]["hooks"] = [hook]  # the hook as shipped rewrites the file; the commit stops
    project.write({".pre-commit-config.yaml": yaml.safe_dump(config)})
    output = commit()
    assert output.startswith("failed\n") and "files were modified by this hook" in output
    assert commit().startswith("ok\n")  # the rewritten file, added: in the layout now


def test_the_guides_example_is_what_fmt_writes() -> None:
    guide = (REPO_ROOT / "docs" / "guide" / "formatting.md").read_text(encoding="utf-8")
    before, after = (block.split("\n```", 1)[0] + "\n" for block in guide.split("```yaml\n")[1:3])
    assert "personas: [sam, pat]" in before
    assert formatted(before) == after
    assert formatted(after) == after


def test_the_repositorys_own_example_maps_and_personas_are_formatted(cli) -> None:
    result = cli("fmt", "--check", "--project", REPO_ROOT)
    assert result.exit_code == 0, result.output
    assert "0 files would be reformatted" in result.output
