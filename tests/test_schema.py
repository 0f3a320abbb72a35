"""The JSON Schemas: generated from the field definitions validation uses, checked with a
real validator (jsonschema) against every example, and in agreement with `journeys validate`."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from journeys.formats.jsonexport import EXPORT_SCHEMA as EXPORT
from journeys.loading.frontmatter import split_front_matter
from journeys.loading.mkdocs_yml import plain
from journeys.loading.project import load_sources
from journeys.loading.sources import Source
from journeys.loading.yamltree import parse_yaml
from journeys.model import EmotionScale
from journeys.validation import definitions
from journeys.validation.schema import MAP_SCHEMA, PERSONA_SCHEMA, schema_files

REPO_ROOT = Path(__file__).resolve().parent.parent
SCALE = EmotionScale()


def validator(kind: str, scale: EmotionScale = SCALE) -> Draft202012Validator:
    schema = json.loads(schema_files(scale)[MAP_SCHEMA if kind == "map" else PERSONA_SCHEMA])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def document(text: str, markdown: bool) -> object:
    """The data of a file (a Markdown file's front matter) as journeys' own reader sees it."""
    offset = 0
    if markdown:
        text, offset = split_front_matter(text).yaml, 1
    node = parse_yaml(text, line_offset=offset)
    assert node is not None
    return plain(node)


def schema_errors(kind: str, text: str, *, markdown: bool = False, scale: EmotionScale = SCALE) -> list[str]:
    return [error.message for error in validator(kind, scale).iter_errors(document(text, markdown))]


# -- every example and fixture is valid ----------------------------------------------------------

EXAMPLES = sorted(
    path
    for folder in (REPO_ROOT, *(REPO_ROOT / "tests" / "fixtures").rglob("*"))
    for kind in ("maps", "personas")
    for path in (folder / kind).glob("*")
    if path.suffix in (".yaml", ".yml", ".md") and path.name not in ("README.md", "index.md")
)


def test_the_examples_cover_the_repository_and_the_fixtures() -> None:
    names = {path.relative_to(REPO_ROOT).as_posix() for path in EXAMPLES}
    assert {"maps/laptop-purchase.md", "personas/priya.yaml", "tests/fixtures/render/project/maps/stress.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.relative_to(REPO_ROOT).as_posix())
def test_every_example_and_fixture_is_valid_under_the_schema(path: Path) -> None:
    kind = "persona" if path.parent.name == "personas" else "map"
    assert schema_errors(kind, path.read_text(encoding="utf-8"), markdown=path.suffix == ".md") == []


# -- the schema and journeys validate agree on what one file can get wrong ----------------------

PERSONAS = [
    Source("persona", "sam", "personas/sam.md", b"---\nname: Sam Okafor\n---\nNotes.\n"),
    Source("persona", "pat", "personas/pat.yaml", b"name: Pat Lee\n"),
]
NOW = Source(
    "map", "now", "maps/now.yaml", b"title: Now\npersonas: [sam, pat]\nstages: [{name: A, steps: [{name: B}]}]\n"
)


def validation_errors(kind: str, text: str, *, markdown: bool = False, scale: EmotionScale = SCALE) -> set[str]:
    """The codes of the errors `journeys validate` reports in the file."""
    folder = "maps" if kind == "map" else "personas"
    path = f"{folder}/x.{'md' if markdown else 'yaml'}"
    result = load_sources([*PERSONAS, NOW, Source(kind, "x", path, text.encode("utf-8"))], scale)
    return {issue.code for issue in result.issues if issue.path == path and issue.severity == "error"}


MAP_HEAD = "title: T\npersonas: [sam, pat]\n"


def steps(*lines: str) -> str:
    """A map whose one stage has a step with ``lines`` (indented as step fields)."""
    body = "".join(f"        {line}\n" for line in lines)
    return f"{MAP_HEAD}stages:\n  - name: A\n    steps:\n      - name: B\n{body}"


GOOD_MAPS = {
    "minimal": "title: T\npersona: sam\nstages: [{name: A, steps: [{name: B}]}]\n",
    "every field": textwrap.dedent("""\
        title: Buying a laptop online
        description: What the map covers.
        personas: [sam, pat]
        state: future
        compares_to: now
        owner: Web shop team
        status: approved
        tags: [ecommerce, 2026]
        updated: 2026-10-14
        x-research-id: RR-2026-014
        stages:
          - name: Purchase
            id: purchase
            goal: Pay
            description: The last stage.
            x-note: {any: [thing]}
            steps:
              - name: Enters card details
                id: enters-card-details
                touchpoint: Checkout page
                channel: web
                actions: Types the card number
                thoughts: "Why is it asking again?"
                feeling: Annoyed
                emotion: {sam: -2, pat: 1.5}
                pain_points: [Billing address twice, {text: Rejects spaces, severity: medium, x-jira: S-1}]
                opportunities: [Reuse the address, {text: Wallets, impact: high, effort: low}]
                backstage: Fraud check
                owner: Payments team
                evidence: [Usability test 3, "https://example.org/report"]
                moment_of_truth: true
                x-jira: SHOP-1
          - name: Empty stage
            steps: []
        metrics:
          - {name: Abandonment, value: 68%, target: 50%, stage: purchase}
          - {name: NPS, value: 12, x-source: survey}
        """),
    "optional fields left empty": steps("touchpoint:", "emotion:", "pain_points:", "moment_of_truth:", "owner: ~"),
    "numbers where text goes": "title: 2026\npersonas: [sam]\nstages: [{name: 1, steps: [{name: 2.5, id: 7}]}]\n",
    "one score for every persona": steps("emotion: -1.5"),
    "a text per persona": steps("thoughts: {sam: Too slow, pat: Fine}", "feeling: {pat: Calm}", "actions: Pays"),
}

BAD_MAPS = {
    "unknown field in a step": (steps("touchpont: Checkout page"), "unknown-field"),
    "unknown field in a map": ("titel: T\n" + MAP_HEAD + "stages: [{name: A}]\n", "unknown-field"),
    "unknown field in a pain point": (steps("pain_points: [{text: Slow, severity: high, sev: 1}]"), "unknown-field"),
    "missing title": ("personas: [sam]\nstages: [{name: A, steps: [{name: B}]}]\n", "required"),
    "missing stages": (MAP_HEAD, "required"),
    "no stage": (MAP_HEAD + "stages: []\n", "required"),
    "missing personas": ("title: T\nstages: [{name: A, steps: [{name: B}]}]\n", "required"),
    "no persona": ("title: T\npersonas: []\nstages: [{name: A, steps: [{name: B}]}]\n", "required"),
    "persona and personas": (MAP_HEAD + "persona: sam\nstages: [{name: A, steps: [{name: B}]}]\n", "persona-twice"),
    "step without a name": (MAP_HEAD + "stages: [{name: A, steps: [{id: b}]}]\n", "required"),
    "title is a list": ("title: [T]\npersonas: [sam]\nstages: [{name: A, steps: [{name: B}]}]\n", "type"),
    "title is blank": ("title: '  '\npersonas: [sam]\nstages: [{name: A, steps: [{name: B}]}]\n", "type"),
    "tags is not a list": (MAP_HEAD + "tags: ecommerce\nstages: [{name: A, steps: [{name: B}]}]\n", "type"),
    "a stage is text": (MAP_HEAD + "stages: [Purchase]\n", "type"),
    "moment_of_truth is yes": (steps("moment_of_truth: yes"), "type"),
    "emotion is quoted": (steps('emotion: "1"'), "emotion-type"),
    "emotion is true": (steps("emotion: true"), "emotion-type"),
    "emotion above the scale": (steps("emotion: 3"), "emotion-range"),
    "a persona's text is empty": (steps("thoughts: {sam: ~}"), "type"),
    "a persona's text is a list": (steps("feeling: {sam: [Calm]}"), "type"),
    "a persona's emotion below the scale": (steps("emotion: {sam: -3}"), "emotion-range"),
    "state not a choice": (MAP_HEAD + "state: Current\nstages: [{name: A, steps: [{name: B}]}]\n", "choice"),
    "severity not a choice": (steps("pain_points: [{text: Slow, severity: huge}]"), "choice"),
    "date not YYYY-MM-DD": (MAP_HEAD + "updated: 14/10/2026\nstages: [{name: A, steps: [{name: B}]}]\n", "date"),
    "step id not an id": (MAP_HEAD + "stages: [{name: A, steps: [{name: B, id: Step_B}]}]\n", "invalid-id"),
    "metric without a value": (
        MAP_HEAD + "stages: [{name: A, steps: [{name: B}]}]\nmetrics: [{name: NPS}]\n",
        "required",
    ),
}

GOOD_PERSONAS = {
    "markdown": ("---\nname: Sam Okafor\nrole: Student\nchannels: [web, app]\nx-crm: 12\n---\nNotes.\n", True),
    "yaml with a profile": ("name: Pat\ngoals: [One bill]\ndescription: |\n  ## Background\n", False),
}

BAD_PERSONAS = {
    "missing name": ("role: Student\n", "required"),
    "unknown field": ("name: Pat\ngoal: [One bill]\n", "unknown-field"),
    "goals is not a list": ("name: Pat\ngoals: One bill\n", "type"),
    "markdown with a wrong type": ("---\nname: Pat\nquote: [a, b]\n---\nBody.\n", "type"),
}


@pytest.mark.parametrize("text", GOOD_MAPS.values(), ids=GOOD_MAPS.keys())
def test_a_good_map_passes_both(text: str) -> None:
    assert validation_errors("map", text) == set()
    assert schema_errors("map", text) == []


@pytest.mark.parametrize(("text", "code"), BAD_MAPS.values(), ids=BAD_MAPS.keys())
def test_a_bad_map_fails_both(text: str, code: str) -> None:
    assert code in validation_errors("map", text)
    assert schema_errors("map", text) != []


@pytest.mark.parametrize(("text", "markdown"), GOOD_PERSONAS.values(), ids=GOOD_PERSONAS.keys())
def test_a_good_persona_passes_both(text: str, markdown: bool) -> None:
    assert validation_errors("persona", text, markdown=markdown) == set()
    assert schema_errors("persona", text, markdown=markdown) == []


@pytest.mark.parametrize(("text", "code"), BAD_PERSONAS.values(), ids=BAD_PERSONAS.keys())
def test_a_bad_persona_fails_both(text: str, code: str) -> None:
    markdown = text.startswith("---")
    assert code in validation_errors("persona", text, markdown=markdown)
    assert schema_errors("persona", text, markdown=markdown) != []


def test_the_emotion_range_is_the_projects_scale() -> None:
    one_to_five = EmotionScale(minimum=1, maximum=5, labels=())
    for text, valid in ((steps("emotion: 5"), True), (steps("emotion: {pat: 0}"), False)):
        assert (validation_errors("map", text, scale=one_to_five) == set()) is valid
        assert (schema_errors("map", text, scale=one_to_five) == []) is valid


def test_an_error_names_the_field_as_an_editor_shows_it() -> None:
    assert schema_errors("map", steps("emotion: 3")) == ["3 is greater than the maximum of 2"]
    assert schema_errors("map", steps("touchpont: x")) == ["'touchpont' does not match any of the regexes: '^x-'"]


# -- one source of truth: validation, schema and reference cannot drift ---------------------------


def known_fields_of_validation(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[set[str], set[str]]]:
    """What validation accepts, by record ("a step"): (known fields, required fields).

    Recorded from FieldReader.fields while loading a map and a persona that use every record.
    """
    from journeys.validation.fields import FieldReader

    seen: dict[str, tuple[set[str], set[str]]] = {}
    original = FieldReader.fields

    def spy(self, node, what, known, required=()):  # type: ignore[no-untyped-def]
        seen[what] = (set(known), set(required))
        return original(self, node, what, known, required)

    monkeypatch.setattr(FieldReader, "fields", spy)
    load_sources([*PERSONAS, NOW, Source("map", "x", "maps/x.yaml", GOOD_MAPS["every field"].encode())])
    return seen


def schema_records() -> dict[str, dict]:
    """The schema's object definitions, by the name validation's messages give them."""
    records = {}
    for kind, name in (("map", MAP_SCHEMA), ("persona", PERSONA_SCHEMA)):
        schema = json.loads(schema_files(SCALE)[name])
        records["a journey map" if kind == "map" else "a persona"] = schema
        for definition in schema["$defs"].values():
            article = "an" if definition["title"][0].lower() in "aeiou" else "a"
            records[f"{article} {definition['title'].lower()}"] = definition
    return records


def drift(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every difference between the fields validation accepts and the schema's properties."""
    problems = []
    schemas = schema_records()
    for what, (known, required) in known_fields_of_validation(monkeypatch).items():
        schema = schemas.get(what)
        if schema is None:
            problems.append(f"{what}: validated, but the schema has no definition for it")
            continue
        properties, schema_required = set(schema["properties"]), set(schema.get("required", ()))
        problems += [f"{what}: validation accepts '{name}', the schema does not" for name in sorted(known - properties)]
        problems += [
            f"{what}: the schema has '{name}', validation does not accept it" for name in sorted(properties - known)
        ]
        if required != schema_required:
            problems.append(
                f"{what}: required {sorted(required)} in validation, {sorted(schema_required)} in the schema"
            )
    return problems


def test_validation_and_the_schema_know_the_same_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(known_fields_of_validation(monkeypatch)) == set(schema_records())
    assert drift(monkeypatch) == []


def test_a_field_added_to_validation_only_is_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeys.validation import maps

    monkeypatch.setattr(maps, "STEP_FIELDS", (*maps.STEP_FIELDS, "confidence"))
    assert drift(monkeypatch) == ["a step: validation accepts 'confidence', the schema does not"]


def test_a_field_missing_from_validation_is_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeys.validation import personas

    monkeypatch.setattr(personas, "PERSONA_FIELDS", tuple(f for f in personas.PERSONA_FIELDS if f != "quote"))
    assert drift(monkeypatch) == ["a persona: the schema has 'quote', validation does not accept it"]


def field_names_read(source: str) -> set[str]:
    """Field names the code reads: ``fields.get("x")``, ``fields["x"]``, ``f(reader, fields, "x")``."""
    import ast

    def is_fields(node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id == "fields"

    names = set()
    for node in ast.walk(ast.parse(source)):
        name: ast.AST | None = None
        if isinstance(node, ast.Subscript) and is_fields(node.value):
            name = node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and is_fields(node.func.value):
            name = node.args[0] if node.args else None
        elif isinstance(node, ast.Call):  # the argument after 'fields' is the field's name
            after = [node.args[i + 1] for i, arg in enumerate(node.args[:-1]) if is_fields(arg)]
            name = after[0] if after else None
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.add(name.value)
    return names


def test_every_field_validation_reads_is_defined() -> None:
    defined = {field.name for record in all_records() for field in record.fields}
    for module in ("maps.py", "personas.py"):
        source = (REPO_ROOT / "generator" / "journeys" / "validation" / module).read_text(encoding="utf-8")
        read = field_names_read(source)
        assert read and read <= defined, (module, read - defined)


def test_the_scan_sees_every_way_of_reading_a_field() -> None:
    code = 'a = fields.get("x"); b = fields["y"]; c = _list(reader, fields, "z"); d = f(fields, n, "kind")'
    assert field_names_read(code) == {"x", "y", "z"}


def all_records() -> list[definitions.Record]:
    return [value for value in vars(definitions).values() if isinstance(value, definitions.Record)]


REFERENCE_TABLES = {
    "Personas": [definitions.PERSONA],
    "Map fields": [definitions.MAP],
    "Stage fields": [definitions.STAGE],
    "Step fields": [definitions.STEP],
    "Pain points and opportunities": [definitions.PAIN_POINT, definitions.OPPORTUNITY],
    "Metrics": [definitions.METRIC],
}


def reference_tables() -> dict[int, list[dict[str, str]]]:
    """The field tables of docs/reference/format.md, by id() of the record each describes."""
    tables: dict[int, list[dict[str, str]]] = {}
    pending: list[definitions.Record] = []
    lines = (REPO_ROOT / "docs" / "reference" / "format.md").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("#"):
            pending = list(REFERENCE_TABLES.get(line.lstrip("# "), []))
        elif line.startswith("|") and index + 1 < len(lines) and lines[index + 1].startswith("|---") and pending:
            header = [cell.strip() for cell in line.strip("|").split("|")]
            if not header[0].endswith(("Field", "field")):
                continue
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(dict(zip(header, (cell.strip() for cell in row.strip("|").split("|")), strict=True)))
            tables[id(pending.pop(0))] = rows
    return tables


def test_the_definitions_follow_the_reference_tables() -> None:
    tables = reference_tables()
    for record in all_records():
        rows = tables[id(record)]
        assert [row[next(iter(row))].strip("`") for row in rows] == list(record.names), record.what
        for row, field in zip(rows, record.fields, strict=True):
            meaning = re.sub(r"\[([^]]+)\]\([^)]+\)", r"\1", row["Meaning"])
            assert field.description == meaning, (record.what, field.name)
            written_type = row.get("Type") or row.get("Values", "")
            required = row.get("Required") == "yes" or re.search(r"\brequired\b", written_type) is not None
            assert field.required == required, (record.what, field.name)


# -- journeys schema and the site ------------------------------------------------------------------


def test_schema_writes_the_files_into_schemas_by_default(cli, make_project) -> None:
    root = make_project()
    result = cli("schema", root)
    assert result.exit_code == 0, result.output
    names = (MAP_SCHEMA, PERSONA_SCHEMA, EXPORT)
    assert result.output == "".join(f"wrote {root / 'schemas' / name}\n" for name in names)
    for name, text in schema_files(SCALE).items():
        assert (root / "schemas" / name).read_text(encoding="utf-8") == text
        Draft202012Validator.check_schema(json.loads(text))


def test_schema_out_and_the_projects_scale(cli, make_project, tmp_path: Path) -> None:
    root = make_project({"mkdocs.yml": "plugins:\n  - journeys:\n      emotion_scale: {min: 1, max: 5}\n"})
    result = cli("schema", root, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "out" / MAP_SCHEMA).read_text(encoding="utf-8"))
    emotion = written["$defs"]["step"]["properties"]["emotion"]
    assert (emotion["minimum"], emotion["maximum"]) == (1, 5)
    assert not (root / "schemas").exists()


def test_schema_with_a_broken_scale_writes_nothing(cli, make_project) -> None:
    root = make_project({"mkdocs.yml": "plugins:\n  - journeys:\n      emotion_scale: {min: 5, max: 1}\n"})
    result = cli("schema", root)
    assert result.exit_code == 1
    assert "mkdocs.yml:3:7: error: emotion_scale: min (5) must be below max (1)" in result.output
    assert not (root / "schemas").exists()


def test_schema_does_not_write_through_a_symlink(cli, make_project, tmp_path: Path) -> None:
    root = make_project()
    outside = tmp_path / "outside.json"
    outside.write_text("keep", encoding="utf-8")
    (root / "schemas").mkdir()
    (root / "schemas" / MAP_SCHEMA).symlink_to(outside)
    result = cli("schema", root)
    assert result.exit_code == 2
    assert "map.schema.json is a symlink; journeys does not write through symlinks" in result.output
    assert outside.read_text(encoding="utf-8") == "keep"


def test_the_site_publishes_the_schemas_at_a_stable_url(cli, make_project, tmp_path: Path) -> None:
    root = make_project({
        "mkdocs.yml": "site_name: S\nplugins:\n  - journeys:\n      emotion_scale: {min: 1, max: 5}\n",
        "docs/index.md": "# Home\n",
        "maps/m.yaml": "title: M\npersonas: [sam]\nstages: [{name: A, steps: [{name: B, emotion: 5}]}]\n",
    })  # fmt: skip
    assert cli("build", root, "--site-dir", tmp_path / "site").exit_code == 0
    assert cli("schema", root).exit_code == 0
    for name in (MAP_SCHEMA, PERSONA_SCHEMA):
        published = (tmp_path / "site" / "schemas" / name).read_bytes()
        assert published == (root / "schemas" / name).read_bytes()
