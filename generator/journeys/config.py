"""The one configuration of journeys: the ``journeys`` plugin block in mkdocs.yml.

The MkDocs plugin validates this block as its config; the CLI reads the same block
from the same file with the same class, so both always agree. The CLI reads the file
safely and with positions through :mod:`journeys.loading.mkdocs_yml`.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from journeys.issues import Issue, Location, has_errors
from journeys.labels import DEFAULT_LANGUAGE, LANGUAGES, Labels, language_code, override_problems
from journeys.loading.mkdocs_yml import CONFIG_FILE, CONFIG_LOCATION, NO_POSITIONS, Positions, read_journeys_options
from journeys.loading.yamltree import Limits
from journeys.model import EmotionScale
from journeys.safety import FORBIDDEN_CHARACTER

if TYPE_CHECKING:
    from collections.abc import Callable

#: The site configuration's names, first found wins: ProperDocs reads properdocs.yml.
CONFIG_FILES = (CONFIG_FILE, "properdocs.yml")

#: Widest emotion scale accepted (max - min); real scales have 3 to 11 points.
MAX_SCALE_SPAN = 100

#: A label key written as a whole number (more digits than any scale needs is not one).
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]{1,18}\Z")

LANES = ("steps", "actions", "thoughts", "emotions", "pain_points", "opportunities", "backstage")


class _WholeNumber(c.Type):
    """A whole number within bounds (``true`` is not a number, although Python says it is 1)."""

    def __init__(self, default: int, low: int, high: int) -> None:
        super().__init__(int, default=default)
        self.low, self.high = low, high

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or not self.low <= number <= self.high:
            raise ValidationError(f"must be a whole number from {self.low:,} to {self.high:,}")
        return number


#: The longest file or folder name common file systems take, in bytes of UTF-8.
MAX_NAME_BYTES = 255
#: Control characters and lone surrogates: no file system name should hold them.
_UNUSABLE_CHARACTER = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def shown_name(text: str) -> str:
    """``text`` quoted for a message, cut short when long."""
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"


def folder_name_problem(path: str) -> str | None:
    """Why ``path`` (a folder relative to mkdocs.yml, or a theme name) cannot name a folder
    on disk, or None."""
    if _UNUSABLE_CHARACTER.search(path):
        return f"{shown_name(path)} holds a control character; it cannot name a folder"
    if any(len(part.encode()) > MAX_NAME_BYTES for part in path.replace("\\", "/").split("/")):
        return f"{shown_name(path)} has a name longer than {MAX_NAME_BYTES} bytes; it cannot name a folder"
    return None


class _ProjectFolder(c.Type):
    """A folder inside the project, written relative to mkdocs.yml."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value)
        unusable = folder_name_problem(folder)
        if unusable is not None:
            raise ValidationError(unusable)
        if PureWindowsPath(folder).anchor:  # '/abs', 'C:/abs' and '\\server\share' alike
            raise ValidationError(f"'{folder}' is an absolute path; write a folder relative to {CONFIG_FILE}")
        normal = posixpath.normpath(folder.replace("\\", "/"))
        if normal.split("/")[0] == "..":
            raise ValidationError(f"'{folder}' leads outside the project; write a folder inside it")
        return normal  # 'maps/', './maps' and 'x/../maps' are all 'maps' in messages


class _ThemeName(c.Type):
    """The name of a folder in ``themes/`` (or ``default``), never a path."""

    def __init__(self) -> None:
        super().__init__(str, default="default")

    def run_validation(self, value: object) -> str:
        from journeys.render.theme import theme_name_problem  # the theme module imports this one

        name = super().run_validation(value)
        problem = theme_name_problem(name)
        if problem is not None:
            raise ValidationError(problem)
        return name


class EmotionScaleConfig(base.Config):
    min = c.Type(int, default=-2)
    """The lowest emotion score (Smaply's convention: -2)."""
    max = c.Type(int, default=2)
    """The highest emotion score."""
    labels = c.Type(dict, default={})
    """A label per whole score, e.g. ``{-2: Furious, 0: Neutral, 2: Delighted}``.
    Scores left out keep their default label."""


