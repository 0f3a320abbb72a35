"""Reading a revision's files straight from git: listing, blobs, ids, errors."""

from __future__ import annotations

import pytest

from gitrepos import GitProject
from journeys.gitrepo import GitError, GitMissing, GitRepo, blob_id, head_commit, run_git


@pytest.fixture
def repo(tmp_path):
    project = GitProject(tmp_path / "repo")
    project.commit(
        {
            "maps/a.yaml": "title: A\n",
            "maps/b.md": "---\ntitle: B\n---\nBody\n",
            "maps/README.md": "not content\n",
            "maps/sub/deep.yaml": "title: deep\n",
            "maps/notes.txt": "not content\n",
            "personas/sam.md": "---\nname: Sam\n---\n",
        },
        "base",
    )
    return project


def test_lists_content_files_directly_in_each_folder(repo):
    git = GitRepo(repo.root)
    commit = git.resolve("HEAD")
    files = git.list_files(commit, [("persona", "personas"), ("map", "maps")])
    assert [(f.kind, f.id, f.path) for f in files] == [
        ("map", "a", "maps/a.yaml"),
        ("map", "b", "maps/b.md"),
        ("persona", "sam", "personas/sam.md"),
    ]
    assert files[0].blob == repo.git("rev-parse", "HEAD:maps/a.yaml")
    assert git.blob_sizes([files[0].blob]) == {files[0].blob: len("title: A\n")}


def test_reads_many_blobs_in_one_batch_byte_for_byte(repo):
    tricky = b"line one\n\nmissing blob\n\x00binary\xff\n"  # newlines and bytes that look like headers
    (repo.root / "maps" / "c.yaml").write_bytes(tricky)
    repo.commit(message="tricky")
    git = GitRepo(repo.root)
    files = git.list_files(git.resolve("HEAD"), [("map", "maps")])
    contents, too_large = git.read_blobs([f.blob for f in files] + [files[0].blob])
    assert too_large == {}
    assert contents[files[2].blob] == tricky
    assert contents[files[0].blob] == b"title: A\n"
    assert [contents[f.blob] for f in files] == [(repo.root / f.path).read_bytes() for f in files]


def test_blob_ids_match_git(repo, tmp_path):
    data = "émotion: -2\r\n".encode()
    (tmp_path / "f").write_bytes(data)
    expected = repo.git("hash-object", str(tmp_path / "f"))
    assert blob_id(data) == expected


def test_earlier_revision_and_missing_file(repo):
    first = repo.git("rev-parse", "HEAD")
    repo.commit({"maps/a.yaml": "title: A2\n", "notes.txt": "site_name: x\n"})
    git = GitRepo(repo.root)
    assert git.read_blobs([f.blob for f in git.list_files(first, [("map", "maps")])][:1]) == (
        {repo.git("rev-parse", f"{first}:maps/a.yaml"): b"title: A\n"},
        {},
    )
    assert git.read_file(first, "notes.txt") is None
    assert git.read_file("HEAD", "notes.txt") == b"site_name: x\n"


def test_project_in_a_subfolder_gets_project_relative_paths(tmp_path):
    project = GitProject(tmp_path / "mono")
    project.commit({"docs/site/maps/a.yaml": "title: A\n", "maps/other.yaml": "title: O\n"})
    git = GitRepo(project.root / "docs" / "site")
    files = git.list_files(git.resolve("HEAD"), [("map", "maps")])
    assert [f.path for f in files] == ["maps/a.yaml"]


def test_unknown_revision_and_option_like_revision(repo):
    git = GitRepo(repo.root)
    with pytest.raises(GitError, match="unknown git revision 'nope'"):
        git.resolve("nope")
    with pytest.raises(GitError, match="is not a git revision"):
        git.resolve("--output=/tmp/x")


def test_git_errors_are_one_line_whatever_the_revision_holds(repo):
    with pytest.raises(GitError) as raised:
        GitRepo(repo.root).resolve("main\n\x1b[31mfatal")
    assert str(raised.value) == "unknown git revision 'main\\n\\x1b[31mfatal'"


def test_the_checked_out_commit(repo, tmp_path):
    assert head_commit(repo.root / "maps") == repo.git("rev-parse", "HEAD")
    with pytest.raises(GitError):
        head_commit(tmp_path)


def test_a_missing_folder_is_not_taken_for_a_missing_git(tmp_path):
    with pytest.raises(GitError, match="^cannot run git in .*gone: No such file or directory$") as raised:
        run_git(("status",), tmp_path / "gone")
    assert not isinstance(raised.value, GitMissing)


def test_not_a_repository(tmp_path):
    with pytest.raises(GitError, match="not inside a git repository"):
        GitRepo(tmp_path)


def test_blobs_over_the_size_limit_are_not_read(repo):
    git = GitRepo(repo.root)
    files = {f.id: f for f in git.list_files(git.resolve("HEAD"), [("map", "maps")])}
    contents, too_large = git.read_blobs([files["a"].blob, files["b"].blob], max_size=12)
    assert contents == {files["a"].blob: b"title: A\n"}
    assert too_large == {files["b"].blob: len("---\ntitle: B\n---\nBody\n")}


def test_git_missing_is_said_plainly(repo, tmp_path):
    """The real command with a PATH that has no git: one line, exit 2."""
    import subprocess
    import sys
    from pathlib import Path

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "journeys").symlink_to(Path(sys.executable).parent / "journeys")
    done = subprocess.run(
        [str(bin_dir / "journeys"), "diff", "HEAD", "--project", str(repo.root)],
        env={"PATH": str(bin_dir)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == "Error: git is not installed (or not on PATH)"
