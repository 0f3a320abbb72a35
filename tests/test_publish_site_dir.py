"""A build never deletes what is not a site: the site-folder rules of journeys.publish."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gitrepos import GitProject
from journeys.publish.folders import MARKER, PublishError, SiteDirRefused
from journeys.publish.site import build_site
from site_checks import SITE_MKDOCS_YML, mkdocs_build, shop_project

JOURNEYS = str(Path(sys.executable).parent / "journeys")
CHOOSE = "choose another --site-dir (or site_dir in the configuration)"


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: file contents hashed, folders and symlinks named."""
    state = {".": "folder"}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                state[rel] = f"link to {os.readlink(path)}"
            elif path.is_dir():
                state[rel] = "folder"
            else:
                state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


@pytest.fixture
def project(make_project, tmp_path: Path) -> Path:
    """The shop project with a theme, hand-written docs and a real git history."""
    root = shop_project(make_project, extra={"themes/mine/theme.yaml": "light: {background: '#ffffff'}\n"})
    (root / "maps-link").symlink_to(root / "maps")
    GitProject(root).commit(message="the journeys")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("not a site\n", encoding="utf-8")
    (other / "sub").mkdir()
    (other / "sub" / "data.bin").write_bytes(b"\x00\x01")
    return root


def refusal(root: Path, name: str) -> tuple[Path, str]:
    """The folder named on the command line and the one line the build must print for it."""
    real = root.resolve()
    source = {"maps": "maps", "personas": "personas", "themes": "themes", "docs": "docs", ".git": "git"}
    if name in source:
        folder, reason = root / name, f"is the project's {source[name]} folder {real / name}; {CHOOSE}"
    elif name == "maps-link":
        folder, reason = root / name, f"is a symlink; {CHOOSE}"
    else:
        folder = root.parent / name
        reason = f"holds files and was not built by journeys (no {MARKER} in it); empty it or {CHOOSE}"
    return folder, f"error: site folder {folder} {reason}"


CASES = ["maps", "personas", "themes", "docs", ".git", "maps-link", "other"]


@pytest.mark.parametrize("name", CASES)
def test_a_build_into_a_source_or_foreign_folder_is_refused_and_changes_nothing(cli, project: Path, name: str) -> None:
    folder, message = refusal(project, name)
    before_folder, before_project = tree(folder), tree(project.parent)
    result = cli("build", project, "--site-dir", folder)
    assert result.output == message + "\n"
    assert result.exit_code == 2
    assert tree(folder) == before_folder
    assert tree(project.parent) == before_project  # nothing written anywhere (no staging folder)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True)
    assert status.stdout == ""  # the repository is whole and clean


@pytest.mark.parametrize("name", CASES)
def test_the_library_raises_site_dir_refused_with_exit_code_2(project: Path, name: str) -> None:
    folder, message = refusal(project, name)
    with pytest.raises(SiteDirRefused) as raised:
        build_site(project, site_dir=folder)
    assert f"error: {raised.value}" == message
    assert raised.value.exit_code == 2 and isinstance(raised.value, PublishError)


def test_site_dir_in_the_configuration_naming_a_source_folder_is_refused(cli, project: Path) -> None:
    config = SITE_MKDOCS_YML.format(theme="mkdocs") + "site_dir: personas\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    before = tree(project / "personas")
    result = cli("build", project)
    real = project.resolve()
    assert result.output == (
        f"error: site folder {real / 'personas'} is the project's personas folder {real / 'personas'}; {CHOOSE}\n"
    )
    assert tree(project / "personas") == before


def test_plain_mkdocs_build_into_a_source_folder_is_refused_by_the_plugin(project: Path) -> None:
    before = tree(project / "maps")
    result = mkdocs_build(project, project / "maps")
    assert result.returncode == 1
    assert f"is the project's maps folder {project.resolve() / 'maps'}" in result.stderr
    assert tree(project / "maps") == before


def test_folders_around_the_project_are_refused(project: Path) -> None:
    real = project.resolve()
    for folder, reason in (
        (project, f"is the project folder {real}"),
        (project.parent, f"contains the project folder {real}"),
        (project / "maps" / "site", f"is inside the project's maps folder {real / 'maps'}"),
        (project / "docs" / "site", f"is inside the project's docs folder {real / 'docs'}"),
        (project / ".git" / "site", f"is inside the project's git folder {real / '.git'}"),
    ):
        with pytest.raises(SiteDirRefused, match="^site folder .*$") as raised:
            build_site(project, site_dir=folder)
        assert str(raised.value) == f"site folder {folder} {reason}; {CHOOSE}"


def test_a_folder_containing_a_source_folder_is_refused(make_project, tmp_path: Path) -> None:
    journeys = "  - journeys:\n      maps_dir: site/maps\n"
    config = SITE_MKDOCS_YML.format(theme="mkdocs").replace("  - journeys\n", journeys)
    root = shop_project(make_project, extra={"mkdocs.yml": config, "site/maps/laptop.yaml": "x: 1\n"})
    with pytest.raises(SiteDirRefused) as raised:
        build_site(root, site_dir=root / "site")
    maps = root / "site" / "maps"
    assert str(raised.value) == f"site folder {root / 'site'} contains the project's maps folder {maps}; {CHOOSE}"


def test_a_site_built_by_journeys_or_an_empty_folder_is_replaced(cli, project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("build", project, "--site-dir", empty).exit_code == 0
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    (empty / "stale.html").write_text("old", encoding="utf-8")
    assert cli("build", project, "--site-dir", empty).exit_code == 0
    assert not (empty / "stale.html").exists()
    # A site built by plain `mkdocs build` with the plugin carries the marker too.
    assert mkdocs_build(project, tmp_path / "plain").returncode == 0
    assert (tmp_path / "plain" / MARKER).is_file()
    assert cli("build", project, "--site-dir", tmp_path / "plain").exit_code == 0


def test_a_site_folder_in_folders_yet_to_exist_is_built(cli, project: Path, tmp_path: Path) -> None:
    result = cli("build", project, "--site-dir", tmp_path / "new" / "deep" / "site")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "deep" / "site" / "index.html").is_file()


