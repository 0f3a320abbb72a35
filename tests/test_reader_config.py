"""mkdocs.yml goes through journeys' own YAML reader before MkDocs' loader sees it.

A few hundred bytes of aliases cost MkDocs' loader seconds and gigabytes; journeys
refuses them at their position in milliseconds. Other tools' tags are kept as written
and never constructed; INHERIT, ``!ENV`` and merge keys still work (MkDocs resolves
them, with its safe loader, once every file involved has passed the check).
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from issue_helpers import VALID_MAP, errors, load

BOMB_MESSAGE = (
    "cannot read {file}: document expands to more than 100,000 values "
    "(check aliases: '*name' repeats everything under '&name')"
)


def alias_bomb(indent: str, levels: int = 9) -> str:
    """Labels whose aliases expand to 10**levels values, in under 500 bytes."""
    lines = [f"{indent}a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"{indent}a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def bomb_config() -> str:
    return "site_name: t\nplugins:\n  - journeys:\n      emotion_scale:\n        labels:\n" + alias_bomb(" " * 10)


def measured(action):
    """(result, seconds, peak bytes allocated) of ``action()``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = action()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_alias_bomb_in_mkdocs_yml_is_refused_at_its_position_quickly(make_project):
    config = bomb_config()
    assert len(config.encode()) < 700
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    lines, seconds, peak = measured(lambda: errors(root))
    assert lines == ["mkdocs.yml:10:55: error: " + BOMB_MESSAGE.format(file="mkdocs.yml")]
    # Loose sanity bounds (the refusal takes milliseconds and a few MB; MkDocs' loader, seconds and GBs).
    assert seconds < 5 and peak < 50_000_000, (seconds, peak)


def test_journeys_build_refuses_the_bomb_before_mkdocs_reads_it(cli, make_project, tmp_path):
    root = make_project({"mkdocs.yml": bomb_config(), "maps/buy.yaml": VALID_MAP})
    started = time.perf_counter()
    result = cli("build", root, "--site-dir", tmp_path / "site")
    assert result.exit_code == 1
    assert "mkdocs.yml:10:55: error: cannot read mkdocs.yml: document expands" in result.output
    assert time.perf_counter() - started < 5
    assert not (tmp_path / "site").exists()


def test_an_alias_bomb_in_an_inherited_file_is_refused_in_that_file(make_project):
    base = "site_name: t\nextra:\n" + alias_bomb("  ")
    root = make_project({"base.yml": base, "mkdocs.yml": "INHERIT: base.yml\n", "maps/buy.yaml": VALID_MAP})
    lines, seconds, _ = measured(lambda: errors(root))
    assert lines == ["base.yml:7:47: error: " + BOMB_MESSAGE.format(file="base.yml")]
    assert seconds < 5


