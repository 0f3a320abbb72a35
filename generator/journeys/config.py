"""The one configuration of journeys: the ``journeys`` plugin block in mkdocs.yml.

The MkDocs plugin validates this block as its config; the CLI reads the same block
from the same file with the same class, so both always agree.

The CLI reads mkdocs.yml with journeys' own YAML reader first (size cap, nesting depth,
alias budget, bounded numbers, real positions), keeping other tools' tags (``!ENV``,
``!relative``, ``!!python/name:...``) unconstructed. Only a file that passes is ever
handed to MkDocs' loader, and only when MkDocs has to resolve something for the journeys
block (``INHERIT``, a tag or a merge key in it); otherwise the block comes straight from
journeys' tree.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from journeys.issues import Issue, Location, has_errors
from journeys.loading.project import decode
from journeys.loading.yamltree import MAX_NUMBER, Limits, Tagged, YamlProblem, parse_yaml
from journeys.model import EmotionScale

if TYPE_CHECKING:
    from collections.abc import Callable

    from journeys.loading.yamltree import Node

CONFIG_FILE = "mkdocs.yml"
#: Where a problem with the configuration as a whole is reported.
CONFIG_LOCATION = Location(CONFIG_FILE)

#: mkdocs.yml, the files it INHERITs and theme.yaml are read with the default limits of
#: content files (a 500-byte alias bomb must not cost seconds and gigabytes).
SETTINGS_LIMITS = Limits()
MAX_SETTINGS_FILE_SIZE = 1_000_000
#: How many files an INHERIT chain may have (MkDocs itself recurses without a bound).
MAX_INHERIT_CHAIN = 10

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
    catalogue_group_by = c.Choice(("tag", "stage"), default="tag")
    """How the site's catalogue groups maps: by ``tag`` or by ``stage`` name."""


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


def settings_from_config(root: Path, config: JourneysConfig) -> tuple[Settings, list[Issue]]:
    """Typed settings from a validated plugin config, plus problems with the scale."""
    scale, issues = _scale(config.emotion_scale)
    settings = Settings(
        root=root,
        maps_dir=config.maps_dir,
        personas_dir=config.personas_dir,
        theme=config.theme,
        scale=scale,
        lanes=tuple(config.lanes),
        max_file_size=config.max_file_size,
        limits=Limits(max_depth=config.max_depth, max_nodes=config.max_nodes),
    )
    return settings, issues


def _scale(options: EmotionScaleConfig) -> tuple[EmotionScale, list[Issue]]:
    low, high = options.min, options.max
    if low >= high:
        return EmotionScale(), [_config_issue(f"emotion_scale: min ({low}) must be below max ({high})")]
    if high - low > MAX_SCALE_SPAN:
        # Every whole score gets a label and a gridline: a huge range would hang the build.
        return EmotionScale(), [
            _config_issue(f"emotion_scale: {low}..{high} has more than {MAX_SCALE_SPAN} steps; use a smaller range")
        ]
    default_labels = dict(EmotionScale().labels) if (low, high) == (-2, 2) else {}
    labels = {score: default_labels.get(score, f"{score:+d}" if score else "0") for score in range(low, high + 1)}
    issues = []
    for key, text in options.labels.items():
        score = _label_score(key)
        if score is None or not low <= score <= high:
            shown = key if score is not None else repr(key)
            issues.append(_config_issue(f"emotion_scale: label key {shown} is not a whole score in {low}..{high}"))
        else:
            labels[score] = str(text)
    return EmotionScale(minimum=low, maximum=high, labels=tuple(sorted(labels.items()))), issues


def _label_score(key: object) -> int | None:
    """The score a label key names: an int from MkDocs' loader, or the key as written in
    journeys' tree (which keeps every key as text)."""
    if isinstance(key, str) and _WHOLE_NUMBER.match(key):
        return int(key)
    return key if isinstance(key, int) and not isinstance(key, bool) else None


def _config_issue(message: str, location: Location = CONFIG_LOCATION) -> Issue:
    return Issue(location, "error", "config", message)


# -- reading mkdocs.yml (and theme.yaml) safely ----------------------------------------------


def _read_settings_yaml(path: Path, limits: Limits) -> Node | None:
    """A settings file (mkdocs.yml, a file it inherits, theme.yaml) as a tree.

    Raises :class:`YamlProblem` for any bad content and ``OSError`` when it cannot be read.
    """
    with path.open("rb") as stream:
        # One byte past the cap: a file that grows while being read is still refused.
        return parse_settings_yaml(stream.read(MAX_SETTINGS_FILE_SIZE + 1), limits)


def parse_settings_yaml(data: bytes, limits: Limits) -> Node | None:
    if len(data) > MAX_SETTINGS_FILE_SIZE:
        raise YamlProblem(
            1, 1, "file-too-large", f"file is more than the {MAX_SETTINGS_FILE_SIZE:,}-byte limit; not read"
        )
    return parse_yaml(decode(data), limits)


