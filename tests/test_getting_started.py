"""docs/guide/getting-started.md works as written: every shell command of the guide runs,
in order, in a scratch folder, and prints exactly the output the guide shows.

- A ```sh block's commands must each succeed; a ```text block right after it is what
  they print together.
- A ```console block shows ``$ command`` lines, each followed by its output; ``echo $?``
  shows the previous command's exit status (so a guide may show a command failing).
- The scratch folder stands for ``/home/you`` in the output.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from journeys.scaffold import install_requirement

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide" / "getting-started.md"
#: Where the guide's reader is, as the guide's output shows it.
SHOWN_HOME = "/home/you"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)


def skipped() -> dict[str, str]:
    """Commands the test cannot run as written (exact text -> why); each must be in the guide."""
    environment = "the tests run in a virtual environment that has journeys installed already"
    return {
        "python3 -m venv .venv": environment,
        ". .venv/bin/activate": environment,
        f'pip install "{install_requirement()}"': "needs the network; tests/test_scaffold_install.py checks the line",
        "journeys serve": "runs until stopped; tests/test_plugin_serve.py covers the preview",
    }


@dataclass
class Step:
    """Commands, and what they print together (None: not shown in the guide)."""

    commands: list[str]
    output: str | None
    #: ```sh steps must succeed; a console step shows its statuses with `echo $?`.
    must_succeed: bool


def guide_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    blocks = list(FENCE.finditer(text))
    for index, block in enumerate(blocks):
        language, body = block.group(1), block.group(2)
        if language == "sh":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            output = None
            if following and following.group(1) == "text" and not text[block.end() : following.start()].strip():
                output = following.group(2)
            commands = [line for line in body.splitlines() if line.strip() and not line.startswith("#")]
            steps.append(Step(commands, output, must_succeed=True))
        elif language == "console":
            steps.extend(_console_steps(body))
    return steps


def _console_steps(body: str) -> list[Step]:
    steps: list[Step] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append(Step([line[2:].rstrip("\n")], "", must_succeed=False))
        else:
            steps[-1].output = (steps[-1].output or "") + line
    return steps


class Shell:
    """Runs commands one by one in bash, keeping the current folder from one to the next."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.cwd = home
        self.status = 0
        self.where = home.parent / "cwd"
        self.env = {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "You", "GIT_AUTHOR_EMAIL": "you@example.com",
            "GIT_COMMITTER_NAME": "You", "GIT_COMMITTER_EMAIL": "you@example.com",
        }  # fmt: skip

    def run(self, command: str) -> str:
        if command == "echo $?":
            return f"{self.status}\n"
        script = f'{command}\nstatus=$?\npwd > "{self.where}"\nexit $status\n'
        done = subprocess.run(
            ["bash", "-c", script], cwd=self.cwd, env=self.env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False, timeout=600,
        )  # fmt: skip
        self.cwd = Path(self.where.read_text(encoding="utf-8").strip())
        self.status = done.returncode
        return done.stdout.replace(str(self.home), SHOWN_HOME)


def test_the_guide_has_commands_and_shows_their_output() -> None:
    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    commands = [command for step in steps for command in step.commands]
    assert commands[0] == "mkdir my-journeys && cd my-journeys"
    assert "journeys init" in commands and "journeys build" in commands
    assert sum(step.output is not None for step in steps) >= 6
    # Each command skipped is still in the guide, so the list cannot go stale.
    assert sorted(set(skipped()) - set(commands)) == []


def test_every_command_of_the_guide_works_as_written(tmp_path: Path) -> None:
    home = tmp_path / "you"
    home.mkdir()
    shell = Shell(home)
    for step in guide_steps(GUIDE.read_text(encoding="utf-8")):
        printed = ""
        for command in step.commands:
            if command in skipped():
                continue
            output = shell.run(command)
            printed += output
            assert "Traceback" not in output, f"{command}\n{output}"
            if step.must_succeed:
                assert shell.status == 0, f"`{command}` failed ({shell.status}):\n{output}"
        if step.output is not None:
            assert printed == step.output, f"the guide shows other output for {step.commands}"
    assert (home / "my-journeys" / "site" / "maps" / "renewing-a-contract" / "index.html").is_file()
