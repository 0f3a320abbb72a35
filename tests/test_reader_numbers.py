"""Numbers the YAML reader accepts are bounded and finite, in every file journeys reads.

Python refuses to convert integer literals of over 4,300 digits (ValueError), ``float()``
of a huge integer overflows (OverflowError) and NaN or 1e300 make useless diagrams: each
such number is one ``path:line:col: error:`` through ``journeys validate``, exit 1.
"""

from __future__ import annotations

import pytest

from issue_helpers import VALID_MAP, step_map
from journeys.loading.yamltree import Limits, YamlProblem, parse_yaml

TOO_LARGE = "number too large: journeys reads numbers of up to 18 digits; quote it if it is text"


def not_finite(text: str) -> str:
    return f"'{text}' is not a finite number; write a number, or quote it if it is text"


def first_line(cli, root) -> str:
    result = cli("validate", root)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output.splitlines()[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0x" + "f" * 4_000, TOO_LARGE),
        ("!!int 0x" + "f" * 4_000, TOO_LARGE),
        ("1" + "0" * 5_000, TOO_LARGE),
        ("-1" + "0" * 18, TOO_LARGE),
        ("0o" + "7" * 30, TOO_LARGE),
        ("1e400", TOO_LARGE),
        ("1e18", TOO_LARGE),
        ("!!float 1" + "0" * 400, TOO_LARGE),
        (".inf", not_finite(".inf")),
        ("-.Inf", not_finite("-.Inf")),
        (".nan", not_finite(".nan")),
        ("!!float .nan", not_finite(".nan")),
    ],
    ids=["hex-4000", "tagged-hex", "decimal-5000", "19-digits", "octal", "1e400", "1e18", "tagged-float",
         "inf", "minus-inf", "nan", "tagged-nan"],
)  # fmt: skip
def test_a_huge_or_non_finite_emotion_is_an_error_at_its_position(cli, make_project, value, message):
    root = make_project({"maps/buy.yaml": step_map(f"        emotion: {value}\n")})
    assert first_line(cli, root) == f"maps/buy.yaml:7:18: error: {message}"


def test_a_huge_tagged_float_title_is_an_error(cli, make_project):
    text = VALID_MAP.replace("title: Buying a laptop online", "title: !!float 1" + "0" * 400)
    root = make_project({"maps/buy.yaml": text})
    assert first_line(cli, root) == f"maps/buy.yaml:1:8: error: {TOO_LARGE}"


@pytest.mark.parametrize("value", ["0x" + "f" * 4_000, "123456789012345678901234567890"])
def test_huge_numbers_in_text_fields_are_errors_too(cli, make_project, value):
    root = make_project({"maps/buy.yaml": VALID_MAP + f"owner: {value}\n"})
    assert first_line(cli, root) == f"maps/buy.yaml:8:8: error: {TOO_LARGE}"


def test_moment_of_truth_with_a_huge_number(cli, make_project):
    root = make_project({"maps/buy.yaml": step_map("        moment_of_truth: " + "9" * 5_000 + "\n")})
    assert first_line(cli, root) == f"maps/buy.yaml:7:26: error: {TOO_LARGE}"


@pytest.mark.parametrize("kind", ["maps/buy.yaml", "personas/pat.yaml", "personas/pat.md"])
def test_a_file_that_is_one_huge_integer(cli, make_project, kind):
    number = "9" * 5_000
    text = f"---\n{number}\n---\n" if kind.endswith(".md") else number + "\n"
    root = make_project({kind: text})
    line = 2 if kind.endswith(".md") else 1
    assert first_line(cli, root) == f"{kind}:{line}:1: error: {TOO_LARGE}"


def test_a_file_that_is_one_small_integer_is_not_a_map(cli, make_project):
    root = make_project({"maps/buy.yaml": "42\n"})
    expected = "maps/buy.yaml:1:1: error: a journey map must be a mapping of fields, not the number 42"
    assert first_line(cli, root) == expected


def test_the_largest_numbers_accepted_are_18_digits(cli, make_project):
    root = make_project({"maps/buy.yaml": step_map("        emotion: -999999999999999999\n")})
    assert first_line(cli, root) == (
        "maps/buy.yaml:7:18: error: emotion -999999999999999999 is outside the scale -2..+2"
    )


def test_quoted_long_numbers_stay_text(cli, make_project):
    root = make_project({"maps/buy.yaml": VALID_MAP + 'owner: "' + "1" * 5_000 + '"\n'})
    result = cli("validate", root)
    assert result.exit_code == 0, result.output


def test_leading_zeros_do_not_count_as_digits():
    root = parse_yaml("a: 0000000000000000000000000000000000000042\nb: 0x00000000000000000000000000ff\n", Limits())
    assert root is not None
    assert {key: entry.value.value for key, entry in root.value.items()} == {"a": 42, "b": 255}


def test_the_reader_raises_only_yaml_problems_for_numbers():
    for text in ("0x" + "f" * 10_000, "!!int " + "9" * 10_000, "!!float " + "9" * 10_000, "[.nan]", "{a: 1e999}"):
        with pytest.raises(YamlProblem):
            parse_yaml(text, Limits())


# -- mkdocs.yml and theme.yaml --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [("0x" + "f" * 4_000, TOO_LARGE), ("1" + "0" * 400, TOO_LARGE), (".nan", not_finite(".nan"))],
    ids=["hex", "decimal", "nan"],
)
def test_huge_numbers_in_mkdocs_yml_are_config_errors(cli, make_project, value, message):
    config = f"site_name: t\nplugins:\n  - journeys:\n      emotion_scale:\n        min: {value}\n"
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert first_line(cli, root) == f"mkdocs.yml:5:14: error: cannot read mkdocs.yml: {message}"


def test_yaml_1_1_integers_mkdocs_resolves_are_bounded_too(cli, make_project):
    # '!ENV' makes MkDocs' loader read the block; YAML 1.1 reads '1:00:...' as base 60.
    config = (
        "site_name: t\nplugins:\n  - journeys:\n      theme: !ENV [NOT_SET_ANYWHERE, default]\n"
        "      emotion_scale:\n        min: " + ":".join(["1"] * 3_000) + "\n"
    )
    root = make_project({"mkdocs.yml": config, "maps/buy.yaml": VALID_MAP})
    assert first_line(cli, root) == (
        "mkdocs.yml:5:7: error: journeys option 'emotion_scale': holds a number too large (more than 18 digits)"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".nan", "cannot read theme: " + not_finite(".nan")),
        (".inf", "cannot read theme: " + not_finite(".inf")),
        ("1e300", "cannot read theme: " + TOO_LARGE),
        ("2.5e3", "spacing.column_width must be a positive number up to 2,000, not the number 2500"),
        ("3000", "spacing.column_width must be a positive number up to 2,000, not the number 3000"),
        ("0", "spacing.column_width must be a positive number up to 2,000, not the number 0"),
    ],
)
def test_theme_sizes_are_finite_and_bounded(cli, make_project, value, message):
    root = make_project({
        "mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: brand\n",
        "themes/brand/theme.yaml": f"spacing:\n  column_width: {value}\n",
        "maps/buy.yaml": VALID_MAP,
    })  # fmt: skip
    assert first_line(cli, root) == f"themes/brand/theme.yaml:2:17: error: {message}"
