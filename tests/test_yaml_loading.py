"""Safe loading: every way a file can be unreadable is one precise issue, never a traceback.

Each test writes a real project folder and runs the real loader; assertions are on the
exact ``path:line:col: severity: message`` lines a user would read.
"""

from __future__ import annotations

import os
import tracemalloc

import pytest

from issue_helpers import VALID_MAP, errors, issue_lines, load
from journeys.loading.yamltree import Limits, YamlProblem, parse_yaml

# -- syntax --------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_key_and_names_the_first_line(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + "title: Again\n"})
    assert errors(root) == [
        "maps/buy.yaml:8:1: error: duplicate key 'title' (first defined on line 1)",
    ]


def test_nested_duplicate_key_is_found_inside_a_step(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + "        emotion: 1\n"})
    assert errors(root) == [
        "maps/buy.yaml:8:9: error: duplicate key 'emotion' (first defined on line 7)",
    ]


def test_tab_indentation_is_named_as_such(make_project):
    text = VALID_MAP.replace("        emotion", "\temotion")
    root = make_project({"maps/buy.yaml": text.encode()})
    assert errors(root) == [
        "maps/buy.yaml:7:1: error: tab character used for indentation; YAML indents with spaces",
    ]


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system"],
)
def test_python_tags_are_refused_and_nothing_is_executed(make_project, tmp_path, tag):
    marker = tmp_path / "pwned"
    payload = f'owner: {tag} ["touch {marker}"]\n'
    root = make_project({"maps/buy.yaml": VALID_MAP + payload})
    shown = tag.split(" ")[0]
    assert errors(root) == [
        f"maps/buy.yaml:8:8: error: tag '{shown}' is not allowed: journeys reads plain YAML only",
    ]
    assert not marker.exists()


def test_a_custom_tag_on_a_key_is_refused(make_project):
    root = make_project({"maps/buy.yaml": "!custom title: x\n"})
    assert errors(root) == ["maps/buy.yaml:1:1: error: tag '!custom' is not allowed: journeys reads plain YAML only"]


def test_a_core_tag_must_match_its_value(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP.replace("emotion: -1", "emotion: !!int high")})
    assert errors(root) == ["maps/buy.yaml:7:18: error: 'high' is not a valid int"]


def test_a_top_level_list_is_not_a_map(make_project):
    root = make_project({"maps/buy.yaml": "- title: A\n- title: B\n"})
    assert errors(root) == ["maps/buy.yaml:1:1: error: a journey map must be a mapping of fields, not a list"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "~\n", "---\n...\n"])
def test_an_empty_file_is_one_error(make_project, text):
    root = make_project({"maps/buy.yaml": text})
    assert errors(root) == ["maps/buy.yaml:1:1: error: file is empty"]


def test_two_documents_in_one_file(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + "---\ntitle: Second\n"})
    assert errors(root) == [
        "maps/buy.yaml:8:1: error: several YAML documents in one file; keep one per file",
    ]


def test_an_alias_to_an_unfinished_anchor_is_refused(make_project):
    root = make_project({"maps/buy.yaml": "title: T\nstages: &s [*s]\n"})
    assert errors(root) == ["maps/buy.yaml:2:13: error: alias '*s' refers to no complete anchor '&s'"]


def test_a_list_used_as_a_key_is_refused(make_project):
    root = make_project({"maps/buy.yaml": "? [a, b]\n: value\n"})
    assert errors(root) == ["maps/buy.yaml:1:3: error: a mapping key must be plain text, not a list or mapping"]


def test_aliases_within_budget_are_read_as_plain_values(make_project):
    text = VALID_MAP.replace("        emotion: -1", "        pain_points: &pains [Slow, Costly]\n") + (
        "      - name: Confirms order\n        pain_points: *pains\n"
    )
    result, issues = load(make_project({"maps/buy.yaml": text}))
    assert [str(i) for i in issues] == []
    steps = [step for _, step in result.project.maps[0].steps()]
    assert [p.text for p in steps[1].pain_points] == ["Slow", "Costly"]


# -- bounded cost ----------------------------------------------------------------------


