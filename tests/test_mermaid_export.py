"""``journeys export mermaid``: maps as journeys Mermaid draws, which import back to the same
stages, steps and scores; and Mermaid's own CLI (mmdc) draws them."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.config import Settings
from journeys.formats import ImportContext, InputFile
from journeys.formats.mermaid import export_maps, import_file, journey_blocks
from journeys.formats.writing import yaml_text
from journeys.loading.project import load_sources
from journeys.loading.sources import Source

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "mermaid"
PERSONAS = [
    Source("persona", "sam", "personas/sam.yaml", b"name: Sam Okafor\n"),
    Source("persona", "pat", "personas/pat.yaml", b"name: 'Lee, Pat: #1'\n"),
    Source("persona", "kim", "personas/kim.yaml", b"name: Sam Okafor\n"),  # a name two personas share
]
SETTINGS = Settings(root=Path("."))

MAP = """\
title: "Checkout: the #1 journey; 100%"
description: |-
  First line; with a } brace.

  After a blank line.
personas: [sam, pat, kim]
stages:
  - name: "Pay: now"
    steps:
      - name: Enters card
        emotion: {sam: -2, pat: 1, kim: -2}
      - name: Enters card
        id: enters-card-again
        emotion: 1
      - name: Title page
  - name: Empty
    steps: []
"""

EXPECTED = """\
journey
  title Checkout#58; the #35;1 journey#59; 100#37;
  accTitle: Checkout#58; the #35;1 journey#59; 100#37;
  accDescr {
    First line#59; with a #125; brace.#10;
    After a blank line.
  }
  section Pay#58; now
    Enters card: 1: sam, kim
    Enters card: 4: Lee#44; Pat#58; #35;1
    #069;nters card: 4: sam, Lee#44; Pat#58; #35;1, kim
    #84;itle page: 3
  section Empty
