"""The diff shown in docs/guide/reviewing.md is real: replay its edit and compare.

The guide shows `journeys diff HEAD~1 HEAD` after the laptop journey was edited as a
team would after shipping guest checkout and wallet payments. This test makes that
edit to the example map in a scratch repository and checks the guide's output block
is exactly what journeys prints (commit ids aside). If the example map or the diff
format changes, regenerate the block from this test's output.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gitrepos import GitProject

REPO_ROOT = Path(__file__).resolve().parent.parent
GUIDE = REPO_ROOT / "docs" / "guide" / "reviewing.md"
MAP = "maps/laptop-purchase.md"


def replace_once(text: str, old: str, new: str) -> str:
    if old not in text:
        pytest.fail(f"{MAP} changed: the guide's example edit no longer applies ({old.splitlines()[0]!r})")
    return text.replace(old, new, 1)


def after_guest_checkout_and_wallets(text: str) -> str:
    text = replace_once(text, "status: approved", "status: review")
    text = replace_once(
        text,
        "        emotion: -1\n"
        "        pain_points:\n"
        "          - {text: Account creation is compulsory, severity: high}\n",
        "        emotion: 0\n        pain_points:\n",
    )
    text = replace_once(
        text,
        "        emotion: -2\n        pain_points:\n"
        "          - {text: Card form rejects spaces in the card number, severity: medium}\n"
        "          - Billing address asked for twice\n",
        "        emotion: 0\n        pain_points:\n          - Billing address asked for twice\n"
        "          - {text: Wallet button hidden below the fold on small phones, severity: low}\n",
    )
    # Student verification moves from Purchase to the end of Consideration.
    start = text.index("      - name: Applies the student discount")
    end = text.index("  - name: Delivery")
    step, text = text[start:end], text[:start] + text[end:]
    purchase = text.index("  - name: Purchase\n")
    return text[:purchase] + step + text[purchase:]


def guide_example() -> str:
    blocks = re.findall(r"```markdown\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "docs/guide/reviewing.md has no ```markdown example"
    return blocks[0]


def without_commit_ids(report: str) -> str:
    return re.sub(r"\(`[0-9a-f]{12}`\)", "(`<commit>`)", report)


def test_the_guides_diff_output_is_what_journeys_prints(cli, tmp_path):
    if not (REPO_ROOT / MAP).is_file():
        pytest.skip(f"the example map {MAP} is not in this checkout")
    repo = GitProject(tmp_path / "clone")
    for name in ("mkdocs.yml", "maps", "personas", "themes"):
        source = REPO_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, repo.root / name)
    repo.commit(message="base")
    text = (repo.root / MAP).read_text(encoding="utf-8")
    repo.commit({MAP: after_guest_checkout_and_wallets(text)}, "guest checkout and wallets")
    result = cli("diff", "HEAD~1", "HEAD", "--project", repo.root)
    assert result.exit_code == 0, result.output
    assert without_commit_ids(result.stdout) == without_commit_ids(guide_example())
