"""`journeys import ems`: an Enablement Map Studio file's customer journey map (its `cjm`
document, as cjm.json in suwa-sh/enablement-map-studio defines it) becomes a map, with
what was left out said at FILE:LINE:COL; a file that breaks the schema imports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.config import load_settings
from journeys.formats import rescaled
from journeys.loading.project import load_project
from journeys.loading.yamltree import Limits, YamlProblem, parse_yaml, parse_yaml_documents
from journeys.model import EmotionScale, Project

FIXTURE = Path(__file__).parent / "fixtures" / "ems" / "onboarding.yaml"
TEXT = FIXTURE.read_text(encoding="utf-8")


def project_of(root: Path) -> Project:
    settings, issues = load_settings(root)
    assert issues == []
    result = load_project(settings)
    assert [str(issue) for issue in result.issues if issue.severity == "error"] == []
    return result.project


def written(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for folder in ("maps", "personas") for path in (root / folder).iterdir())


def test_a_file_imports_with_its_phases_actions_and_scores(cli, make_project) -> None:
    root = make_project()
    result = cli("import", "ems", FIXTURE, "--project", root)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {root / 'maps/tool-onboarding.yaml'}\nwrote {root / 'personas/new-team-member.yaml'}\n"
    )
    assert result.stderr.splitlines() == [
        f"{FIXTURE}:1:1: warning: Enablement Map Studio maps have no title: titled 'Tool onboarding' after the id;"
        " edit it in the map",
        f"{FIXTURE}:43:5: warning: 'comment' in an action is not an Enablement Map Studio field; left out",
        f"{FIXTURE}:45:1: warning: the service blueprint ('kind: sbp') has no place in a journey map; left out",
        f"{FIXTURE}:59:1: warning: the outcome (KGI, CSF, KPI) ('kind: outcome') has no place in a journey map;"
        " left out",
        f"{FIXTURE}:66:1: warning: the enablement map ('kind: em') has no place in a journey map; left out",
        "1 file checked: 0 errors, 5 warnings",
    ]
    project = project_of(root)
    journey = project.map("tool-onboarding")
    assert journey is not None
    assert (journey.title, journey.personas) == ("Tool onboarding", ("new-team-member",))
    # Actions are grouped under their phase, in the file's order (ask-for-help is last in the file).
    assert [(stage.id, stage.name, [step.id for step in stage.steps]) for stage in journey.stages] == [
        ("request", "Request access", ["fill-form"]),
        ("setup", "Set up", ["install", "ask-for-help"]),
        ("first-use", "First use", ["first-commit"]),
    ]
    steps = {step.id: step for _, step in journey.steps()}
    assert {step_id: step.emotion_for("new-team-member") for step_id, step in steps.items()} == {
        "fill-form": -1, "install": 0, "ask-for-help": -2, "first-commit": 2,
    }  # fmt: skip
    assert steps["fill-form"].name == "Fills in the access form"
    assert steps["fill-form"].touchpoint == "Service portal, Manager approval email"
    assert steps["fill-form"].thoughts.shared == (
        "Which of these twelve roles do I need? / I hope my manager approves it today"
    )
    assert (steps["install"].thoughts.shared, steps["first-commit"].touchpoint) == (None, None)
    persona = project.persona("new-team-member")
    assert persona is not None
    assert (persona.name, persona.description) == (
        "New team member",
        "Joins a product team and has to get the team's tools working in the first week.",
    )
    text = (root / "maps/tool-onboarding.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Imported by 'journeys import ems' from {FIXTURE}, line 1.\ntitle: Tool onboarding\n")
    assert "    x-ems-id: cjm:action:fill-form\n" in text  # the way back to the tool's own ids


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (-2, 2, [-2, -1, 0, 1, 2]),
        (1, 5, [1, 2, 3, 4, 5]),
        (0, 10, [0, 2.5, 5, 7.5, 10]),
        (-3, 3, [-3, -1.5, 0, 1.5, 3]),
    ],
)
def test_scores_are_placed_linearly_on_the_projects_scale(low: int, high: int, expected: list[float]) -> None:
    scale = EmotionScale(low, high, ())
    assert [rescaled(score, -2, 2, scale) for score in range(-2, 3)] == expected


def test_a_project_scale_of_one_to_five(cli, make_project) -> None:
    root = make_project({"mkdocs.yml": "plugins:\n  - journeys:\n      emotion_scale: {min: 1, max: 5}\n"})
    assert cli("import", "ems", FIXTURE, "--project", root).exit_code == 0
    journey = project_of(root).map("tool-onboarding")
    assert journey is not None
    assert [step.emotion_for("new-team-member") for _, step in journey.steps()] == [2, 3, 1, 5]


def test_an_existing_persona_is_reused_by_name(cli, make_project, tmp_path: Path) -> None:
    root = make_project()
    source = tmp_path / "studio.yaml"
    source.write_text(TEXT.replace("name: New team member", "name: sam okafor"), encoding="utf-8")
    result = cli("import", "ems", source, "--project", root)
    assert result.exit_code == 0, result.output
    assert f"{source}:6:3: warning: the persona is the project's 'sam'; this description of them is left out" in (
        result.stderr.splitlines()
    )
    assert written(root) == ["maps/tool-onboarding.yaml", "personas/sam.md"]
    journey = project_of(root).map("tool-onboarding")
    assert journey is not None and journey.personas == ("sam",)


NON_LATIN = """\
kind: cjm
version: '1.0'
id: cjm:システム
phases:
  - id: cjm:phase:要件定義
    name: 要件定義
  - id: cjm:phase:uat
    name: UAT
