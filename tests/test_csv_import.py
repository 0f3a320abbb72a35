"""`journeys import csv`: what spreadsheets write back comes in, each bad cell is one
`FILE:ROW:COLUMN` line, unknown personas become stub persona files, and a file that is
not a readable CSV writes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csv_helpers import EMPTY_PROJECT, comparable, export_csv, import_csv, load
from journeys.config import load_settings
from journeys.formats.writing import write_imported, yaml_text

BOM = "\ufeff"


def write_sheet(folder: Path, text: str | bytes, name: str = "sheet.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def files_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


# -- what spreadsheets write back --------------------------------------------------------

EDITED = (
    BOM + "Map;Map Title;STAGE;Step;Persona;Emotion;Pain Points;Opportunities;Moment of truth;Notes\r\n"
    'checkout;Checkout;Pay;Enters card details;Sam Okafor;-0,5;"Card form rejects spaces [high]\r\n'
    'Billing address asked twice";Accept wallets [impact: high, effort: low];TRUE;call Sam\r\n'
    "checkout;Checkout;Pay;Confirms;sam;1;;;FALSE;\r\n"
    ";;;;;;;;;\r\n"
)


def test_a_sheet_saved_by_a_spreadsheet_imports(make_project, cli, tmp_path: Path) -> None:
    root = make_project()
    sheet = write_sheet(tmp_path, EDITED)
    result = cli("import", "csv", sheet, "--project", root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"{sheet}:1:10: warning: columns journeys has no place for are left out: 'Notes'"
    )
    assert (root / "maps/checkout.yaml").read_text(encoding="utf-8") == (
        f"# Imported by 'journeys import csv' from {sheet}, rows 2-4.\n"
        "title: Checkout\n"
        "personas: [sam]\n"
        "stages:\n"
        "  - name: Pay\n"
        "    steps:\n"
        "      - name: Enters card details\n"
        "        emotion: -0.5\n"
        "        pain_points:\n"
        "          - {text: Card form rejects spaces, severity: high}\n"
        "          - Billing address asked twice\n"
        "        opportunities:\n"
        "          - {text: Accept wallets, impact: high, effort: low}\n"
        "        moment_of_truth: true\n"
        "      - name: Confirms\n"
        "        emotion: 1\n"
    )
    assert files_under(root / "personas") == ["sam.md"]  # found by name and by id: no stub


def test_tab_separated_with_header_words_spelt_freely(make_project, tmp_path: Path) -> None:
    root = make_project()
    text = "MAP\tstage\tStep ID\tstep\tpersona\tmap-title\r\ncheckout\tPay\tpay-now\tPays\tsam\tCheckout\r\n"
    imported = import_csv(root, text.encode())
    assert [str(issue) for issue in imported.issues] == []
    step = imported.files[0].data["stages"][0]["steps"][0]  # type: ignore[index]
    assert step == {"name": "Pays", "id": "pay-now"}


def test_an_unknown_persona_becomes_a_stub_persona_file(make_project, cli, tmp_path: Path) -> None:
    root = make_project()
    text = (
        "map,map_title,stage,step,persona,persona_name,emotion\n"
        "checkout,Checkout,Pay,Pays,Alex Doe,,1\n"
        "checkout,Checkout,Pay,Pays,Sam!,,0\n"
        "checkout,Checkout,Pay,Pays,jo,Jo Bloggs,-1\n"
        "checkout,Checkout,Pay,Pays,alex-doe,,1\n"
    )
    result = cli("import", "csv", write_sheet(tmp_path, text), "--project", root)
    assert result.exit_code == 0, result.output
    assert files_under(root / "personas") == ["alex-doe.yaml", "jo.yaml", "sam-2.yaml", "sam.md"]
    assert "name: Jo Bloggs\n" in (root / "personas/jo.yaml").read_text(encoding="utf-8")
    assert "name: Sam!\n" in (root / "personas/sam-2.yaml").read_text(encoding="utf-8")
    journey = load(root).map("checkout")
    assert journey is not None and journey.personas == ("alex-doe", "sam-2", "jo")


def test_a_stage_without_steps_and_per_persona_texts(make_project) -> None:
    root = make_project({"personas/pat.yaml": "name: Pat\n"})
    text = (
        "map,map_title,stage,step,persona,thoughts,feeling,emotion\n"
        "m,M,Before,,sam,,,\n"
        "m,M,During,Waits,sam,Too long,Bored,-1\n"
        "m,M,During,Waits,pat,Fine,Bored,-1\n"
    )
    imported = import_csv(root, text.encode())
    assert [str(issue) for issue in imported.issues] == []
    assert imported.files[0].data["stages"] == [  # type: ignore[index]
        {"name": "Before"},
        {"name": "During", "steps": [
            {"name": "Waits", "thoughts": {"sam": "Too long", "pat": "Fine"}, "feeling": "Bored", "emotion": -1},
        ]},
    ]  # fmt: skip


# -- problems at FILE:ROW:COLUMN ------------------------------------------------------------


def test_each_bad_cell_is_one_line_at_the_row_where_its_record_starts(make_project, cli, tmp_path: Path) -> None:
    root = make_project()
    text = (
        "map,stage,step,persona,emotion,pain_points,moment_of_truth,map_title\n"
        'm,Pay,Enters card details,sam,bad,"Rejects spaces\nAsks twice [severity: hgh]",,M\n'
        "m,Pay,Confirms,,1,,,M\n"
        "m,Pay,Done,sam,7,,maybe,M\n"
        "m,Later,,sam,1,,no,M\n"
        "m,Pay,Rings the bel\x07l,sam,,,,M\n"
    )
    sheet = write_sheet(tmp_path, text)
    result = cli("import", "csv", sheet, "--project", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}:2:5: error: emotion must be a number from -2..+2, not 'bad'",
        f"{sheet}:2:6: error: '[severity: hgh]' must rate severity as one of low, medium, high "
        "(in 'Asks twice [severity: hgh]')",
        f"{sheet}:4:4: error: persona is empty; every row names its map, stage and persona",
        f"{sheet}:5:5: error: emotion 7 is outside the scale -2..+2",
        f"{sheet}:5:7: error: moment_of_truth must be yes or no, not 'maybe'",
        f"{sheet}:6:5: error: emotion is given but step is empty; name the step",
        f"{sheet}:7:3: error: step holds the control character U+0007, which a map cannot carry",
        "1 file checked: 7 errors, 0 warnings",
        "nothing written",
    ]
    assert files_under(root / "maps") == []


def test_a_missing_required_column_is_one_error(make_project, cli, tmp_path: Path) -> None:
    root = make_project()
    sheet = write_sheet(tmp_path, "Map,Stage,Step,Emotion\nm,Pay,Pays,1\n")
    result = cli("import", "csv", sheet, "--project", root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{sheet}:1:1: error: the header row has no persona column (a sheet needs map, stage, step, persona; "
        "see 'journeys export csv' for every column)"
    )
    twice = import_csv(root, b"map,stage,step,persona,Step\nm,Pay,Pays,sam,Pays\n")
    assert [str(issue) for issue in twice.issues] == [
        "sheet.csv:1:5: error: column 'Step' appears twice (first in column 3)"
    ]


def test_rows_that_disagree_and_cells_a_map_cannot_hold_as_written(make_project, tmp_path: Path) -> None:
    root = make_project()
    text = (
        "map,stage,step,persona,touchpoint,map_updated,map_state,step_id\n"
        "Laptop Purchase,Pay,Pays,sam,Web,02/11/2026,Current,\n"
        "Laptop Purchase,Pay,Pays,sam,App,,,\n"
        "Laptop Purchase,Later,Pays,sam,,,,\n"
        "Laptop Purchase,Later,Refunds,sam,,,,Bad_Id\n"
        "Laptop Purchase,Pay,Pays,sam,Web,,Past,\n"
    )
    imported = import_csv(root, text.encode())
    assert [str(issue) for issue in imported.issues] == [
        "sheet.csv:2:1: warning: map 'Laptop Purchase' is not a valid map id (lowercase letters, digits and '-'); "
        "written as 'laptop-purchase'",
        "sheet.csv:2:1: warning: map 'laptop-purchase' has no map_title; its title is 'Laptop purchase'",
        "sheet.csv:2:6: warning: map_updated '02/11/2026' is not a date written YYYY-MM-DD (a spreadsheet may have "
        "rewritten it); left out",
        "sheet.csv:3:5: warning: touchpoint differs from row 2 ('Web'); the value of row 2 is kept",
        "sheet.csv:4:2: error: step 'Pays' is in stage 'Pay' on row 2; two steps need distinct step_id values",
        "sheet.csv:5:8: error: 'Bad_Id' is not a valid id: use lowercase letters, digits and '-' (e.g. 'bad-id')",
        "sheet.csv:6:7: warning: map_state differs from row 2 ('Current'); the value of row 2 is kept",
    ]
    assert imported.files == ()


# -- files that cannot be imported ----------------------------------------------------------


def test_unreadable_files_are_one_error_and_write_nothing(make_project, cli, tmp_path: Path) -> None:
    journey = "title: Checkout\ndescription: |-\n  Two\n  lines\npersonas: [sam]\nstages:\n  - name: Pay\n"
    root = make_project({"maps/checkout.yaml": journey})
    whole = export_csv(root)
    before = files_under(root)
    cut = whole.decode("utf-8")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as file:
        file.truncate(50_000_000)
    cases = {
        write_sheet(tmp_path, cut[: cut.index("\n", cut.index('"')) + 1], "truncated.csv"): ":2:1: error: a quoted "
        "cell that starts in this row is never closed (is the file cut short?)",
        write_sheet(tmp_path, b"map,stage\r\nm,\x00\x01", "binary.csv"): ":2:1: error: is a binary file, not text; "
        "nothing imported",
        write_sheet(tmp_path, "map,stage\nCaf\xe9\n".encode("cp1252"), "latin.csv"): ":2:4: error: file is not "
        "valid UTF-8 (byte 0xe9); save it as UTF-8",
        huge: ":1:1: error: file is 50,000,000 bytes, more than journeys imports (10,000,000); is it the right file?",
        write_sheet(tmp_path, "", "empty.csv"): ":1:1: error: is empty: a CSV file to import starts with a header "
        "row (map, stage, step, persona, ...)",
    }
    for sheet, expected in cases.items():
        result = cli("import", "csv", sheet, "--project", root)
        assert result.exit_code == 1, sheet
        assert result.stderr.splitlines()[0] == f"{sheet}{expected}"
        assert sum(": error: " in line for line in result.stderr.splitlines()) == 1
        assert files_under(root) == before


# -- the command ----------------------------------------------------------------------------

ONE_MAP = "map,map_title,stage,step,persona\ncheckout,Checkout,Pay,Pays,sam\n"


def test_never_overwrites_and_id_renames(make_project, cli, tmp_path: Path) -> None:
    root = make_project()
    sheet = write_sheet(tmp_path, ONE_MAP)
    assert cli("import", "csv", sheet, "--project", root).exit_code == 0
    written = (root / "maps/checkout.yaml").read_text(encoding="utf-8")
    again = cli("import", "csv", sheet, "--project", root)
    assert again.exit_code == 1
    assert "maps/checkout.yaml" in again.stderr
    assert (root / "maps/checkout.yaml").read_text(encoding="utf-8") == written
    renamed = cli("import", "csv", sheet, "--project", root, "--id", "checkout-2")
    assert renamed.exit_code == 0, renamed.output
    assert load(root).map("checkout-2") is not None


# -- export then import, for any map --------------------------------------------------------

#: Text with what a CSV and a spreadsheet treat specially: delimiters, quotes, line breaks,
#: formula characters, brackets that look like ratings, non-Latin letters.
TEXT = st.text(alphabet="ab =+-@',;\"\t\n[]:é中", min_size=1, max_size=14).map(str.strip).filter(bool)
LEVEL = st.sampled_from([None, "low", "medium", "high"])
SCORE = st.integers(-8, 8).map(lambda n: n / 4)
PERSONAS = ("sam", "pat")


def _per_persona(values: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), values, st.fixed_dictionaries({}, optional={p: values for p in PERSONAS}))


def _without_none(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None and value != {} and value != []}


@st.composite
def journeys(draw: st.DrawFn) -> dict:
    stages = []
    for stage_number in range(draw(st.integers(1, 3))):
        steps = []
        for step_number in range(draw(st.integers(0, 3))):
            pains = st.one_of(TEXT, st.builds(lambda t, s: _without_none({"text": t, "severity": s}), TEXT, LEVEL))
            ideas = st.builds(lambda t, i, e: _without_none({"text": t, "impact": i, "effort": e}), TEXT, LEVEL, LEVEL)
            steps.append(_without_none({
                "name": f"Step {stage_number}.{step_number} {draw(TEXT)}",
                "id": draw(st.sampled_from([None, f"s{stage_number}-{step_number}"])),
                "touchpoint": draw(st.none() | TEXT),
                "channel": draw(st.none() | TEXT),
                "backstage": draw(st.none() | TEXT),
                "owner": draw(st.none() | TEXT),
                "actions": draw(_per_persona(TEXT)),
                "thoughts": draw(_per_persona(TEXT)),
                "feeling": draw(_per_persona(TEXT)),
                "emotion": draw(_per_persona(SCORE)),
                "pain_points": draw(st.lists(pains, max_size=3)),
                "opportunities": draw(st.lists(st.one_of(TEXT, ideas), max_size=3)),
                "evidence": draw(st.lists(TEXT.map(lambda text: f"Study {text}"), max_size=2)),  # not a link
                "moment_of_truth": draw(st.sampled_from([None, True])),
            }))  # fmt: skip
        stages.append(_without_none({
            "name": f"Stage {stage_number} {draw(TEXT)}",
            "id": draw(st.sampled_from([None, f"stage-{stage_number}"])),
            "goal": draw(st.none() | TEXT),
            "description": draw(st.none() | TEXT),
            "steps": steps,
        }))  # fmt: skip
    return _without_none({
        "title": draw(TEXT),
        "description": draw(st.none() | TEXT),
        "personas": list(PERSONAS),
        "state": draw(st.sampled_from([None, "current", "future"])),
        "owner": draw(st.none() | TEXT),
        "status": draw(st.sampled_from([None, "draft", "review", "approved"])),
        "tags": draw(st.lists(TEXT, max_size=3, unique=True)),
        "updated": draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))),
        "stages": stages,
    })  # fmt: skip


def _project(folder: Path) -> Path:
    (folder / "maps").mkdir(parents=True)
    (folder / "personas").mkdir()
    (folder / "mkdocs.yml").write_text(EMPTY_PROJECT, encoding="utf-8")
    for persona in PERSONAS:
        (folder / "personas" / f"{persona}.yaml").write_text(f"name: {persona.title()}\n", encoding="utf-8")
    return folder


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=journeys())
def test_any_map_exported_and_imported_is_the_same_map(journey: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = _project(Path(folder) / "first"), _project(Path(folder) / "second")
        (first / "maps" / "journey.yaml").write_text(yaml_text(journey), encoding="utf-8")
        original = load(first).map("journey")
        assert original is not None

        imported = import_csv(second, export_csv(first))
        assert [str(issue) for issue in imported.issues] == []
        settings_, _ = load_settings(second)
        write_imported(settings_, imported.files, "csv")

        rebuilt = load(second).map("journey")
        assert rebuilt is not None and comparable(rebuilt) == comparable(original)
