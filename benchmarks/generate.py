"""Generate a synthetic, valid journeys project of any size, deterministically.

    python benchmarks/generate.py OUT_DIR --maps 1000 --personas 100 [--seed 0]

or, from Python (the benchmark scripts do this)::

    from benchmarks.generate import generate_project
    generate_project(Path("/tmp/project"), maps=1000, personas=100)

Each map has 6 stages x 4 steps and is about 14 KB, with the field mix real maps have:
touchpoints, channels, actions, quoted thoughts, emotions as one number or one per
persona, pain points and opportunities as text and as objects, evidence (text and
links), backstage, owners, moments of truth, metrics and tags. Some maps have two
personas; every twentieth map is a future-state map that ``compares_to`` the current
map before it. Every persona appears on a map, so ``journeys validate`` reports no
problem at all. The same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import vocabulary as words

STAGES_PER_MAP = 6
STEPS_PER_STAGE = 4
#: Every FUTURE_EVERY-th map is a future-state version of the map just before it.
FUTURE_EVERY = 20
EMOTIONS = (-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2)

# Text matching this is written as a plain scalar (no ':', '#', quotes or leading
# indicators); anything else is double-quoted, as people do for punctuated text.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/&-]*[A-Za-z0-9.)]\Z")


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else a JSON (= YAML) string."""
    if _PLAIN.match(text) and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def number(score: float) -> str:
    return f"{score:g}"


def persona_ids(count: int) -> list[str]:
    return [f"{words.FIRST_NAMES[i % len(words.FIRST_NAMES)].lower()}-{i + 1:03d}" for i in range(count)]


def map_id(index: int) -> str:
    return f"journey-{index + 1:04d}"


def personas_of_map(index: int, maps: int, ids: list[str], rng: random.Random) -> list[str]:
    """The map's own persona(s); together the maps use every persona at least once."""
    own = {j for j in range(len(ids)) if j % maps == index} | {index % len(ids)}
    if len(own) == 1 and len(ids) > 1 and rng.random() < 0.3:
        own.add((index * 7 + 3) % len(ids) if (index * 7 + 3) % len(ids) not in own else (index + 1) % len(ids))
    return [ids[j] for j in sorted(own)]


def is_future(index: int) -> bool:
    return index % FUTURE_EVERY == FUTURE_EVERY - 1


# -- a journey map ----------------------------------------------------------------------


def map_text(index: int, maps: int, ids: list[str], seed: int = 0) -> str:
    """The YAML of map number ``index`` (0-based) in a project of ``maps`` maps."""
    rng = random.Random(f"{seed}/map/{index}")
    personas = personas_of_map(index, maps, ids, rng)
    stage_picks = sorted(rng.sample(range(len(words.STAGES)), STAGES_PER_MAP))
    stages = [words.STAGES[i] for i in stage_picks]
    lines = [
        f"# Synthetic journey map {index + 1} of {maps} (benchmarks/generate.py, seed {seed})",
        f"title: {scalar(rng.choice(words.JOURNEYS) + ' for ' + rng.choice(words.SEGMENTS))}",
        f"description: >-\n  {_sentences(rng, 3)}",
        f"personas: {flow_list(personas)}",
    ]
    if is_future(index):
        lines += ["state: future", f"compares_to: {map_id(index - 1)}"]
    else:
        lines.append("state: current")
    lines += [
        f"owner: {scalar(rng.choice(words.TEAMS))}",
        f"status: {rng.choice(('draft', 'review', 'approved'))}",
        f"tags: {flow_list(rng.sample(words.TAGS, 3))}",
        f"updated: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "stages:",
    ]
    used_names: set[str] = set()
    mood = rng.choice(EMOTIONS)
    for name, goal in stages:
        lines += [f"  - name: {name}", f"    goal: {scalar(goal)}", "    steps:"]
        for _ in range(STEPS_PER_STAGE):
            mood = _drift(rng, mood)
            lines += _step_lines(rng, personas, mood, used_names)
    lines += _metric_lines(rng, [name for name, _ in stages])
    return "\n".join(lines) + "\n"


