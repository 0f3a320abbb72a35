"""The one module that runs ``git``: a project's files at any revision, and its history.

No checkout and no temporary clone: ``git ls-tree`` lists a folder's blobs with their
ids, and one ``git cat-file --batch`` process streams only the blobs asked for. Blob ids
let a caller skip files that did not change between two revisions without reading
them. The working tree is a "revision" too: git's index names the files it knows as
they are, and :func:`blob_id` names the others the way git would.

Every git process starts in :func:`_start`, and every failure, git missing included,
is a :class:`GitError` of one line, so a caller has one thing to catch and to print.
"""

from __future__ import annotations

import hashlib
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from journeys.issues import one_line
from journeys.loading.sources import is_content_file

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from journeys.loading.sources import SourceKind

_SYMLINK_MODE = "120000"
_CHUNK = 1 << 16


class GitError(Exception):
    """git refused: not a repository, an unknown revision, git missing. One line of text."""

    def __init__(self, message: str) -> None:
        # Revisions and paths are user text: a newline in one must not print a second line.
        super().__init__(one_line(message))


class GitMissing(GitError):
    """No git program to run."""


def _start(args: Sequence[str], cwd: Path, *, stdin: int | None, stderr: int) -> subprocess.Popen[bytes]:
    """A running ``git ARGS`` in ``cwd``, paths printed as they are (not quoted)."""
    try:
        return subprocess.Popen(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, stdin=stdin, stdout=subprocess.PIPE, stderr=stderr
        )
    except FileNotFoundError as error:
        if error.filename == "git":
            raise GitMissing("git is not installed (or not on PATH)") from None
        raise GitError(f"cannot run git in {cwd}: {error.strerror}") from None
    except OSError as error:
        raise GitError(f"cannot run git in {cwd}: {error.strerror}") from None


def run_git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """The output of ``git ARGS``; a GitError with git's first line of complaint when it fails."""
    with _start(args, cwd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stderr=subprocess.PIPE) as process:  # fmt: skip
        out, err = process.communicate(stdin)
    if process.returncode != 0:
        message = err.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return out


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read1(_CHUNK):  # type: ignore[attr-defined]
        yield chunk


