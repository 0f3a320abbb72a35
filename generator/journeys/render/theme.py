"""Diagram themes: the default shipped in the package, overridable per project.

A theme is a data file (``theme.yaml``), never code: colours, fonts, spacing and the
per-persona marker shapes and dashes. ``themes/<name>/theme.yaml`` in a project is
merged over the packaged default, key by key, so it only lists what it changes.
Every value is checked here because colours and the font family end up inside the
SVG's ``<style>``: nothing but a colour or a plain font list may get there, and sizes
are finite and bounded (a ``1e300`` column would make a useless diagram).

A theme is a folder *name*: :func:`project_theme_folder` is the one place that turns it
into a folder, and nothing it leads to outside the project is ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeys.config import folder_name_problem, shown_name
from journeys.issues import Issue, Location, did_you_mean
from journeys.loading.files import confined_target, is_inside, read_capped
from journeys.loading.mkdocs_yml import CONFIG_LOCATION, SETTINGS_LIMITS, parse_settings_yaml, plain
from journeys.loading.yamltree import YamlProblem
from journeys.validation.fields import kind_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from journeys.config import Settings
    from journeys.loading.yamltree import Entry, Node

DEFAULT_THEME_DIR = Path(__file__).resolve().parent.parent / "themes" / "default"
THEMES_DIR = "themes"
THEME_FILE = "theme.yaml"
TEMPLATES_DIR = "templates"
MARKER_SHAPES = ("circle", "square", "diamond", "triangle", "triangle_down", "cross")

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_FONT_FAMILY = re.compile(r"[A-Za-z0-9 ,'\-]+\Z")
#: Dash and gap lengths in pixels, each under 1,000.
_DASH = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})?(?: |\Z))*\Z")
#: The largest size a theme may set, by name or else by section: font sizes and spacing
#: in pixels, the line height as a multiple of the font size.
_MAXIMUM = {"line_height": 10, "font": 200, "spacing": 2_000}
#: Sizes with a smallest useful value, in pixels: an emotion plot lower than this leaves
#: no room between whole scores for the side-by-side markers and their feeling labels.
_MINIMUM = {"emotion_lane_height": 80}


class ThemeError(Exception):
    """A theme is outside the project, unreadable, or holds a value the diagram cannot use."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


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
    emotion_lane_height: float  # top to bottom score line of the emotion plot
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


# -- where a theme's files are -------------------------------------------------------------


