"""The type checker and the linter are part of the tests (issue 14).

Both run as their command lines do, from the repository root, so they read the project's
own settings in pyproject.toml ([tool.mypy]: the package, untyped functions disallowed;
[tool.ruff]: the package, the tests and the benchmarks). A failure shows their report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [("mypy",), ("ruff", "check")],
    ids=["mypy", "ruff"],
)
def test_the_checker_passes_with_the_project_configuration(command: tuple[str, ...]) -> None:
    # The interpreter running the tests: the tools come from the same environment (the test extra).
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = f"$ python -m {' '.join(command)}\n{result.stdout}{result.stderr}"
    assert result.returncode == 0, report
