"""``journeys render``: validation first, exit codes, --map, --compare, output files."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from render_helpers import FIXTURE_PROJECT

MAP = "title: T\npersonas: [sam]\nstages:\n  - name: S\n    steps:\n      - {name: A, emotion: 1}\n"


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    return root


def test_render_writes_one_svg_per_map(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("render", FIXTURE_PROJECT, "--out", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["checkout-future.svg", "checkout.svg", "stress.svg", "term-laptop.svg"]
    for path in out.iterdir():
        ET.parse(path)
    assert 'class="compare-line' not in (out / "checkout-future.svg").read_text(encoding="utf-8")


def test_render_one_map(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("render", FIXTURE_PROJECT, "--map", "stress", "--out", out)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["stress.svg"]


def test_unknown_map_is_a_usage_error_with_a_hint(cli, tmp_path: Path) -> None:
    result = cli("render", FIXTURE_PROJECT, "--map", "chekout", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown map 'chekout'" in result.output and "did you mean 'checkout'?" in result.output
    assert not (tmp_path / "out").exists()


def test_compare_draws_future_maps_over_their_current_map(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("render", FIXTURE_PROJECT, "--compare", "--out", out)
    assert result.exit_code == 0, result.output
    assert 'class="compare-line' in (out / "checkout-future.svg").read_text(encoding="utf-8")
    assert 'class="compare-line' not in (out / "checkout.svg").read_text(encoding="utf-8")


def test_content_errors_are_printed_exit_1_and_valid_maps_still_drawn(cli, make_project, tmp_path: Path) -> None:
    root = make_project({"maps/good.yaml": MAP, "maps/bad.yaml": MAP.replace("emotion: 1", "emotion: 9")})
    out = tmp_path / "out"
    result = cli("render", root, "--out", out)
    assert result.exit_code == 1
    assert "maps/bad.yaml:6:" in result.output and "error" in result.output
    assert [p.name for p in out.iterdir()] == ["good.svg"]


def test_asking_for_an_invalid_map_is_a_content_error_not_a_typo(cli, make_project, tmp_path: Path) -> None:
    root = make_project({"maps/bad.yaml": MAP.replace("emotion: 1", "emotion: 9")})
    result = cli("render", root, "--map", "bad", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "did you mean" not in result.output


def test_a_bad_theme_is_a_content_error(cli, make_project, tmp_path: Path) -> None:
    root = make_project({
        "mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: bad\n",
        "themes/bad/theme.yaml": "light:\n  text: nope\n",
        "maps/m.yaml": MAP,
    })
    result = cli("render", root, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "light.text must be a colour" in result.output
    assert "Traceback" not in result.output


def test_out_is_required(cli) -> None:
    result = cli("render", FIXTURE_PROJECT)
    assert result.exit_code == 2 and "--out" in result.output