def theme_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a theme (a path, not a folder name), or None."""
    if name in ("", ".", "..") or "/" in name or "\\" in name or ":" in name:
        return f"{shown_name(name)} is not a theme name; name a folder in {THEMES_DIR}/ (or 'default')"
    return folder_name_problem(name)


def project_theme_folder(root: Path, name: str, at: Location = CONFIG_LOCATION) -> Path | None:
    """The project's ``themes/<name>`` folder; None for the packaged default theme.

    Raises :class:`ThemeError` (located at ``at``, where mkdocs.yml names the theme) for a
    name that is a path, a folder that does not exist, or one that leads outside the
    project through a symlink. Theme loading, the page templates, the site's change
    detection and ``serve``'s watch list all go through here.
    """

    def problem(message: str) -> ThemeError:
        return ThemeError(Issue(at, "error", "theme", message))

    wrong_name = theme_name_problem(name)
    if wrong_name is not None:
        raise problem(wrong_name)
    folder = root / THEMES_DIR / name
    try:
        if not folder.exists() and not folder.is_symlink():
            if name == "default":
                return None
            known = [path.name for path in (root / THEMES_DIR).glob("*") if path.is_dir()]
            raise problem(f"theme '{name}': there is no folder {THEMES_DIR}/{name}{did_you_mean(name, known)}")
        if not is_inside(folder, root):
            raise problem(f"theme '{name}': {THEMES_DIR}/{name} leads outside the project; not read")
        if not folder.is_dir():
            raise problem(f"theme '{name}': {THEMES_DIR}/{name} is not a folder")
    except OSError as error:  # say, a themes/ folder journeys may not read
        raise problem(f"theme '{name}': cannot read {THEMES_DIR}/{name}: {error.strerror}") from None
    except RuntimeError:  # a symlink loop (Python before 3.13)
        raise problem(f"theme '{name}': {THEMES_DIR}/{name} is a symlink loop; not read") from None
    return folder


def usable_theme_folder(root: Path, name: str) -> Path | None:
    """:func:`project_theme_folder`, or None where its problem is reported elsewhere (validation)."""
    try:
        return project_theme_folder(root, name)
    except ThemeError:
        return None


def theme_issues(settings: Settings, at: Location) -> list[Issue]:
    """Every problem of the configured theme: its folder (at ``at``), theme.yaml and templates."""
    try:
        folder = project_theme_folder(settings.root, settings.theme, at)
        load_theme(settings, at)
    except ThemeError as error:
        return [error.issue]
    templates = folder / TEMPLATES_DIR if folder is not None else None
    if templates is None or not templates.is_dir():
        return []
    # A template that is a symlink leading outside (or nowhere) is skipped when pages are made.
    found = (
        confined_target(settings.root, path, path.relative_to(settings.root).as_posix())
        for path in sorted(templates.rglob("*"))
    )
    return [problem for problem in found if isinstance(problem, Issue)]


# -- loading ------------------------------------------------------------------------------


def load_theme(settings: Settings, at: Location = CONFIG_LOCATION) -> Theme:
    """The theme named in the settings, merged over the packaged default."""
    folder = project_theme_folder(settings.root, settings.theme, at)
    path = folder / THEME_FILE if folder is not None else None
    if path is None or (not path.exists() and not path.is_symlink()):
        return _cached_theme(None)  # a site-only theme (templates) keeps the default diagram look
    rel = path.relative_to(settings.root).as_posix()
    target = confined_target(settings.root, path, rel)
    if isinstance(target, Issue):
        raise ThemeError(target)
    try:
        stamp = target.stat().st_mtime_ns
    except OSError as error:
        raise ThemeError(Issue(Location(rel), "error", "unreadable", f"cannot read file: {error.strerror}")) from None
    return _cached_theme((str(target), rel, stamp, settings.max_file_size))


#: Where the packaged theme is, as named in messages about it.
_DEFAULT_REL = "journeys/themes/default/theme.yaml"


@lru_cache(maxsize=16)
def _cached_theme(override: tuple[str, str, int, int] | None) -> Theme:
    """The packaged theme, with the project's theme.yaml (path, rel, mtime, size cap) over it."""
    default = _parse(DEFAULT_THEME_DIR.joinpath(THEME_FILE).read_bytes(), _DEFAULT_REL)
    assert default is not None, "the packaged theme is part of journeys"
    # The packaged values pass the same checks as a project's (which also makes them floats).
    data = _merge(plain(default), default, _DEFAULT_REL)
    if override is None:
        return _build(data, {}, _DEFAULT_REL)
    path, rel, _, max_file_size = override
    tree = _parse(read_capped(Path(path), rel, max_file_size), rel)
    if tree is None:  # an empty theme.yaml: the default look
        return _build(data, {}, _DEFAULT_REL)
    return _build(_merge(data, tree, rel), tree.value, rel)


def _parse(data: bytes | Issue | None, rel: str) -> Node | None:
    """The theme file's mapping (None when empty), parsed with the limits of every file
    journeys reads; ``data`` is what reading it gave."""
    if isinstance(data, Issue):
        raise ThemeError(data)
    if data is None:
        raise ThemeError(Issue(Location(rel), "error", "theme", "a theme file must be a file, not a folder or device"))
    try:
        root = parse_settings_yaml(data, SETTINGS_LIMITS)
    except YamlProblem as error:
        location = Location(rel, error.line, error.column)
        raise ThemeError(Issue(location, "error", error.code, f"cannot read theme: {error.message}")) from None
    if root is None or root.value is None:
        return None
    if not root.is_mapping:
        message = f"a theme file must be a mapping, not {kind_of(root)}"
        raise ThemeError(Issue(Location(rel, root.line, root.column), "error", "theme", message))
    return root


