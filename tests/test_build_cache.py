"""The build cache (.cache/journeys/): real builds of a small project, each checking that
a changed input changes the page (never a stale page) and that the cache is used."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from markupsafe import Markup

import journeys
import journeys.site.cache as cache_module
import journeys.site.generate as generate_module
from journeys.entries import entry_bytes, entry_value
from journeys.site.templates import PACKAGE_THEMES
from site_checks import shop_project

if TYPE_CHECKING:
    from collections.abc import Callable

    from click.testing import Result

#: Without the PNG and PDF downloads, which cost seconds per build (test_print.py checks
#: that the cache keeps them and makes them again for a changed map).
CONFIG = "site_name: Cache test\ntheme:\n  name: mkdocs\nplugins:\n  - journeys:\n      downloads: []{options}\n"
#: The default map page, which a project theme's copy then changes.
THEME_TEMPLATE = (PACKAGE_THEMES / "default" / "templates" / "map.html").read_text(encoding="utf-8")


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    """The shop project (two maps, one drawn over the other; personas sam and pat),
    without the search plugin (not what is tested here, and the slowest part)."""
    return shop_project(make_project, extra={"mkdocs.yml": CONFIG.format(options="")})


def build(cli: Callable[..., Result], root: Path, *options: str) -> None:
    result = cli("build", root, *options)
    assert result.exit_code == 0, result.output


def page(root: Path, map_id: str = "laptop") -> str:
    return (root / "site" / "maps" / map_id / "index.html").read_text(encoding="utf-8")


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "journeys").glob("*.entry"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_second_build_renders_nothing_and_writes_the_same_site(project: Path, cli, renders: list[str]) -> None:
    build(cli, project)
    first = page(project)
    assert sorted(renders) == ["laptop", "laptop-future"]
    # Two maps and two personas (sam, pat): one entry each.
    assert len(entries(project)) == 4
    renders.clear()
    build(cli, project)
    assert renders == []
    assert page(project) == first
    assert (project / "site" / "maps" / "laptop.svg").read_text(encoding="utf-8").startswith(("<?xml", "<svg"))


def test_a_changed_map_renders_that_map_and_the_map_drawn_over_it(project: Path, cli, renders: list[str]) -> None:
    build(cli, project)
    edit(project / "maps" / "laptop.yaml", "Buying a laptop online", "Buying a notebook online")
    renders.clear()
    build(cli, project)
    assert "Buying a notebook online" in page(project)
    # The future map links to (and draws) the current one: it changes too.
    assert "Buying a notebook online" in page(project, "laptop-future")
    assert sorted(renders) == ["laptop", "laptop-future"]
    assert len(entries(project)) == 4  # the old entries were pruned


def test_a_changed_persona_changes_the_map_pages_that_show_it(project: Path, cli, renders: list[str]) -> None:
    build(cli, project)
    assert "Pat Lee" in page(project)
    edit(project / "personas" / "pat.md", "name: Pat Lee", "name: Patricia Lee")
    renders.clear()
    build(cli, project)
    assert "Patricia Lee" in page(project)
    assert renders == ["laptop"]  # the future map does not show pat


def test_a_changed_theme_file_changes_the_pages(project: Path, cli) -> None:
    (project / "mkdocs.yml").write_text(CONFIG.format(options="\n      theme: custom"), encoding="utf-8")
    template = project / "themes" / "custom" / "templates" / "map.html"
    template.parent.mkdir(parents=True)
    template.write_text(THEME_TEMPLATE, encoding="utf-8")
    build(cli, project)
    assert "Theme note" not in page(project)
    template.write_text(THEME_TEMPLATE.replace("\n", "\nTheme note\n", 1), encoding="utf-8")
    # The same size and modification time: the key is the content, not a file stamp.
    os.utime(template, ns=(0, 0))
    build(cli, project)
    assert "Theme note" in page(project)
    theme_yaml = project / "themes" / "custom" / "theme.yaml"
    theme_yaml.write_text('light:\n  channel: "#123456"\n', encoding="utf-8")
    build(cli, project)
    assert "#123456" in page(project)  # the diagram's colours


def diagram(root: Path) -> str:
    return page(root).split("<figure", 1)[1].split("</figure>")[0]


def test_a_changed_config_option_changes_the_pages(project: Path, cli) -> None:
    build(cli, project)
    assert ">Pain points<" in diagram(project)
    (project / "mkdocs.yml").write_text(CONFIG.format(options="\n      lanes: [steps, emotions]"), encoding="utf-8")
    build(cli, project)
    assert ">Pain points<" not in diagram(project)


def test_a_changed_emotion_scale_label_changes_the_pages(project: Path, cli) -> None:
    build(cli, project)
    options = "\n      emotion_scale:\n        labels: {-2: Furious}"
    (project / "mkdocs.yml").write_text(CONFIG.format(options=options), encoding="utf-8")
    build(cli, project)
    assert "Furious" in page(project)


def test_a_new_journeys_version_renders_again(
    project: Path, cli, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(cli, project)
    # A release that draws differently: the same inputs must not get the old page.
    real = generate_module.map_page

    def new_release_page(*args):  # type: ignore[no-untyped-def]
        made = real(*args)
        return dataclasses.replace(made, html=made.html + "<p>New release</p>")

    monkeypatch.setattr(generate_module, "map_page", new_release_page)
    build(cli, project)
    assert "New release" not in page(project)  # same version: the cache is what served it
    monkeypatch.setattr(journeys, "__version__", journeys.__version__ + ".post1")
    renders.clear()
    build(cli, project)
    assert "New release" in page(project)
    assert sorted(renders) == ["laptop", "laptop-future"]


def test_a_corrupt_or_truncated_entry_is_a_miss(project: Path, cli, renders: list[str]) -> None:
    build(cli, project)
    first = page(project)
    damaged = entries(project)
    assert len(damaged) == 4
    # Under the right name and key but not an entry of the right shape: a value of the
    # wrong kind, a raw part that is not there; and a real entry cut short.
    wrong_values = ["[1]", '{"~c": "GeneratedPage", "f": {"src_uri": 1}}', '{"~t": [{"~s": 1}]}']
    for entry, value in zip(damaged, wrong_values, strict=False):
        entry.write_text(f'{{"key": "{entry.stem}", "raw": [3]}}\n{value}\nabc', encoding="utf-8")
    damaged[3].write_bytes(damaged[3].read_bytes()[:-10])
    renders.clear()
    build(cli, project)
    assert page(project) == first
    assert sorted(renders) == ["laptop", "laptop-future"]
    renders.clear()
    build(cli, project)  # rewritten whole
    assert renders == []


def test_no_cache_writes_no_cache(project: Path, cli, renders: list[str]) -> None:
    build(cli, project, "--no-cache")
    assert not (project / ".cache").exists()
    build(cli, project)
    renders.clear()
    build(cli, project, "--no-cache")
    assert sorted(renders) == ["laptop", "laptop-future"]  # neither read


def test_cache_false_in_the_config_writes_no_cache(project: Path, cli) -> None:
    (project / "mkdocs.yml").write_text(CONFIG.format(options="\n      cache: false"), encoding="utf-8")
    build(cli, project)
    assert (project / "site" / "maps" / "laptop" / "index.html").is_file()
    assert not (project / ".cache").exists()


@pytest.mark.parametrize("link", [".cache", ".cache/journeys"])
def test_a_cache_folder_that_is_a_symlink_is_not_followed(project: Path, cli, tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / ".cache").mkdir(exist_ok=True)
    (project / link).rmdir() if (project / link).is_dir() else None
    (project / link).symlink_to(outside, target_is_directory=True)
    build(cli, project)
    assert "Buying a laptop online" in page(project)
    assert list(outside.iterdir()) == []


def test_an_entry_that_is_a_symlink_is_not_read_and_only_the_link_is_pruned(
    project: Path, cli, tmp_path: Path, renders: list[str]
) -> None:
    build(cli, project)
    outside = tmp_path / "outside.json"
    for entry in entries(project):
        outside.write_bytes(entry.read_bytes())
        entry.unlink()
        entry.symlink_to(outside)
    renders.clear()
    build(cli, project)
    assert sorted(renders) == ["laptop", "laptop-future"]
    assert outside.is_file()  # replaced links; the file they led to is untouched
    assert not any(entry.is_symlink() for entry in entries(project))


def test_a_build_parses_each_file_and_reads_the_config_once(
    project: Path, cli, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``journeys build`` validates, then the plugin builds from that same result."""
    import journeys.config as config_module
    import journeys.loading.project as project_module

    parsed: list[str] = []
    real_load = project_module.load_source
    monkeypatch.setattr(project_module, "load_source", lambda s, *a: parsed.append(s.path) or real_load(s, *a))
    read: list[object] = []
    real_read = config_module.read_journeys_options
    monkeypatch.setattr(config_module, "read_journeys_options", lambda *a: read.append(a) or real_read(*a))
    build(cli, project, "--no-cache")
    assert sorted(parsed) == ["maps/laptop-future.md", "maps/laptop.yaml", "personas/pat.md", "personas/sam.md"]
    assert len(read) == 1
    assert sorted(renders) == ["laptop", "laptop-future"]


