"""Diagram themes: the default shipped in the package, overridable per project.

A theme is a data file (``theme.yaml``), never code: colours, fonts, spacing and the
per-persona marker shapes and dashes. ``themes/<name>/theme.yaml`` in a project is
merged over the packaged default, key by key, so it only lists what it changes.
Every value is checked here because colours and the font family end up inside the
SVG's ``<style>``: nothing but a colour or a plain font list may get there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeys.config import Settings

DEFAULT_THEME_DIR = Path(__file__).resolve().parent.parent / "themes" / "default"
THEME_FILE = "theme.yaml"
MARKER_SHAPES = ("circle", "square", "diamond", "triangle", "triangle_down", "cross")

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_FONT_FAMILY = re.compile(r"[A-Za-z0-9 ,'\-]+\Z")
_DASH = re.compile(r"(?:\d+(?:\.\d+)? ?)*\Z")


class ThemeError(Exception):
    """A theme file is unreadable or holds a value the diagram cannot use."""


@dataclass(frozen=True)
class Font:
    family: str
    title_size: float
    stage_size: float
    label_size: float
    body_size: float
    small_size: float
    line_height: float


@dataclass(frozen=True)
class Spacing:
    margin: float
    label_width: float
    label_width_max: float
    column_width: float
    column_width_max: float
    column_gap: float
    cell_padding: float
    lane_gap: float
    emotion_step_height: float
    marker_size: float
    line_width: float


@dataclass(frozen=True)
class Theme:
    font: Font
    spacing: Spacing
    #: Colour name -> ``#rrggbb``, for the light and the dark variant (same keys).
    light: tuple[tuple[str, str], ...]
    dark: tuple[tuple[str, str], ...]
    persona_markers: tuple[str, ...]
    persona_dashes: tuple[str, ...]

    def colours(self, variant: str) -> dict[str, str]:
        return dict(self.light if variant == "light" else self.dark)

    def numbered(self, prefix: str) -> int:
        """How many ``prefix_1``, ``prefix_2``, ... colours the theme defines."""
        names = dict(self.light)
        count = 0
        while f"{prefix}_{count + 1}" in names:
            count += 1
        return count


def load_theme(settings: Settings) -> Theme:
    """The theme named in the settings, merged over the packaged default."""
    override = None
    if settings.theme != "default":
        override = settings.root / "themes" / settings.theme / THEME_FILE
        if not override.is_file():
            override = None  # a site-only theme (templates, CSS) keeps the default diagram look
    elif (settings.root / "themes" / "default" / THEME_FILE).is_file():
        override = settings.root / "themes" / "default" / THEME_FILE
    key = (str(override), override.stat().st_mtime_ns) if override else None
    return _cached_theme(key)


@lru_cache(maxsize=16)
def _cached_theme(override: tuple[str, int] | None) -> Theme:
    data = _read(DEFAULT_THEME_DIR / THEME_FILE)
    if override is not None:
        data = _merge(data, _read(Path(override[0])), override[0])
    return _build(data)


def _read(path: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError, ValueError, TypeError) as error:
        raise ThemeError(f"{path}: error: cannot read theme: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: error: a theme file must be a mapping")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any], path: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ThemeError(f"{path}: error: unknown theme key '{key}' (known: {', '.join(sorted(base))})")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ThemeError(f"{path}: error: theme key '{key}' must be a mapping")
            merged[key] = _merge(base[key], value, path)
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any]) -> Theme:
    font = data.get("font", {})
    family = str(font.get("family", ""))
    if not _FONT_FAMILY.match(family):
        raise ThemeError(f"theme: error: font.family may hold only letters, digits, spaces, commas, quotes and hyphens: {family!r}")
    light, dark = _colours(data, "light"), _colours(data, "dark")
    if [name for name, _ in light] != [name for name, _ in dark]:
        raise ThemeError("theme: error: 'light' and 'dark' must define the same colours")
    markers = tuple(str(m) for m in data.get("persona_markers", ()))
    dashes = tuple(str(d) for d in data.get("persona_dashes", ()))
    if not markers or any(m not in MARKER_SHAPES for m in markers):
        raise ThemeError(f"theme: error: persona_markers must be a list of {', '.join(MARKER_SHAPES)}")
    if len(dashes) != len(markers) or any(not _DASH.match(d) for d in dashes):
        raise ThemeError("theme: error: persona_dashes must list one dash pattern like '7 4' ('' is solid) per marker shape")
    return Theme(
        font=Font(family=family, **_numbers(font, Font, exclude={"family"})),
        spacing=Spacing(**_numbers(data.get("spacing", {}), Spacing)),
        light=light,
        dark=dark,
        persona_markers=markers,
        persona_dashes=dashes,
    )


def _numbers(section: dict[str, Any], cls: type, exclude: set[str] = frozenset()) -> dict[str, float]:
    values = {}
    for name in cls.__dataclass_fields__:
        if name in exclude:
            continue
        value = section.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ThemeError(f"theme: error: {cls.__name__.lower()}.{name} must be a positive number, not {value!r}")
        values[name] = float(value)
    return values


def _colours(data: dict[str, Any], variant: str) -> tuple[tuple[str, str], ...]:
    section = data.get(variant)
    if not isinstance(section, dict):
        raise ThemeError(f"theme: error: '{variant}' must be a mapping of colour names to #rrggbb")
    colours = []
    for name, value in section.items():
        if not re.fullmatch(r"[a-z0-9_]+", str(name)) or not _COLOUR.match(str(value)):
            raise ThemeError(f"theme: error: {variant}.{name} must be a colour like #1f2328, not {value!r}")
        colours.append((str(name), _long_hex(str(value))))
    return tuple(colours)


def _long_hex(colour: str) -> str:
    colour = colour.lower()
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour
