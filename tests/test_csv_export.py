"""`journeys export csv`: a sheet that opens cleanly in Excel, LibreOffice and Google Sheets,
reads back as the same maps, and the cross-map backlogs (`--rollup`), on the site too."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from csv_helpers import EMPTY_PROJECT, comparable, export_csv, import_csv, load
from journeys import app
from journeys.formats.spreadsheet import COLUMNS
from journeys.formats.writing import yaml_text

REPO_ROOT = Path(__file__).resolve().parent.parent

SMALL_MAP = """\
title: Checkout
personas: [sam]
stages:
  - name: Pay
    steps:
      - name: Enters card details
        emotion: -1
        pain_points:
          - {text: Card form rejects spaces, severity: high}
          - Billing address asked twice
        opportunities:
          - {text: Accept wallets, impact: high, effort: medium}
      - name: Confirms
        emotion: 1
        opportunities:
          - {text: One-click confirm, impact: high, effort: low}
          - Clearer receipt
"""


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def example_export() -> bytes:
    return export_csv(REPO_ROOT)


def test_export_then_import_rebuilds_every_example_map(example_export: bytes, tmp_path: Path) -> None:
    target = tmp_path / "imported"
    (target / "maps").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(EMPTY_PROJECT, encoding="utf-8")
    sheet = tmp_path / "maps.csv"
    sheet.write_bytes(example_export)

    run = app.import_files(target, "csv", [sheet])

    assert [str(issue) for issue in run.issues] == []
    original, rebuilt = load(REPO_ROOT), load(target)
    assert [m.id for m in rebuilt.maps] == [m.id for m in original.maps]
    for before, after in zip(original.maps, rebuilt.maps, strict=True):
        assert comparable(after) == comparable(before), before.id
    # The personas were not in the project: each is a stub named as the original.
    assert [(p.id, p.name) for p in rebuilt.personas] == [(p.id, p.name) for p in original.personas]


def test_export_is_utf8_with_bom_and_crlf_with_a_row_per_step_and_persona(example_export: bytes) -> None:
    assert example_export.startswith(b"\xef\xbb\xbfmap,map_title,stage,stage_goal,step,step_id,persona,emotion,")
    assert example_export.count(b"\r\n") == example_export.count(b"\r")  # no bare CR
    table = rows(example_export)
    assert table[0] == list(COLUMNS)
    assert len({len(row) for row in table}) == 1
    project = load(REPO_ROOT)
    expected = sum(max(len(stage.steps), 1) * len(m.personas) for m in project.maps for stage in m.stages)
    assert len(table) - 1 == expected
    family = [dict(zip(table[0], row, strict=True)) for row in table if row[0] == "family-mobile-plan"]
    caps = [row for row in family if row["step"] == "Calls to ask about spending caps"]
    assert [(r["persona"], r["persona_name"], r["emotion"], r["feeling"]) for r in caps] == [
        ("pat", "Pat Okafor", "1", "Reassured"),
        ("sam", "Sam Okafor", "-0.5", "Watched"),
    ]
    assert caps[0]["touchpoint"] == caps[1]["touchpoint"] == "Sales line"  # a step's values on every row


def test_lists_are_one_item_a_line_with_ratings_in_brackets(make_project) -> None:
    root = make_project({"maps/checkout.yaml": SMALL_MAP})
    header, first, second = rows(export_csv(root))
    cells = dict(zip(header, first, strict=True))
    assert cells["pain_points"] == "Card form rejects spaces [high]\nBilling address asked twice"
    assert cells["opportunities"] == "Accept wallets [impact: high, effort: medium]"
    assert dict(zip(header, second, strict=True))["opportunities"] == (
        "One-click confirm [impact: high, effort: low]\nClearer receipt"
    )


@pytest.mark.parametrize(
    ("item", "cell"),
    [
        ("Label says [high]", "Label says [high] []"),
        ({"text": "Label says [high]", "severity": "low"}, "Label says [high] [low]"),
        ("Fails on Safari [see ticket 12]", "Fails on Safari [see ticket 12]"),
    ],
)
def test_brackets_in_a_text_are_kept_apart_from_ratings(make_project, item: object, cell: str) -> None:
    journey = {
        "title": "M",
        "personas": ["sam"],
        "stages": [{"name": "S", "steps": [{"name": "T", "pain_points": [item]}]}],
    }
    root = make_project({"maps/m.yaml": yaml_text(journey)})
    data = export_csv(root)
    assert dict(zip(*rows(data), strict=True))["pain_points"] == cell
    assert import_csv(root, data).files[0].data["stages"] == journey["stages"]  # type: ignore[index]


FORMULAS = """\
title: Checkout
personas: [sam]
stages:
  - name: Pay
    steps:
      - name: Enters card details
        emotion: -1
        thoughts: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
        touchpoint: "@SUM(A1)"
        feeling: "+ cross"
        actions: "-2+3"
        backstage: "'=already quoted"
        channel: "'plain quote"
        evidence: ["=1+1", "fine"]
