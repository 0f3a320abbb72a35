"""Property-based tests: whatever bytes a file holds, loading ends in a model or issues.

The invariant checked for every example: ``load_sources`` returns (never raises), every
issue has a real position in one of the given files, loading is deterministic, and a
file becomes a model object exactly when it has no error.
"""

from __future__ import annotations

import os
import re
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.loading.project import LoadResult, load_sources
from journeys.loading.sources import Source
from journeys.validation.maps import MAP_FIELDS, METRIC_FIELDS, STAGE_FIELDS, STEP_FIELDS
from journeys.validation.personas import PERSONA_FIELDS

SAM = Source("persona", "sam", "personas/sam.md", b"---\nname: Sam Okafor\n---\nNotes.\n")
PAT = Source("persona", "pat", "personas/pat.yaml", b"name: Pat Lee\n")

# Keep the whole module well under ~30 s: each example loads a file or two in milliseconds.
# For a deliberate bug hunt: JOURNEYS_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_properties.py
quick = settings(
    max_examples=int(os.environ.get("JOURNEYS_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check(sources: list[Source]) -> LoadResult:
    """Load ``sources`` and assert the invariants every outcome must satisfy."""
    result = load_sources(sources)
    paths = {source.path for source in sources}
    for issue in result.issues:
        assert issue.path in paths
        assert issue.line >= 1 and issue.column >= 1
        assert issue.severity in ("error", "warning")
        assert issue.code and issue.message
        assert "\n" not in str(issue), "one issue must print as one line"
    for source in sources:
        failed = any(issue.severity == "error" and issue.path == source.path for issue in result.issues)
        item = result.project.persona(source.id) if source.kind == "persona" else result.project.map(source.id)
        assert (item is None) == failed, (source.path, result.issues)
    assert load_sources(sources) == result, "loading is not deterministic"
    return result


# -- arbitrary text and bytes ----------------------------------------------------------------

WHERE = st.sampled_from(
    [("map", "maps/x.yaml"), ("map", "maps/x.md"), ("persona", "personas/x.yaml"), ("persona", "personas/x.md")]
)


@quick
@given(where=WHERE, text=st.text())
def test_arbitrary_text_gives_a_model_or_issues(where, text):
    kind, path = where
    check([SAM, Source(kind, "x", path, text.encode("utf-8"))])


@quick
@given(where=WHERE, data=st.binary())
def test_arbitrary_bytes_give_a_model_or_issues(where, data):
    kind, path = where
    check([SAM, Source(kind, "x", path, data)])


YAMLISH_TEXT = st.text(alphabet=st.sampled_from(list("-:[]{},&*!|>?#'\" \n\tab01.~%@`")), max_size=60)


@quick
@given(where=WHERE, text=YAMLISH_TEXT)
def test_yaml_punctuation_soup_gives_a_model_or_issues(where, text):
    kind, path = where
    front = "---\n" + text + "\n---\n" if path.endswith(".md") else text
    check([SAM, Source(kind, "x", path, front.encode("utf-8"))])


# -- arbitrary YAML-shaped data ----------------------------------------------------------------

FIELD_NAMES = sorted(set(MAP_FIELDS + STAGE_FIELDS + STEP_FIELDS + METRIC_FIELDS + PERSONA_FIELDS + ("text",)))
KEYS = st.sampled_from(FIELD_NAMES + ["sam", "pat", "x-team"]) | st.text(max_size=8)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.just(10**400)  # too big for a float: formatting it with ':g' used to raise
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["sam", "pat", "x", "current", "future", "high", "2024-02-30", "2024-02-29", "-2", "+3"])
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=40
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=8) | VALUES


def as_file(path: str, document: object) -> bytes:
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return (f"---\n{text}---\nBody.\n" if path.endswith(".md") else text).encode("utf-8")


@quick
@given(where=WHERE, document=DOCUMENTS)
def test_arbitrary_yaml_data_gives_a_model_or_issues(where, document):
    kind, path = where
    check([SAM, PAT, Source(kind, "x", path, as_file(path, document))])


# -- mutations of a valid map ------------------------------------------------------------------


def valid_map() -> dict:
    return {
        "title": "Buying a laptop online",
        "personas": ["sam", "pat"],
        "state": "future",
        "compares_to": "now",
        "tags": ["ecommerce"],
        "updated": "2024-05-01",
        "stages": [
            {
                "name": "Purchase",
                "steps": [
                    {
                        "name": "Enters card details",
                        "emotion": {"sam": -2, "pat": 1},
                        "pain_points": ["Card form rejects spaces", {"text": "Slow", "severity": "high"}],
                        "opportunities": [{"text": "Wallets", "impact": "high", "effort": "low"}],
                        "evidence": ["https://example.org/report"],
                        "moment_of_truth": True,
                    },
                    {"name": "Confirms", "emotion": 1},
                ],
            },
            {"name": "Delivery", "id": "ship", "steps": [{"name": "Tracks the parcel", "emotion": 0}]},
        ],
        "metrics": [{"name": "Cart abandonment", "stage": "Purchase", "value": "68%"}],
    }


def containers(node: object, found: list) -> list:
    """Every dict and list inside ``node`` (including itself)."""
    if isinstance(node, (dict, list)):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            containers(child, found)
    return found


@st.composite
def mutated_maps(draw) -> dict:
    document = valid_map()
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(containers(document, [])))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if isinstance(target, dict):
            key = draw(st.sampled_from(sorted(target))) if target and action != "add" else draw(KEYS)
            if action == "delete":
                target.pop(key, None)
            else:
                target[key] = draw(VALUES)
        elif target and action != "add":
            index = draw(st.integers(0, len(target) - 1))
            if action == "delete":
                del target[index]
            else:
                target[index] = draw(VALUES)
        else:
            target.append(draw(VALUES))
    return document