class JourneysConfig(base.Config):
    """Options of the ``journeys`` block under ``plugins:`` in mkdocs.yml."""

    maps_dir = _ProjectFolder(default="maps")
    """Folder of journey maps, relative to mkdocs.yml."""
    personas_dir = _ProjectFolder(default="personas")
    """Folder of personas, relative to mkdocs.yml."""
    theme = _ThemeName()
    """Diagram/page theme: ``default`` (shipped) or the name of a folder in ``themes/``."""
    emotion_scale = c.SubConfig(EmotionScaleConfig)
    """The range and labels of emotion scores."""
    lanes = c.ListOfItems(c.Choice(LANES), default=list(LANES))
    """Which lanes the diagram shows, in order (empty lanes are always left out)."""
    max_file_size = _WholeNumber(default=1_000_000, low=1, high=1_000_000_000)
    """Largest persona or map file read, in bytes."""
    max_depth = _WholeNumber(default=64, low=1, high=1_000)
    """Deepest YAML nesting accepted."""
    max_nodes = _WholeNumber(default=100_000, low=1, high=100_000_000)
    """Most YAML values one file may hold, counting every use of an alias."""
    catalogue_group_by = c.Deprecated(
        message="has no effect any more: the catalogue lists each map once, with filters; remove it",
        option_type=c.Choice(("tag", "stage")),
    )
    """Formerly how the catalogue grouped maps; it now lists each map once, with filters."""
    show_evidence = c.Type(bool, default=False)
    """Mark the diagram's steps that have no ``evidence`` entry (research gaps)."""
    search = c.Choice(("pagefind", "mkdocs"), default="pagefind")
    """What answers the theme's search box: ``pagefind`` (an index built after the site,
    of which a query loads only the parts it needs, with facets) or ``mkdocs`` (the
    site's own ``search`` plugin, for a big existing docs site that keeps it)."""
    downloads = c.Optional(c.ListOfItems(c.Choice(("png", "pdf"))))
    """Besides the SVG, each map's diagram to download as ``png`` and/or ``pdf`` (needs
    ``journeys[export]``); unset: both where that extra is installed (not in ``journeys serve``)."""
    cache = c.Type(bool, default=True)
    """Keep validated files, rendered pages and diagrams in ``.cache/journeys/`` so a build
    validates and renders only what changed (``false``: do everything every time, write
    no cache)."""
    language = c.Optional(c.Type(str))
    """Language of every label journeys writes (``en``, ``de``, ``es``, ``fr``, ``ja``, ``pt``);
    by default the theme's (Material's ``theme.language``, the mkdocs theme's ``locale``), else English."""
    labels = c.Type(dict, default={})
    """Labels replaced by your own words, by key, e.g. ``{pain_points: Schmerzpunkte}``."""


@dataclass(frozen=True)
class Settings:
    """The validated configuration, as the library uses it."""

    root: Path
    maps_dir: str = "maps"
    personas_dir: str = "personas"
    theme: str = "default"
    scale: EmotionScale = field(default_factory=EmotionScale)
    lanes: tuple[str, ...] = LANES
    max_file_size: int = 1_000_000
    limits: Limits = field(default_factory=Limits)
    show_evidence: bool = False
    #: Every label journeys writes, in the chosen language with the project's overrides.
    labels: Labels = field(default_factory=Labels)
    #: Keep what was validated and rendered in ``.cache/journeys/`` (the ``cache`` option).
    cache: bool = True


def settings_from_config(
    root: Path, config: JourneysConfig, where: Callable[..., Location] | None = None, theme_language: str | None = None
) -> tuple[Settings, list[Issue]]:
    """Typed settings from a validated plugin config, plus problems with the scale, the
    language and the labels (``where`` says where an option is written; ``theme_language``
    is the site theme's language, the default of ``language``)."""
    where = where or (lambda *names: CONFIG_LOCATION)
    labels, issues = _labels(config, where, theme_language)
    scale, scale_issues = _scale(config.emotion_scale, labels)
    issues += [dataclasses.replace(issue, location=where("emotion_scale")) for issue in scale_issues]
    settings = Settings(
        root=root,
        maps_dir=config.maps_dir,
        personas_dir=config.personas_dir,
        theme=config.theme,
        scale=scale,
        lanes=tuple(config.lanes),
        max_file_size=config.max_file_size,
        limits=Limits(max_depth=config.max_depth, max_nodes=config.max_nodes),
        labels=labels,
        show_evidence=config.show_evidence,
        cache=config.cache,
    )
    return settings, issues


def _labels(
    config: JourneysConfig, where: Callable[..., Location], theme_language: str | None
) -> tuple[Labels, list[Issue]]:
    """The labels: the ``language`` option's, else the theme's language, else English;
    with the ``labels`` overrides. A language journeys does not ship is a warning."""
    issues = []
    written, option = (config.language, "journeys option 'language'") if config.language else (theme_language, "")
    language = language_code(written) if written else DEFAULT_LANGUAGE
    if language is None:
        said = f"{option}: " if option else "the theme's language: "
        message = f"{said}no labels in '{written}'; available: {', '.join(LANGUAGES)} (the labels stay in English)"
        issues.append(Issue(where("language"), "warning", "language", message))
    overrides, problems = override_problems(config.labels)
    issues += [
        Issue(where("labels", key), "warning", "label", f"journeys option 'labels': {problem}")
        for key, problem in problems
    ]
    return Labels(language or DEFAULT_LANGUAGE, overrides), issues