def _step_lines(rng: random.Random, personas: list[str], mood: float, used_names: set[str]) -> list[str]:
    """One step, indented under its stage's ``steps:``; 20 or so lines."""
    verb, obj = rng.choice(words.VERBS), rng.choice(words.OBJECTS)
    name = _unique_step_name(f"{verb} {obj}", used_names)
    lines = [
        f"      - name: {scalar(name)}",
        f"        touchpoint: {scalar(rng.choice(words.TOUCHPOINTS))}",
        f"        channel: {rng.choice(words.CHANNELS)}",
        f"        actions: {scalar(f'{verb} it {rng.choice(words.ACTION_TAILS)}.')}",
    ]
    if rng.random() < 0.7:
        lines.append(f"        thoughts: {scalar(rng.choice(words.THOUGHT_OPENERS) + ' ' + obj + '?')}")
    lines.append(f"        emotion: {_emotion(rng, personas, mood)}")
    if rng.random() < 0.6:
        lines.append(f"        feeling: {rng.choice(words.FEELINGS)}")
    lines += _pain_point_lines(rng, obj)
    lines += _opportunity_lines(rng, obj)
    if rng.random() < 0.5:
        lines.append(f"        backstage: {scalar(rng.choice(words.BACKSTAGE))}")
    if rng.random() < 0.3:
        lines.append(f"        owner: {scalar(rng.choice(words.TEAMS))}")
    evidence = [rng.choice(words.EVIDENCE).format(n=rng.randint(1, 60)) for _ in range(1 if rng.random() < 0.85 else 2)]
    lines.append(f"        evidence: {flow_list(evidence)}")
    if rng.random() < 0.15:
        lines.append("        moment_of_truth: true")
    return lines


def _unique_step_name(name: str, used: set[str]) -> str:
    """Step ids are slugs of names and must be unique in a map."""
    candidate, again = name, 2
    while candidate.lower() in used:
        candidate, again = f"{name} ({again})", again + 1
    used.add(candidate.lower())
    return candidate


def _emotion(rng: random.Random, personas: list[str], mood: float) -> str:
    if len(personas) > 1 and rng.random() < 0.7:
        return "{" + ", ".join(f"{p}: {number(_drift(rng, mood))}" for p in personas) + "}"
    return number(mood)


def _drift(rng: random.Random, mood: float) -> float:
    """A random walk over the scale, so emotion lines rise and dip like real ones."""
    return min(2, max(-2, mood + rng.choice((-1, -0.5, 0, 0.5, 1))))


def _pain_point_lines(rng: random.Random, obj: str) -> list[str]:
    lines = ["        pain_points:"]
    for _ in range(1 if rng.random() < 0.85 else 2):
        text = f"{obj[0].upper()}{obj[1:]} {rng.choice(words.PROBLEMS)}"
        if rng.random() < 0.5:
            lines.append(f"          - {scalar(text)}")
        else:
            severity = rng.choice(("low", "medium", "high"))
            lines += [f"          - text: {scalar(text)}", f"            severity: {severity}"]
    return lines


def _opportunity_lines(rng: random.Random, obj: str) -> list[str]:
    text = f"{rng.choice(words.IMPROVEMENTS)} {obj}"
    if rng.random() < 0.55:
        return ["        opportunities:", f"          - {scalar(text)}"]
    levels = ("low", "medium", "high")
    return [
        "        opportunities:",
        f"          - text: {scalar(text)}",
        f"            impact: {rng.choice(levels)}",
        f"            effort: {rng.choice(levels)}",
    ]


def _metric_lines(rng: random.Random, stage_names: list[str]) -> list[str]:
    lines = ["metrics:"]
    for name, unit in rng.sample(words.METRICS, 3):
        value, target = rng.randint(5, 80), rng.randint(5, 80)
        lines.append(
            f"  - {{name: {name}, stage: {rng.choice(stage_names)}, "
            # Written as people write them: 68% and 12 days are text, a bare 9 a number.
            f"value: {value}{unit}, target: {target}{unit}}}"
        )
    return lines


