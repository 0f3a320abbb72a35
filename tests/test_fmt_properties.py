"""`journeys fmt` on generated maps: many layouts in, the same model out, and a second run changes nothing.

The maps are written by ruamel.yaml's round-trip dumper with a drawn style for every value
(plain, quoted, literal, folded; one-line or block collections), indentation, line width
and end-of-line comments, so the formatter meets layouts nobody would write by hand.
"""

from __future__ import annotations

import io
import os
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from journeys.formatting import format_source
from journeys.loading.project import load_sources
from journeys.loading.sources import Source

SAM = Source("persona", "sam", "personas/sam.md", b"---\nname: Sam Okafor\n---\nNotes.\n")
PAT = Source("persona", "pat", "personas/pat.yaml", b"name: Pat Lee\n")
# Each example dumps, loads and formats a whole map: 60 keep this under ~15 s.
# For a deliberate bug hunt: JOURNEYS_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_fmt_properties.py
examples = settings(
    max_examples=int(os.environ.get("JOURNEYS_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that needs every kind of quoting: YAML indicators, numbers and keywords as text.
TRICKY = st.sampled_from([
    "3.10", "007", "+12", "1e3", ".inf", "0x1F", "true", "True", "null", "~", "2026-10-14", "- a", "-20% drop",
    "#x", "a: b", "a #b", "a#b", "'q'", '"q"', "[a]", "{a}", "a, b", "*x", "&x", "!x", "%x", "@x", "`x", "? x",
    "-", "---", "...", "x:", "https://example.org/a?b=c#d", "tab\tinside", "é ü ß 漢字", "  padded  ",
])  # fmt: skip
WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40)
TEXT = (WORDS | TRICKY).filter(lambda text: text.strip())
LINES = st.lists(TEXT, min_size=1, max_size=4).map("\n".join)
SCALARS = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6, allow_nan=False) | TEXT
EXTRA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                     max_leaves=8)  # fmt: skip
LEVEL = st.sampled_from(["low", "medium", "high"])
SCORE = st.integers(-2, 2) | st.floats(-2, 2, allow_nan=False, width=16)


def maybe(draw, fields: dict, name: str, strategy) -> None:
    if draw(st.booleans()):
        fields[name] = draw(strategy)


def with_extensions(draw, fields: dict) -> dict:
    """``fields`` in a random order, with some x- fields among them."""
    for number in range(draw(st.integers(0, 2))):
        fields[f"x-{number}"] = draw(EXTRA)
    names = draw(st.permutations(list(fields)))
    return {name: fields[name] for name in names}


@st.composite
def steps(draw, stage: int) -> list:
    made = []
    for number in range(draw(st.integers(1, 3))):
        step: dict = {"name": f"{draw(TEXT)} {stage}-{number}"}
        for name in ("touchpoint", "channel", "backstage", "owner"):
            maybe(draw, step, name, TEXT)
        for name in ("actions", "thoughts", "feeling"):
            maybe(draw, step, name, TEXT | LINES | st.fixed_dictionaries({}, optional={"sam": TEXT, "pat": LINES}))
        maybe(draw, step, "emotion", SCORE | st.fixed_dictionaries({}, optional={"sam": SCORE, "pat": SCORE}))
        maybe(
            draw,
            step,
            "pain_points",
            st.lists(TEXT | st.fixed_dictionaries({"text": TEXT}, optional={"severity": LEVEL}), max_size=3),
        )
        maybe(
            draw,
            step,
            "opportunities",
            st.lists(
                TEXT | st.fixed_dictionaries({"text": TEXT}, optional={"impact": LEVEL, "effort": LEVEL}), max_size=3
            ),
        )  # noqa: E501
        maybe(draw, step, "evidence", st.lists(TEXT.filter(lambda text: ":" not in text), max_size=3))
        maybe(draw, step, "moment_of_truth", st.booleans())
        made.append(with_extensions(draw, step))
    return made


