"""Reading mkdocs.yml's ``journeys`` block safely, with the position of every option.

mkdocs.yml goes through journeys' own YAML reader first (size cap, nesting depth, alias
budget, bounded numbers, positions), keeping other tools' tags (``!ENV``, ``!relative``,
``!!python/name:...``) as written and never constructing them. Only a file that passes,
and every file it INHERITs, is ever handed to MkDocs' loader, and only when MkDocs must
resolve something in the journeys block (``INHERIT``, a tag or a merge key); otherwise
the block comes straight from journeys' tree.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeys.issues import Issue, Location, has_errors
from journeys.loading.project import decode
from journeys.loading.yamltree import MAX_NUMBER, Limits, Node, Tagged, YamlProblem, parse_yaml

if TYPE_CHECKING:
    from collections.abc import Callable

CONFIG_FILE = "mkdocs.yml"
#: Where a problem with the configuration as a whole is reported.
CONFIG_LOCATION = Location(CONFIG_FILE)

#: mkdocs.yml, the files it INHERITs and theme.yaml are read with the default limits of
#: content files (a 500-byte alias bomb must not cost seconds and gigabytes).
SETTINGS_LIMITS = Limits()
MAX_SETTINGS_FILE_SIZE = 1_000_000
#: How many files an INHERIT chain may have (MkDocs itself recurses without a bound).
MAX_INHERIT_CHAIN = 10


def read_journeys_options(root: Path, source: Path | bytes) -> tuple[Any, list[Issue], Positions]:
    """The journeys options of mkdocs.yml (a file, or bytes from a git revision), the
    problems that stop them being read (errors) or that concern them (warnings), and where
    each option is written."""
    try:
        if isinstance(source, Path):
            tree = _read_settings_yaml(source, _MKDOCS_YML)
        else:
            tree = parse_settings_yaml(source, _MKDOCS_YML)
    except YamlProblem as problem:
        at = Location(CONFIG_FILE, problem.line, problem.column)
        return {}, [_problem(f"cannot read {CONFIG_FILE}: {problem.message}", at)], NO_POSITIONS
    except OSError as error:
        return {}, [_problem(f"cannot read {CONFIG_FILE}: {error.strerror}")], NO_POSITIONS
    document = plain(tree) if tree is not None else None
    where = Positions(tree, plugin_block_path(document))
    options, issues = _options(root, source, tree, document, where)
    return ({} if has_errors(issues) else options), issues, where


def _problem(message: str, location: Location = CONFIG_LOCATION) -> Issue:
    return Issue(location, "error", "config", message)


def _read_settings_yaml(path: Path, limits: Limits) -> Node | None:
    """mkdocs.yml, or a file it inherits, as a tree.

    Raises :class:`YamlProblem` for any bad content and ``OSError`` when it cannot be read.
    """
    with path.open("rb") as stream:
        # One byte past the cap: a file that grows while being read is still refused.
        return parse_settings_yaml(stream.read(MAX_SETTINGS_FILE_SIZE + 1), limits)


def parse_settings_yaml(data: bytes, limits: Limits) -> Node | None:
    """A settings file's bytes (mkdocs.yml, theme.yaml) as a tree; YamlProblem for any bad content."""
    if len(data) > MAX_SETTINGS_FILE_SIZE:
        raise YamlProblem(
            1, 1, "file-too-large", f"file is more than the {MAX_SETTINGS_FILE_SIZE:,}-byte limit; not read"
        )
    return parse_yaml(decode(data), limits)


#: mkdocs.yml as MkDocs reads it: other tools' tags kept, repeated keys replacing earlier ones.
_MKDOCS_YML = dataclasses.replace(SETTINGS_LIMITS, mkdocs=True)

#: Where a value is in a YAML document: mapping keys and list indexes, from the top.
YamlPath = tuple[str | int, ...]


def plain(node: Node, scalar: Callable[[Node], Any] = lambda node: node.value) -> Any:
    """A tree as plain Python values (mappings, lists, scalars; other tools' tags stay Tagged).

    ``scalar`` gives each scalar's value (journeys fmt compares numbers as written).
    """
    value = node.value
    if isinstance(value, dict):
        return {key: plain(entry.value, scalar) for key, entry in value.items()}
    if isinstance(value, list):
        return [plain(item, scalar) for item in value]
    return scalar(node)


def plugin_block_path(mkdocs_config: Any) -> YamlPath | None:
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


def _options_at(mkdocs_config: Any, path: YamlPath | None) -> Any:
    """The journeys options found at ``path`` (``{}`` for a bare ``- journeys`` or none at all)."""
    if path is None or path[-1] != "journeys":
        return {}
    value = mkdocs_config
    for step in path:
        value = value[step]
    return {} if value is None else value


class Positions:
    """Where the journeys options are written in mkdocs.yml, from journeys' own tree."""

    def __init__(self, tree: Node | None, path: YamlPath | None) -> None:
        self.path = path
        self.block: tuple[Node, Node] | None = None
        #: The site theme's language (Material's ``language``, the mkdocs theme's ``locale``).
        self.theme_language = _theme_language(tree)
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
            return CONFIG_LOCATION
        key, node = self.block
        for name in names:
            entry = node.value.get(name) if node.is_mapping else None
            if entry is None:
                break
            key, node = entry.key, entry.value
        return Location(CONFIG_FILE, key.line, key.column)


def _theme_language(tree: Node | None) -> str | None:
    """``theme: {language: de}`` (Material) or ``theme: {locale: de}`` (mkdocs), as written."""
    theme = tree.value.get("theme") if tree is not None and tree.is_mapping else None
    if theme is None or not theme.value.is_mapping:
        return None
    for name in ("language", "locale"):
        entry = theme.value.value.get(name)
        if entry is not None and isinstance(entry.value.value, str):
            return str(entry.value.value)
    return None


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


def _options(
    root: Path, source: Path | bytes, tree: Node | None, document: Any, where: Positions
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
            return {}, [_problem(f"cannot read {CONFIG_FILE}: {' '.join(str(error).split())}")]
        # YAML 1.1 reads '1:00:00:...' (base 60) or '1_000...' as integers of any size.
        huge = [name for name, value in options.items() if not _bounded(value)] if isinstance(options, dict) else []
        if huge:
            message = f"journeys option '{huge[0]}': holds a number too large (more than 18 digits)"
            return {}, [_problem(message, where(huge[0]))]
    if not isinstance(options, dict):
        return {}, [_problem("the journeys plugin options must be a mapping", where())]
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
            return _problem("INHERIT leads back to a file already inherited (a loop)", at)
        seen.add(parent.resolve())
        current, rel = parent, Path(os.path.relpath(parent, root)).as_posix()
        try:
            tree = _read_settings_yaml(parent, _MKDOCS_YML)
        except YamlProblem as problem:
            return _problem(f"cannot read {rel}: {problem.message}", Location(rel, problem.line, problem.column))
        except OSError as error:
            return _problem(f"cannot read {rel}: {error.strerror}", Location(rel))
    return _problem(f"INHERIT: more than {MAX_INHERIT_CHAIN} files inherit from each other")


#: Positions of a file without journeys options: everything is at 1:1.
NO_POSITIONS = Positions(None, None)