def _sentences(rng: random.Random, count: int) -> str:
    parts = []
    for _ in range(count):
        obj = rng.choice(words.OBJECTS)
        parts.append(f"{rng.choice(words.VERBS)} {obj} {rng.choice(words.ACTION_TAILS)}.")
    return " ".join(parts)


# -- a persona --------------------------------------------------------------------------


def persona_text(index: int, seed: int = 0) -> tuple[str, str]:
    """(file suffix, text) of persona number ``index``: Markdown, or YAML for every tenth."""
    rng = random.Random(f"{seed}/persona/{index}")
    first = words.FIRST_NAMES[index % len(words.FIRST_NAMES)]
    fields = [
        f"name: {first} {rng.choice(words.LAST_NAMES)}",
        f"role: {scalar(rng.choice(words.ROLES))}",
        f"quote: {scalar(rng.choice(words.QUOTES))}",
        f"goals: {flow_list(rng.sample(words.GOALS, 2))}",
        f"frustrations: {flow_list([rng.choice(words.OBJECTS).capitalize() + ' ' + rng.choice(words.PROBLEMS)])}",
        f"behaviours: {flow_list(rng.sample(words.BEHAVIOURS, 3))}",
        f"channels: {flow_list(rng.sample(words.CHANNELS, 3))}",
        f"tags: {flow_list(rng.sample(words.TAGS, 2))}",
    ]
    notes = [_sentences(rng, 4) for _ in range(3)]
    if index % 10 == 9:
        return ".yaml", "\n".join(fields) + "\ndescription: |\n" + "".join(f"  {n}\n" for n in notes)
    body = "\n\n".join(["## Background", notes[0], "## Research notes", notes[1], "## Scenario", notes[2]])
    return ".md", "---\n" + "\n".join(fields) + "\n---\n" + body + "\n"


# -- the project ------------------------------------------------------------------------

#: Without the PNG and PDF downloads (on by default where journeys[export] is installed):
#: the site benchmarks compare against plain MkDocs of the same text, which has no
#: images; bench_export.py times PNG and PDF.
MKDOCS_YML = """\
site_name: Synthetic journeys ({maps} maps, {personas} personas)
plugins:
  - search
  - journeys:
      downloads: []
"""


def generate_project(root: Path, maps: int, personas: int = 100, seed: int = 0) -> None:
    """Write a complete valid project into ``root`` (created if needed).

    Files already in ``root/maps`` and ``root/personas`` that this project does not
    contain are left alone, so use a fresh folder.
    """
    if maps < 1 or personas < 1:
        raise ValueError("a project needs at least one map and one persona")
    root = Path(root)
    (root / "maps").mkdir(parents=True, exist_ok=True)
    (root / "personas").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    _write(root / "mkdocs.yml", MKDOCS_YML.format(maps=maps, personas=personas))
    _write(root / "docs" / "index.md", "# Synthetic journeys\n\nGenerated for benchmarks.\n")
    ids = persona_ids(personas)
    for index, persona in enumerate(ids):
        suffix, text = persona_text(index, seed)
        _write(root / "personas" / f"{persona}{suffix}", text)
    for index in range(maps):
        _write(root / "maps" / f"{map_id(index)}.yaml", map_text(index, maps, ids, seed))


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))  # bytes: the same on every OS (no CRLF)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic journeys project for benchmarks.")
    parser.add_argument("out_dir", type=Path, help="folder to write the project into")
    parser.add_argument("--maps", type=int, default=100, help="number of journey maps (default 100)")
    parser.add_argument("--personas", type=int, default=100, help="number of personas (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same bytes (default 0)")
    args = parser.parse_args(argv)
    generate_project(args.out_dir, maps=args.maps, personas=args.personas, seed=args.seed)
    print(f"wrote {args.maps} maps and {args.personas} personas to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