@st.composite
def journey_maps(draw) -> dict:
    stages = []
    for number in range(draw(st.integers(1, 3))):
        stage: dict = {"name": f"{draw(TEXT)} {number}", "steps": draw(steps(number))}
        maybe(draw, stage, "goal", TEXT)
        maybe(draw, stage, "description", LINES)
        stages.append(with_extensions(draw, stage))
    journey: dict = {"title": draw(TEXT), "personas": draw(st.permutations(["sam", "pat"])), "stages": stages}
    for name in ("owner", "description"):
        maybe(draw, journey, name, TEXT | LINES)
    maybe(draw, journey, "status", st.sampled_from(["draft", "review", "approved"]))
    maybe(draw, journey, "tags", st.lists(TEXT, max_size=7))
    maybe(draw, journey, "metrics", st.lists(st.fixed_dictionaries(
        {"name": TEXT, "value": TEXT | st.floats(0, 100, allow_nan=False) | st.integers()},
        optional={"target": TEXT},
    ), max_size=2))  # fmt: skip
    return with_extensions(draw, journey)


@st.composite
def styled(draw, value: object, in_flow: bool = False) -> object:
    """``value`` for ruamel's round-trip dumper, each string and collection in a drawn style.

    Inside a one-line collection everything stays on one line (YAML has no blocks there).
    """
    if isinstance(value, (dict, list)):
        flow = in_flow or draw(st.booleans())
        if isinstance(value, dict):
            made: CommentedMap | CommentedSeq = CommentedMap(
                (key if re.fullmatch(r"[\w-]+", key) else DoubleQuotedScalarString(key), draw(styled(item, flow)))
                for key, item in value.items()
            )
        else:
            made = CommentedSeq(draw(styled(item, flow)) for item in value)
        made.fa.set_flow_style() if flow else made.fa.set_block_style()
        for key in made if isinstance(made, CommentedMap) and not flow else ():
            if made[key] not in ({}, []) and draw(st.integers(0, 4)) == 0:  # ruamel misplaces those
                made.yaml_add_eol_comment(f"# about {key}", key)
        return made
    if isinstance(value, str):
        # In one-line collections ruamel's dumper can write plain text it cannot read back.
        kinds: list = [SingleQuotedScalarString, DoubleQuotedScalarString]
        if not in_flow:
            kinds += [str, LiteralScalarString, FoldedScalarString] if value == value.strip() else [str]
        return draw(st.sampled_from(kinds))(value)
    return value


def dumped(document: object, draw) -> str:
    dumper = YAML()
    mapping = draw(st.integers(2, 4))
    offset = draw(st.integers(0, mapping))
    dumper.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    dumper.width = draw(st.integers(30, 200))
    stream = io.StringIO()
    dumper.dump(draw(styled(document)), stream)
    return stream.getvalue()


def stripped(journey):  # type: ignore[no-untyped-def]
    """A map without its positions (formatting moves lines; nothing else may change)."""
    from dataclasses import replace

    return replace(journey, location=None, stages=tuple(
        replace(stage, location=None, steps=tuple(replace(step, location=None) for step in stage.steps))
        for stage in journey.stages
    ))  # fmt: skip


@examples
@given(journey=journey_maps(), data=st.data(), path=st.sampled_from(["maps/x.yaml", "maps/x.md"]))
def test_formatting_a_generated_map_keeps_its_model_and_is_idempotent(journey: dict, data, path: str) -> None:
    text = dumped(journey, data.draw)
    if path.endswith(".md"):
        text = f"---\n{text}---\nThe narrative.\n"
    source = Source("map", "x", path, text.encode("utf-8"))
    before = load_sources([SAM, PAT, source])
    assume(before.project.map("x") is not None)  # the dumper can write what validation refuses
    formatted = format_source(source)
    after = load_sources([SAM, PAT, Source("map", "x", path, formatted)])
    assert after.errors == ()
    assert stripped(after.project.map("x")) == stripped(before.project.map("x"))
    assert format_source(Source("map", "x", path, formatted)) == formatted
