"""The one configuration of journeys: the ``journeys`` plugin block in mkdocs.yml.

The MkDocs plugin validates this block as its config; the CLI reads the same block
from the same file with the same class, so both always agree.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from journeys.issues import Issue, Location
from journeys.loading.yamltree import Limits
from journeys.model import EmotionScale

CONFIG_FILE = "mkdocs.yml"
#: The site configuration's names, first found wins: ProperDocs reads properdocs.yml.
CONFIG_FILES = (CONFIG_FILE, "properdocs.yml")

#: Widest emotion scale accepted (max - min); real scales have 3 to 11 points.
MAX_SCALE_SPAN = 100

LANES = ("steps", "actions", "thoughts", "emotions", "pain_points", "opportunities", "backstage")


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

    maps_dir = c.Type(str, default="maps")
    """Folder of journey maps, relative to mkdocs.yml."""
    personas_dir = c.Type(str, default="personas")
    """Folder of personas, relative to mkdocs.yml."""
    theme = c.Type(str, default="default")
    """Diagram/page theme: ``default`` (shipped) or the name of a folder in ``themes/``."""
    emotion_scale = c.SubConfig(EmotionScaleConfig)
    """The range and labels of emotion scores."""
    lanes = c.ListOfItems(c.Choice(LANES), default=list(LANES))
    """Which lanes the diagram shows, in order (empty lanes are always left out)."""
    max_file_size = c.Type(int, default=1_000_000)
    """Largest persona or map file read, in bytes."""
    max_depth = c.Type(int, default=64)
    """Deepest YAML nesting accepted."""
    max_nodes = c.Type(int, default=100_000)
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
        maps_dir=config.maps_dir.strip("/") or ".",
        personas_dir=config.personas_dir.strip("/") or ".",
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
        if not isinstance(key, int) or isinstance(key, bool) or not low <= key <= high:
            issues.append(_config_issue(f"emotion_scale: label key {key!r} is not a whole score in {low}..{high}"))
        else:
            labels[key] = str(text)
    return EmotionScale(minimum=low, maximum=high, labels=tuple(sorted(labels.items()))), issues


def _unreadable_config(error: Exception) -> Issue:
    """One line at the broken spot, from the YAML error MkDocs wraps (it drops the position)."""
    cause = error.__cause__ or error.__context__
    mark = getattr(cause, "problem_mark", None)
    if mark is None:
        return _config_issue(f"cannot read {CONFIG_FILE}: {' '.join(str(error).split())}")
    problem = getattr(cause, "problem", None) or "invalid YAML"
    context = getattr(cause, "context", None)
    detail = f"{problem} ({context})" if context else problem
    location = Location(CONFIG_FILE, mark.line + 1, mark.column + 1)
    return Issue(location, "error", "config", f"cannot read {CONFIG_FILE}: {detail}")


def _config_issue(message: str, location: Location = Location(CONFIG_FILE)) -> Issue:
    return Issue(location, "error", "config", message)


class _OptionPositions:
    """Where the journeys options are written in mkdocs.yml.

    MkDocs' loader keeps no positions, so the text is composed again (composing builds
    nodes with marks and runs no constructors, so tags like ``!ENV`` are harmless).
    """

    def __init__(self, text: bytes | None) -> None:
        import yaml

        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader) if text else None
        except Exception:  # the loader already reported why; positions fall back to 1:1
            root = None
        plugins = _entry(root, "plugins")
        self.block = _plugin_entry(plugins[1]) if plugins else None

    def __call__(self, *names: str) -> Location:
        """The position of the deepest of ``names`` found (the journeys entry, or 1:1)."""
        if self.block is None:
            return Location(CONFIG_FILE)
        key, node = self.block
        for name in names:
            found = _entry(node, name)
            if found is None:
                break
            key, node = found
        return Location(CONFIG_FILE, key.start_mark.line + 1, key.start_mark.column + 1)


def _entry(node: Any, name: str) -> tuple[Any, Any] | None:
    """(key node, value node) of ``name`` in a composed YAML mapping node."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return key, value
    return None


def _plugin_entry(plugins: Any) -> tuple[Any, Any] | None:
    """The ``journeys`` item of ``plugins:``, in its mapping or list form."""
    import yaml

    if isinstance(plugins, yaml.MappingNode):
        return _entry(plugins, "journeys")
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else ():
        if isinstance(item, yaml.ScalarNode) and item.value == "journeys":
            return item, None
        found = _entry(item, "journeys")
        if found is not None:
            return found
    return None


def find_plugin_block(mkdocs_config: dict[str, Any]) -> dict[str, Any] | None:
    """The ``journeys`` options in a raw mkdocs.yml mapping (list or mapping form)."""
    plugins = mkdocs_config.get("plugins") or []
    if not isinstance(plugins, (dict, list)):
        return None  # malformed, and MkDocs itself reports it; journeys runs on defaults
    items = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins
    )
    for name, options in items:
        if name == "journeys":
            return options or {}
    return None


def config_file(root: Path) -> Path | None:
    """The project's site configuration: mkdocs.yml, else properdocs.yml, else none."""
    return next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)


def load_settings(project_dir: Path) -> tuple[Settings, list[Issue]]:
    """Settings for the CLI: mkdocs.yml's ``journeys`` block, or defaults without one."""
    root = project_dir.resolve()
    return settings_from_mkdocs_yml(root, config_file(root))


def settings_from_mkdocs_yml(root: Path, source: Path | bytes | None) -> tuple[Settings, list[Issue]]:
    """Settings from mkdocs.yml as a file, or as bytes read from a git revision (``journeys diff``)."""
    from mkdocs.utils.yaml import yaml_load

    config_path = root / CONFIG_FILE
    block: dict[str, Any] = {}
    text: bytes | None = None
    if source is not None:
        try:
            if isinstance(source, bytes):
                text = source
                raw = yaml_load(source) or {}
            else:
                text = source.read_bytes()
                with source.open("rb") as stream:  # a stream: MkDocs resolves INHERIT beside it
                    raw = yaml_load(stream) or {}
        except Exception as error:  # MkDocs' loader raises many kinds; all mean "bad config"
            return Settings(root=root), [_unreadable_config(error)]
        if isinstance(raw, dict):
            block = find_plugin_block(raw) or {}
    where = _OptionPositions(text)
    if not isinstance(block, dict):
        return Settings(root=root), [_config_issue("the journeys plugin options must be a mapping", where())]
    config = JourneysConfig(config_file_path=str(config_path))
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
