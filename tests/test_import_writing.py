"""What every importer shares: imported data written as new files that validate, laid out
as `journeys fmt` writes them, with a comment naming the source, never over a file, and
all or nothing. The formats themselves are tested in their own modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.config import load_settings
from journeys.formats import ImportContext, ImportedFile, InputFile, read_input
from journeys.formats.writing import write_imported
from journeys.formatting import format_source
from journeys.loading.sources import Source
from journeys.scaffold import AlreadyExists, InvalidRequest

JOURNEY = {
    "title": "Signing up",
    "personas": ["sam", "new-person"],
    "stages": [{"name": "Discover", "steps": [{"name": "Sees an advert", "emotion": 1}]}],
}
PERSONA = {"name": "New Person"}


def files(map_id: str = "signing-up") -> list[ImportedFile]:
    return [
        ImportedFile("map", map_id, JOURNEY, "journey.md, line 3"),
        ImportedFile("persona", "new-person", PERSONA, "journey.md, line 3"),
    ]


@pytest.fixture
def settings(make_project):
    settings, issues = load_settings(make_project())
    assert issues == []
    return settings


def test_imported_files_are_written_formatted_with_their_origin(settings) -> None:
    written, issues = write_imported(settings, files(), "mermaid")
    assert (written, issues) == (("maps/signing-up.yaml", "personas/new-person.yaml"), ())
    text = (settings.root / "maps/signing-up.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported by 'journeys import mermaid' from journey.md, line 3.\ntitle: Signing up\n")
    source = Source("map", "signing-up", "maps/signing-up.yaml", text.encode("utf-8"))
    assert format_source(source) == text.encode("utf-8")  # what journeys fmt writes


def test_a_taken_name_writes_nothing_and_id_renames(settings) -> None:
    (settings.root / "maps/signing-up.md").write_text("---\ntitle: Mine\n---\n", encoding="utf-8")
    with pytest.raises(AlreadyExists) as refused:
        write_imported(settings, files(), "mermaid")
    assert refused.value.paths == ("maps/signing-up.md",)
    assert not (settings.root / "personas/new-person.yaml").exists()
    written, _ = write_imported(settings, files(), "mermaid", map_id="signing-up-2")
    assert written == ("maps/signing-up-2.yaml", "personas/new-person.yaml")
    assert (settings.root / "maps/signing-up.md").read_text(encoding="utf-8") == "---\ntitle: Mine\n---\n"


def test_id_needs_exactly_one_map_and_a_valid_id(settings) -> None:
    with pytest.raises(InvalidRequest, match="--id names one map, but the import holds 2"):
        write_imported(settings, [*files(), ImportedFile("map", "other", JOURNEY, "x")], "mermaid", map_id="a")
    with pytest.raises(InvalidRequest, match="Bad Id"):
        write_imported(settings, files(), "mermaid", map_id="Bad Id")


def test_two_maps_of_one_name_are_refused(settings) -> None:
    with pytest.raises(InvalidRequest, match="two imported maps would both be maps/signing-up.yaml"):
        write_imported(settings, [*files(), *files()], "mermaid")


def test_a_file_with_errors_writes_nothing_at_all(settings) -> None:
    broken = ImportedFile("map", "broken", {**JOURNEY, "personas": ["nobody"]}, "x.csv, row 2")
    written, issues = write_imported(settings, [*files(), broken], "csv")
    assert written == ()
    assert [str(issue) for issue in issues if issue.severity == "error"] == [
        "maps/broken.yaml:3:12: error: unknown persona 'nobody'",
    ]
    assert sorted(p.name for p in (settings.root / "maps").iterdir()) == []


def test_a_persona_introduced_twice_is_written_once(settings) -> None:
    written, _ = write_imported(settings, [*files("a"), *files("b")], "mermaid")
    assert written == ("maps/a.yaml", "personas/new-person.yaml", "maps/b.yaml")


def test_existing_personas_are_found_by_id_or_name(settings) -> None:
    context = ImportContext(settings, {"sam": "Sam Okafor"})
    assert [context.existing_persona(name) for name in ("SAM", " sam okafor ", "Sam", "Pat")] == [
        "sam", "sam", "sam", None,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"x" * 10_000_001, "in.txt:1:1: error: file is 10,000,001 bytes, more than journeys imports (10,000,000); "
         "is it the right file?"),
        (b"journey\ntitle a\n\x00\x01", "in.txt:3:1: error: is a binary file, not text; nothing imported"),
        (b"journey\n  title caf\xe9\n", "in.txt:2:12: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
    ],
)  # fmt: skip
def test_unreadable_inputs_are_one_located_error(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert str(read_input(path, "in.txt")) == expected


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    """What Excel saves as "Unicode text" (and PowerShell's default output) is UTF-16 with a BOM."""
    path = tmp_path / "in.txt"
    data = "map\tstep\r\nwork\tcafé ☕\r\n".encode(encoding)
    path.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    source = read_input(path, "in.txt")
    assert isinstance(source, InputFile)
    assert source.text == "map\tstep\r\nwork\tcafé ☕\r\n"


def test_broken_utf16_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"\xff\xfea\x00\x00\xd8")  # a lone surrogate
    assert str(read_input(path, "in.txt")) == "in.txt:1:1: error: starts as UTF-16 but is not; save it as UTF-8"