def test_a_site_folder_that_is_a_file_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(SiteDirRefused) as raised:
        build_site(project, site_dir=tmp_path / "file")
    assert str(raised.value) == f"site folder {tmp_path / 'file'} is a file; {CHOOSE}"


def test_leftovers_of_a_killed_build_are_removed_by_the_next_build(make_project, tmp_path: Path) -> None:
    """A real build, SIGKILLed while its staging folder is full; then a good build."""
    hook = "import os, pathlib, time\n\ndef on_post_build(config):\n" \
           "    if os.environ.get('SLOW_BUILD_READY'):\n" \
           "        pathlib.Path(os.environ['SLOW_BUILD_READY']).write_text('ready')\n        time.sleep(120)\n"
    config = SITE_MKDOCS_YML.format(theme="mkdocs") + "hooks:\n  - hooks/slow.py\n"
    root = shop_project(make_project, extra={"mkdocs.yml": config, "hooks/slow.py": hook})
    before = tree(root)
    ready = tmp_path / "ready"
    env = {**os.environ, "SLOW_BUILD_READY": str(ready), "PYTHONDONTWRITEBYTECODE": "1"}
    build = subprocess.Popen([JOURNEYS, "build", str(root)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not ready.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), build.stderr.read() if build.stderr else ""
    build.kill()
    build.wait()
    leftovers = [name for name in os.listdir(root) if name.startswith(".journeys-staging-site-")]
    assert leftovers == [f".journeys-staging-site-{build.pid}"]
    assert (root / leftovers[0] / "index.html").is_file()  # killed with a whole site staged
    done = subprocess.run([JOURNEYS, "build", str(root)], env={**env, "SLOW_BUILD_READY": ""}, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = tree(root)
    # The site, and the build cache (.cache/journeys/): nothing else new, no leftovers.
    assert {path for path in after if path not in before and path.split(os.sep)[0] not in ("site", ".cache")} == set()
    assert after.get("site") == "folder" and (root / "site" / MARKER).is_file()


def test_leftover_old_folders_of_dead_builds_go_and_those_of_running_builds_stay(cli, project: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    (project / f".journeys-old-site-{dead_pid}" / "maps").mkdir(parents=True)
    (project / f".journeys-staging-site-{dead_pid}").mkdir()
    running = f".journeys-staging-site-{os.getppid()}"  # a live process that is not this one
    (project / running).mkdir()
    unrelated = project / f".journeys-staging-elsewhere-{dead_pid}"
    unrelated.mkdir()
    assert cli("build", project).exit_code == 0
    left = sorted(name for name in os.listdir(project) if name.startswith(".journeys-"))
    assert left == sorted([running, unrelated.name])


def test_staging_and_old_folders_are_git_ignored(project: Path) -> None:
    repo_root = Path(__file__).resolve().parent.parent
    for name in (".journeys-staging-site-123", ".journeys-old-site-123"):
        ignored = subprocess.run(["git", "check-ignore", "-q", f"{name}/"], cwd=repo_root)
        assert ignored.returncode == 0, name


# --- permission errors ---------------------------------------------------------------

#: CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: without them root obeys file modes.
FILE_MODE_OVERRIDES = (1, 2, 3)
PR_CAPBSET_DROP = 24


def _without_file_mode_overrides() -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in FILE_MODE_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_build_unprivileged(root: Path) -> subprocess.CompletedProcess[str]:
    """``journeys build`` by a user bound by file modes (root loses the capabilities that skip them)."""
    drop = _without_file_mode_overrides if os.geteuid() == 0 else None
    return subprocess.run([JOURNEYS, "build", str(root)], capture_output=True, text=True, timeout=300,
                          preexec_fn=drop)  # fmt: skip


@pytest.fixture
def unprivileged_build() -> None:
    if os.geteuid() == 0:
        probe = subprocess.run(["true"], preexec_fn=_without_file_mode_overrides, capture_output=True)
        if probe.returncode != 0:
            pytest.skip("cannot drop root's file-mode capabilities here, so no folder is read-only to it")


@pytest.fixture
def writable_again(tmp_path: Path):
    """Give write permission back so pytest can remove the temporary folders."""
    yield
    for folder, _, _ in os.walk(tmp_path):
        os.chmod(folder, 0o755)


def test_a_read_only_site_folder_is_a_one_line_error(unprivileged_build, writable_again, make_project) -> None:
    root = shop_project(make_project)
    assert run_build_unprivileged(root).returncode == 0
    site = root / "site"
    site.chmod(0o555)
    before = tree(site)
    result = run_build_unprivileged(root)
    assert result.returncode == 1
    assert result.stderr == f"error: cannot replace the site folder {site}: {site} is not writable\n"
    assert tree(site) == before
    # The first build's cache (.cache/journeys/), and nothing left by the failed one.
    assert sorted(os.listdir(root)) == [".cache", "docs", "maps", "mkdocs.yml", "personas", "site"]


def test_a_read_only_project_folder_is_a_one_line_error(unprivileged_build, writable_again, make_project) -> None:
    root = shop_project(make_project)
    root.chmod(0o555)
    result = run_build_unprivileged(root)
    assert result.returncode == 1
    assert result.stderr == f"error: cannot replace the site folder {root / 'site'}: {root} is not writable\n"
    assert sorted(os.listdir(root)) == ["docs", "maps", "mkdocs.yml", "personas"]