def test_changed_journeys_code_at_the_same_version_renders_again(tmp_path: Path) -> None:
    """An editable install edited, or a fix reinstalled without a new version: the key
    holds a digest of the package's files, so the old code's pages are not served."""
    from journeys.entries import package_digest

    package = tmp_path / "journeys"
    (package / "render").mkdir(parents=True)
    (package / "render" / "svg.py").write_text("COLOUR = 'red'\n", encoding="utf-8")
    (package / "render" / "svg.cpython-311.pyc").write_bytes(b"compiled")
    before = package_digest(package)
    (package / "render" / "svg.cpython-311.pyc").write_bytes(b"compiled again")
    assert package_digest.__wrapped__(package) == before  # bytecode is not code that changed
    (package / "render" / "svg.py").write_text("COLOUR = 'blue'\n", encoding="utf-8")
    assert package_digest.__wrapped__(package) != before


@pytest.mark.parametrize(
    "body", ['{"~s": 1}', '{"~s": -1}', '{"~s": 0.0}', '{"~s": true}', '{"~b": "0"}', '{"~m": {"~s": 2}}']
)
def test_an_entry_naming_a_raw_part_it_does_not_have_is_refused(body: str) -> None:
    data = f'{{"key": "k", "raw": [3]}}\n{body}\nabc'.encode()
    with pytest.raises((TypeError, IndexError)):
        entry_value(data, "k", cache_module._CLASSES)


@pytest.mark.parametrize("raw", ["[4]", "[2]", "[-1, 4]", "[3.0]", "[3, 0, 1]"])
def test_an_entry_whose_raw_parts_do_not_add_up_is_refused(raw: str) -> None:
    data = f'{{"key": "k", "raw": {raw}}}\n{{"~s": 0}}\nabc'.encode()
    with pytest.raises((TypeError, ValueError)):
        entry_value(data, "k", cache_module._CLASSES)


def test_long_texts_and_files_are_kept_raw_after_the_json() -> None:
    page = "<p>" + "caf\u00e9 \"quoted\"\n" * 100 + "</p>"
    value = {"page": page, "short": "tiny", "file": b"\x89PNG\r\n", "rows": (Markup(page), Markup("<b>x</b>"))}
    data = entry_bytes("k", value, cache_module._CLASSES)
    head, body, rest = data.split(b"\n", 2)
    assert page.encode() in rest and b"\x89PNG" in rest and b"caf" not in body  # not escaped into JSON
    assert entry_value(data, "k", cache_module._CLASSES) == value
    assert entry_value(data, "another key", cache_module._CLASSES) is None
