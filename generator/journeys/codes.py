"""Every issue code journeys reports, registered once with its severity and meaning.

Codes are what tools key on (``--format json`` and GitHub annotations carry them), so
they are a public interface: an :class:`~journeys.issues.Issue` with a code that is not
listed here is refused when it is made, and docs/reference/issue-codes.md is generated
from this table (``python -m journeys.codes > docs/reference/issue-codes.md``; a test
fails when the page and the table differ).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["reading", "configuration", "validation", "project", "history", "formatting", "import"]


@dataclass(frozen=True, slots=True)
class Code:
    #: The usual severity; ``--strict`` turns every warning into an error.
    severity: Literal["error", "warning"]
    stage: Stage
    meaning: str


def _codes(stage: Stage, severity: Literal["error", "warning"], **meanings: str) -> dict[str, Code]:
    """Codes of one stage and severity; ``no_stage_id`` is registered as ``no-stage-id``."""
    return {name.replace("_", "-"): Code(severity, stage, meaning) for name, meaning in meanings.items()}


CODES: dict[str, Code] = {
    **_codes(
        "reading", "error",
        unreadable="a file or folder could not be read (permissions, I/O error, replaced by a symlink while read)",
        file_too_large="a file is larger than `max_file_size`; it is not read",
        invalid_id="a file name or an `id` is not a valid id (lowercase letters, digits, `-`)",
        duplicate_id="two files define the same persona or map id",
        folder_outside="`maps_dir` or `personas_dir` leads outside the project",
        symlink_outside="a symlink points outside the project; it is not read",
        broken_symlink="a symlink leads nowhere (missing target or a loop)",
        encoding="a file is not valid UTF-8",
        empty="a file, or a Markdown file's front matter, is empty",
        front_matter="a Markdown file's front matter is missing or never closed",
        multiple_documents="a file holds several YAML documents",
        yaml_syntax="the file is not valid YAML",
        yaml_tag="a YAML tag other than the core schema's (`!!python/...`, `!!binary`...)",
        yaml_key="a mapping key is a list, a mapping or an alias",
        yaml_alias="an alias refers to no complete anchor",
        yaml_too_deep="nesting is deeper than `max_depth`",
        yaml_too_large="the document expands to more than `max_nodes` values (alias bombs)",
        duplicate_key="a key appears twice in one mapping",
        yaml_merge_key="a YAML 1.1 merge key (`<<: *name`); write the fields out",
        number_too_large="a number has more than 18 digits (quote it to keep it as text)",
        number_not_finite="a number is `.inf` or `.nan`",
    ),
    **_codes(
        "reading", "warning",
        missing_folder="`maps_dir` or `personas_dir` does not exist, so nothing was read from it",
        symlink="a symlink in a git revision is not followed",
    ),
    **_codes(
        "configuration", "error",
        config="a problem in the `journeys` block of mkdocs.yml (MkDocs' own option warnings are warnings)",
        theme="the diagram theme cannot be used",
    ),
    **_codes(
        "configuration", "warning",
        language="the `language` option (or the theme's language) names no language journeys has labels in; "
        "the labels stay in English",
        label="a `labels` override names no label, or does not fill in the `{names}` the label has",
    ),
    **_codes(
        "validation", "error",
        type="a field has the wrong type (text, list, mapping, number, true/false)",
        required="a required field is missing or empty",
        unknown_field="a field that the format does not define (prefix your own fields with `x-`)",
        choice="a value is not one of the allowed choices",
        date="a date is not written YYYY-MM-DD or does not exist",
        control_character="text holds a control character that pages and diagrams cannot carry",
        link_scheme="evidence uses a link scheme other than http, https or mailto",
        unknown_persona="a map names a persona that has no file",
        unknown_map="`compares_to` or a step's `detail` names a map that has no file",
        unknown_stage="a metric names a stage that is not on its map",
        persona_twice="a map has both `persona` and `personas`",
        duplicate_persona="a map lists the same persona twice",
        duplicate_stage="two stages of a map have the same id",
        duplicate_step="two steps of a map have the same id",
        no_stage_id="a stage name has no letters or digits to make an id from",
        no_step_id="a step name has no letters or digits to make an id from",
        emotion_type="an emotion score is not a number",
        emotion_range="an emotion score is outside the configured scale",
        emotion_persona="an emotion is given for a persona who is not on the map",
        text_persona="`actions`, `thoughts` or `feeling` is given for a persona who is not on the map",
        compares_to_self="a map names itself in `compares_to`",
        detail_self="a step's `detail` names the map the step is on",
    ),
    **_codes(
        "validation", "warning",
        empty_stage="a stage has no steps",
        compares_to_current="a current-state map names `compares_to` (meant for future-state maps)",
        step_without_evidence="a step has no `evidence` entry (only with `journeys validate --require-evidence`)",
        metric_units="a metric's value and target are numbers in different units (`68%` against `50`)",
    ),
    **_codes(
        "project", "warning",
        compares_to_state="`compares_to` names a map that is not a current-state map",
        unused_persona="a persona appears in no map",
    ),
    **_codes(
        "project", "error",
        internal_error="journeys itself failed while checking; please report it with the input",
        detail_cycle="steps' `detail` links lead from a map back to itself through other maps",
    ),
    **_codes(
        "history", "warning",
        stale_map="a map's last git commit is older than `--max-age` days",
    ),
    **_codes(
        "formatting", "error",
        fmt_unwritable="`journeys fmt` could not write a file it formatted",
    ),
    **_codes(
        "formatting", "warning",
        fmt_skipped="`journeys fmt` left a file as written: a symlink, or YAML it does not lay out (anchors, tags)",
    ),
    **_codes(
        "import", "error",
        import_unreadable="a file to import is too large, binary, not UTF-8 or cannot be read; nothing is written",
        import_syntax="a file to import is not in the format named, at the line given; nothing is written",
    ),
    **_codes(
        "import", "warning",
        import_approximated="a value a map cannot hold as written was approximated on import (the original is kept "
        "in an `x-` field where it can be)",
        import_dropped="something in the imported file has no place in a map and was left out",
    ),
}


def is_registered(code: str) -> bool:
    return code in CODES


def reference_page() -> str:
    """The Markdown page of every code, as docs/reference/issue-codes.md holds it."""
    lines = [
        "# Issue codes",
        "",
        "<!-- Generated by `python -m journeys.codes`; edit generator/journeys/codes.py instead. -->",
        "",
        "Every problem journeys reports has a code: `journeys validate --format json` gives it as",
        "`code`, and GitHub annotations as their title. `--strict` makes every warning an error.",
        "",
        "| code | severity | found while | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for name, code in sorted(CODES.items()):
        lines.append(f"| `{name}` | {code.severity} | {code.stage} | {code.meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reference_page(), end="")
