"""Live preview: MkDocs' dirty rebuilds with the plugin, in-process and as `journeys serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_checks import SHOP_MAP, search_text, shop_project

SERVE_URL = "http://127.0.0.1:8000/"


class Preview:
    """What `mkdocs serve --dirty` does on each change: a fresh config, a dirty build."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)

    def _config(self):
        return load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site))

    def rebuild(self) -> None:
        config = self._config()
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=True)

    def close(self) -> None:
        self.config.plugins.on_shutdown()

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def mtimes(self) -> dict[str, int]:
        return {str(p.relative_to(self.site)): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}


@pytest.fixture
def preview(make_project, tmp_path: Path):
    extra = {f"maps/other-{n}.yaml": SHOP_MAP.replace("Buying a laptop online", f"Other journey {n}") for n in range(3)}
    session = Preview(shop_project(make_project, extra=extra), tmp_path / "site")
    session.rebuild()
    yield session
    session.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a distinct modification time even on coarse file systems
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_editing_one_map_rebuilds_only_the_pages_that_show_it(preview: Preview) -> None:
    before = preview.mtimes()
    edit(preview.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
    preview.rebuild()
    after = preview.mtimes()
    changed = {page for page in after if after[page] != before.get(page)}
    assert "maps/other-1/index.html" in changed
    assert "Opens six tabs" in preview.page("maps/other-1/index.html")
    for untouched in ("maps/laptop/index.html", "maps/other-0/index.html", "maps/other-2/index.html", "personas/pat/index.html"):
        assert untouched not in changed, untouched


def test_roll_ups_follow_an_edited_pain_point(preview: Preview) -> None:
    edit(preview.root / "maps" / "other-1.yaml", "Card form rejects spaces", "Card form rejects dashes")
    preview.rebuild()
    rollup = preview.page("journeys/pain-points/index.html")
    assert "Card form rejects dashes" in rollup and rollup.count("Card form rejects spaces") == 3


def test_search_still_finds_pages_that_were_not_rebuilt(preview: Preview) -> None:
    copies = search_text(preview.site).count("Opens five tabs")  # one per map page, and per section
    edit(preview.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
    preview.rebuild()
    text = search_text(preview.site)
    assert "Opens six tabs" in text
    assert "Other journey 0" in text and "Other journey 2" in text and "Buying a laptop online" in text
    assert text.count("Opens five tabs") == copies * 3 // 4  # 3 of the 4 maps, and no stale copy


def test_an_invalid_edit_shows_its_errors_on_the_page_and_recovers(preview: Preview) -> None:
    edit(preview.root / "maps" / "other-1.yaml", "personas: [sam, pat]", "personas: [sam, patt]")
    preview.rebuild()  # no exception: the server keeps running
    broken = preview.page("maps/other-1/index.html")
    assert "has errors" in broken and "<code>maps/other-1.yaml:3:17</code>" in broken and "did you mean &#39;pat&#39;?" in broken
    banner = preview.page("index.html")
    assert 'class="journeys-banner"' in banner and "maps/other-1.yaml" in banner
    edit(preview.root / "maps" / "other-1.yaml", "personas: [sam, patt]", "personas: [sam, pat]")
    preview.rebuild()
    assert "Other journey 1" in preview.page("maps/other-1/index.html")
    assert 'class="journeys-banner"' not in preview.page("index.html")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def temporary_folders() -> set[Path]:
    import tempfile

    base = Path(tempfile.gettempdir())
    return set(base.glob("journeys-serve-*")) | set(base.glob("journeys-site-*"))


def test_journeys_serve_reloads_an_edited_map(make_project) -> None:
    root = shop_project(make_project)
    folders_before = temporary_folders()
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "journeys"), "serve", str(root), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/maps/laptop/"
        assert "Opens five tabs" in wait_for(lambda: fetch(url))
        time.sleep(1.5)  # idle: reading the sources must not count as a change
        edit(root / "maps" / "laptop.yaml", "Opens five tabs", "Opens nine tabs")
        wait_for(lambda: "Opens nine tabs" in (fetch(url) or ""))
        edit(root / "maps" / "laptop.yaml", "status: review", "status: [broken")
        wait_for(lambda: "has errors" in (fetch(url) or ""))
        time.sleep(1.5)  # a server that reacted to its own reads would rebuild again and again here
        assert server.poll() is None  # still serving
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "maps/laptop.yaml:" in output  # the errors were printed in the terminal too
    assert "dirty" not in output.lower()
    assert output.count("Building the site") <= 1 + 2 * 2  # the first build, and at most two per edit
    assert temporary_folders() <= folders_before  # stopped with SIGTERM, it cleaned up


def test_material_search_keeps_unchanged_pages_across_dirty_rebuilds(make_project, tmp_path: Path) -> None:
    extra = {f"maps/other-{n}.yaml": SHOP_MAP.replace("Buying a laptop online", f"Other journey {n}") for n in range(2)}
    session = Preview(shop_project(make_project, theme="material", extra=extra), tmp_path / "site")
    try:
        session.rebuild()
        edit(session.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
        session.rebuild()
        text = search_text(session.site)
        assert "Opens six tabs" in text and "Other journey 0" in text and "Buying a laptop online" in text
    finally:
        session.close()