def billion_laughs(levels: int = 10) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def peak_memory(action) -> tuple[object, int]:
    """Run ``action`` and return its result and the peak Python memory it allocated."""
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_billion_laughs_is_rejected_with_bounded_memory(make_project):
    # 10 levels of 10 aliases expand to 10**10 values. Lines 1-4 hold 12,344 values; each
    # '*a3' on line 5 adds 11,111, so the 8th one (column 45) crosses the 100,000 budget,
    # and the error points at that alias.
    root = make_project({"maps/buy.yaml": billion_laughs()})
    lines, peak = peak_memory(lambda: errors(root))
    assert lines == [
        "maps/buy.yaml:5:45: error: document expands to more than 100,000 values "
        "(check aliases: '*name' repeats everything under '&name')",
    ]
    assert peak < 20_000_000, f"{peak:,} bytes for a 1 KB file"


def test_the_alias_budget_counts_every_use_of_an_alias():
    # Only 4 levels (12,345 values): fine under the default budget. Under a budget of 1,000,
    # lines 1-2 hold 122 values and each '*a1' on line 3 adds 111: the 8th (column 45) fails.
    text = billion_laughs(levels=4)
    assert parse_yaml(text, Limits()) is not None
    with pytest.raises(YamlProblem) as problem:
        parse_yaml(text, Limits(max_nodes=1_000))
    assert (problem.value.line, problem.value.column, problem.value.code) == (3, 45, "yaml-too-large")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # The 65th '[' is at column 65.
        ("[" * 2000 + "]" * 2000, "1:65"),
        # Compact block lists '- - - ...': the 65th list starts at column 1 + 2 * 64.
        ("- " * 2000 + "x\n", "1:129"),
        # The root mapping is level 1; the 64th '{' (level 65) is at column 4 + 4 * 63.
        ("a: " + "{b: " * 2000 + "c" + "}" * 2000 + "\n", "1:256"),
        # Indented block mappings: line 65 holds the 65th level, indented 2 * 64 spaces.
        ("".join("  " * depth + "a:\n" for depth in range(100)) + "  " * 100 + "b\n", "65:129"),
    ],
    ids=["flow-lists", "block-lists", "flow-mappings", "block-mappings"],
)
def test_2000_deep_nesting_is_rejected_at_the_65th_level_with_bounded_memory(make_project, text, position):
    root = make_project({"maps/buy.yaml": text})
    lines, peak = peak_memory(lambda: errors(root))
    assert lines == [f"maps/buy.yaml:{position}: error: nesting is deeper than 64 levels"]
    assert peak < 20_000_000, f"{peak:,} bytes"


def test_max_depth_and_max_nodes_come_from_mkdocs_yml(make_project):
    config = "site_name: t\nplugins:\n  - journeys:\n      max_depth: 3\n"
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    # Levels: the map (1) > stages list (2) > a stage (3) > its steps list (4), at 6:7.
    assert errors(root) == ["maps/buy.yaml:6:7: error: nesting is deeper than 3 levels"]


# -- bytes and characters ----------------------------------------------------------------


def test_invalid_utf8_names_the_byte_and_where_it_is(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP.encode() + b"owner: caf\xe9 team\n"})
    assert errors(root) == [
        "maps/buy.yaml:8:11: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
    ]


def test_invalid_utf8_column_counts_characters_not_bytes(make_project):
    root = make_project({"maps/buy.yaml": "title: \u00e9\u00e9 ".encode() + b"\xff\n"})
    # 'title: ' is 7 characters, then 2 accented letters (4 bytes) and a space: 0xff is column 11.
    assert errors(root) == ["maps/buy.yaml:1:11: error: file is not valid UTF-8 (byte 0xff); save it as UTF-8"]


def test_a_raw_control_character_is_reported_at_its_character_column(make_project):
    # Regression: the C parser counts bytes, so each 'é' before it used to add a column.
    root = make_project({"maps/buy.yaml": "title: caf\u00e9\u00e9\x07\n".encode()})
    assert errors(root) == ["maps/buy.yaml:1:13: error: character U+0007 is not allowed in YAML"]


