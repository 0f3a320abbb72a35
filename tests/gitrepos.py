"""Small real git repositories for the diff, history and hook tests (no mocks of git)."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path


class GitProject:
    """A journeys project that is also a fresh git repository with its own identity."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test Author")
        self.git("config", "user.email", "author@example.org")
        self.git("config", "commit.gpgsign", "false")
        # What makes the folder a journeys project; tests that need options write their own.
        (root / "mkdocs.yml").write_text("site_name: Test project\nplugins:\n  - journeys\n", encoding="utf-8")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True, env=env
        )
        return done.stdout.strip()

    def write(self, files: dict[str, str | None]) -> None:
        """Write (dedented) or, for None, delete each file."""
        for rel, text in files.items():
            path = self.root / rel
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def commit(
        self, files: dict[str, str | None] | None = None, message: str = "change", date: str | None = None
    ) -> str:
        """Write ``files``, commit everything, return the commit id."""
        self.write(files or {})
        self.git("add", "-A")
        env = None
        if date is not None:
            env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")
