"""``journeys validate``: output formats, exit status, --strict, --version, and no writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from issue_helpers import VALID_MAP
from journeys import __version__

#: One error (emotion out of range) and one warning (a stage without steps).
BROKEN_MAP = VALID_MAP.replace("emotion: -1", "emotion: 5") + "  - name: Delivery\n"
PAT = "---\nname: Pat Lee\n---\n"


@pytest.fixture
def broken_project(make_project) -> Path:
    return make_project({"maps/checkout.yaml": BROKEN_MAP})


def test_valid_project_exits_0_with_a_summary(cli, make_project):
    result = cli("validate", make_project({"maps/checkout.yaml": VALID_MAP}))
    assert result.exit_code == 0
    assert result.stdout == "2 files checked: no problems\n"


def test_text_format_lists_issues_relative_to_the_project_then_a_summary(cli, broken_project):
    result = cli("validate", broken_project)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "maps/checkout.yaml:7:18: error: emotion 5 is outside the scale -2..+2",
        "maps/checkout.yaml:8:5: warning: stage 'Delivery' has no steps",
        "2 files checked: 1 error, 1 warning",
    ]


def test_project_dir_defaults_to_the_current_folder(cli, broken_project, monkeypatch):
    monkeypatch.chdir(broken_project)
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "maps/checkout.yaml:7:18: error: emotion 5 is outside the scale -2..+2"


def test_warnings_alone_exit_0_and_strict_makes_them_fail(cli, make_project):
    root = make_project({"maps/checkout.yaml": VALID_MAP, "personas/pat.md": PAT})
    relaxed = cli("validate", root)
    assert (relaxed.exit_code, relaxed.stdout.splitlines()[0]) == (
        0, "personas/pat.md:2:1: warning: persona 'pat' appears in no map")  # fmt: skip
    strict = cli("validate", "--strict", root)
    assert strict.exit_code == 1
    assert strict.stdout.splitlines() == [
        "personas/pat.md:2:1: error: persona 'pat' appears in no map",
        "3 files checked: 1 error, 0 warnings",
    ]


def test_json_format(cli, broken_project):
    result = cli("validate", "--format", "json", broken_project)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "maps/checkout.yaml",
            "line": 7,
            "column": 18,
            "severity": "error",
            "code": "emotion-range",
            "message": "emotion 5 is outside the scale -2..+2",
        },
        {
            "path": "maps/checkout.yaml",
            "line": 8,
            "column": 5,
            "severity": "warning",
            "code": "empty-stage",
            "message": "stage 'Delivery' has no steps",
        },
    ]


def test_json_format_of_a_valid_project_is_an_empty_list(cli, make_project):
    result = cli("validate", "--format", "json", make_project({"maps/checkout.yaml": VALID_MAP}))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_github_format(cli, broken_project):
    result = cli("validate", "--format", "github", broken_project)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=maps/checkout.yaml,line=7,col=18,title=emotion-range::emotion 5 is outside the scale -2..+2",
        "::warning file=maps/checkout.yaml,line=8,col=5,title=empty-stage::stage 'Delivery' has no steps",
    ]


def test_github_format_escapes_properties_and_message(cli, make_project):
    # A file name with ',' and ':' (invalid as an id, so it is reported by name), and a
    # key holding '%' and a newline, which land in the message (the newline as '\\n', so
    # user text cannot add lines to the log).
    root = make_project(
        {
            "maps/a,b:c.yaml": VALID_MAP,
            "maps/checkout.yaml": VALID_MAP + '"100%\\nsure": 1\n',
        }
    )
    result = cli("validate", "--format", "github", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=maps/a%2Cb%3Ac.yaml,line=1,col=1,title=invalid-id::file name 'a,b:c' is not a valid map id: "
        "use lowercase letters, digits and '-' (e.g. 'a-b-c')",
        "::error file=maps/checkout.yaml,line=8,col=1,title=unknown-field::unknown field '100%25\\nsure' "
        "in a journey map",
    ]


def test_user_text_cannot_forge_an_issue_line_or_send_terminal_escapes(cli, make_project):
    forged = '"\\e[2J\\nmaps/fake.yaml:1:1: error: forged": 1\n'
    result = cli("validate", make_project({"maps/checkout.yaml": VALID_MAP + forged}))
    assert result.stdout.splitlines() == [
        "maps/checkout.yaml:8:1: error: unknown field '\\x1b[2J\\nmaps/fake.yaml:1:1: error: forged' in a journey map",
        "2 files checked: 1 error, 0 warnings",
    ]


def test_config_issues_come_first(cli, make_project):
    config = "site_name: t\nplugins:\n  - journeys:\n      emotion_scale: {min: 3, max: 1}\n"
    result = cli("validate", make_project({"mkdocs.yml": config, "maps/checkout.yaml": VALID_MAP}))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "mkdocs.yml:4:7: error: emotion_scale: min (3) must be below max (1)",
        "2 files checked: 1 error, 0 warnings",
    ]


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (("validate", "--format", "xml", "{root}"), "Invalid value for '--format'"),
        (("validate", "--no-such-option", "{root}"), "No such option '--no-such-option'"),
        (("validate", "{root}/no/such/folder"), "does not exist"),
        (("validate", "{root}/maps/checkout.yaml"), "is a file"),
        (("no-such-command",), "No such command 'no-such-command'"),
        (("validate", "--watch", "--format", "json", "{root}"), "--watch prints text"),
    ],
)
def test_usage_errors_exit_2(cli, make_project, args, complaint):
    root = make_project({"maps/checkout.yaml": BROKEN_MAP})
    result = cli(*(arg.format(root=root) for arg in args))
    assert result.exit_code == 2
    assert complaint in result.stderr
    assert result.stdout == ""


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"journeys, version {__version__}\n"


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` with its bytes and modification time (ns)."""
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_validation_never_writes_to_the_project(cli, make_project):
    root = make_project(
        {
            "mkdocs.yml": "site_name: t\nplugins:\n  - journeys\n",
            "maps/checkout.yaml": BROKEN_MAP,
            "maps/returns.md": "---\ntitle: Returns\npersonas: [sam]\nstages: []\n---\nNotes\n",
            "personas/pat.md": PAT,
        }
    )
    # Old mtimes, so that a rewrite with the same bytes would still show.
    for path in root.rglob("*"):
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = snapshot(root)
    folders_before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    for fmt in ("text", "json", "github"):
        assert cli("validate", "--strict", "--format", fmt, root).exit_code == 1
    assert snapshot(root) == before
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*")) == folders_before


def test_the_installed_command_prints_no_traceback_on_hostile_input(make_project):
    root = make_project(
        {
            "mkdocs.yml": "site_name: t\nplugins: 5\n",
            "maps/a.yaml": b"\xff\xfe",
            "maps/b.yaml": "[" * 5000,
            "maps/c.md": "---\n",
            "maps/d.yaml": "x: !!python/object/apply:os.system [true]\n",
        }
    )
    command = [sys.executable, "-c", "from journeys.cli import main; main()", "validate", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "maps/a.yaml:1:1: error: file is not valid UTF-8 (byte 0xff); save it as UTF-8",
        "maps/b.yaml:1:65: error: nesting is deeper than 64 levels",
        "maps/c.md:1:1: error: front matter opened on line 1 is never closed with a '---' line",
        "maps/d.yaml:1:4: error: tag '!!python/object/apply:os.system' is not allowed: journeys reads plain YAML only",
        "5 files checked: 4 errors, 0 warnings",
    ]


def test_the_repository_example_content_is_valid(cli):
    repo = Path(__file__).resolve().parent.parent
    result = cli("validate", repo)
    assert result.exit_code == 0, result.stdout
    assert " 0 errors" in result.stdout or result.stdout.endswith(" checked: no problems\n")
