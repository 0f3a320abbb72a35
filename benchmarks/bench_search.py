"""Search in the browser: Pagefind (journeys' default) against MkDocs' own search.

For each size (100 and 1,000 maps by default) and theme (``mkdocs``, ``material``) the
synthetic project is built twice, with ``search: pagefind`` and with ``search: mkdocs``
(the baseline: the built-in ``search`` plugin, or Material's), and each site is opened
in Chromium (Playwright driving Debian's /usr/bin/chromium) from a local web server
that gzips text like a real host. Figures, best of ``--repeat`` runs, alternating
backends:

- ``ready s``: navigation start to search-ready (Pagefind: loaded and initialised;
  MkDocs: its worker has built the index);
- ``1st result s``: on a page opened cold and typed into as soon as it has loaded, the
  first keystroke of a word only one map holds to that map's result on screen
  (``none``: the word typed then never gets a result);
- ``KB before``: bytes transferred by the page before typing (until it is ready and
  the network is quiet);
- ``KB query``: bytes transferred for that first query;
- ``renderer MB``: resident memory of the tab's renderer after the query;
- ``build s``: one ``journeys build`` of the site (not a best-of).

The ratio rows divide Pagefind by the baseline. Targets (issue 11, at 1,000 maps):
first result at most 0.5 s after the first keystroke, at most 1 MB for the first query,
renderer at most 400 MB.

    python benchmarks/bench_search.py [--sizes 100 1000] [--repeat 3] [--themes mkdocs material]
        [--keep DIR] [--trace]

``--trace`` prints, instead, the requests of one first query on a Pagefind site (when
Pagefind's script, worker, wasm, metadata, index chunks, filters and fragments start
and arrive, from the first keystroke) and when its result shows.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import print_table, synthetic_project

BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: The word put in one map only (in its first step's actions).
UNIQUE_WORD = "quokkaphone"
BACKENDS = ("pagefind", "mkdocs")
_GZIPPED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")

#: Records, in the page, when search is ready, the first key and the first result.
PROBE = """
window.__bench = {ready: null, firstKey: null, firstResult: null, target: null};
(() => {
  const mark = (name) => { if (window.__bench[name] === null) window.__bench[name] = performance.now(); };
  // MkDocs' worker says {allowSearch: true} when its index is built, Material's {type: 1}.
  const Original = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    worker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.allowSearch || data.type === 1) mark("ready");
    });
    return worker;
  };
  window.Worker.prototype = Original.prototype;
  document.addEventListener("keydown", () => mark("firstKey"), true);
  new MutationObserver(() => {
    const root = document.documentElement;
    if (root.dataset.journeysSearch === "ready") mark("ready");
    const target = window.__bench.target;
    const lists = ["#mkdocs-search-results", ".md-search-result__list"];
    if (target && window.__bench.firstResult === null &&
        document.querySelector(lists.map((list) => `${list} a[href*="${target}"]`).join(", "))) {
      mark("firstResult");
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


class _Gzipping(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, gzipping text as GitHub Pages and most hosts do."""

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in _GZIPPED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=4096)
def _compressed(path: Path, _mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipping, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


# --- the sites -------------------------------------------------------------------------


def project_copy(maps: int, into: Path) -> tuple[Path, str]:
    """A copy of the synthetic project with the unique word in one map; that map's id
    (an earlier run's copy, kept with ``--keep``, is used as it is)."""
    root = into / "project"
    map_id = f"journey-{maps // 2:04d}"
    if root.is_dir():
        return root, map_id
    shutil.copytree(synthetic_project(maps=maps), root)
    path = root / "maps" / f"{map_id}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"actions: ", f"actions: Checks the {UNIQUE_WORD} first. ", text, count=1), encoding="utf-8")
    return root, map_id


def _with_search(config: str, theme: str, backend: str) -> str:
    """The project's mkdocs.yml with ``theme`` and the journeys option ``search: backend``
    (its other journeys options kept)."""
    import yaml  # PyYAML, with the test extras

    data = yaml.safe_load(config)
    plugins = []
    for plugin in data.get("plugins", []):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        plugins.append({"journeys": {**(options or {}), "search": backend}} if name == "journeys" else plugin)
    return yaml.safe_dump({**data, "plugins": plugins, "theme": {"name": theme}}, sort_keys=False)


def build(root: Path, theme: str, backend: str, site: Path) -> float:
    """Seconds for ``journeys build`` of the site (NaN: a kept site from an earlier run)."""
    if (site / "index.html").is_file():
        return float("nan")
    config = root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(_with_search(original, theme, backend), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    try:
        subprocess.run(
            [str(BIN / "journeys"), "build", str(root), "--site-dir", str(site)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
    finally:  # a kept project must not keep this run's options
        config.write_text(original, encoding="utf-8")
    return time.perf_counter() - start


# --- the browser -----------------------------------------------------------------------


def _renderer_mb(browser: Any) -> float:
    """Resident memory of the largest renderer (the tab's), from /proc."""
    session = browser.new_browser_cdp_session()
    processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
    sizes = []
    for process in processes:
        if process["type"] != "renderer":
            continue
        status = Path(f"/proc/{process['id']}/status")
        if status.is_file():
            rss = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            sizes.append(int(rss[1]) / 1024 if rss else 0.0)
    session.detach()
    return max(sizes, default=float("nan"))


def _open_box(page: Any, theme: str) -> Any:
    if theme == "material":
        box = page.locator("input.md-search__input")
        box.click()
        return box
    page.click("a[data-bs-target='#mkdocs_search_modal']")
    box = page.locator("#mkdocs-search-query")
    box.wait_for(state="visible")
    return box


def _transferred(requests: list[Any]) -> int:
    total = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # a request the page abandoned has no sizes
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def _open(browser: Any, url: str, target: str) -> tuple[Any, list[Any]]:
    """A new page of ``url``, loaded, with the probe watching for ``target``; and the list
    its finished requests are added to."""
    page = browser.new_page()
    page.add_init_script(PROBE)
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.evaluate("t => { window.__bench.target = t; }", target)
    return page, finished


def measure_ready(playwright: Any, url: str, theme: str, target: str) -> dict[str, float]:
    """Open a page, wait until search is ready and the network quiet, then search once."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    try:
        page, finished = _open(browser, url, target)
        page.wait_for_function("() => window.__bench.ready !== null", timeout=120_000, polling=50)
        page.wait_for_load_state("networkidle")
        ready = page.evaluate("window.__bench.ready") / 1000
        before = _transferred(finished)
        count = len(finished)
        _open_box(page, theme).press_sequentially(UNIQUE_WORD, delay=30)
        page.wait_for_function("() => window.__bench.firstResult !== null", timeout=60_000, polling=50)
        page.wait_for_load_state("networkidle")
        query = _transferred(finished[count:])
        return {"ready": ready, "before": before / 1024, "query": query / 1024, "memory": _renderer_mb(browser)}
    finally:
        browser.close()


def measure_first_result(playwright: Any, url: str, theme: str, target: str, wait: float) -> float:
    """Seconds from the first keystroke, typed as soon as the page has loaded, to the
    result (``inf`` when it never comes within ``wait``)."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    try:
        page, _ = _open(browser, url, target)
        _open_box(page, theme).press_sequentially(UNIQUE_WORD, delay=30)
        try:
            page.wait_for_function("() => window.__bench.firstResult !== null", timeout=wait * 1000, polling=20)
        except Exception:  # Playwright's TimeoutError: no result for a word typed early
            return float("inf")
        return page.evaluate("(window.__bench.firstResult - window.__bench.firstKey) / 1000")
    finally:
        browser.close()


def trace_first_query(playwright: Any, url: str, theme: str, target: str) -> list[list[object]]:
    """Where the first result's time goes: the requests of a page opened cold and typed
    into as soon as it has loaded (dedicated workers' too, such as Pagefind's), each as
    ms from the first keystroke to its start and end, and KB transferred; then the result."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    try:
        page, finished = _open(browser, url, target)
        _open_box(page, theme).press_sequentially(UNIQUE_WORD, delay=30)
        page.wait_for_function("() => window.__bench.firstResult !== null", timeout=20_000, polling=20)
        page.wait_for_load_state("networkidle")
        key = page.evaluate("performance.timeOrigin + window.__bench.firstKey")
        result = page.evaluate("window.__bench.firstResult - window.__bench.firstKey")
        rows: list[list[object]] = []
        for request in finished:
            start = request.timing["startTime"]
            rows.append([round(start - key), round(start + request.timing["responseEnd"] - key),
                         _transferred([request]) / 1024, request.url.removeprefix(url)])
        rows.sort(key=lambda row: row[0])  # type: ignore[arg-type, return-value]
        return [*rows, [round(result), "", "", f"first result shown ({target})"]]
    finally:
        browser.close()


def trace_size(playwright: Any, maps: int, themes: list[str], work: Path) -> None:
    root, map_id = project_copy(maps, work / f"maps{maps}")
    for theme in themes:
        site = work / f"maps{maps}" / f"site-{theme}-pagefind"
        build(root, theme, "pagefind", site)
        url, server = serve(site)
        print(f"{maps} maps, {theme} theme, Pagefind, ms from the first keystroke:")
        print_table(["start", "end", "KB", "request"], trace_first_query(playwright, url, theme, f"maps/{map_id}/"))
        print(flush=True)
        server.shutdown()
        server.server_close()


# --- the table -------------------------------------------------------------------------


def _shown(value: float) -> object:
    return "none" if value == float("inf") else value


def _ratio(ours: float, baseline: float) -> object:
    if baseline in (0, float("inf")) or ours == float("inf") or math.isnan(ours) or math.isnan(baseline):
        return "-"
    return f"{ours / baseline:.2f}x"


def run_size(playwright: Any, maps: int, themes: list[str], repeat: int, work: Path) -> list[list[object]]:
    root, map_id = project_copy(maps, work / f"maps{maps}")
    rows = []
    for theme in themes:
        sites = {backend: work / f"maps{maps}" / f"site-{theme}-{backend}" for backend in BACKENDS}
        built = {backend: build(root, theme, backend, sites[backend]) for backend in BACKENDS}
        servers = {backend: serve(sites[backend]) for backend in BACKENDS}
        target = f"maps/{map_id}/"
        runs: dict[str, list[dict[str, float]]] = {backend: [] for backend in BACKENDS}
        for _ in range(repeat):  # alternate, so a busy spell slows both
            for backend in BACKENDS:
                url = servers[backend][0]
                figures = measure_ready(playwright, url, theme, target)
                figures["first"] = measure_first_result(playwright, url, theme, target, wait=20)
                runs[backend].append(figures)
        best = {
            backend: {
                "ready": min(r["ready"] for r in results),
                "first": min(r["first"] for r in results),
                "before": statistics.median(r["before"] for r in results),
                "query": statistics.median(r["query"] for r in results),
                "memory": statistics.median(r["memory"] for r in results),
            }
            for backend, results in runs.items()
        }
        for backend in BACKENDS:
            b = best[backend]
            name = "pagefind" if backend == "pagefind" else f"{'mkdocs' if theme == 'mkdocs' else 'material'} search"
            rows.append([maps, theme, name, b["ready"], _shown(b["first"]), b["before"], b["query"], b["memory"],
                         built[backend]])
        ours, base = best["pagefind"], best["mkdocs"]
        rows.append([maps, theme, "ratio", _ratio(ours["ready"], base["ready"]), _ratio(ours["first"], base["first"]),
                     _ratio(ours["before"], base["before"]), _ratio(ours["query"], base["query"]),
                     _ratio(ours["memory"], base["memory"]), _ratio(built["pagefind"], built["mkdocs"])])
        for _, server in servers.values():
            server.shutdown()
            server.server_close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--themes", nargs="+", default=["mkdocs", "material"], choices=["mkdocs", "material"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--keep", type=Path, metavar="DIR",
        help="build the sites into DIR and keep them; a later run with the same DIR reuses them "
        "(its build column then reads nan)",
    )
    parser.add_argument("--trace", action="store_true", help="instead, list the requests of one Pagefind query")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    headers = ["maps", "theme", "search", "ready s", "1st result s", "KB before", "KB query", "renderer MB",
               "build s"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="journeys-bench-search-"))
    try:
        with sync_playwright() as playwright:
            for maps in args.sizes:
                if args.trace:
                    trace_size(playwright, maps, args.themes, work)
                    continue
                print_table(headers, run_size(playwright, maps, args.themes, args.repeat, work))
                print(flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