#: mkdocs.yml as MkDocs reads it: other tools' tags kept, repeated keys replacing earlier ones.
_MKDOCS_YML = dataclasses.replace(SETTINGS_LIMITS, mkdocs=True)

#: Where a value is in a YAML document: mapping keys and list indexes, from the top.
Path_ = tuple[str | int, ...]


def plain(node: Node) -> Any:
    """A tree as plain Python values (mappings, lists, scalars; other tools' tags stay Tagged)."""
    value = node.value
    if isinstance(value, dict):
        return {key: plain(entry.value) for key, entry in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def plugin_block_path(mkdocs_config: Any) -> Path_ | None:
    """Where the ``journeys`` plugin is in a mkdocs.yml mapping, in its mapping or list form:
    ``("plugins", "journeys")``, ``("plugins", 2, "journeys")`` or ``("plugins", 2)`` for a
    bare ``- journeys``. Works on plain values (from our tree or from MkDocs' loader)."""
    plugins = mkdocs_config.get("plugins") if isinstance(mkdocs_config, dict) else None
    if isinstance(plugins, dict):
        return ("plugins", "journeys") if "journeys" in plugins else None
    for index, item in enumerate(plugins if isinstance(plugins, list) else ()):
        if item == "journeys":
            return ("plugins", index)
        if isinstance(item, dict) and list(item) == ["journeys"]:
            return ("plugins", index, "journeys")
    return None


def _options_at(mkdocs_config: Any, path: Path_ | None) -> Any:
    """The journeys options found at ``path`` (``{}`` for a bare ``- journeys`` or none at all)."""
    if path is None or path[-1] != "journeys":
        return {}
    value = mkdocs_config
    for step in path:
        value = value[step]
    return {} if value is None else value


class _Positions:
    """Where the journeys options are written in mkdocs.yml, from journeys' own tree."""

    def __init__(self, tree: Node | None, path: Path_ | None) -> None:
        self.path = path
        self.block: tuple[Node, Node] | None = None
        if tree is not None and path is not None:
            key = node = tree
            for step in path:
                if isinstance(step, int):
                    key = node = node.value[step]
                else:
                    entry = node.value[step]
                    key, node = entry.key, entry.value
            self.block = (key, node)

    def __call__(self, *names: str) -> Location:
        """The position of the deepest of ``names`` found (the journeys entry, or 1:1)."""
        if self.block is None:
            return Location(CONFIG_FILE)
        key, node = self.block
        for name in names:
            entry = node.value.get(name) if node.is_mapping else None
            if entry is None:
                break
            key, node = entry.key, entry.value
        return Location(CONFIG_FILE, key.line, key.column)


def _needs_mkdocs(value: Any) -> bool:
    """True when the options use something only MkDocs' loader resolves: a tag such as
    ``!ENV`` or a YAML 1.1 merge key (``<<``)."""
    if isinstance(value, Tagged):
        return True
    if isinstance(value, dict):
        return "<<" in value or any(_needs_mkdocs(item) for item in value.values())
    if isinstance(value, list):
        return any(_needs_mkdocs(item) for item in value)
    return False


# -- settings -----------------------------------------------------------------------------------


def load_settings(project_dir: Path) -> tuple[Settings, list[Issue]]:
    """Settings for the CLI: mkdocs.yml's ``journeys`` block (or defaults without one),
    and every problem with it and with the theme it names."""
    from journeys.render.theme import theme_issues  # the theme module imports this one

    root = project_dir.resolve()
    config_path = root / CONFIG_FILE
    settings, issues, where = _read_settings(root, config_path if config_path.is_file() else None)
    return settings, issues + theme_issues(settings, where("theme"))


def settings_from_mkdocs_yml(root: Path, source: Path | bytes | None) -> tuple[Settings, list[Issue]]:
    """Settings from mkdocs.yml as a file, or as bytes read from a git revision (``journeys diff``)."""
    settings, issues, _ = _read_settings(root, source)
    return settings, issues


def _read_settings(root: Path, source: Path | bytes | None) -> tuple[Settings, list[Issue], Callable[..., Location]]:
    """Settings, their issues, and where each option is written (for later checks)."""
    nowhere = _Positions(None, None)
    if source is None:
        return Settings(root=root), [], nowhere
    try:
        if isinstance(source, Path):
            tree = _read_settings_yaml(source, _MKDOCS_YML)
        else:
            tree = parse_settings_yaml(source, _MKDOCS_YML)
    except YamlProblem as problem:
        at = Location(CONFIG_FILE, problem.line, problem.column)
        return Settings(root=root), [_config_issue(f"cannot read {CONFIG_FILE}: {problem.message}", at)], nowhere
    except OSError as error:
        return Settings(root=root), [_config_issue(f"cannot read {CONFIG_FILE}: {error.strerror}")], nowhere
    document = plain(tree) if tree is not None else None
    where = _Positions(tree, plugin_block_path(document))
    block, issues = _options(root, source, tree, document, where)
    if has_errors(issues):
        return Settings(root=root), issues, where
    settings, more = _validated(root, block, where)
    return settings, issues + more, where


def _options(
    root: Path, source: Path | bytes, tree: Node | None, document: Any, where: _Positions
) -> tuple[Any, list[Issue]]:
    """The journeys options, resolved by MkDocs' loader when they need it, and any reason
    they cannot be read. MkDocs only ever sees files that passed journeys' reader."""
    options = _options_at(document, where.path)
    inherits = isinstance(document, dict) and "INHERIT" in document
    if inherits and isinstance(source, bytes):
        return options, [
            Issue(where(), "warning", "config",
                  f"INHERIT is not followed in a git revision; journeys uses the options written in {CONFIG_FILE}")
        ]  # fmt: skip
    if inherits and isinstance(source, Path):
        problem = _inherited_problem(root, source, tree)
        if problem is not None:
            return {}, [problem]
    if inherits or _needs_mkdocs(options):
        try:
            options = _mkdocs_options(source)
        except Exception as error:  # MkDocs' loader raises many kinds; all mean "bad config"
            return {}, [_config_issue(f"cannot read {CONFIG_FILE}: {' '.join(str(error).split())}")]
        # YAML 1.1 reads '1:00:00:...' (base 60) or '1_000...' as integers of any size.
        huge = [name for name, value in options.items() if not _bounded(value)] if isinstance(options, dict) else []
        if huge:
            message = f"journeys option '{huge[0]}': holds a number too large (more than 18 digits)"
            return {}, [_config_issue(message, where(huge[0]))]
    if not isinstance(options, dict):
        return {}, [_config_issue("the journeys plugin options must be a mapping", where())]
    return options, []


def _mkdocs_options(source: Path | bytes) -> Any:
    """The journeys options as MkDocs' loader reads them (INHERIT, ``!ENV``, merge keys),
    with its safe loader: any other tag is None, never constructed."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(yaml.SafeLoader)
    loader.add_constructor(None, lambda loader, node: None)
    if isinstance(source, bytes):  # no INHERIT here (it is not followed), so no file name is needed
        raw = yaml_load(decode(source), loader)
    else:
        with source.open("rb") as stream:  # a stream: MkDocs resolves INHERIT beside it
            raw = yaml_load(stream, loader)
    return _options_at(raw, plugin_block_path(raw))


def _bounded(value: Any) -> bool:
    if isinstance(value, int):
        return -MAX_NUMBER < value < MAX_NUMBER
    if isinstance(value, dict):
        return all(_bounded(key) and _bounded(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_bounded(item) for item in value)
    return True


def _inherited_problem(root: Path, config_path: Path, tree: Node | None) -> Issue | None:
    """The first file of the INHERIT chain that journeys' reader refuses, as an issue.

    A missing parent, or an INHERIT that is not text, is left to MkDocs to report.
    """
    seen = {config_path.resolve()}
    current, rel = config_path, CONFIG_FILE
    for _ in range(MAX_INHERIT_CHAIN):
        entry = tree.value.get("INHERIT") if tree is not None and tree.is_mapping else None
        if entry is None or not isinstance(entry.value.value, str):
            return None
        at = Location(rel, entry.value.line, entry.value.column)
        parent = Path(os.path.normpath(current.parent / entry.value.value))
        if not parent.is_file():
            return None
        if parent.resolve() in seen:
            return _config_issue("INHERIT leads back to a file already inherited (a loop)", at)
        seen.add(parent.resolve())
        current, rel = parent, Path(os.path.relpath(parent, root)).as_posix()
        try:
            tree = _read_settings_yaml(parent, _MKDOCS_YML)
        except YamlProblem as problem:
            return _config_issue(f"cannot read {rel}: {problem.message}", Location(rel, problem.line, problem.column))
        except OSError as error:
            return _config_issue(f"cannot read {rel}: {error.strerror}", Location(rel))
    return _config_issue(f"INHERIT: more than {MAX_INHERIT_CHAIN} files inherit from each other")


def _validated(root: Path, block: dict[str, Any], where: Callable[..., Location]) -> tuple[Settings, list[Issue]]:
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
    settings, scale_issues = settings_from_config(root, config)
    # The scale's own checks (min below max, label keys) concern the emotion_scale option.
    scale_issues = [dataclasses.replace(issue, location=where("emotion_scale")) for issue in scale_issues]
    return settings, issues + scale_issues
