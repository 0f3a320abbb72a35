"""The site engine: MkDocs 1.6 here, ProperDocs in a virtual environment made by the test.

The ProperDocs environment is layered on this one (a .pth file adds this environment's
packages, journeys included) and gets only ``properdocs`` and its ``mkdocs`` theme from
the configured package index, so it costs a few seconds rather than a full install.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.publish import engine
from site_checks import SITE_MKDOCS_YML, shop_project

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Runs the ``journeys`` command of whatever environment's Python runs it.
RUN_JOURNEYS = (
    "import sys; from importlib.metadata import entry_points; "
    "sys.argv[0] = 'journeys'; sys.exit(entry_points(group='console_scripts')['journeys'].load()())"
)

pytestmark = pytest.mark.venv

#: The modules (and the loader) that run the engine, as opposed to the plugin API.
ENGINE_PARTS = ("mkdocs.commands", "mkdocs.livereload", "mkdocs.__main__", "mkdocs.config.load_config", "properdocs")


@pytest.fixture(scope="module")
def properdocs_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("properdocs") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    layered = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    here = sysconfig.get_paths()["purelib"]
    Path(layered, "journeys-test-base.pth").write_text(f"import site; site.addsitedir({here!r})\n", encoding="utf-8")
    install = subprocess.run(  # this environment's pip, installing into the new one
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
         "properdocs>=1.6,<2", "properdocs-theme-mkdocs>=1.6,<2"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if install.returncode != 0:
        pytest.skip(f"properdocs cannot be installed: {install.stderr.strip().splitlines()[-1:]}")
    return python


def journeys(python: Path, *args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-c", RUN_JOURNEYS, *map(str, args)], capture_output=True, text=True,
                          timeout=600, cwd=cwd)  # fmt: skip


def test_mkdocs_is_the_engine_without_properdocs() -> None:
    assert engine.ENGINE == "mkdocs" and engine.name().startswith("MkDocs 1.6")


def test_journeys_build_runs_on_properdocs_when_it_is_installed(properdocs_python: Path, tmp_path: Path) -> None:
    chosen = subprocess.run([str(properdocs_python), "-c", "import journeys.publish.engine as e; print(e.name())"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert chosen.stdout.startswith("ProperDocs 1.")
    result = journeys(properdocs_python, "build", REPO_ROOT, "--site-dir", tmp_path / "properdocs")
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith(f"site built in {tmp_path / 'properdocs'}\n")
    settings, _ = load_settings(REPO_ROOT)
    site = tmp_path / "properdocs"
    for journey in load_project(settings).project.maps:
        page = (site / "maps" / journey.id / "index.html").read_text(encoding="utf-8")
        assert 'id="properdocs-search-query"' in page and 'class="journey-diagram"' in page  # ProperDocs' theme
        assert (site / "maps" / f"{journey.id}.svg").is_file()
    assert (site / ".journeys-site").is_file()


def test_properdocs_strict_counts_the_plugins_warnings(properdocs_python: Path, make_project, tmp_path: Path) -> None:
    """The plugin logs under the legacy "mkdocs" names; ProperDocs must still see them."""
    root = shop_project(make_project, extra={"maps/bad.yaml": "title: Bad\npersonas: [samm]\nstages: []\n"})
    plain = subprocess.run([str(properdocs_python), "-m", "properdocs", "build", "--strict", "-d", str(tmp_path / "a")],
                           capture_output=True, text=True, cwd=root, timeout=600)  # fmt: skip
    assert plain.returncode == 1 and "maps/bad.yaml:2:12: error: unknown persona 'samm'" in plain.stderr
    (root / "maps" / "bad.yaml").unlink()
    (root / "docs" / "guide.md").write_text("# Guide\n\nSee [missing](missing.md).\n", encoding="utf-8")
    ours = journeys(properdocs_python, "build", root, "--strict", "--site-dir", tmp_path / "b")
    assert ours.returncode == 1 and "missing.md" in ours.stderr and "not built" in ours.stderr
    assert not (tmp_path / "b").exists()


def test_properdocs_yml_is_read_where_mkdocs_yml_is(properdocs_python: Path, cli, make_project, tmp_path: Path) -> None:
    journeys_block = "  - journeys:\n      maps_dir: journeys\n"
    config = SITE_MKDOCS_YML.format(theme="mkdocs").replace("  - journeys\n", journeys_block)
    root = shop_project(make_project, extra={"properdocs.yml": config})
    (root / "mkdocs.yml").unlink()
    (root / "maps").rename(root / "journeys")
    validated = journeys(properdocs_python, "validate", root)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    built = journeys(properdocs_python, "build", root, "--site-dir", tmp_path / "properdocs")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "properdocs" / "maps" / "laptop" / "index.html").is_file()
    assert cli("validate", root).exit_code == 0  # and with MkDocs
    assert cli("build", root, "--site-dir", tmp_path / "mkdocs").exit_code == 0
    assert (tmp_path / "mkdocs" / "maps" / "laptop" / "index.html").is_file()
    plain = subprocess.run([str(properdocs_python), "-m", "properdocs", "build", "-d", str(tmp_path / "plain")],
                           capture_output=True, text=True, cwd=root, timeout=600)  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert (tmp_path / "plain" / "maps" / "laptop" / "index.html").is_file()


def engine_imports(path: Path) -> list[str]:
    """What ``path`` imports at run time of the engine's build, configuration loader, server or command."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    found = []
    for node in (node for node in ast.walk(tree) if id(node) not in type_only):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return [name for name in found if name.startswith(ENGINE_PARTS)]


def test_the_engine_module_is_the_only_one_importing_the_engines_build_and_server() -> None:
    package = REPO_ROOT / "generator" / "journeys"
    importers = sorted(str(path.relative_to(package)) for path in package.rglob("*.py") if engine_imports(path))
    assert importers == ["publish/engine.py"]
