"""``journeys import mermaid``: journey diagrams read as Mermaid reads them, each a map.

The fixtures in tests/fixtures/mermaid/ are written from Mermaid's grammar (journey.jison,
journeyDb.js, preprocess.ts); test_mermaid_export.py checks with Mermaid's own CLI that
Mermaid draws them."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from journeys.config import load_settings
from journeys.formats import ImportContext, InputFile
from journeys.formats.mermaid import import_file
from journeys.formats.mermaid_syntax import JS_SPACE_CHARS, MermaidSyntaxError, escape, js_number, js_trim, read_diagram
from journeys.loading.project import load_project

FIXTURES = Path(__file__).parent / "fixtures" / "mermaid"


def imported(cli, project: Path, *names: str, args: tuple[str, ...] = ()):
    """``journeys import mermaid`` of fixtures copied into the project (so issues name them relatively)."""
    for name in names:
        shutil.copy(FIXTURES / name, project / name)
    return cli("import", "mermaid", *(project / name for name in names), "--project", project, *args)


def warnings(result, project: Path) -> list[str]:
    return [line.replace(f"{project}/", "") for line in result.stderr.splitlines() if ": warning: " in line]


def model(project: Path):
    settings, issues = load_settings(project)
    loaded = load_project(settings)
    assert [str(i) for i in loaded.issues if i.severity == "error"] == []
    return loaded.project


def scores(journey) -> list[tuple[str, str, dict[str, float]]]:
    return [(stage.name, step.name, {e.persona: e.score for e in step.emotions}) for stage, step in journey.steps()]


def test_the_docs_example_becomes_a_map_with_stub_personas(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "working-day.mmd")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {project}/personas/me.yaml",
        f"wrote {project}/personas/cat.yaml",
        f"wrote {project}/maps/my-working-day.yaml",
    ]
    journey = model(project).map("my-working-day")
    assert (journey.title, journey.personas) == ("My working day", ("me", "cat"))
    assert [(s.id, s.name) for s in journey.stages] == [("go-to-work", "Go to work"), ("go-home", "Go home")]
    assert scores(journey) == [
        ("Go to work", "Make tea", {"me": 2}),
        ("Go to work", "Go upstairs", {"me": 0}),
        ("Go to work", "Do work", {"me": -2, "cat": -2}),
        ("Go home", "Go downstairs", {"me": 2}),
        ("Go home", "Sit down", {"me": 2}),
    ]
    assert model(project).persona("cat").name == "Cat"
    text = (project / "maps/my-working-day.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Imported by 'journeys import mermaid' from {project}/working-day.mmd, line 1.\n")


def test_crlf_reads_the_same_with_true_positions(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "crlf.mmd")
    assert result.exit_code == 0, result.output
    assert warnings(result, project) == ["crlf.mmd:4:7: warning: spaces around 'Make tea' trimmed"]
    assert scores(model(project).map("my-working-day"))[0] == ("Go to work", "Make tea", {"me": 2})


def test_actors_reuse_the_projects_personas_by_id_or_name(cli, make_project) -> None:
    project = make_project({"day.mmd": "journey\n  section A\n    Reads: 4: Sam Okafor\n    Writes: 2: SAM, Kim\n"})
    result = cli("import", "mermaid", project / "day.mmd", "--project", project)
    assert result.stdout.splitlines() == [f"wrote {project}/personas/kim.yaml", f"wrote {project}/maps/day.yaml"]
    journey = model(project).map("day")
    assert journey.title == "Day"  # no title: from the file name
    assert scores(journey) == [("A", "Reads", {"sam": 1}), ("A", "Writes", {"sam": -1, "kim": -1})]


def test_non_latin_text_is_kept_and_ids_fall_back(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "non-latin.mmd")
    assert result.exit_code == 0, result.output
    loaded = model(project)
    journey = loaded.map("non-latin")  # the title has no latin letters: the id comes from the file name
    assert journey.title == "私の一日"
    assert [loaded.persona(p).name for p in journey.personas] == ["田中", "Иван"]
    assert journey.personas == ("persona", "persona-2")
    assert scores(journey) == [
        ("朝", "お茶を入れる", {"persona": 2}),
        ("朝", "Читает почту", {"persona": -1, "persona-2": -1}),
        ("مساءً", "العودة إلى المنزل", {"persona-2": 1}),
    ]


def test_eleven_actors_and_one_step_per_task_name_with_its_scores(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "eleven-actors.mmd")
    assert result.exit_code == 0, result.output
    journey = model(project).map("team-retro")
    assert len(journey.personas) == 11 and journey.personas[2] == "chloe"
    steps = [step for _, step in journey.steps()]
    assert [step.name for step in steps] == ["Everyone joins", "Votes on topics"]  # the two tasks are one step
    assert {e.persona: e.score for e in steps[1].emotions} == {
        p: (1 if i < 5 else -1) for i, p in enumerate(journey.personas)
    }


def test_scores_out_of_range_are_clamped_and_kept(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "out-of-range.mmd")
    assert result.exit_code == 0, result.output
    assert warnings(result, project) == [
        "out-of-range.mmd:4:11: warning: score '0' is outside Mermaid's 1..5; imported as 1",
        "out-of-range.mmd:5:12: warning: score '7' is outside Mermaid's 1..5; imported as 5",
        "out-of-range.mmd:6:15: warning: score '-1' is outside Mermaid's 1..5; imported as 1",
        "out-of-range.mmd:8:11: warning: score 'high' is not a number; the step has no emotion",
        "out-of-range.mmd:9:11: warning: an empty score (Mermaid reads 0) is outside Mermaid's 1..5; imported as 1",
    ]
    assert [score for _, _, score in scores(model(project).map("scores-mermaid-tolerates"))] == [
        {"me": -2}, {"me": 2}, {"me": -2}, {"me": -0.5}, {}, {"me": -2}, {"me": 1},
    ]  # fmt: skip
    text = (project / "maps/scores-mermaid-tolerates.yaml").read_text(encoding="utf-8")
    assert "      - name: Seven\n        emotion: {me: 2}\n        x-mermaid-score: 7\n" in text
    assert "      - name: Word\n        x-mermaid-score: high\n" in text


def test_a_colon_ends_a_task_name_as_in_mermaid_and_an_entity_code_keeps_it(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "colon-in-name.mmd")
    assert warnings(result, project) == [
        "colon-in-name.mmd:4:10: warning: score 'by card' is not a number; the step has no emotion "
        "(a ':' in a task name ends the name in Mermaid; write #58; for it)",
        "colon-in-name.mmd:4:20: warning: Mermaid ignores ': Me' after the actors; left out",
    ]
    journey = model(project).map("paying")
    assert scores(journey) == [("Checkout", "Pay", {}), ("Checkout", "Pay: by card", {"me": 1})]
    assert journey.personas == ("4", "me")  # Mermaid reads '4' as the actor


def test_front_matter_directives_comments_and_acc_fields(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "everything.mmd")
    assert result.exit_code == 0, result.output
    assert warnings(result, project) == [
        "everything.mmd:16:10: warning: spaces around 'Discover' trimmed",
        "everything.mmd:20:31: warning: an empty actor name is left out",
        "everything.mmd:21:30: warning: Mermaid ignores ': Editor' after the actors; left out",
        "everything.mmd:22:10: warning: section 'Discover' appears twice; this one is stage 'discover-2'",
    ]
    journey = model(project).map("signing-up-from-front-matter")
    assert journey.title == "Signing up, from front matter"
    assert journey.description == "How a reader signs up;\nand confirms #1."
    assert [(s.id, s.name) for s in journey.stages] == [
        ("discover", "Discover"), ("confirm", "Confirm"), ("discover-2", "Discover"),
    ]  # fmt: skip
    assert scores(journey) == [
        ("Discover", "Sees the form", {"reader": 1}),
        ("Discover", "Types an email", {"reader": 0, "editor": 0}),  # no actors: everyone
        ("Confirm", "Opens the email", {"reader": -1, "editor": -1}),
        ("Confirm", "Clicks the link", {"reader": 2}),
        ("Discover", "Reads the welcome", {"reader": 1}),
    ]
    text = (project / "maps/signing-up-from-front-matter.yaml").read_text(encoding="utf-8")
    assert "x-mermaid-acc-title: Signing up for the newsletter\n" in text


def test_a_markdown_file_gives_a_map_per_journey_fence(cli, make_project) -> None:
    project = make_project()
    result = imported(cli, project, "two-diagrams.md")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {project}/personas/me.yaml",
        f"wrote {project}/maps/ordering-food.yaml",
        f"wrote {project}/personas/courier.yaml",
        f"wrote {project}/maps/returning-an-item.yaml",
    ]
    loaded = model(project)
    assert scores(loaded.map("returning-an-item")) == [("Return", "Prints a label", {"me": -1, "courier": -1})]
    origin = (project / "maps/returning-an-item.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert origin == f"# Imported by 'journeys import mermaid' from {project}/two-diagrams.md, line 25."


def test_a_diagram_without_actors_is_scored_for_one_persona(cli, make_project) -> None:
    project = make_project({"plain.mmd": "journey\n  title Plain\n  section S\n    Waits: 2\n"})
    result = cli("import", "mermaid", project / "plain.mmd", "--project", project)
    assert warnings(result, project) == [
        "plain.mmd:1:1: warning: no task names an actor; the map's steps are scored for 'Customer'"
    ]
    assert scores(model(project).map("plain")) == [("S", "Waits", {"customer": -1})]


def test_scores_map_onto_the_projects_scale(cli, make_project) -> None:
    config = "site_name: T\nplugins:\n  - journeys:\n      emotion_scale: {min: 0, max: 10}\n"
    project = make_project(
        {"mkdocs.yml": config, "s.mmd": "journey\n  section S\n    A: 1: Sam\n    B: 2: Sam\n    C: 5: Sam\n"}
    )
    assert cli("import", "mermaid", project / "s.mmd", "--project", project).exit_code == 0
    assert [score for _, _, score in scores(model(project).map("s"))] == [{"sam": 0}, {"sam": 2.5}, {"sam": 10}]


def test_id_renames_and_an_existing_file_is_never_overwritten(cli, make_project) -> None:
    mine = "title: Mine\npersonas: [sam]\nstages:\n  - name: A\n    steps:\n      - name: B\n"
    project = make_project({"maps/my-working-day.yaml": mine})
    result = imported(cli, project, "working-day.mmd")
    assert result.exit_code == 1
    assert f"error: {project}/maps/my-working-day.yaml already exists" in result.stderr
    assert not (project / "personas/me.yaml").exists()
    assert (project / "maps/my-working-day.yaml").read_text(encoding="utf-8") == mine
    result = imported(cli, project, "working-day.mmd", args=("--id", "my-day"))
    assert result.exit_code == 0, result.output
    assert model(project).map("my-day").title == "My working day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("journey\n  section A\n    Make tea\n", "bad.mmd:3:13: error: task 'Make tea' needs ': SCORE' after its name "
         "(Mermaid reads 'Name: score: actor, actor')"),
        ("journey\n  section A\n    Tea: 5: Me; Cat\n", "bad.mmd:3:15: error: Mermaid does not allow ';' here "
         "(write #59; for the character itself)"),
        ("journey\n  section Go: home\n", "bad.mmd:2:13: error: a section name cannot hold ':' (write #58; for it)"),
        ("journey\n  section A\n    journey planning: 5\n", "bad.mmd:3:5: error: 'journey' may only start the "
         "diagram; a task name cannot begin with the word 'journey'"),
        ("Journey\n  section A\n", "bad.mmd:1:1: error: Mermaid draws no journey here: a journey diagram starts with "
         "'journey' (lower case)"),
        ("journey\n  section A\n    T: 5: Me\n  accDescr {\n  never closed\n", "bad.mmd:6:1: error: the diagram "
         "ends inside 'accDescr {' or after 'accTitle:'/'accDescr:' with no text; Mermaid refuses it"),
        ("---\ntitle: [unclosed\n---\njourney\n", "bad.mmd:3:1: error: front matter: did not find expected ',' or ']' "
         "(while parsing a flow sequence)"),
    ],
)  # fmt: skip
def test_what_mermaid_refuses_is_an_error_and_nothing_is_written(cli, make_project, text: str, expected: str) -> None:
    project = make_project({"bad.mmd": text})
    result = cli("import", "mermaid", project / "bad.mmd", "--project", project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].replace(f"{project}/", "") == expected
    assert list((project / "maps").iterdir()) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"journey\n  section A\n    Make tea: 5: M", None),  # truncated mid-actor: still Mermaid
        (b"journey\n  section A\n    Make t", "bad.mmd:3:11: error: task 'Make t' needs ': SCORE'"),
        (b"journey\n  title \x89PNG\x00\x00", "bad.mmd:2:1: error: is a binary file, not text; nothing imported"),
        (b"journey\n" + b"  x" * 17_000_000, "bad.mmd:1:1: error: file is 51,000,008 bytes, more than journeys"),
        (b"journey\n  title caf\xe9\n", "bad.mmd:2:12: error: file is not valid UTF-8 (byte 0xe9)"),
    ],
)  # fmt: skip
def test_bad_input_is_one_located_error_and_writes_nothing(
    cli, make_project, data: bytes, expected: str | None
) -> None:
    project = make_project({"bad.mmd": data})
    result = cli("import", "mermaid", project / "bad.mmd", "--project", project)
    if expected is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].replace(f"{project}/", "").startswith(expected)
    assert list((project / "maps").iterdir()) == [] and sorted(p.name for p in (project / "personas").iterdir()) == [
        "sam.md"
    ]


def test_a_markdown_file_without_a_journey_is_an_error(cli, make_project) -> None:
    project = make_project({"notes.md": "# Notes\n\n```mermaid\nflowchart LR\n  A --> B\n```\n"})
    result = cli("import", "mermaid", project / "notes.md", "--project", project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{project}/notes.md:1:1: error: no ```mermaid journey diagram in this Markdown file"
    )


# -- Mermaid's lexer, rule by rule (journey.jison as compiled into Mermaid's bundle) ----------


def _tasks(text: str) -> list[tuple[str, str]]:
    return [(task.name.text, task.data.text) for task in read_diagram(text).tasks]


@pytest.mark.parametrize(
    ("line", "tasks"),
    [
        ("Task: 5: Me %% note", [("Task", ": 5: Me %% note")]),  # '%%' only starts a comment at a token
        ("50% off: 5: Me", [("50% off", ": 5: Me")]),
        ("%oops: 5: Me", []),  # but '%' at a token's start comments out the rest of the line
        ("Tea: 5: Me # a comment", [("Tea", ": 5: Me ")]),
        ("journeyman: 5", [("journeyman", ": 5")]),  # the keyword needs a word boundary
        ("Title page: 5: Me", []),  # read as the diagram's title
        ("Chats#58; then calls: 3", [("Chats\ufb02\u00b0\u00b058\u00b6\u00df then calls", ": 3")]),
    ],
)  # fmt: skip
def test_the_lexer_reads_as_mermaid_reads(line: str, tasks: list[tuple[str, str]]) -> None:
    assert _tasks(f"journey\n  section A\n    {line}\n") == tasks


def test_keywords_in_any_case_tabs_and_title_as_mermaid_reads_it() -> None:
    diagram = read_diagram("journey\n\tTITLE Day\n\tSection A\n\tTitle page: 5: Me\n")
    assert [t.text for t in diagram.titles] == ["TITLE Day", "Title page: 5: Me"]
    assert [s.text for s in diagram.sections] == ["Section A"]


def test_a_comment_line_before_journey_is_refused_as_mermaid_refuses_it() -> None:
    with pytest.raises(MermaidSyntaxError, match="Mermaid expects 'journey' first"):
        read_diagram("%%\njourney\n")


@pytest.mark.parametrize(
    ("text", "number"),
    [("5", 5), (" 4 ", 4), ("", 0), ("2.5", 2.5), (".5", 0.5), ("1e0", 1), ("0x4", 4), ("-Infinity", float("-inf"))],
)
def test_scores_are_javascript_numbers(text: str, number: float) -> None:
    assert js_number(text) == number


@pytest.mark.parametrize("text", ["high", "5 Me", "1_000", "nan", "inf", "0x", "+0x4"])
def test_what_javascript_does_not_read_as_a_number(text: str) -> None:
    assert js_number(text) != js_number(text)  # NaN


def test_escape_writes_what_mermaid_reads_back() -> None:
    assert escape("Pay: by card; #1 at 100%") == "Pay#58; by card#59; #35;1 at 100#37;"
    assert escape("Title page") == "#84;itle page"
    assert escape("Lee, Jo", actor=True) == "Lee#44; Jo"


def test_import_file_offers_plain_data(make_project) -> None:
    settings, _ = load_settings(make_project())
    result = import_file(
        InputFile("x.mmd", "journey\n  section S\n    A: 4: Sam\n"), ImportContext(settings, {"sam": "Sam"})
    )
    steps = [{"name": "A", "emotion": {"sam": 1}}]
    assert [(f.kind, f.id, dict(f.data)) for f in result.files] == [
        ("map", "x", {"title": "X", "personas": ["sam"], "stages": [{"name": "S", "steps": steps}]}),
    ]
    assert result.issues == ()


def test_tasks_before_any_section_and_acc_title_as_the_title(cli, make_project) -> None:
    text = "journey\n  accTitle: Waiting in line\n  Queues: 2: Sam\n  section Served\n    Pays: 4: Sam\n"
    project = make_project({"queue.mmd": text})
    result = cli("import", "mermaid", project / "queue.mmd", "--project", project)
    assert warnings(result, project) == [
        "queue.mmd:3:3: warning: tasks before the first section are in a stage 'Journey'"
    ]
    journey = model(project).map("waiting-in-line")
    assert journey.title == "Waiting in line"
    assert scores(journey) == [("Journey", "Queues", {"sam": -1}), ("Served", "Pays", {"sam": 1})]


def test_empty_names_are_given_one(cli, make_project) -> None:
    project = make_project({"e.mmd": "journey\n  title E\n  section  \n    #32;: 3: Sam\n"})
    result = cli("import", "mermaid", project / "e.mmd", "--project", project)
    assert warnings(result, project) == [
        "e.mmd:3:11: warning: an empty name; this one is called 'Section 1'",
        "e.mmd:4:5: warning: an empty name; this one is called 'Step'",
    ]
    assert scores(model(project).map("e")) == [("Section 1", "Step", {"sam": 0})]


def test_the_guides_warnings_example(cli, make_project) -> None:
    """docs/guide/moving-maps.md shows this diagram and these warnings."""
    guide = (Path(__file__).parent.parent / "docs/guide/moving-maps.md").read_text(encoding="utf-8")
    diagram = re.search(r"```text\n(journey\n  title Getting help\n.*?)```", guide, re.S)
    shown = re.search(r"```text\n(help\.mmd:.*?)```", guide, re.S)
    assert diagram is not None and shown is not None
    project = make_project({"help.mmd": diagram[1]})
    result = cli("import", "mermaid", project / "help.mmd", "--project", project)
    assert warnings(result, project) == shown[1].splitlines()


def test_the_guides_import_example(cli, make_project, monkeypatch) -> None:
    """docs/guide/moving-maps.md shows day.mmd and the map it becomes, byte for byte."""
    guide = (Path(__file__).parent.parent / "docs/guide/moving-maps.md").read_text(encoding="utf-8")
    shown = re.search(r"```yaml\n(# Imported by 'journeys import mermaid' from day\.mmd.*?)```", guide, re.S)
    assert shown is not None and (FIXTURES / "working-day.mmd").read_text(encoding="utf-8") in guide
    project = make_project()
    shutil.copy(FIXTURES / "working-day.mmd", project / "day.mmd")
    monkeypatch.chdir(project)
    assert cli("import", "mermaid", "day.mmd").exit_code == 0
    assert (project / "maps/my-working-day.yaml").read_text(encoding="utf-8") == shown[1]


# -- differential: Mermaid's own parser reads the same texts ---------------------------------

TOKENS = [
    "journey", "Journey", "title ", "TITLE ", "Title page", "section ", "Section ", "accTitle: ", "accDescr: ",
    "accDescr {", "}", "%%", "%% note", "%%{init: {}}%%", "#", "#58;", "#x;", ":", ";", ",", " ", "\t", "\n", "\r\n",
    "Task", "Me", "Cat", "5", "0", "7", "high", "2.5", "-1", "0x4", "é", "日本", '<i a="1">', "style", "journeyman",
    "%",
]  # fmt: skip
PREFIXES = [
    "journey\n", "journey", "  journey\n", "%%\njourney\n", "%% c\njourney\n", "---\ntitle: T\n---\njourney\n",
    '%%{init: {"theme": "forest"}}%%\njourney\n', "Journey\n", "", "journey\n  section A\n    ",
    "---\n\n---\njourney\n", "--- \n \ntitle: T\n---  \n \n journey\n", "---\ntitle: a\n---\n---\njourney\n",
    "-journey\n", "---", "---\n---x\n---\n\u2028\njourney\n",
]  # fmt: skip

FRONT_MATTER = [
    "---",
    "\n",
    " ",
    "\r\n",
    "title: x",
    "---x",
    "\u2028",
    "a: [1",
    "journey\n",
    "section A\n",
    "T: 5\n",
    "\t",
]


def corpus() -> list[str]:
    """The fixtures, then texts made at random (the same every run) from Mermaid's tokens."""
    import random

    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.mmd"))]
    shuffle = random.Random(2026)
    for _ in range(1500):
        texts.append(shuffle.choice(PREFIXES) + "".join(shuffle.choices(TOKENS, k=shuffle.randint(0, 30))))
    for _ in range(500):  # front matter, where the dashes and line breaks fall
        texts.append("".join(shuffle.choices(FRONT_MATTER, k=shuffle.randint(1, 14))))
    return texts