def test_an_inherit_loop_is_an_error_not_endless_recursion(make_project):
    root = make_project({
        "mkdocs.yml": "INHERIT: base.yml\nsite_name: t\n",
        "base.yml": "INHERIT: mkdocs.yml\n",
        "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    assert errors(root) == ["base.yml:1:10: error: INHERIT leads back to a file already inherited (a loop)"]


FOREIGN_TAGS = """\
site_name: !ENV [SITE_NAME, Journeys]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  here: !relative $config_dir
  evil: !!python/object/apply:os.system ["touch {marker}"]
  evil_mapping: !!python/object:os.system {{a: 1}}
plugins:
  - journeys:
      maps_dir: content
"""


@pytest.mark.parametrize("theme_line", ["", "      theme: !ENV [NOT_SET_ANYWHERE, default]\n"],
                         ids=["journeys-tree", "mkdocs-loader"])  # fmt: skip
def test_other_tools_tags_are_kept_but_never_constructed(make_project, tmp_path, theme_line):
    marker = tmp_path / "pwned"
    config = FOREIGN_TAGS.format(marker=marker) + theme_line
    root = make_project({"mkdocs.yml": config, "content/buy.yaml": VALID_MAP})
    result, issues = load(root)
    assert [str(issue) for issue in issues] == []
    assert [journey.id for journey in result.project.maps] == ["buy"]
    assert not marker.exists()


def test_a_tag_inside_the_journeys_options_is_resolved_by_mkdocs(make_project, monkeypatch):
    monkeypatch.setenv("JOURNEYS_MAPS", "content")
    config = "site_name: t\nplugins:\n  - journeys:\n      maps_dir: !ENV JOURNEYS_MAPS\n"
    result, issues = load(make_project({"mkdocs.yml": config, "content/buy.yaml": VALID_MAP}))
    assert issues == []
    assert [journey.location.path for journey in result.project.maps] == ["content/buy.yaml"]


def test_a_merge_key_inside_the_journeys_options_is_resolved_by_mkdocs(make_project):
    config = (
        "site_name: t\nextra:\n  shared: &shared\n    maps_dir: content\n"
        "plugins:\n  - journeys:\n      <<: *shared\n      max_depth: 5000\n"
    )
    root = make_project({"mkdocs.yml": config, "content/buy.yaml": VALID_MAP})
    # The options come from MkDocs' loader; the positions still from journeys' tree.
    assert errors(root) == [
        "mkdocs.yml:8:7: error: journeys option 'max_depth': must be a whole number from 1 to 1,000"
    ]
    fixed = root / "mkdocs.yml"
    fixed.write_text(config.replace("      max_depth: 5000\n", ""), encoding="utf-8")
    result, issues = load(root)
    assert issues == [] and [journey.location.path for journey in result.project.maps] == ["content/buy.yaml"]


def test_a_repeated_key_in_mkdocs_yml_replaces_the_earlier_one_as_in_mkdocs(make_project):
    config = "site_name: a\nsite_name: b\nplugins:\n  - journeys:\n      maps_dir: maps\n      maps_dir: content\n"
    result, issues = load(make_project({"mkdocs.yml": config, "content/buy.yaml": VALID_MAP}))
    assert issues == []
    assert [journey.location.path for journey in result.project.maps] == ["content/buy.yaml"]


def test_a_git_revision_with_inherit_uses_its_own_options_and_says_so(tmp_path):
    from journeys.config import settings_from_mkdocs_yml

    settings, issues = settings_from_mkdocs_yml(
        tmp_path, b"INHERIT: base.yml\nplugins:\n  - journeys:\n      theme: x\n"
    )
    assert settings.theme == "x"
    assert [str(issue) for issue in issues] == [
        "mkdocs.yml:3:5: warning: INHERIT is not followed in a git revision; journeys uses the options written "
        "in mkdocs.yml"
    ]


# -- settings that would leave the project -------------------------------------------------


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("maps_dir: /abs/path", "journeys option 'maps_dir': '/abs/path' is an absolute path; write a folder "
                                "relative to mkdocs.yml"),
        ("maps_dir: C:/maps", "journeys option 'maps_dir': 'C:/maps' is an absolute path; write a folder "
                              "relative to mkdocs.yml"),
        ("personas_dir: ../people", "journeys option 'personas_dir': '../people' leads outside the project; "
                                    "write a folder inside it"),
        ("maps_dir: content/../../maps", "journeys option 'maps_dir': 'content/../../maps' leads outside the "
                                         "project; write a folder inside it"),
        ('maps_dir: "maps\\0x"', "journeys option 'maps_dir': 'maps\\x00x' holds a control character; it cannot "
                                  "name a folder"),
        ("maps_dir: " + "m" * 300, "journeys option 'maps_dir': '" + "m" * 57 + "...' has a name longer than 255 "
                                   "bytes; it cannot name a folder"),
        ("max_depth: 5000", "journeys option 'max_depth': must be a whole number from 1 to 1,000"),
        ("max_nodes: true", "journeys option 'max_nodes': must be a whole number from 1 to 100,000,000"),
        ("max_file_size: 0", "journeys option 'max_file_size': must be a whole number from 1 to 1,000,000,000"),
    ],
)  # fmt: skip
def test_options_that_leave_the_project_or_their_range_are_errors_at_the_option(cli, make_project, option, message):
    config = f"site_name: t\nplugins:\n  - journeys:\n      {option}\n"
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"mkdocs.yml:4:7: error: {message}"


def test_folders_inside_the_project_written_oddly_are_fine(make_project):
    config = "site_name: t\nplugins:\n  - journeys:\n      maps_dir: ./content/../maps/\n"
    result, issues = load(make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP}))
    assert issues == [] and len(result.project.maps) == 1


# -- merge keys in content files -------------------------------------------------------------


def test_a_merge_key_in_a_stage_is_an_error_at_the_key(cli, make_project):
    text = (
        "title: T\npersonas: [sam]\nx-base: &base\n  name: Purchase\n"
        "stages:\n  - <<: *base\n    steps:\n      - name: Pays\n"
    )
    root = make_project({"maps/buy.yaml": text})
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "maps/buy.yaml:6:5: error: merge keys ('<<') are not supported: journeys reads plain YAML; write the fields out"
    )


def test_a_quoted_double_angle_key_is_an_ordinary_unknown_field(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + "'<<': 1\n"})
    assert errors(root) == ["maps/buy.yaml:8:1: error: unknown field '<<' in a journey map"]


def test_an_oversized_mkdocs_yml_is_refused_unread(make_project):
    config = "site_name: t\n# " + "x" * 1_000_000 + "\n"
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [
        "mkdocs.yml:1:1: error: cannot read mkdocs.yml: file is more than the 1,000,000-byte limit; not read"
    ]


def test_journeys_serve_refuses_the_bomb_before_mkdocs_reads_it(cli, make_project):
    root = make_project({"mkdocs.yml": bomb_config(), "maps/buy.yaml": VALID_MAP})
    started = time.perf_counter()
    result = cli("serve", root, "--dev-addr", "127.0.0.1:0")
    assert result.exit_code == 1
    assert result.output.startswith("mkdocs.yml:10:55: error: cannot read mkdocs.yml: document expands")
    assert time.perf_counter() - started < 5
