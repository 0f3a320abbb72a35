"""Live preview: MkDocs' dirty rebuilds with the plugin, in-process and as `journeys serve`."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from journeys.plugin import PLACEHOLDER
from journeys.publish.serve import PreviewBuilder
from journeys.publish.site import journeys_plugin
from journeys.site import urls
from site_checks import SHOP_MAP, search_text, shop_project

SERVE_URL = "http://127.0.0.1:8000/"


class Preview:
    """``journeys serve``'s rebuilds, in-process: a fresh config and a dirty build per change."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.builder = PreviewBuilder(root, site, SERVE_URL)
        self.config = self.builder.config()
        self.config.plugins.on_startup(command="serve", dirty=True)

    def rebuild(self) -> None:
        self.builder()

    def close(self) -> None:
        self.config.plugins.on_shutdown()
        self.builder.close()

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def mtimes(self) -> dict[str, int]:
        return {str(p.relative_to(self.site)): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}


@pytest.fixture
def preview(make_project, tmp_path: Path):
    extra = {f"maps/other-{n}.yaml": SHOP_MAP.replace("Buying a laptop online", f"Other journey {n}") for n in range(3)}
    # MkDocs' own search: the built-in index is the one a dirty rebuild must keep whole.
    session = Preview(shop_project(make_project, extra=extra, search="mkdocs"), tmp_path / "site")
    session.rebuild()
    yield session
    session.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a distinct modification time even on coarse file systems
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_first_build_is_left_out_of_garbage_collections_and_only_the_first(preview: Preview) -> None:
    import gc

    frozen = gc.get_freeze_count()
    assert frozen > 1000  # the fixture's first build: its maps, pages and templates
    edit(preview.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
    preview.rebuild()
    assert gc.get_freeze_count() <= frozen  # later builds are collected as ever
    preview.close()
    assert gc.get_freeze_count() == 0


def test_editing_one_map_rebuilds_only_the_pages_that_show_it(preview: Preview) -> None:
    before = preview.mtimes()
    edit(preview.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
    preview.rebuild()
    after = preview.mtimes()
    changed = {page for page in after if after[page] != before.get(page)}
    assert "maps/other-1/index.html" in changed
    assert "Opens six tabs" in preview.page("maps/other-1/index.html")
    untouched_pages = ("maps/laptop/index.html", "maps/other-0/index.html", "maps/other-2/index.html",
                       "personas/pat/index.html")  # fmt: skip
    for untouched in untouched_pages:
        assert untouched not in changed, untouched


def test_roll_ups_follow_an_edited_pain_point(preview: Preview) -> None:
    edit(preview.root / "maps" / "other-1.yaml", "Card form rejects spaces", "Card form rejects dashes")
    preview.rebuild()
    rollup = preview.page("journeys/pain-points/index.html")
    assert "Card form rejects dashes" in rollup and rollup.count("Card form rejects spaces") == 3
    # The downloads are joined from each map's cached part: the edit is in them, as the commands write them.
    from journeys import app

    for download, command in (("journeys/pain-points.csv", ("csv", "pain-points")), ("journeys.json", ("json", None))):
        published = (preview.site / download).read_bytes()
        assert b"Card form rejects dashes" in published and published.count(b"Card form rejects spaces") == 3
        exported = app.export(preview.root, command[0], rollup=command[1]).output
        if command[0] == "json":  # the command indents it; the site's is the same document, compact
            exported = (
                json.dumps(json.loads(exported), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            ).encode()
        assert published == exported


def test_summary_pages_are_rendered_again_only_when_what_they_show_changed(preview: Preview) -> None:
    plugin = journeys_plugin(preview.config)
    assert plugin is not None
    pains = plugin._pages[urls.PAIN_POINTS]
    # The owner is in the catalogue, not in the pain points' rows or filters.
    edit(preview.root / "maps" / "other-1.yaml", "owner: Web shop team", "owner: Checkout team")
    preview.rebuild()
    made = plugin.generator.summaries.made
    assert urls.HOME_CATALOGUE in made and "Checkout team" in preview.page("index.html")
    assert urls.PAIN_POINTS not in made and urls.OPPORTUNITIES not in made and urls.METRICS not in made
    assert plugin._pages[urls.PAIN_POINTS] is pains

    edit(preview.root / "maps" / "other-1.yaml", "Card form rejects spaces", "Card form rejects dashes")
    preview.rebuild()
    assert urls.PAIN_POINTS in plugin.generator.summaries.made
    assert "Card form rejects dashes" in preview.page("journeys/pain-points/index.html")


def test_a_retitled_map_is_retitled_on_every_summary_page(preview: Preview) -> None:
    edit(preview.root / "maps" / "other-1.yaml", "Other journey 1", "Renamed journey")
    preview.rebuild()
    for page in ("index.html", "personas-and-maps", "pain-points", "opportunities", "tree", "channels", "tags"):
        text = preview.page(page if page.endswith(".html") else f"journeys/{page}/index.html")
        assert "Renamed journey" in text and "Other journey 1" not in text, page


def test_summary_pages_follow_an_edited_persona_and_journeys_block(preview: Preview) -> None:
    edit(preview.root / "personas" / "pat.md", "name: Pat Lee", "name: Patricia Lee")
    preview.rebuild()
    for page in ("index.html", "journeys/pain-points/index.html", "journeys/personas-and-maps/index.html"):
        assert "Patricia Lee" in preview.page(page), page  # the persona list, filters, columns
    edit(preview.root / "mkdocs.yml", "search: mkdocs\n", "search: mkdocs\n      labels: {pain_points: Sore points}\n")
    preview.rebuild()
    assert "<h1 id=\"pain-points\">Sore points</h1>" in preview.page("journeys/pain-points/index.html")


def test_the_file_mkdocs_reads_for_a_generated_page_is_a_placeholder(preview: Preview) -> None:
    # The page body comes in through the plugin: MkDocs need not read megabytes of roll-up.
    plugin = journeys_plugin(preview.config)
    assert plugin is not None
    source = plugin._files[urls.PAIN_POINTS].abs_src_path
    assert source is not None and Path(source).read_text(encoding="utf-8") == PLACEHOLDER


def test_the_site_theme_is_compiled_once_while_serving(preview: Preview, monkeypatch) -> None:
    import jinja2

    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    edit(preview.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
    preview.rebuild()  # a new configuration, so a new theme environment, yet nothing to compile
    assert compiled == []
    assert "Opens six tabs" in preview.page("maps/other-1/index.html")


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
    assert "has errors" in broken and "<code>maps/other-1.yaml:3:17</code>" in broken
    assert "did you mean &#39;pat&#39;?" in broken
    banner = preview.page("index.html")
    assert 'class="journeys-banner"' in banner and "maps/other-1.yaml" in banner
    assert preview.builder.problems[0] == (
        "maps/other-1.yaml:3:17: error: unknown persona 'patt' — did you mean 'pat'?"
    )  # shown on every page the preview serves
    edit(preview.root / "maps" / "other-1.yaml", "personas: [sam, patt]", "personas: [sam, pat]")
    preview.rebuild()
    assert "Other journey 1" in preview.page("maps/other-1/index.html")
    assert 'class="journeys-banner"' not in preview.page("index.html")
    assert preview.builder.problems == ()


def test_a_configuration_that_cannot_be_read_keeps_the_preview_serving_and_recovers(preview: Preview) -> None:
    config = preview.root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    before = preview.page("maps/laptop/index.html")
    config.write_text("site_name: [broken\n", encoding="utf-8")
    preview.rebuild()  # no exception: MkDocs' server would hold every request until a good build
    assert len(preview.builder.problems) == 1
    assert preview.builder.problems[0].startswith("the site was not rebuilt: mkdocs.yml: ")
    assert "\n" not in preview.builder.problems[0]
    assert preview.page("maps/laptop/index.html") == before  # the last good site is still served
    config.write_text(good, encoding="utf-8")
    preview.rebuild()
    assert preview.builder.problems == ()


def test_a_deleted_map_disappears_from_the_preview(preview: Preview) -> None:
    (preview.root / "maps" / "other-1.yaml").unlink()
    preview.rebuild()
    assert not (preview.site / "maps" / "other-1").exists()
    assert not (preview.site / "maps" / "other-1.svg").exists()
    assert (preview.site / "maps" / "other-0" / "index.html").is_file()
    assert (preview.site / "maps" / "other-0.svg").is_file()
    assert "Other journey 1" not in search_text(preview.site)
    assert "other-1" not in preview.page("index.html")


def nav_problems(site: Path, expected: tuple[str, ...]) -> list[str]:
    """Pages whose menu shows a title "None" or lacks one of ``expected``."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        menu = re.search(r'<ul class="nav navbar-nav">.*?</ul>\s*</div>', path.read_text(encoding="utf-8"), re.S)
        assert menu, path
        missing = [title for title in expected if f">{title}</a>" not in menu.group()]
        if re.search(r">\s*None\s*</a>", menu.group()) or missing:
            problems.append(f"{path.relative_to(site)}: None or missing {missing}")
    return problems


def test_the_menu_stays_right_after_edits(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project, extra={"docs/index.md": "# Our home\n"})
    session = Preview(root, tmp_path / "site")
    try:
        session.rebuild()
        assert nav_problems(session.site, ("Our home", "Guide")) == []
        edit(root / "maps" / "laptop.yaml", "Opens five tabs", "Opens six tabs")
        session.rebuild()  # only the pages showing the map are rebuilt: the others' titles come from before
        assert nav_problems(session.site, ("Our home", "Guide")) == []
        (root / "docs" / "added.md").write_text("# Added since start\n", encoding="utf-8")
        session.rebuild()
        assert nav_problems(session.site, ("Our home", "Guide", "Added since start")) == []
        edit(root / "docs" / "guide.md", "# Guide", "# Field guide")
        session.rebuild()
        assert nav_problems(session.site, ("Our home", "Field guide", "Added since start")) == []
        (root / "docs" / "added.md").unlink()
        session.rebuild()
        assert nav_problems(session.site, ("Our home", "Field guide")) == []
        assert "Added since start" not in session.page("guide/index.html")
        assert not (session.site / "added").exists()
    finally:
        session.close()


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


def test_journeys_serve_reloads_an_edited_map(make_project, tmp_path: Path) -> None:
    root = shop_project(make_project)
    # The server's own temporary folder: what it leaves there is what it failed to clean up,
    # whatever other processes (a parallel test run) do in the system's.
    server_tmp = tmp_path / "server-tmp"
    server_tmp.mkdir()
    port = free_port()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(server_tmp)}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "journeys"), "serve", str(root), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment,
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
        persona = f"http://127.0.0.1:{port}/personas/pat/"
        box_pattern = re.compile(r'<div class="journeys-preview-problems".*?</div>', re.S)
        box = wait_for(lambda: box_pattern.search(fetch(persona) or ""))
        assert "<code>maps/laptop.yaml:7:5: error: did not find expected &#x27;,&#x27;" in box.group()  # on every page
        edit(root / "maps" / "laptop.yaml", "status: [broken", "status: review")
        wait_for(lambda: "journeys-preview-problems" not in (fetch(persona) or "journeys-preview-problems"))
        assert "Opens nine tabs" in (fetch(url) or "")
        (root / "maps" / "laptop-future.md").unlink()
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/maps/laptop-future/") is None)
        assert fetch(f"http://127.0.0.1:{port}/maps/laptop-future.svg") is None
        assert fetch(f"http://127.0.0.1:{port}/maps/laptop.svg") is not None
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "maps/laptop.yaml:" in output  # the errors were printed in the terminal too
    assert "dirty" not in output.lower()
    assert output.count("Building the site") <= 1 + 2 * 4  # the first build, and at most two per edit
    assert list(server_tmp.iterdir()) == []  # stopped with SIGTERM, it cleaned up


def served(app, path: str) -> tuple[dict, str]:
    """The headers and text of ``path`` as the WSGI ``app`` serves it."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    headers: dict = {}
    body = b"".join(app(environ, lambda status, items, exc_info=None: headers.update(items)))
    return headers, body.decode("utf-8")


def test_once_served_rebuilds_leave_late_parts_out_of_the_files_and_the_server_puts_them_in(preview: Preview) -> None:
    from mkdocs.livereload import LiveReloadServer

    persona_before = preview.page("personas/pat/index.html")
    server = LiveReloadServer(builder=preview.builder, host="127.0.0.1", port=free_port(), root=str(preview.site))
    preview.config.plugins.on_serve(server, config=preview.config, builder=preview.builder)
    edit(preview.root / "maps" / "laptop.yaml", "disagree with each other", "disagree with every review")
    preview.rebuild()

    # Written without the roll-up's rows and the map's diagram: kilobytes, not megabytes.
    written = preview.page("journeys/pain-points/index.html")
    assert 'data-journeys-late="rows"' in written and "disagree with every review" not in written
    assert 'data-journeys-late="diagram"' in preview.page("maps/laptop/index.html")
    # Served whole.
    app = server.get_app()
    headers, rollup = served(app, "/journeys/pain-points/")
    assert "Specification tables disagree with every review" in rollup and "data-journeys-late" not in rollup
    assert headers["Content-Length"] == str(len(rollup.encode("utf-8")))
    _, page = served(app, "/maps/laptop/index.html")
    assert "data-journeys-late" not in page and 'class="journeys-diagram-labels"' in page
    # A page the rebuild did not write is served as the first build wrote it, whole.
    assert preview.page("personas/pat/index.html") == persona_before
    assert served(app, "/personas/pat/")[1].startswith(persona_before.split("</body>")[0])


def test_material_search_keeps_unchanged_pages_across_dirty_rebuilds(make_project, tmp_path: Path) -> None:
    extra = {f"maps/other-{n}.yaml": SHOP_MAP.replace("Buying a laptop online", f"Other journey {n}") for n in range(2)}
    session = Preview(shop_project(make_project, theme="material", extra=extra, search="mkdocs"), tmp_path / "site")
    try:
        session.rebuild()
        edit(session.root / "maps" / "other-1.yaml", "Opens five tabs", "Opens six tabs")
        session.rebuild()
        text = search_text(session.site)
        assert "Opens six tabs" in text and "Other journey 0" in text and "Buying a laptop online" in text
    finally:
        session.close()


def test_the_preview_server_rebuilds_after_a_short_quiet_and_hears_only_changes(tmp_path: Path) -> None:
    from watchdog.events import FileClosedNoWriteEvent, FileModifiedEvent, FileOpenedEvent

    from journeys.publish.serve import QUIET_SECONDS, preview_server

    builder = PreviewBuilder(tmp_path, tmp_path / "site", SERVE_URL)
    server = preview_server(builder, "127.0.0.1", free_port())
    assert server.build_delay == QUIET_SECONDS < 0.1  # MkDocs waits 0.1 s
    server.watch(str(tmp_path))
    (watch,) = server._watch_refs.values()
    assert FileModifiedEvent in watch.event_filter
    assert not {FileOpenedEvent, FileClosedNoWriteEvent} & set(watch.event_filter)  # a build's own reads


def test_late_parts_are_put_in_at_the_file_mkdocs_serves_under_the_sites_mount_path() -> None:
    """``mkdocs serve`` of a site whose ``site_url`` has a path serves it under that path."""
    from journeys.publish.preview import LatePartsServed
    from journeys.site.context import GeneratedPage, late_slot

    def site(environ: dict, start_response) -> list[bytes]:
        body = f"<html><body>{late_slot('diagram')}</body></html>".encode()
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        return [body]

    late = LatePartsServed()
    late.pages = {"maps/a/index.html": GeneratedPage("maps/a.md", "A", "", late=(("diagram", "<svg>é</svg>"),))}
    app = late.app(site, "/docs/")
    for path in ("/docs/maps/a/", "/docs/maps/a/index.html", "/docs/maps/b/../a/"):
        assert served(app, path)[1] == "<html><body><svg>é</svg></body></html>", path
    for path in ("/maps/a/", "/docs/maps/b/", "/docs/maps/a"):  # outside the site, another page, a redirect
        assert "data-journeys-late" in served(app, path)[1], path


def test_the_problems_box_escapes_user_text_and_keeps_other_files_as_they_are() -> None:
    from journeys.publish.serve import SHOWN_PROBLEMS, with_problems_shown

    def site(environ: dict, start_response) -> list[bytes]:
        html = environ["PATH_INFO"].endswith("/")
        body = b"<html><body class='x'><p>page</p></body></html>" if html else b"svg bytes"
        start_response("200 OK", [("Content-Type", "text/html" if html else "image/svg+xml"),
                                  ("Content-Length", str(len(body)))])  # fmt: skip
        return [body]

    def get(app, path: str) -> tuple[dict, bytes]:
        headers: dict = {}
        body = b"".join(app({"PATH_INFO": path}, lambda status, items: headers.update(items)))
        return headers, body

    problems = tuple(f"maps/m{n}.yaml:1:1: error: title <script>alert({n})</script>" for n in range(SHOWN_PROBLEMS + 2))
    app = with_problems_shown(site, lambda: problems)
    headers, body = get(app, "/maps/m1/")
    assert body.startswith(b'<html><body class=\'x\'><div class="journeys-preview-problems" role="alert"')
    assert b"<script>" not in body and b"title &lt;script&gt;alert(0)&lt;/script&gt;" in body
    assert b"and 2 more (see the terminal)" in body and b"alert(11)" not in body
    assert headers["Content-Length"] == str(len(body))
    assert get(app, "/maps/m1.svg")[1] == b"svg bytes"
    assert b"journeys-preview-problems" not in get(with_problems_shown(site, lambda: ()), "/maps/m1/")[1]


def test_a_cancelled_index_stops_its_process_and_leaves_the_last_index(tmp_path: Path) -> None:
    """An edit during a preview's background index stops it at once instead of waiting."""
    import threading

    from journeys.publish import pagefind

    output = tmp_path / "site" / "pagefind"
    output.mkdir(parents=True)
    (output / "pagefind.js").write_text("the last complete index")
    cancelled = threading.Event()
    threading.Timer(0.3, cancelled.set).start()
    started = time.monotonic()
    assert pagefind._run([sys.executable, "-c", "import time; time.sleep(30)"], cancelled) == (None, "")
    assert time.monotonic() - started < 10
    cancelled.set()  # already cancelled: Pagefind is stopped before it writes anything
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "index.html").write_text("<html><body><p>word</p></body></html>")
    pagefind.run_pagefind(pages, output, cancelled)
    assert (output / "pagefind.js").read_text() == "the last complete index"
    assert sorted(p.name for p in output.parent.iterdir()) == ["pagefind"]


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="process priorities are POSIX")
def test_a_background_index_yields_the_cpu_to_rebuilds() -> None:
    import threading

    from journeys.publish import pagefind

    own = os.getpriority(os.PRIO_PROCESS, 0)
    # The child reads its priority after a moment: it is lowered just after it starts.
    command = [sys.executable, "-c", "import os, time; time.sleep(0.5); print(os.getpriority(os.PRIO_PROCESS, 0))"]
    assert pagefind._run(command, threading.Event(), yielding=True) == (0, f"{min(own + 10, 19)}\n")
    assert pagefind._run(command, threading.Event()) == (0, f"{own}\n")


def test_a_failing_index_reports_the_output_of_pagefind(tmp_path: Path) -> None:
    import threading

    from journeys.publish import pagefind

    command = [sys.executable, "-c", "import sys; print('no pages here', file=sys.stderr); sys.exit(3)"]
    assert pagefind._run(command, threading.Event()) == (3, "no pages here\n")


def test_a_new_build_forgets_the_pages_pagefind_would_index_that_the_site_no_longer_has() -> None:
    from types import SimpleNamespace

    from journeys.publish.pagefind import PagefindIndexer

    def files(*dest_uris: str) -> SimpleNamespace:
        return SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(dest_uri=uri) for uri in dest_uris])

    indexer = PagefindIndexer()
    indexer.start_build(files())
    try:
        folder = indexer._folder
        assert folder is not None
        for uri in ("index.html", "maps/a/index.html", "maps/b/index.html"):
            indexer.add(SimpleNamespace(title="T", content="<p>text</p>", file=SimpleNamespace(dest_uri=uri)), "en", {})
        indexer.start_build(files("index.html", "maps/a/index.html"))
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == [
            "index.html", "maps/a/index.html"
        ]  # fmt: skip
    finally:
        indexer.close()