NOW = Source("map", "now", "maps/now.yaml", b"title: Now\npersonas: [sam]\nstages: [{name: A, steps: [{name: B}]}]\n")


def test_the_unmutated_map_is_valid():
    result = check([SAM, PAT, NOW, Source("map", "x", "maps/x.yaml", as_file("maps/x.yaml", valid_map()))])
    assert result.errors == ()
    assert sum(1 for _ in result.project.map("x").steps()) == 3


@quick
@given(document=mutated_maps(), path=st.sampled_from(["maps/x.yaml", "maps/x.md"]))
def test_mutated_maps_give_a_model_or_issues(document, path):
    check([SAM, PAT, NOW, Source("map", "x", path, as_file(path, document))])


# -- valid generated maps round-trip -----------------------------------------------------------

# PyYAML (YAML 1.1) writes a word like '1E100' unquoted, and YAML 1.2 reads it as a number,
# too large for journeys (number-too-large): such words are not valid text without quotes.
WORDS = st.text(alphabet=string.ascii_letters + string.digits + "éüßñ", min_size=1, max_size=10).filter(
    lambda word: re.fullmatch(r"[0-9]+[eE][0-9]+", word) is None
)
EMOTIONS = st.none() | st.integers(-2, 2) | st.floats(-2, 2, allow_nan=False)


@st.composite
def valid_maps(draw) -> tuple[dict, list[list[tuple[str, float | None]]]]:
    """A valid map, and per stage the (name, emotion) of each step it should load as."""
    stages, expected = [], []
    for stage_index in range(draw(st.integers(1, 6))):
        steps = []
        for step_index in range(draw(st.integers(1, 5))):
            # The ' i-j' suffix keeps step ids (slugs of the names) unique in the map.
            name = f"{draw(WORDS)} {stage_index}-{step_index}"
            step: dict = {"name": name}
            emotion = draw(EMOTIONS)
            if emotion is not None:
                step["emotion"] = emotion
            if draw(st.booleans()):
                step["pain_points"] = draw(st.lists(WORDS, max_size=3))
            steps.append(step)
        stages.append({"name": f"{draw(WORDS)} {stage_index}", "steps": steps})
        expected.append([(step["name"], step.get("emotion")) for step in steps])
    document = {"title": draw(WORDS), "personas": ["sam"], "stages": stages}
    return document, expected


@quick
@given(generated=valid_maps(), path=st.sampled_from(["maps/x.yaml", "maps/x.md"]))
def test_a_valid_generated_map_round_trips_into_the_model(generated, path):
    document, expected = generated
    result = check([SAM, Source("map", "x", path, as_file(path, document))])
    assert result.issues == ()
    journey = result.project.map("x")
    assert [len(stage.steps) for stage in journey.stages] == [len(steps) for steps in expected]
    loaded = [[(step.name, step.emotion_for("sam")) for step in stage.steps] for stage in journey.stages]
    assert loaded == expected