#: The keys of the default scale's labels, from -2 to +2.
_SCALE_KEYS = ("scale_very_negative", "scale_negative", "scale_neutral", "scale_positive", "scale_very_positive")


def _scale(options: EmotionScaleConfig, words: Labels) -> tuple[EmotionScale, list[Issue]]:
    low, high = options.min, options.max
    if low >= high:
        return EmotionScale(), [_config_issue(f"emotion_scale: min ({low}) must be below max ({high})")]
    if high - low > MAX_SCALE_SPAN:
        # Every whole score gets a label and a gridline: a huge range would hang the build.
        return EmotionScale(), [
            _config_issue(f"emotion_scale: {low}..{high} has more than {MAX_SCALE_SPAN} steps; use a smaller range")
        ]
    default_labels = dict(zip(range(-2, 3), map(words, _SCALE_KEYS), strict=True)) if (low, high) == (-2, 2) else {}
    labels = {score: default_labels.get(score, f"{score:+d}" if score else "0") for score in range(low, high + 1)}
    issues = []
    for key, text in options.labels.items():
        score = _label_score(key)
        if score is None or not low <= score <= high:
            shown = key if score is not None else repr(key)
            issues.append(_config_issue(f"emotion_scale: label key {shown} is not a whole score in {low}..{high}"))
        elif (problem := _label_problem(text)) is not None:
            issues.append(_config_issue(f"emotion_scale: the label of {score} {problem}"))
        else:
            labels[score] = str(text).strip()
    return EmotionScale(minimum=low, maximum=high, labels=tuple(sorted(labels.items()))), issues


#: Longest label of a score: it is drawn beside the emotion lane, so a few words at most.
MAX_LABEL_LENGTH = 60


def _label_problem(text: object) -> str | None:
    """Why ``text`` cannot label a score (a list, say, or an alias bomb's thousands of values)."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        return "must be a short text, not a list or mapping" if isinstance(text, (list, dict)) else "must be text"
    written = str(text).strip()
    if not written:
        return "must not be empty"
    if len(written) > MAX_LABEL_LENGTH:
        return f"is {len(written):,} characters long; keep it under {MAX_LABEL_LENGTH}"
    if FORBIDDEN_CHARACTER.search(written) or any(space in written for space in "\t\n\r"):
        return "must be one line of text without control characters"
    return None


def _label_score(key: object) -> int | None:
    """The score a label key names: an int from MkDocs' loader, or the key as written in
    journeys' tree (which keeps every key as text)."""
    if isinstance(key, str) and _WHOLE_NUMBER.match(key):
        return int(key)
    return key if isinstance(key, int) and not isinstance(key, bool) else None


def _config_issue(message: str, location: Location = CONFIG_LOCATION) -> Issue:
    return Issue(location, "error", "config", message)


# -- settings -----------------------------------------------------------------------------------


def config_file(root: Path) -> Path | None:
    """The project's site configuration: mkdocs.yml, else properdocs.yml, else none."""
    return next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)


def load_settings(project_dir: Path) -> tuple[Settings, list[Issue]]:
    """Settings for the CLI: mkdocs.yml's ``journeys`` block (or defaults without one),
    and every problem with it and with the theme it names."""
    from journeys.render.theme import theme_issues  # the theme module imports this one

    root = project_dir.resolve()
    settings, issues, where = _read_settings(root, config_file(root))
    return settings, issues + theme_issues(settings, where("theme"))


def settings_from_mkdocs_yml(root: Path, source: Path | bytes | None) -> tuple[Settings, list[Issue]]:
    """Settings from mkdocs.yml as a file, or as bytes read from a git revision (``journeys diff``)."""
    settings, issues, _ = _read_settings(root, source)
    return settings, issues


def _read_settings(root: Path, source: Path | bytes | None) -> tuple[Settings, list[Issue], Callable[..., Location]]:
    """Settings, their issues, and where each option is written (for later checks)."""
    if source is None:
        return Settings(root=root), [], NO_POSITIONS
    options, issues, where = read_journeys_options(root, source)
    if has_errors(issues):
        return Settings(root=root), issues, where
    settings, more = _validated(root, options, where)
    return settings, issues + more, where


def _validated(root: Path, block: dict[str, Any], where: Positions) -> tuple[Settings, list[Issue]]:
    """Settings from the journeys options, with every problem at the option it concerns."""
    config = JourneysConfig(config_file_path=str(root / CONFIG_FILE))
    config.load_dict(block)
    failed, warnings = config.validate()
    issues = [_config_issue(f"journeys option '{name}': {error}", where(name)) for name, error in failed]
    issues += [
        Issue(where(name), "warning", "config", f"journeys option '{name}': {warning}") for name, warning in warnings
    ]
    if failed:
        return Settings(root=root), issues
    settings, more = settings_from_config(root, config, where, where.theme_language)
    return settings, issues + more
