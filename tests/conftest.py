"""Shared fixtures: throwaway projects on disk, the CLI, and the system Chromium."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from journeys.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MakeProject = Callable[..., Path]

#: The smallest configuration of a journeys project: the plugin with its defaults.
DEFAULT_CONFIG = "site_name: Test project\nplugins:\n  - journeys\n"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="Run the long fuzz profile (20,000 cases; JOURNEYS_FUZZ_CASES=N sets another count).",
    )


DEFAULT_PERSONA = """\
---
name: Sam Okafor
role: Student
---
Sam's notes.
"""


def project_maker(root: Path) -> MakeProject:
    """A ``make_project`` that writes into ``root`` (see the fixture)."""

    def make(files: dict[str, str | bytes] | None = None, *, personas: bool = True, config: bool = True) -> Path:
        (root / "maps").mkdir(parents=True, exist_ok=True)
        (root / "personas").mkdir(parents=True, exist_ok=True)
        if config and not (files and "mkdocs.yml" in files) and not (root / "mkdocs.yml").exists():
            (root / "mkdocs.yml").write_text(DEFAULT_CONFIG, encoding="utf-8")
        if personas:
            (root / "personas" / "sam.md").write_text(DEFAULT_PERSONA, encoding="utf-8")
        for rel, content in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return make


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write ``{relative path: text or bytes}`` into a fresh project folder.

    Text is dedented, so tests can indent YAML naturally. A persona ``sam`` exists
    unless ``personas=False``; a minimal ``mkdocs.yml`` (what makes a folder a journeys
    project) unless the files hold one or ``config=False``.
    """
    return project_maker(tmp_path / "project")


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run ``journeys ARGS...`` in-process and return click's Result."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of the system Chromium, or skip with the reason."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    """One headless Chromium (through Playwright) for the whole run; tests open their own pages."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' brings Playwright")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``open_page(**options)``: a new browser page, closed when the test ends."""
    pages: list[Any] = []

    def new_page(**options: Any) -> Any:
        pages.append(browser.new_page(**options))
        return pages[-1]

    yield new_page
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's example site, built once for the whole run with ``journeys build``."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = CliRunner().invoke(main, ["build", str(REPO_ROOT), "--site-dir", str(site)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture
def serve_folder() -> Iterator[Callable[..., str]]:
    """``serve_folder(folder[, handler])``: ``folder`` served over HTTP on a free port for
    this test (``handler``: a subclass of example_sites.QuietHandler); its base URL."""
    from example_sites import serve

    servers = []

    def start(folder: Path, *handler: Any) -> str:
        base, server = serve(folder, *handler)
        servers.append(server)
        return base

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_example_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    """``served_example_sites(theme)``: the example site built with ``theme`` (mkdocs or
    material), once per run, served: an ``example_sites.ExampleSite``."""
    from example_sites import ExampleSite, build_example_site, serve

    built: dict[str, ExampleSite] = {}
    servers = []

    def site(theme: str) -> ExampleSite:
        if theme not in built:
            folder = build_example_site(tmp_path_factory.mktemp(f"example-{theme}"), theme)
            base, server = serve(folder)
            servers.append(server)
            built[theme] = ExampleSite(folder, base)
        return built[theme]

    yield site
    for server in servers:
        server.shutdown()
        server.server_close()


def recorded_calls(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, record: Callable[..., str]
) -> list[str]:
    """What ``record`` says of each call of ``module.name`` in this process, in order
    (the function itself still runs)."""
    seen: list[str] = []
    real = getattr(module, name)

    def recording(*args):  # type: ignore[no-untyped-def]
        seen.append(record(*args))
        return real(*args)

    monkeypatch.setattr(module, name, recording)
    return seen


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the maps whose diagram a build draws in this process (a cached map
    draws none; a forked worker's drawings are its own)."""
    import journeys.site.generate as generate_module

    return recorded_calls(monkeypatch, generate_module, "diagram_svg", lambda journey, *_: journey.id)