"""


def project_of(*maps: tuple[str, str]):
    sources = [*PERSONAS, *(Source("map", map_id, f"maps/{map_id}.yaml", text.encode()) for map_id, text in maps)]
    loaded = load_sources(sources)
    assert [str(issue) for issue in loaded.issues if issue.severity == "error"] == []
    return loaded.project


def reimported(project, journey):
    """The map exported, imported again into the same project and loaded."""
    text = export_maps(project, [journey], SETTINGS).decode("utf-8")
    context = ImportContext(SETTINGS, {p.id: p.name for p in project.personas})
    result = import_file(InputFile("export.mmd", text), context)
    assert [str(i) for i in result.issues if i.severity == "error"] == [], text
    (imported,) = [f for f in result.files if f.kind == "map"]
    assert [f.id for f in result.files if f.kind == "persona"] == [], text
    source = Source("map", "back", "maps/back.yaml", yaml_text(imported.data).encode("utf-8"))
    loaded = load_sources([*PERSONAS, source])
    assert [str(issue) for issue in loaded.issues if issue.severity == "error"] == [], text
    return loaded.project.map("back"), result.issues


def shape(journey) -> list[tuple[str, list[tuple[str, dict[str, float]]]]]:
    return [(s.name, [(p.name, {e.persona: e.score for e in p.emotions}) for p in s.steps]) for s in journey.stages]


def test_a_map_is_written_as_mermaid_reads_it_back() -> None:
    project = project_of(("checkout", MAP))
    assert export_maps(project, [project.map("checkout")], SETTINGS).decode("utf-8") == EXPECTED
    back, issues = reimported(project, project.map("checkout"))
    assert back.title == "Checkout: the #1 journey; 100%"
    assert back.description == "First line; with a } brace.\n\nAfter a blank line."
    assert shape(back) == [
        ("Pay: now", [
            ("Enters card", {"sam": -2, "pat": 1, "kim": -2}),
            ("Enters card", {"sam": 1, "pat": 1, "kim": 1}),
            ("Title page", {"sam": 0, "pat": 0, "kim": 0}),  # no score: neutral for everyone (documented)
        ]),
        ("Empty", []),
    ]  # fmt: skip
    assert issues == ()


def test_several_maps_are_markdown_with_a_fence_each(cli) -> None:
    result = cli("export", "mermaid", REPO)
    assert result.exit_code == 0, result.stderr
    ids = sorted(path.stem for path in (REPO / "maps").glob("*.*") if path.name != "README.md")
    assert re.findall(r"^## (.+)\n\n```mermaid\njourney\n", result.stdout, re.M) == ids
    one = cli("export", "mermaid", REPO, "--map", "laptop-purchase")
    assert one.stdout.startswith("journey\n  title Buying a laptop online\n")


def test_the_example_maps_import_back_with_scores_rounded_to_mermaids(cli) -> None:
    from journeys.config import load_settings
    from journeys.loading.project import load_project

    settings, _ = load_settings(REPO)
    project = load_project(settings).project
    context = ImportContext(settings, {p.id: p.name for p in project.personas})
    for journey in project.maps:
        text = export_maps(project, [journey], settings).decode("utf-8")
        (back,) = [f for f in import_file(InputFile(f"{journey.id}.mmd", text), context).files if f.kind == "map"]
        stages = [(s["name"], [(p["name"], p.get("emotion")) for p in s["steps"]]) for s in back.data["stages"]]
        expected = [
            (s.name, [(p.name, {e.persona: math.floor(e.score + 3.5) - 3 for e in p.emotions}) for p in s.steps])
            for s in journey.stages
        ]
        assert stages == expected, journey.id


# -- export, then import: the same stages, steps and scores ----------------------------------

NAMES = st.one_of(
    st.text(st.sampled_from("abcXYZ 0129:#;,%{}<>&'\"éü日本-_.!?ﬂ¶°"), min_size=1, max_size=12),
    st.builds(lambda k, t: k + t, st.sampled_from(["Title ", "section ", "journey ", "accTitle: ", "accDescr {", "%%"]),
              st.text("ab :", max_size=4)),
).map(str.strip).filter(bool)  # fmt: skip
PERSONA_IDS = ["sam", "pat", "kim"]


@st.composite
def journey_maps(draw) -> str:
    personas = draw(st.lists(st.sampled_from(PERSONA_IDS), min_size=1, max_size=3, unique=True))
    step_names = st.one_of(NAMES, st.just("Same"))  # "Same": neighbours of one name
    stages = []
    number = 0
    for stage_number, stage_name in enumerate(draw(st.lists(NAMES, min_size=1, max_size=3))):
        steps = []
        for step_name in draw(st.lists(step_names, max_size=3)):
            number += 1
            scored = draw(st.lists(st.sampled_from(personas), min_size=1, unique=True))
            emotion = {p: draw(st.integers(-2, 2)) for p in scored}
            steps.append({"name": step_name, "id": f"s{number}", "emotion": emotion})
        stages.append({"name": stage_name, "id": f"g{stage_number}", "steps": steps})
    return yaml_text({"title": draw(NAMES), "personas": personas, "stages": stages})


@settings(max_examples=int(os.environ.get("JOURNEYS_HYPOTHESIS_EXAMPLES", "80")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(text=journey_maps().filter(lambda text: "emotion" in text))  # a map with no score has no actor
def test_export_then_import_gives_the_same_stages_steps_and_scores(text: str) -> None:
    project = project_of(("m", text))
    journey = project.map("m")
    back, _ = reimported(project, journey)
    assert back.title == journey.title
    assert shape(back) == shape(journey)


# -- Mermaid's own CLI ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def mmdc(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """mmdc with a puppeteer config for Debian's Chromium (.ci/run installs both)."""
    mmdc = shutil.which("mmdc")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if mmdc is None or chromium is None:
        pytest.skip("Mermaid's CLI (npm @mermaid-js/mermaid-cli) or Chromium is not installed; .ci/run installs them")
    config = tmp_path_factory.mktemp("mmdc") / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": chromium, "args": ["--no-sandbox"]}), encoding="utf-8")
    return [mmdc, "--puppeteerConfigFile", str(config), "--quiet"]


def test_mermaid_draws_every_exported_example_map_and_every_fixture(cli, mmdc: list[str], tmp_path: Path) -> None:
    exported = cli("export", "mermaid", REPO)
    assert exported.exit_code == 0, exported.stderr
    fixtures = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.mmd"))]
    markdown = FIXTURES / "two-diagrams.md"
    fixtures += [block.text for block in journey_blocks(InputFile(markdown.name, markdown.read_text(encoding="utf-8")))]
    document = tmp_path / "all.md"
    document.write_text(exported.stdout + "".join(f"```mermaid\n{text}```\n\n" for text in fixtures), encoding="utf-8")
    run = subprocess.run([*mmdc, "--input", str(document), "--output", str(tmp_path / "out.md")],
                         capture_output=True, text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr
    diagrams = exported.stdout.count("```mermaid") + len(fixtures)
    svgs = sorted(tmp_path.glob("out-*.svg"))
    assert len(svgs) == diagrams
    first = svgs[0].read_text(encoding="utf-8")
    assert "Getting broadband fixed after an outage" in first and "Syntax error" not in first