def as_mermaid_holds_it(text: str) -> dict[str, object]:
    """journeys' reading of ``text`` in the terms of Mermaid's journey database (journeyDb.js)."""
    try:
        diagram = read_diagram(text)
    except MermaidSyntaxError:
        return {"error": True}
    sections = [token.text[len("section ") :] for token in diagram.sections]
    tasks = []
    for task in diagram.tasks:
        pieces = task.data.text[1:].split(":")
        score = js_number(pieces[0])
        people = [js_trim(person) for person in pieces[1].split(",")] if len(pieces) > 1 else []
        name = "" if task.section is None else sections[task.section]
        shown = "NaN" if math.isnan(score) else f"{'-' if score < 0 else ''}Infinity"  # JavaScript's String()
        tasks.append([name, task.name.text, score if math.isfinite(score) else shown, people])
    describe = diagram.acc_descriptions[-1].text if diagram.acc_descriptions else ""
    return {
        "title": diagram.titles[-1].text[len("title ") :] if diagram.titles else "",
        "accTitle": js_trim(diagram.acc_titles[-1].text) if diagram.acc_titles else "",
        "accDescr": re.sub(f"\n[{JS_SPACE_CHARS}]+", "\n", js_trim(describe)),
        "sections": sections,
        "tasks": tasks,
    }


def test_journeys_reads_what_mermaids_own_parser_reads() -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Node.js is not installed; .ci/run installs it with Mermaid's CLI")
    root = subprocess.run([npm, "root", "--global"], capture_output=True, text=True, check=False).stdout.strip()
    core = Path(root, "@mermaid-js/mermaid-cli/node_modules/mermaid/dist/mermaid.core.mjs")
    if not core.exists():
        pytest.skip("Mermaid's CLI (npm @mermaid-js/mermaid-cli) is not installed; .ci/run installs it")
    texts = corpus()
    run = subprocess.run(
        [node, str(FIXTURES / "node/journey-db.mjs"), core.as_uri()],
        input=json.dumps(texts), capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    theirs = json.loads(run.stdout)
    for text, mermaid in zip(texts, theirs, strict=True):
        expected = {"error": True} if "error" in mermaid else mermaid
        assert as_mermaid_holds_it(text) == expected, (text, mermaid)