def test_a_byte_order_mark_and_windows_line_ends_keep_true_positions(make_project):
    text = "\ufeff" + VALID_MAP.replace("emotion: -1", "emotion: 7").replace("\n", "\r\n")
    root = make_project({"maps/buy.yaml": text.encode()})
    assert errors(root) == ["maps/buy.yaml:7:18: error: emotion 7 is outside the scale -2..+2"]


# -- files on disk -------------------------------------------------------------------------


def test_a_symlink_pointing_outside_the_project_is_not_read(make_project, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("this: [is not read\n", encoding="utf-8")
    root = make_project({"maps/buy.yaml": VALID_MAP})
    os.symlink(secret, root / "maps" / "leak.yaml")
    assert issue_lines(root) == ["maps/leak.yaml:1:1: error: symlink points outside the project; not read"]


def test_a_symlink_inside_the_project_is_read(make_project):
    root = make_project({"shared/buy.yaml": VALID_MAP})
    os.symlink(root / "shared" / "buy.yaml", root / "maps" / "buy.yaml")
    result, issues = load(root)
    assert issues == []
    assert [journey.id for journey in result.project.maps] == ["buy"]


def test_broken_and_looping_symlinks_are_reported_not_a_traceback(make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP})
    os.symlink("nowhere.yaml", root / "maps" / "dangling.yaml")
    os.symlink("loop-b.yaml", root / "maps" / "loop-a.yaml")
    os.symlink("loop-a.yaml", root / "maps" / "loop-b.yaml")
    assert errors(root) == [
        f"maps/{name}.yaml:1:1: error: symlink leads nowhere (missing target or a loop); not read"
        for name in ("dangling", "loop-a", "loop-b")
    ]


def test_a_maps_folder_outside_the_project_is_refused(make_project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "buy.yaml").write_text(VALID_MAP, encoding="utf-8")
    config = "site_name: t\nplugins:\n  - journeys:\n      maps_dir: ../elsewhere\n"
    root = make_project({"mkdocs.yml": config})
    assert errors(root) == [
        "mkdocs.yml:4:7: error: journeys option 'maps_dir': '../elsewhere' leads outside the project; "
        "write a folder inside it"
    ]
    assert load(root)[0].project.maps == ()


def test_a_30_mb_file_is_refused_without_being_read(make_project):
    big = VALID_MAP.encode() + b"description: " + b"x" * 30_000_000 + b"\n"
    root = make_project({"maps/buy.yaml": big})
    lines, peak = peak_memory(lambda: errors(root))
    size = f"{len(big):,}"
    assert lines == [
        f"maps/buy.yaml:1:1: error: file is {size} bytes, more than the 1,000,000-byte limit (max_file_size); not read"
    ]
    assert peak < 5_000_000, f"{peak:,} bytes: the file was read"


def test_a_map_file_name_that_is_not_a_valid_id(make_project):
    root = make_project({"maps/Checkout Flow.yaml": VALID_MAP})
    assert errors(root) == [
        "maps/Checkout Flow.yaml:1:1: error: file name 'Checkout Flow' is not a valid map id: "
        "use lowercase letters, digits and '-' (e.g. 'checkout-flow')",
    ]


def test_two_files_for_one_persona_id(make_project):
    root = make_project({"personas/sam.yaml": "name: Sam again\n", "maps/buy.yaml": VALID_MAP})
    assert errors(root) == ["personas/sam.yaml:1:1: error: persona 'sam' is already defined in personas/sam.md"]


def test_readme_hidden_and_other_files_beside_content_are_ignored(make_project):
    root = make_project(
        {
            "maps/buy.yaml": VALID_MAP,
            "maps/README.md": "# About these maps\n",
            "maps/.draft.yaml": "[broken\n",
            "maps/_wip.yaml": "[broken\n",
            "maps/notes.txt": "[broken\n",
        }
    )
    assert issue_lines(root) == []


# -- front matter --------------------------------------------------------------------------


def test_a_persona_with_unterminated_front_matter(make_project):
    root = make_project({"personas/pat.md": "---\nname: Pat\nrole: Buyer\n\nPat's notes.\n"})
    assert errors(root) == [
        "personas/pat.md:1:1: error: front matter opened on line 1 is never closed with a '---' line",
    ]