actions:
  - id: cjm:action:b1f37928-9185-4f96-9582-e4490a4a956b
    name: 要件定義レビュー
    phase: cjm:phase:要件定義
    emotion_score: -1
  - id: cjm:action:確認
    name: 動きを確認する
    phase: cjm:phase:uat
    emotion_score: 1
  - id: cjm:action:lost
    name: 迷子
    phase: cjm:phase:none
    emotion_score: 0
"""


def test_non_latin_text_ids_without_latin_letters_and_a_missing_persona(cli, make_project, tmp_path: Path) -> None:
    root = make_project()
    source = tmp_path / "Studio Export.yaml"
    source.write_text(NON_LATIN, encoding="utf-8")
    result = cli("import", "ems", source, "--project", root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{source}:1:1: warning: Enablement Map Studio maps have no title: titled 'Studio export' after the id;"
        " edit it in the map",
        f"{source}:1:1: warning: the cjm document names no persona: the map's persona is 'Customer'",
        f"{source}:20:12: warning: the action '迷子' is in the phase 'cjm:phase:none', which is not among the phases;"
        " left out",
        "1 file checked: 0 errors, 3 warnings",
    ]
    assert written(root) == ["maps/studio-export.yaml", "personas/customer.yaml", "personas/sam.md"]
    journey = project_of(root).map("studio-export")
    assert journey is not None
    assert [(stage.id, stage.name, [(s.id, s.name) for s in stage.steps]) for stage in journey.stages] == [
        ("phase-1", "要件定義", [("b1f37928-9185-4f96-9582-e4490a4a956b", "要件定義レビュー")]),
        ("uat", "UAT", [("step-2", "動きを確認する")]),
    ]


def test_only_the_last_cjm_document_is_read_as_the_tool_reads_it(cli, make_project, tmp_path: Path) -> None:
    root = make_project()
    source = tmp_path / "two.yaml"
    source.write_text("kind: cjm\nid: cjm:first\n---\n" + TEXT.split("---\n")[0], encoding="utf-8")
    result = cli("import", "ems", source, "--project", root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"{source}:1:1: warning: an earlier 'kind: cjm' document; Enablement Map Studio reads the last one,"
        " as journeys does; left out"
    )
    assert written(root) == ["maps/tool-onboarding.yaml", "personas/new-team-member.yaml", "personas/sam.md"]


def _bomb() -> str:
    lines = ["kind: cjm", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdef", "abcde", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    return "\n".join(lines) + "\n"


BAD_INPUTS = {
    "no cjm document": (
        TEXT.split("---\n", 1)[1],
        "1:1: error: no 'kind: cjm' document: an Enablement Map Studio file keeps its customer journey map in one;"
        " nothing imported",
    ),
    "phases as text": (
        TEXT.replace(TEXT[TEXT.index("phases:") : TEXT.index("actions:")], "phases: Request access\n"),
        "8:9: error: phases must be a list, not 'Request access'",
    ),
    "no phases": (
        TEXT.replace(TEXT[TEXT.index("phases:") : TEXT.index("actions:")], "phases: []\n"),
        "8:9: error: phases is empty: a journey map needs at least one stage",
    ),
    "a score that is a word": (
        TEXT.replace("emotion_score: 0\n", "emotion_score: high\n"),
        "31:20: error: emotion_score must be a whole number from -2 to +2, not 'high'",
    ),
    "a score out of the tool's range": (
        TEXT.replace("emotion_score: 2\n", "emotion_score: 3\n"),
        "37:20: error: emotion_score 3 is outside Enablement Map Studio's scale, -2 to +2",
    ),
    "a name that is a list": (
        TEXT.replace("name: Installs the client", "name: [Installs, the client]"),
        "27:11: error: an action's name must be text, not a list",
    ),
    "touchpoints as a mapping": (
        TEXT.replace("touchpoints: [Team chat]", "touchpoints: {chat: Team chat}"),
        "41:18: error: touchpoints must be a list, not a mapping",
    ),
    "a phase that is a list": (
        TEXT.replace("  - id: cjm:phase:setup\n    name: Set up\n", "  - ['cjm:phase:setup', Set up]\n"),
        "11:5: error: a phase must be a mapping of fields, not a list",
    ),
    "truncated in an action": (
        TEXT[: TEXT.index("      - I hope my manager")],
        "16:5: error: an action is missing the required field 'emotion_score'",
    ),
    "truncated in a quoted value": (
        TEXT[: TEXT.index("'1.0'") + 3],
        "2:13: error: found unexpected end of stream (while scanning a quoted scalar)",
    ),
    "an alias bomb": (_bomb(), "6:36: error: document expands to more than 100,000 values"),
    "a python tag": (
        TEXT.replace("emotion_score: 0\n", "emotion_score: !!python/object/apply:os.system [ls]\n"),
        "31:20: error: tag '!!python/object/apply:os.system' is not allowed: journeys reads plain YAML only",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_a_located_error_and_writes_nothing(cli, make_project, tmp_path: Path, case: str) -> None:
    root = make_project()
    text, expected = BAD_INPUTS[case]
    source = tmp_path / "studio.yaml"
    source.write_text(text, encoding="utf-8")
    result = cli("import", "ems", source, "--project", root)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"{source}:{expected}"), result.stderr
    assert result.stderr.endswith("nothing written\n")
    assert written(root) == ["personas/sam.md"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"kind: cjm\n\x89PNG\r\n\x1a\n\0\0\0", "4:1: error: is a binary file, not text; nothing imported"),
        (b"kind: cjm\nid: caf\xe9\n", "2:8: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8\n"),
        (b"#" * 50_000_000, "1:1: error: file is 50,000,000 bytes, more than journeys imports (10,000,000);"),
    ],
    ids=["binary", "not UTF-8", "50 MB"],
)
def test_unreadable_files_are_refused(cli, make_project, tmp_path: Path, content: bytes, expected: str) -> None:
    root = make_project()
    source = tmp_path / "studio.yaml"
    source.write_bytes(content)
    result = cli("import", "ems", source, "--project", root)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{source}:{expected}")
    assert written(root) == ["personas/sam.md"]


# -- several YAML documents in one file ------------------------------------------------


def test_documents_of_a_stream_keep_their_lines_and_their_own_anchors() -> None:
    documents = parse_yaml_documents("a: &x 1\nb: *x\n---\n- c\n---\n")
    assert [(node.line, node.is_mapping) for node in documents] == [(1, True), (4, False), (6, False)]
    with pytest.raises(YamlProblem, match=r"alias '\*x' refers to no complete anchor '&x'") as problem:
        parse_yaml_documents("a: &x 1\n---\nb: *x\n")
    assert problem.value.line == 3
    with pytest.raises(YamlProblem, match="several YAML documents in one file"):
        parse_yaml("a: 1\n---\nb: 2\n")


def test_the_node_budget_is_for_the_whole_stream() -> None:
    document = "- [" + ", ".join(["x"] * 40) + "]\n"
    assert len(parse_yaml_documents("---\n".join([document] * 2), Limits(max_nodes=100))) == 2
    with pytest.raises(YamlProblem, match="more than 100 values") as problem:
        parse_yaml_documents("---\n".join([document] * 3), Limits(max_nodes=100))
    assert problem.value.line == 5


def test_stage_and_step_ids_stay_distinct() -> None:
    from journeys.formats import ImportContext, InputFile
    from journeys.formats.ems import import_file

    text = (
        "kind: cjm\nid: cjm:x\npersona: {name: Sam}\n"
        "phases: [{id: 'cjm:phase:phase-2', name: A}, {id: 'x:phase-2', name: Phase 2}]\n"
        "actions: [{id: 'cjm:action:phase-2', name: Phase 2 2, phase: 'x:phase-2', emotion_score: 0}]\n"
    )
    settings, _ = load_settings(Path("."))
    imported = import_file(InputFile("x.yaml", text), ImportContext(settings, {"sam": "Sam"}))
    [journey] = [item.data for item in imported.files]
    stages = journey["stages"]
    assert isinstance(stages, list)
    assert [(stage["id"], [step["id"] for step in stage["steps"]]) for stage in stages] == [
        ("phase-2", []), ("phase-2-2", ["step-1"]),
    ]  # fmt: skip
