"""The one project reader: every entry point refuses a bad file in the same words, and
content files are opened so that a symlink swapped in after the check is never followed."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from gitrepos import GitProject
from journeys.loading import sources
from journeys.loading.files import read_capped
from journeys.loading.sources import read_source

if TYPE_CHECKING:
    from pathlib import Path

MKDOCS_YML = "site_name: x\nplugins:\n  - journeys:\n      max_file_size: 400\n"
SAM = "name: Sam\n"
BUY = "title: Buy\npersonas: [sam]\nstages:\n  - name: Pay\n    steps:\n      - {name: Pays, emotion: 1}\n"
#: One file of each kind every entry point must refuse, unread, with the same issue.
BAD = {
    "maps/big.yaml": BUY + "# padding\n" * 40,  # over max_file_size
    "maps/Bad Name.yaml": BUY,  # not a valid id
    "maps/buy.md": "---\n" + BUY + "---\n",  # same id as maps/buy.yaml, and read first
}
BAD_LINES = [
    "maps/Bad Name.yaml:1:1: error: file name 'Bad Name' is not a valid map id: use lowercase letters, digits "
    "and '-' (e.g. 'bad-name')",
    "maps/big.yaml:1:1: error: file is 493 bytes, more than the 400-byte limit (max_file_size); not read",
    "maps/buy.yaml:1:1: error: map 'buy' is already defined in maps/buy.md",
]
ESCAPE_LINE = "maps/escape.yaml:1:1: error: symlink points outside the project; not read"


@pytest.fixture
def repo(tmp_path: Path) -> GitProject:
    project = GitProject(tmp_path / "repo")
    project.commit({"mkdocs.yml": MKDOCS_YML, "personas/sam.yaml": SAM, "maps/buy.yaml": BUY}, "base")
    return project


def issue_lines(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if ": error: " in line or ": warning: " in line)


def test_validate_and_diff_of_the_working_tree_refuse_bad_files_in_the_same_words(cli, repo, tmp_path):
    repo.write(BAD)
    outside = tmp_path / "outside.yaml"
    outside.write_text(BUY, encoding="utf-8")
    (repo.root / "maps" / "escape.yaml").symlink_to(outside)

    validated = cli("validate", repo.root)
    diffed = cli("diff", "HEAD", "--project", repo.root)

    assert (validated.exit_code, diffed.exit_code) == (1, 1)
    assert issue_lines(validated.stdout) == sorted([*BAD_LINES, ESCAPE_LINE])
    assert issue_lines(diffed.stderr) == sorted([*BAD_LINES, ESCAPE_LINE])


def test_validate_and_diff_of_a_git_revision_refuse_bad_files_in_the_same_words(cli, repo):
    # A committed file is listed from git (names, duplicates) and its size checked from
    # the blob, never from disk: the words must still be discovery's.
    repo.commit(BAD, "bad files")

    validated = cli("validate", repo.root)
    diffed = cli("diff", "HEAD~1", "HEAD", "--project", repo.root)

    assert (validated.exit_code, diffed.exit_code) == (1, 1)
    assert issue_lines(validated.stdout) == BAD_LINES
    assert issue_lines(diffed.stderr) == BAD_LINES


def test_a_revision_name_with_a_newline_is_one_line_and_exit_2(cli, repo):
    result = cli("diff", "HEAD\nerror: forged", "--project", repo.root)
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown git revision 'HEAD\\nerror: forged'\n"
    assert result.stdout == ""


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this platform")
def test_opening_a_content_file_never_follows_a_symlink(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    link = tmp_path / "maps" / "buy.yaml"
    link.parent.mkdir()
    link.symlink_to(secret)

    refused = read_capped(link, "maps/buy.yaml", 1000)

    assert str(refused) == "maps/buy.yaml:1:1: error: file was replaced by a symlink while being read; not read"


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this platform")
def test_a_symlink_swapped_in_after_the_check_is_not_followed(make_project, tmp_path, monkeypatch):
    root = make_project({"maps/buy.yaml": BUY}).resolve()
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    checked = sources.confined_target

    def check_then_swap(root: Path, path: Path, rel: str) -> object:
        """The check passes on a regular file; an attacker then replaces it with a symlink."""
        target = checked(root, path, rel)
        path.unlink()
        path.symlink_to(secret)
        return target

    monkeypatch.setattr(sources, "confined_target", check_then_swap)
    source, issue = read_source(root, root / "maps" / "buy.yaml", "maps/buy.yaml", "map", 1000)

    assert source is None
    assert str(issue) == "maps/buy.yaml:1:1: error: file was replaced by a symlink while being read; not read"


def test_a_symlink_to_a_file_inside_the_project_is_opened_at_its_target(make_project):
    root = make_project({"shared/buy.yaml": BUY}).resolve()
    (root / "maps" / "buy.yaml").symlink_to(root / "shared" / "buy.yaml")
    source, issue = read_source(root, root / "maps" / "buy.yaml", "maps/buy.yaml", "map", 1000)
    assert issue is None and source is not None
    assert (source.id, source.path, source.data) == ("buy", "maps/buy.yaml", BUY.encode())


def test_a_fifo_or_folder_with_a_content_name_is_skipped_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading without O_NONBLOCK would wait for a writer
    (tmp_path / "folder.yaml").mkdir()
    assert read_capped(fifo, "maps/pipe.yaml", 1000) is None
    assert read_capped(tmp_path / "folder.yaml", "maps/folder.yaml", 1000) is None

