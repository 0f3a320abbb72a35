"""Chinese, Japanese and Korean in PNG and PDF export (issue 13): real text in CJK fonts,
not boxes; the PDF's CJK text selectable, in reportlab's CJK fonts, Latin still in the
embedded Vera; the PNG's CJK glyphs from the system's fonts, with a warning where there
are none; Latin-only exports exactly as before."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from journeys.config import load_settings
from journeys.formats import cjk, png
from journeys.formats.drawing import export_svg
from journeys.loading.project import load_project
from journeys.render.layout import layout_map
from journeys.render.paper import MIN_TEXT_PT
from journeys.render.textstyle import TextStyles
from journeys.render.theme import load_theme
from pdf_helpers import read_pdf

REPO_ROOT = Path(__file__).resolve().parent.parent
JAPANESE_CONFIG = "site_name: Qz\nplugins:\n  - journeys:\n      language: ja\n"
ENGLISH_CONFIG = "site_name: Qz\nplugins:\n  - journeys\n"


def japanese_map(first_step: str = "機種を比べる", second_step: str = "Pays by card") -> str:
    return f"""\
        title: ノートパソコンを買う
        persona: sam
        stages:
          - name: 比較
            steps:
              - name: {first_step}
                emotion: 1
                feeling: 期待
                pain_points: [送料が分からない]
          - name: Purchase
            steps:
              - name: {second_step}
                actions: Types the card
                emotion: -2
        """


def project_of(root: Path):
    settings, issues = load_settings(root)
    assert issues == []
    return settings, load_project(settings).project


def export(cli, root: Path, out: Path, *args: str) -> list[Path]:
    result = cli("export", *args, root, "--out", out)
    assert result.exit_code == 0, result.output
    return sorted(out.iterdir())


def fonts_of_text(path: Path) -> list[tuple[str, str]]:
    """(text, the PDF font's BaseFont) of every piece of text on every page."""
    pieces: list[tuple[str, str]] = []
    for page in PdfReader(path).pages:

        def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
            if text.strip() and font is not None:
                pieces.append((text.strip(), str(font["/BaseFont"])))

        page.extract_text(visitor_text=visit)
    return pieces


# -- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("config", [JAPANESE_CONFIG, ENGLISH_CONFIG], ids=["language-ja", "japanese-names"])
def test_pdf_draws_japanese_as_text_in_a_cjk_font_and_latin_in_vera(cli, make_project, tmp_path, config) -> None:
    root = make_project({"mkdocs.yml": config, "maps/a.yaml": japanese_map()})
    [path] = export(cli, root, tmp_path / "out", "pdf")
    pages = read_pdf(path)
    text = " ".join(page.text for page in pages)
    for japanese in ("ノートパソコンを買う", "比較", "機種を比べる", "期待", "送料が分からない"):
        assert japanese in text, japanese
    if config == JAPANESE_CONFIG:
        assert "ステップ" in text and "感情" in text and "ペインポイント" in text
    assert min(size for page in pages for _, size in page.sizes) >= MIN_TEXT_PT - 0.01
    fonts = dict(fonts_of_text(path))
    assert fonts["ノートパソコンを買う"] == "/HeiseiKakuGo-W5"
    assert fonts["送料が分からない"] == "/HeiseiKakuGo-W5"
    assert fonts["Types the card"].endswith("+BitstreamVeraSans-Roman")
    assert fonts["Purchase"].endswith("+BitstreamVeraSans-Bold")
    cid = [font for font in PdfReader(path).pages[0]["/Resources"]["/Font"].values()
           if font.get_object()["/BaseFont"] == "/HeiseiKakuGo-W5"]  # fmt: skip
    assert [font.get_object()["/Subtype"] for font in cid] == ["/Type0"], "a CID font, needing no font file"


def test_the_contents_page_of_a_japanese_pack_is_japanese_text(cli, make_project, tmp_path) -> None:
    root = make_project({"mkdocs.yml": JAPANESE_CONFIG, "maps/a.yaml": japanese_map()})
    [path] = export(cli, root, tmp_path / "out", "pdf", "--combined")
    assert read_pdf(path)[0].text.strip() == "カスタマージャーニーマップ ノートパソコンを買う 2ページ"


@pytest.mark.parametrize(
    ("text", "language", "font"),
    [
        ("ノートを買う", "en", cjk.JAPANESE),  # kana: Japanese
        ("노트북 구매 ノート", "ja", cjk.KOREAN),  # Hangul: Korean, whose fonts have kana too
        ("購入", "en", cjk.JAPANESE),  # Chinese characters the Japanese font has: the sans-serif one
        ("优化购买", "en", cjk.CHINESE),  # simplified ones it has not: Chinese
        ("优化购买", "ja", cjk.JAPANESE),  # unless the labels are Japanese
        ("Café – «prix» ½", "ja", None),  # all in Vera
    ],
)
def test_the_cjk_font_follows_the_script_then_the_language(text: str, language: str, font: str | None) -> None:
    assert cjk.cid_font(text, cjk.han_font(text, language)) == font


def test_japanese_in_the_pdfs_fonts_fits_the_boxes_it_was_measured_for(make_project) -> None:
    """The layout's width estimates hold for the CJK font: every line of every text drawn
    in it is no wider, in its real metrics, than the width the layout gave it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    long_step = "Wi-Fi ルーターのランプを確認してから、サポートに電話する（30分待ち）"
    root = make_project({"mkdocs.yml": JAPANESE_CONFIG, "maps/a.yaml": japanese_map(long_step, "返品 iPhone ケース")})
    settings, project = project_of(root)
    cjk.font_map()  # registers the CJK fonts with reportlab
    theme = load_theme(settings)
    styles = TextStyles(theme)
    layout = layout_map(project.maps[0], project, settings, theme)
    checked = 0
    for block in layout.texts:
        for line in block.lines:
            font = cjk.cid_font(line, cjk.JAPANESE)
            if font is not None:
                assert stringWidth(line, font, styles.sizes[block.style]) <= block.width + 0.01, (block.style, line)
                checked += 1
    assert checked > 10


# -- PNG --------------------------------------------------------------------------------------


def png_pixels(make_project, tmp_path: Path, step: str) -> bytes:
    root = make_project({"mkdocs.yml": ENGLISH_CONFIG, "maps/a.yaml": japanese_map(second_step=step)})
    settings, project = project_of(root)
    with Image.open(io.BytesIO(png.map_png(project.maps[0], project, settings, scale=1))) as image:
        return image.convert("RGBA").tobytes()


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine whose system has no fonts: resvg finds only the shipped Vera."""
    import resvg_py

    real = resvg_py.svg_to_bytes
    monkeypatch.setattr(resvg_py, "svg_to_bytes", lambda **options: real(**{**options, "skip_system_fonts": True}))
    png._probe.cache_clear()
    yield
    png._probe.cache_clear()


def test_png_draws_japanese_glyphs_not_boxes(make_project, tmp_path) -> None:
    """Two maps that differ only in which Japanese characters a step name has: boxes would
    make them the same picture, real glyphs do not."""
    if png.undrawn_systems("購入配送"):
        if os.environ.get("CI"):
            pytest.fail("CI installs fonts-noto-cjk (.ci/run), yet resvg found no CJK font")
        pytest.skip("no font on this machine has Chinese characters (install fonts-noto-cjk)")
    assert png_pixels(make_project, tmp_path, "購入する") != png_pixels(make_project, tmp_path, "配送する")


def test_without_cjk_fonts_the_same_maps_are_the_same_boxes(make_project, tmp_path, no_system_fonts) -> None:
    """What the test above tells apart: with no font for them, both are drawn as boxes."""
    assert png_pixels(make_project, tmp_path, "購入する") == png_pixels(make_project, tmp_path, "配送する")


def test_png_warns_naming_the_writing_systems_no_font_draws(cli, make_project, tmp_path, no_system_fonts) -> None:
    root = make_project({"mkdocs.yml": ENGLISH_CONFIG, "maps/a.yaml": japanese_map(second_step="Пишет отзыв")})
    result = cli("export", "png", root, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "warning: a.png: no font on this machine has its Japanese kana (ノートパソ…), Chinese characters "
        "(買比較機種…) and Cyrillic (Пишет…), drawn as boxes: install a font that has them "
        "(Debian, Ubuntu: apt install fonts-noto-cjk)",
        f"wrote {tmp_path / 'out' / 'a.png'}",
    ]


# -- Latin only: as before ---------------------------------------------------------------------


def test_latin_only_exports_use_vera_alone_with_no_font_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    import resvg_py

    settings, _ = load_settings(REPO_ROOT)
    project = load_project(settings).project
    calls: list[bool] = []
    real = resvg_py.svg_to_bytes

    def record(**options: object) -> bytes:
        calls.append(bool(options["skip_system_fonts"]))
        return real(**options)

    monkeypatch.setattr(resvg_py, "svg_to_bytes", record)
    for journey in project.maps:
        svg = export_svg(journey, project, settings)
        assert cjk.with_cjk_fonts(svg, "ja") == svg, "the PDF's SVG is not touched"
        png.map_png(journey, project, settings, scale=0.1)
    assert calls == [True] * len(project.maps), "resvg was not asked to scan the system's fonts"


def test_a_latin_only_pdf_has_no_cjk_font(cli, tmp_path) -> None:
    [path] = export(cli, REPO_ROOT, tmp_path / "out", "pdf", "--map", "broadband-outage")
    fonts = {font for _, font in fonts_of_text(path)}
    assert fonts and all(font.startswith("/AAAAAA+BitstreamVeraSans-") for font in fonts), fonts
