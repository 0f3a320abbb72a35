"""`journeys export json`: the whole validated project in one document that validates
against export.schema.json (written by `journeys schema`, published with the site as
journeys.json), and the export command's shared behaviours, through the CLI."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from gitrepos import GitProject
from journeys.formats.jsonexport import EXPORT_SCHEMA, export_json
from journeys.loading.project import load_sources
from journeys.loading.sources import Source
from journeys.model import EmotionScale
from journeys.validation.definitions import MAP, METRIC, OPPORTUNITY, PAIN_POINT, PERSONA, STAGE, STEP
from journeys.validation.schema import schema_files
from test_properties import NOW, PAT, SAM, as_file, mutated_maps, quick

REPO_ROOT = Path(__file__).resolve().parent.parent

PER_PERSONA = {
    "personas/pat.yaml": "name: Pat\nrole: Parent\n",
    "maps/family.yaml": """\
        title: Choosing a family plan
        personas: [pat, sam]
        updated: 2026-10-01
        stages:
          - name: Compare
            goal: Find a plan for four phones
            steps:
              - name: Reads the plans page
                touchpoint: Plans page
                channel: web
                actions: Opens the plans page
                thoughts: {pat: "Which one covers us all?", sam: I want more data}
                feeling: {sam: Hopeful}
                emotion: {pat: -1.5, sam: 1}
                pain_points:
                  - Prices exclude VAT
                  - {text: No family bundle listed, severity: high}
                opportunities:
                  - {text: A family bundle page, impact: high, effort: low}
                evidence: [Survey 2026]
                moment_of_truth: true
              - name: Asks in chat
                emotion: 0
        metrics:
          - {name: Plan switches, value: 12%, target: 8%, direction: down, measured: 2026-09-30, stage: Compare}
        """,
}


def export(cli, *args: object) -> dict:
    result = cli("export", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@functools.cache
def validator(scale: EmotionScale) -> Draft202012Validator:
    schema = json.loads(schema_files(scale)[EXPORT_SCHEMA])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(document: dict, scale: EmotionScale | None = None) -> list[str]:
    errors = validator(scale or EmotionScale()).iter_errors(document)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]


# -- the document and its schema --------------------------------------------------------


def test_the_repositorys_project_validates_against_the_schema(cli) -> None:
    document = export(cli, REPO_ROOT)
    assert schema_errors(document) == []
    assert document["version"] == 1
    assert [journey["id"] for journey in document["maps"]] == sorted(
        path.stem for path in (REPO_ROOT / "maps").glob("*.*") if path.stem != "README"
    )
    assert [persona["id"] for persona in document["personas"]] == ["dev", "pat", "priya", "sam"]


def test_the_init_project_validates_against_the_schema(cli, tmp_path: Path) -> None:
    assert cli("init", tmp_path / "new").exit_code == 0
    document = export(cli, tmp_path / "new")
    assert schema_errors(document) == []
    # journeys init writes the schema too, as journeys schema does.
    assert json.loads((tmp_path / "new/schemas" / EXPORT_SCHEMA).read_text(encoding="utf-8")) == json.loads(
        schema_files(EmotionScale())[EXPORT_SCHEMA]
    )


def test_per_persona_emotions_texts_and_records(cli, make_project) -> None:
    root = make_project(PER_PERSONA)
    document = export(cli, root)
    assert schema_errors(document) == []
    [journey] = document["maps"]
    assert {key: journey[key] for key in ("id", "source", "personas", "updated", "last_change", "narrative")} == {
        "id": "family", "source": "maps/family.yaml", "personas": ["pat", "sam"], "updated": "2026-10-01",
        "last_change": None, "narrative": None,
    }  # fmt: skip
    assert journey["metrics"] == [
        {"name": "Plan switches", "value": "12%", "target": "8%", "direction": "down", "measured": "2026-09-30",
         "stage": "Compare"},
    ]  # fmt: skip
    [stage] = journey["stages"]
    assert (stage["id"], stage["goal"], stage["description"]) == ("compare", "Find a plan for four phones", None)
    first, second = stage["steps"]
    assert first == {
        "id": "reads-the-plans-page",
        "name": "Reads the plans page",
        "touchpoint": "Plans page",
        "channel": "web",
        "actions": "Opens the plans page",
        "thoughts": {"pat": "Which one covers us all?", "sam": "I want more data"},
        "feeling": {"sam": "Hopeful"},
        "emotion": {"pat": -1.5, "sam": 1},
        "pain_points": [
            {"text": "Prices exclude VAT", "severity": None},
            {"text": "No family bundle listed", "severity": "high"},
        ],
        "opportunities": [{"text": "A family bundle page", "impact": "high", "effort": "low"}],
        "backstage": None,
        "owner": None,
        "evidence": ["Survey 2026"],
        "moment_of_truth": True,
        "detail": None,
    }
    # One score for a map of two personas is each persona's score.
    assert (second["emotion"], second["actions"], second["pain_points"]) == ({"pat": 0, "sam": 0}, None, [])
    assert [persona["id"] for persona in document["personas"]] == ["pat", "sam"]
    assert document["personas"][1] == {
        "id": "sam", "source": "personas/sam.md", "name": "Sam Okafor", "role": "Student", "quote": None,
        "goals": [], "frustrations": [], "behaviours": [], "channels": [], "tags": [], "description": None,
        "body": "Sam's notes.\n",
    }  # fmt: skip


def test_every_defined_field_is_exported() -> None:
    """A field added to the definitions appears in the export and its schema, or this fails."""
    schema = json.loads(schema_files(EmotionScale())[EXPORT_SCHEMA])
    exported = {name: set(definition["required"]) for name, definition in schema["$defs"].items()}
    assert exported == {
        "map": set(MAP.names) - {"persona"} | {"id", "source", "narrative", "last_change"},
        "persona": set(PERSONA.names) | {"id", "source", "body"},
        "stage": set(STAGE.names),
        "step": set(STEP.names),
        "metric": set(METRIC.names),
        "pain-point": set(PAIN_POINT.names),
        "opportunity": set(OPPORTUNITY.names),
    }
    for definition in schema["$defs"].values():
        assert set(definition["properties"]) == set(definition["required"])
        assert definition["additionalProperties"] is False


def test_the_projects_scale_is_in_the_document_and_the_schema(cli, make_project) -> None:
    root = make_project(
        {
            "mkdocs.yml": "plugins:\n  - journeys:\n"
            "      emotion_scale: {min: 1, max: 5, labels: {1: Awful, 5: Great}}\n",
            "maps/one.yaml": "title: One\npersona: sam\nstages: [{name: A, steps: [{name: B, emotion: 5}]}]\n",
        }
    )
    document = export(cli, root)
    scale = EmotionScale(1, 5)
    labels = {"1": "Awful", "2": "+2", "3": "+3", "4": "+4", "5": "Great"}  # as the diagrams label the scale
    assert document["emotion_scale"] == {"min": 1, "max": 5, "labels": labels}
    assert schema_errors(document, scale) == []
    document["maps"][0]["stages"][0]["steps"][0]["emotion"]["sam"] = 0
    assert schema_errors(document, scale) == ["maps/0/stages/0/steps/0/emotion/sam: 0 is less than the minimum of 1"]


def test_the_export_is_deterministic_and_git_dates_the_maps(cli, tmp_path: Path) -> None:
    project = GitProject(tmp_path / "repo")
    project.commit(
        {
            "personas/sam.yaml": "name: Sam\n",
            "maps/a.yaml": "title: A\npersona: sam\nstages: [{name: S, steps: [{name: T}]}]\n",
        },
        date="2026-03-04T10:00:00+00:00",
    )
    project.write({"maps/b.yaml": "title: B\npersona: sam\nstages: [{name: S, steps: [{name: T}]}]\n"})
    first = cli("export", "json", project.root).stdout
    assert first == cli("export", "json", project.root).stdout
    document = json.loads(first)
    assert [(journey["id"], journey["last_change"]) for journey in document["maps"]] == [
        ("a", {"date": "2026-03-04", "author": "Test Author"}),
        ("b", None),  # not committed yet: git has no date for it
    ]
    assert first == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- journeys schema and the site ----------------------------------------------------------


def test_journeys_schema_writes_the_export_schema(cli, make_project) -> None:
    root = make_project()
    result = cli("schema", root)
    assert result.exit_code == 0, result.output
    assert f"wrote {root / 'schemas' / EXPORT_SCHEMA}" in result.stdout.splitlines()
    assert (root / "schemas" / EXPORT_SCHEMA).read_text(encoding="utf-8") == schema_files(EmotionScale())[EXPORT_SCHEMA]


def test_the_site_publishes_the_export_and_its_schema(example_site: Path, cli) -> None:
    published = (example_site / "journeys.json").read_text(encoding="utf-8")
    # The same document as the command's, without the indentation (for the time of large builds).
    assert json.loads(published) == json.loads(cli("export", "json", REPO_ROOT).stdout)
    assert "\n" not in published.rstrip("\n")
    schema = (example_site / "schemas" / EXPORT_SCHEMA).read_text(encoding="utf-8")
    assert schema == schema_files(EmotionScale())[EXPORT_SCHEMA]


# -- the export command's shared behaviours, through json ----------------------------------


def test_map_exports_one_map_and_its_personas(cli, make_project) -> None:
    root = make_project(
        {**PER_PERSONA, "maps/solo.yaml": "title: Solo\npersona: sam\nstages: [{name: A, steps: [{name: B}]}]\n"}
    )
    document = export(cli, root, "--map", "solo")
    assert [journey["id"] for journey in document["maps"]] == ["solo"]
    assert [persona["id"] for persona in document["personas"]] == ["sam"]
    assert schema_errors(document) == []


def test_an_unknown_map_is_a_usage_error_with_a_suggestion(cli, make_project) -> None:
    root = make_project(PER_PERSONA)
    result = cli("export", "json", root, "--map", "famly")
    assert result.exit_code == 2
    assert "unknown map 'famly' — did you mean 'family'?" in result.stderr
    assert result.stdout == ""


def test_out_writes_the_file(cli, make_project, tmp_path: Path) -> None:
    root = make_project(PER_PERSONA)
    out = tmp_path / "export" / "project.json"
    out.parent.mkdir()
    result = cli("export", "json", root, "--out", out)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == cli("export", "json", root).stdout


def test_out_among_the_sources_is_refused(cli, make_project) -> None:
    root = make_project(PER_PERSONA)
    result = cli("export", "json", root, "--out", root / "maps" / "x.json")
    assert result.exit_code == 2
    assert "is among the project's sources; journeys never overwrites them: export elsewhere" in result.stderr
    assert sorted(path.name for path in (root / "maps").iterdir()) == ["family.yaml"]


@pytest.mark.parametrize("out", [False, True], ids=["stdout", "out"])
def test_a_project_with_errors_exports_nothing(cli, make_project, tmp_path: Path, out: bool) -> None:
    root = make_project({**PER_PERSONA, "maps/broken.yaml": "title: Broken\npersona: nobody\nstages: []\n"})
    target = tmp_path / "project.json"
    result = cli("export", "json", root, *(["--out", target] if out else []))
    assert result.exit_code == 1
    assert "maps/broken.yaml:2:10: error: unknown persona 'nobody'" in result.stderr
    assert result.stdout == ""
    assert not target.exists()


# -- every project that loads exports a document its schema accepts ------------------------


@quick
@given(document=mutated_maps(), path=st.sampled_from(["maps/x.yaml", "maps/x.md"]))
def test_whatever_loads_exports_a_document_the_schema_accepts(document: dict, path: str) -> None:
    """Mutations of a map with every kind of field (text or records, numbers as text,
    per-persona values): whenever the map loads, its export is valid under the schema."""
    result = load_sources([SAM, PAT, NOW, Source("map", "x", path, as_file(path, document))])
    exported = json.loads(export_json(result.project, result.project.maps, EmotionScale(), {}))
    assert schema_errors(exported) == []