def head_commit(folder: Path) -> str:
    """The commit checked out in the repository that holds ``folder``; GitError when there is none."""
    return run_git(("rev-parse", "--verify", "--quiet", "HEAD^{commit}"), folder).decode("ascii").strip()


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file of a revision: path relative to the project folder, and blob id."""

    kind: SourceKind
    path: str
    blob: str
    symlink: bool = False

    @property
    def id(self) -> str:
        return self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


class GitRepo:
    """The git repository that holds a project folder (which may be a subfolder)."""

    def __init__(self, project_dir: Path) -> None:
        self.project_dir = project_dir.resolve()
        try:
            top = self._git("rev-parse", "--show-toplevel", cwd=self.project_dir).strip()
            self.root = Path(top).resolve()
            prefix = self.project_dir.relative_to(self.root).as_posix()
        except GitMissing:
            raise
        except (GitError, ValueError):
            raise GitError(f"{project_dir} is not inside a git repository") from None
        #: The project folder relative to the repository root, "" or ending with "/".
        self.prefix = "" if prefix == "." else prefix + "/"

    def _git(self, *args: str, cwd: Path | None = None, stdin: bytes | None = None) -> str:
        return run_git(args, cwd or self.root, stdin).decode("utf-8", errors="surrogateescape")

    @contextmanager
    def streamed(self, *args: str) -> Iterator[Iterator[bytes]]:
        """The output of ``git ARGS`` in chunks as git writes it; git is stopped when the block ends.

        For output a caller may not need to the end (history, newest first): leaving the
        block early spares git the rest of the walk. What git says on stderr is dropped.
        """
        with _start(args, self.root, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
            assert process.stdout is not None
            try:
                yield _chunks(process.stdout)
            finally:
                process.kill()

    def resolve(self, revision: str) -> str:
        """The commit id a revision names; a one-line GitError when there is none."""
        if revision.startswith("-"):
            raise GitError(f"'{revision}' is not a git revision")
        try:
            return self._git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", "--").split()[0]
        except (GitError, IndexError):
            raise GitError(f"unknown git revision '{revision}'") from None

    def resolve_many(self, revisions: Sequence[str]) -> list[str]:
        """The commit ids of several revisions with one git process (each checked on failure)."""
        if any(revision.startswith("-") for revision in revisions):
            return [self.resolve(revision) for revision in revisions]
        try:
            out = self._git("rev-parse", *(f"{revision}^{{commit}}" for revision in revisions), "--")
        except GitError:
            return [self.resolve(revision) for revision in revisions]  # names the bad one
        return out.split()[: len(revisions)]

    def object_name(self, commit: str, path: str) -> str:
        """The ``commit:path`` name of a project file, for :meth:`read_objects`."""
        return f"{commit}:{self.prefix}{path}"

    def _folder_kinds(self, folders: Iterable[tuple[SourceKind, str]]) -> dict[str, SourceKind]:
        """Repository-relative folder ("" or ending with "/") -> the kind of file it holds."""
        kinds: dict[str, SourceKind] = {}
        for kind, folder in folders:
            folder = folder.strip("/") or "."
            kinds.setdefault(f"{self.prefix}{folder}/" if folder != "." else self.prefix, kind)
        return kinds

    def _content_file(self, kinds: dict[str, SourceKind], repo_path: str) -> tuple[SourceKind, str] | None:
        """(kind, project-relative path) of a content file directly inside a folder, else None."""
        folder, _, name = repo_path.rpartition("/")
        kind = kinds.get(f"{folder}/" if folder else "")
        if kind is None or not is_content_file(name):
            return None
        return kind, repo_path[len(self.prefix) :]

    def list_files(self, commit: str, folders: Iterable[tuple[SourceKind, str]]) -> list[TreeFile]:
        """The content files directly inside each folder at ``commit``, sorted by path.

        Like discovery on disk, subfolders are not entered and non-content names skipped.
        """
        kinds = self._folder_kinds(folders)
        # --full-tree: pathspecs and printed paths are relative to the repository root.
        # No --long: sizes would make git inflate every loose object (7x slower on 1,000 maps).
        out = self._git("ls-tree", "-z", "--full-tree", commit, "--", *[spec or "." for spec in kinds])
        files: list[TreeFile] = []
        for record in filter(None, out.split("\0")):
            meta, _, repo_path = record.partition("\t")
            mode, object_type, blob = meta.split()
            found = self._content_file(kinds, repo_path)
            if found is not None and object_type == "blob":
                files.append(TreeFile(found[0], found[1], blob, symlink=mode == _SYMLINK_MODE))
        return sorted(files, key=lambda f: f.path)

    def working_tree_files(self, folders: Iterable[tuple[SourceKind, str]]) -> list[TreeFile]:
        """The content files directly inside each folder of the working tree, sorted by path.

        A file git's index knows as it is now (same stat data) gets its index blob id, so
        it need not be read; every other file (modified, untracked, ignored, symlinked,
        in conflict) gets ``blob=""``: its bytes must be read from disk.
        """
        kinds = self._folder_kinds(folders)
        specs = [f":(top){spec}" if spec else ":(top)." for spec in kinds]
        index: dict[str, str] = {}
        for record in filter(None, self._git("ls-files", "-s", "-z", "--", *specs).split("\0")):
            meta, _, repo_path = record.partition("\t")
            mode, blob, stage = meta.split()
            clean = mode != _SYMLINK_MODE and stage == "0"
            index[repo_path] = blob if clean and repo_path not in index else ""
        for path in filter(None, self._git("diff-files", "--name-only", "-z", "--", *specs).split("\0")):
            index[path] = ""
        for path in filter(None, self._git("ls-files", "--others", "-z", "--", *specs).split("\0")):
            index[path] = ""
        files = []
        for repo_path, blob in index.items():
            found = self._content_file(kinds, repo_path)
            if found is not None and (blob or (self.root / repo_path).exists() or (self.root / repo_path).is_symlink()):
                files.append(TreeFile(found[0], found[1], blob))
        return sorted(files, key=lambda f: f.path)

    def read_objects(self, names: Sequence[str]) -> dict[str, bytes | None]:
        """Contents by object name (blob id or ``commit:path``), None for a missing one.

        One ``git cat-file --batch`` process reads them all.
        """
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return {}
        out = run_git(("cat-file", "--batch"), self.root, stdin="".join(f"{name}\n" for name in wanted).encode())
        contents: dict[str, bytes | None] = {}
        position = 0
        for name in wanted:
            header_end = out.index(b"\n", position)
            parts = out[position:header_end].split()
            if len(parts) != 3:  # "<name> missing" (or "ambiguous")
                contents[name] = None
                position = header_end + 1
                continue
            size = int(parts[2])
            contents[name] = out[header_end + 1 : header_end + 1 + size]
            position = header_end + 1 + size + 1  # the content is followed by a newline
        return contents

    def blob_sizes(self, blobs: Sequence[str]) -> dict[str, int]:
        """Sizes in bytes of blob ids, from one ``git cat-file --batch-check`` (nothing inflated)."""
        if not blobs:
            return {}
        names = "".join(f"{blob}\n" for blob in blobs).encode()
        out = self._git("cat-file", "--batch-check=%(objectname) %(objectsize)", stdin=names)
        sizes = dict(line.split() for line in out.splitlines())
        return {blob: int(size) for blob, size in sizes.items() if size.isdigit()}

    def read_blobs(self, blobs: Sequence[str], max_size: int | None = None) -> tuple[dict[str, bytes], dict[str, int]]:
        """(contents, sizes of blobs left unread for being over ``max_size``) of blob ids."""
        too_large: dict[str, int] = {}
        if max_size is not None:
            too_large = {blob: size for blob, size in self.blob_sizes(blobs).items() if size > max_size}
        contents = self.read_objects([blob for blob in blobs if blob not in too_large])
        missing = [blob for blob, data in contents.items() if data is None]
        if missing:
            raise GitError(f"git cannot read object {missing[0]}")
        return {blob: data for blob, data in contents.items() if data is not None}, too_large

    def read_file(self, commit: str, path: str) -> bytes | None:
        """One file of the project folder at ``commit``, or None when it does not exist there."""
        name = self.object_name(commit, path)
        return self.read_objects([name])[name]


def blob_id(data: bytes, length: int = 40) -> str:
    """The id git gives a blob with this content (SHA-1, or SHA-256 for 64-digit ids)."""
    algorithm = hashlib.sha256 if length == 64 else hashlib.sha1
    return algorithm(b"blob %d\0" % len(data) + data).hexdigest()
