"""The journeys block of mkdocs.yml: the emotion scale, folders, limits, and every way
the configuration can be wrong (reported as issues at the option, never a traceback)."""

from __future__ import annotations

import pytest

from issue_helpers import VALID_MAP, errors, issue_lines, load, step_map
from journeys.model import EmotionScale

# -- the emotion scale and other configuration ----------------------------------------------


def plugin_config(options: str) -> str:
    return "site_name: Journeys\nplugins:\n  - search\n  - journeys:\n" + options


def test_emotion_scale_from_mkdocs_yml(make_project):
    config = plugin_config(
        "      emotion_scale:\n        min: 1\n        max: 5\n        labels: {1: Furious, 5: Delighted}\n"
    )
    text = step_map("        emotion: 5\n      - name: Waits\n        emotion: 0\n")
    result, issues = load(make_project({"mkdocs.yml": config, "maps/buy.yaml": text}))
    assert [str(i) for i in issues] == ["maps/buy.yaml:9:18: error: emotion 0 is outside the scale +1..+5"]
    assert result.project.scale == EmotionScale(
        minimum=1, maximum=5, labels=((1, "Furious"), (2, "+2"), (3, "+3"), (4, "+4"), (5, "Delighted"))
    )


def test_default_scale_labels_can_be_renamed(make_project):
    config = plugin_config("      emotion_scale:\n        labels: {0: Meh}\n")
    result, issues = load(make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP}))
    assert issues == []
    assert result.project.scale.label_for(0) == "Meh"
    assert result.project.scale.label_for(2) == "Very positive"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("      emotion_scale: {min: 2, max: 2}\n",
         "mkdocs.yml:5:7: error: emotion_scale: min (2) must be below max (2)"),
        ("      emotion_scale: {labels: {7: Ecstatic}}\n",
         "mkdocs.yml:5:7: error: emotion_scale: label key 7 is not a whole score in -2..2"),
        ("      emotion_scale: {labels: {1: [a, b]}}\n",
         "mkdocs.yml:5:7: error: emotion_scale: the label of 1 must be a short text, not a list or mapping"),
        ("      emotion_scale: {labels: {1: " + "x" * 61 + "}}\n",
         "mkdocs.yml:5:7: error: emotion_scale: the label of 1 is 61 characters long; keep it under 60"),
        ("      emotion_scale: {labels: {1: ''}}\n",
         "mkdocs.yml:5:7: error: emotion_scale: the label of 1 must not be empty"),
        ("      emotion_scale: {labels: {1: \"a\\nb\"}}\n",
         "mkdocs.yml:5:7: error: emotion_scale: the label of 1 must be one line of text without control characters"),
        ("      emotion_scale: {min: -1000000000}\n",
         "mkdocs.yml:5:7: error: emotion_scale: -1000000000..2 has more than 100 steps; use a smaller range"),
        ("      emotion_scale: {min: low}\n",
         "mkdocs.yml:5:7: error: journeys option 'emotion_scale': Sub-option 'min': "
         "Expected type: <class 'int'> but received: <class 'str'>"),
        ("      max_depth: deep\n",
         "mkdocs.yml:5:7: error: journeys option 'max_depth': "
         "Expected type: <class 'int'> but received: <class 'str'>"),
    ],
)  # fmt: skip
def test_bad_scale_or_option_config_is_an_issue_at_the_option(make_project, options, expected):
    root = make_project({"mkdocs.yml": plugin_config(options), "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [expected]


def test_unknown_plugin_option_is_a_warning(make_project):
    root = make_project({"mkdocs.yml": plugin_config("      map_dir: maps\n"), "maps/buy.yaml": VALID_MAP})
    assert issue_lines(root) == [
        "mkdocs.yml:5:7: warning: journeys option 'map_dir': Unrecognised configuration name: map_dir"
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        # journeys' own reader (libyaml) words syntax errors in mkdocs.yml as in content files.
        ("site_name: [Journeys\n", "mkdocs.yml:2:1: error: cannot read mkdocs.yml: did not find expected ',' or ']' "
         "(while parsing a flow sequence)"),
        ("site_name: a\n  nav: b\n",
         "mkdocs.yml:2:6: error: cannot read mkdocs.yml: mapping values are not allowed in this context"),
        ("site_name: a\nplugins:\n  - journeys: [1]\n",
         "mkdocs.yml:3:5: error: the journeys plugin options must be a mapping"),
    ],
)  # fmt: skip
def test_broken_mkdocs_yml_is_an_issue_at_its_line(make_project, config, expected):
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [expected]


def test_config_issue_positions_with_the_mapping_form_and_env_tags(make_project):
    config = (
        "site_name: !ENV [SITE_NAME, Journeys]\n"
        "plugins:\n"
        "  search: {}\n"
        "  journeys:\n"
        "    theme: default\n"
        "    max_nodes: !ENV [NOT_SET_ANYWHERE, many]\n"
    )
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert errors(root) == [
        "mkdocs.yml:6:5: error: journeys option 'max_nodes': Expected type: <class 'int'> but received: <class 'str'>"
    ]


def test_inherited_config_is_read(make_project):
    # MkDocs' INHERIT resolves beside mkdocs.yml; the options live in the parent file,
    # so their problems have no position in mkdocs.yml itself.
    base = "plugins:\n  - journeys:\n      emotion_scale: {min: 1, max: 5, labels: {9: Wow}}\n"
    root = make_project(
        {"base.yml": base, "mkdocs.yml": "INHERIT: base.yml\nsite_name: t\n", "maps/buy.yaml": VALID_MAP}
    )
    result, issues = load(root)
    assert result.project.scale.describe() == "+1..+5"
    assert [str(issue) for issue in issues] == [
        "mkdocs.yml:1:1: error: emotion_scale: label key 9 is not a whole score in 1..5",
        "maps/buy.yaml:7:18: error: emotion -1 is outside the scale +1..+5",
    ]


@pytest.mark.parametrize("plugins", ["5", "journeys", "[[journeys]]", "{journeys: {maps_dir: maps}}"])
def test_odd_plugins_values_never_crash(make_project, plugins):
    root = make_project({"mkdocs.yml": f"site_name: a\nplugins: {plugins}\n", "maps/buy.yaml": VALID_MAP})
    assert issue_lines(root) == []


def test_folders_come_from_the_plugin_config(make_project):
    config = plugin_config("      maps_dir: content/journeys\n      personas_dir: content/people\n")
    root = make_project(
        {"mkdocs.yml": config, "content/journeys/buy.yaml": VALID_MAP, "content/people/sam.yaml": "name: Sam\n"},
        personas=False,
    )
    result, issues = load(root)
    assert issues == []
    assert [m.location.path for m in result.project.maps] == ["content/journeys/buy.yaml"]
    assert [p.location.path for p in result.project.personas] == ["content/people/sam.yaml"]