def _merge(base: dict[str, Any], override: Node, rel: str, section: str | None = None) -> dict[str, Any]:
    """``base`` with the values of ``override``, each checked where it is written."""
    merged = dict(base)
    for key, entry in override.value.items():
        name = f"{section}.{key}" if section else key
        if key not in base:
            hint = did_you_mean(key, base) or f" (known: {', '.join(base)})"
            raise _value_error(rel, entry.key, f"unknown theme key '{name}'{hint}")
        node = entry.value
        if isinstance(base[key], dict):
            if not node.is_mapping:
                raise _value_error(rel, node, f"theme key '{name}' must be a mapping, not {kind_of(node)}")
            merged[key] = _merge(base[key], node, rel, key)
        elif isinstance(base[key], list):
            if not node.is_sequence:
                raise _value_error(rel, node, f"{name} must be a list, not {kind_of(node)}")
            merged[key] = [_checked(_CHECKS[key], rel, f"each entry of {name}", item) for item in node.value]
        else:
            merged[key] = _checked(_CHECKS[section or key], rel, name, node)
    return merged


def _value_error(rel: str, node: Node, message: str) -> ThemeError:
    return ThemeError(Issue(Location(rel, node.line, node.column), "error", "theme", message))


def _checked(check: Callable[[str, Node], Any], rel: str, name: str, node: Node) -> Any:
    """The value of ``node`` in the form the theme keeps it, or a ThemeError at ``node``."""
    try:
        return check(name, node)
    except ValueError as error:
        raise _value_error(rel, node, f"{name} {error}, not {kind_of(node)}") from None


# -- the checks of each kind of theme value ---------------------------------------------------
# Each returns the value as the theme keeps it or raises ValueError("must be ...").


def _size(name: str, node: Node) -> float:
    key = name.split(".")[-1]
    maximum = _MAXIMUM.get(key) or _MAXIMUM[name.split(".")[0]]
    minimum = _MINIMUM.get(key)
    value = node.value
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if minimum is None:
        if not number or not 0 < value <= maximum:
            raise ValueError(f"must be a positive number up to {maximum:,}")
    elif not number or not minimum <= value <= maximum:
        raise ValueError(f"must be a number from {minimum:,} to {maximum:,}")
    return float(value)


def _font(name: str, node: Node) -> Any:
    if name != "font.family":
        return _size(name, node)
    if not isinstance(node.value, str) or not _FONT_FAMILY.match(node.value):
        raise ValueError("may hold only letters, digits, spaces, commas, quotes and hyphens")
    return node.value


def _colour(name: str, node: Node) -> str:
    if not isinstance(node.value, str) or not _COLOUR.match(node.value):
        raise ValueError("must be a colour like #1f2328")
    colour = node.value.lower()
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def _marker(name: str, node: Node) -> str:
    if node.value not in MARKER_SHAPES:
        raise ValueError(f"must be one of {', '.join(MARKER_SHAPES)}")
    return str(node.value)


def _dash(name: str, node: Node) -> str:
    if not isinstance(node.value, str) or not _DASH.match(node.value):
        raise ValueError("must be a dash pattern like '7 4' ('' is solid)")
    return node.value


_CHECKS: dict[str, Callable[[str, Node], Any]] = {
    "font": _font,
    "spacing": _size,
    "light": _colour,
    "dark": _colour,
    "persona_markers": _marker,
    "persona_dashes": _dash,
}


def _build(data: dict[str, Any], entries: dict[str, Entry], rel: str) -> Theme:
    """The theme of checked values; ``entries`` (the theme file's) locate the rule that
    spans two keys."""
    markers, dashes = tuple(data["persona_markers"]), tuple(data["persona_dashes"])
    problem = None
    if not markers:
        problem = "persona_markers must list at least one marker shape"
    elif len(dashes) != len(markers):
        problem = "persona_dashes must list one dash pattern per marker shape"
    if problem is not None:
        entry = entries.get("persona_dashes") or entries.get("persona_markers")
        at = Location(rel, entry.key.line, entry.key.column) if entry else Location(rel)
        raise ThemeError(Issue(at, "error", "theme", problem))
    return Theme(
        font=Font(**data["font"]),
        spacing=Spacing(**data["spacing"]),
        light=tuple(data["light"].items()),
        dark=tuple(data["dark"].items()),
        persona_markers=markers,
        persona_dashes=dashes,
    )