def test_a_persona_without_front_matter(make_project):
    root = make_project({"personas/pat.md": "# Pat\n\nname: Pat\n"})
    assert errors(root) == [
        "personas/pat.md:1:1: error: expected front matter: the file must start with a '---' line",
    ]


@pytest.mark.parametrize("text", ["", "\n", "  \n\n"])
def test_an_empty_markdown_file_is_called_empty(make_project, text):
    root = make_project({"personas/pat.md": text})
    assert errors(root) == ["personas/pat.md:1:1: error: file is empty"]


def test_a_symlinked_maps_folder_pointing_outside_is_refused(make_project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "buy.yaml").write_text(VALID_MAP, encoding="utf-8")
    root = make_project()
    (root / "maps").rmdir()
    os.symlink(tmp_path / "elsewhere", root / "maps")
    assert errors(root) == ["maps:1:1: error: folder is outside the project; not read"]


def test_empty_front_matter(make_project):
    root = make_project({"personas/pat.md": "---\n---\nPat's notes.\n"})
    assert errors(root) == ["personas/pat.md:2:1: error: front matter is empty"]


MARKDOWN_MAP = """\
---
title: Returning a parcel
personas: [sam]
stages:
  - name: Return
    steps:
      - name: Prints the label
        emotion: {emotion}
---

# What we learned

emotion: 99 here is narrative, not data.
"""


def test_a_markdown_map_reports_true_file_lines(make_project):
    root = make_project({"maps/returns.md": MARKDOWN_MAP.format(emotion="9")})
    assert errors(root) == ["maps/returns.md:8:18: error: emotion 9 is outside the scale -2..+2"]


def test_a_markdown_map_keeps_its_narrative_body(make_project):
    root = make_project({"maps/returns.md": MARKDOWN_MAP.format(emotion="-2")})
    result, issues = load(root)
    assert issues == []
    (journey,) = result.project.maps
    assert journey.title == "Returning a parcel"
    assert journey.narrative == "# What we learned\n\nemotion: 99 here is narrative, not data.\n"
    assert journey.stages[0].steps[0].location.line == 7


def test_a_syntax_error_in_front_matter_is_at_its_file_line(make_project):
    root = make_project({"personas/pat.md": "---\nname: Pat\ngoals: [Save money\n---\nNotes.\n"})
    assert errors(root) == [
        "personas/pat.md:4:1: error: did not find expected ',' or ']' (while parsing a flow sequence)",
    ]


def test_persona_yaml_and_markdown_load_into_the_model(make_project):
    persona_md = "---\nname: Pat Lee\nrole: Buyer\ngoals: [Save time]\n---\nPat's *notes*.\n"
    persona_yaml = "name: Ana\ndescription: Runs a small shop.\nchannels: [store, phone]\n"
    root = make_project(
        {
            "personas/pat.md": persona_md,
            "personas/ana.yaml": persona_yaml,
            "maps/buy.yaml": VALID_MAP.replace("[sam]", "[sam, pat, ana]"),
        }
    )
    result, issues = load(root)
    assert issues == []
    ana, pat, sam = result.project.personas
    assert (pat.name, pat.role, pat.goals, pat.body) == ("Pat Lee", "Buyer", ("Save time",), "Pat's *notes*.\n")
    assert (ana.channels, ana.description, ana.body) == (("store", "phone"), "Runs a small shop.", "")
    assert pat.description is None
    assert str(ana.location) == "personas/ana.yaml:1:1"
    assert sam.name == "Sam Okafor"


def test_a_markdown_persona_keeps_both_its_description_and_its_body(make_project):
    # Neither is dropped: the description is a summary, the body the full profile.
    persona = "---\nname: Pat Lee\ndescription: Buys for the family.\n---\nPat's notes.\n"
    root = make_project({"personas/pat.md": persona, "maps/buy.yaml": VALID_MAP.replace("[sam]", "[sam, pat]")})
    result, issues = load(root)
    assert issues == []
    pat = result.project.persona("pat")
    assert (pat.description, pat.body) == ("Buys for the family.", "Pat's notes.\n")