"""


def test_a_formula_is_neutralised_on_export_and_restored_on_import(make_project) -> None:
    root = make_project({"maps/checkout.yaml": FORMULAS})
    data = export_csv(root)
    cells = dict(zip(*rows(data), strict=True))
    assert cells["thoughts"] == '\'=HYPERLINK("http://evil.example","click")'
    assert cells["touchpoint"] == "'@SUM(A1)"
    assert cells["feeling"] == "'+ cross"
    assert cells["actions"] == "'-2+3"
    assert cells["backstage"] == "''=already quoted"
    assert cells["channel"] == "'plain quote"  # not a formula: left as it is
    assert cells["evidence"] == "'=1+1\nfine"
    assert cells["emotion"] == "-1"  # a plain number stays a number

    imported = import_csv(root, data)
    step = imported.files[0].data["stages"][0]["steps"][0]  # type: ignore[index]
    assert step["thoughts"] == '=HYPERLINK("http://evil.example","click")'
    assert (step["touchpoint"], step["feeling"], step["actions"]) == ("@SUM(A1)", "+ cross", "-2+3")
    assert (step["backstage"], step["channel"]) == ("'=already quoted", "'plain quote")
    assert step["evidence"] == ["=1+1", "fine"]


def test_export_one_map_to_a_file(make_project, cli, tmp_path: Path) -> None:
    root = make_project({"maps/checkout.yaml": SMALL_MAP, "maps/other.yaml": SMALL_MAP})
    out = tmp_path / "checkout.csv"
    result = cli("export", "csv", root, "--map", "checkout", "--out", out)
    assert result.exit_code == 0, result.output
    assert {row[0] for row in rows(out.read_bytes())[1:]} == {"checkout"}


# -- the backlogs ----------------------------------------------------------------------


def test_rollup_pain_points_one_row_each_most_severe_first(make_project, cli) -> None:
    root = make_project({"maps/checkout.yaml": SMALL_MAP})
    result = cli("export", "csv", root, "--rollup", "pain-points")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout_bytes
        == (
            "\ufeffpain_point,severity,emotion,map,map_title,state,stage,step,step_id,personas\r\n"
            "Card form rejects spaces,high,-1,checkout,Checkout,current,Pay,Enters card details,enters-card-details,"
            "Sam Okafor\r\n"
            "Billing address asked twice,,-1,checkout,Checkout,current,Pay,Enters card details,enters-card-details,"
            "Sam Okafor\r\n"
        ).encode()
    )


def test_rollup_opportunities_highest_impact_then_least_effort(make_project, cli) -> None:
    root = make_project({"maps/checkout.yaml": SMALL_MAP})
    result = cli("export", "csv", root, "--rollup", "opportunities")
    assert result.exit_code == 0, result.output
    table = rows(result.stdout_bytes)
    assert table[0] == ["opportunity", "impact", "effort", "map", "map_title", "state", "stage", "step", "step_id",
                        "personas"]  # fmt: skip
    assert [row[:3] for row in table[1:]] == [
        ["One-click confirm", "high", "low"],
        ["Accept wallets", "high", "medium"],
        ["Clearer receipt", "", ""],
    ]


def test_rollup_is_for_csv_only(make_project, cli) -> None:
    root = make_project({"maps/checkout.yaml": SMALL_MAP})
    result = cli("export", "csv", root, "--rollup", "channels")
    assert result.exit_code == 2
    assert "Invalid value for '--rollup': 'channels' is not one of 'pain-points', 'opportunities'." in result.output
    other = cli("export", "json", root, "--rollup", "pain-points")
    assert other.exit_code == 2
    assert other.output.splitlines()[-1] == (
        "Error: --rollup is one of pain-points, opportunities, and only for csv (not json)"
    )
    assert other.stdout == ""


# -- on the site -----------------------------------------------------------------------


@pytest.mark.parametrize(("page", "rollup"), [("pain-points", "pain-points"), ("opportunities", "opportunities")])
def test_the_site_offers_the_backlogs_as_downloads(example_site: Path, page: str, rollup: str) -> None:
    html = (example_site / "journeys" / page / "index.html").read_text(encoding="utf-8")
    link = f'<a href="../{rollup}.csv" download>'
    assert link in html
    published = (example_site / "journeys" / page / ".." / f"{rollup}.csv").resolve()
    expected = app.export(REPO_ROOT, "csv", rollup=rollup).output
    assert published.read_bytes() == expected


def test_the_preview_serves_the_downloads_too(make_project, tmp_path: Path) -> None:
    """``journeys serve`` publishes generated files through its own store: the bytes are the same."""
    from journeys.publish.serve import PreviewBuilder

    root = make_project({"maps/checkout.yaml": SMALL_MAP, "docs/index.md": "# Maps\n"})
    site = tmp_path / "site"
    builder = PreviewBuilder(root, site, "http://127.0.0.1:8000/")
    config = builder.config()
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        builder()
    finally:
        config.plugins.on_shutdown()
        builder.close()
    html = (site / "journeys" / "pain-points" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../pain-points.csv" download>' in html
    assert (site / "journeys" / "pain-points.csv").read_bytes() == app.export(root, "csv", rollup="pain-points").output
