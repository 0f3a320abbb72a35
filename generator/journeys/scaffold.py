"""Starting points for a team: a whole project (``journeys init``) and one new map or
persona (``journeys new``), written from templates and never over an existing file.

What is written is text people go on editing, so the templates carry comments that
teach the format. A new map or persona is read back by the project reader and
validation before it is written: even a project's own template cannot produce a file
that ``journeys validate`` would reject.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from journeys import __version__
from journeys.issues import Issue, did_you_mean, has_errors
from journeys.loading.files import is_inside
from journeys.loading.sources import ID_PATTERN, SOURCE_SUFFIXES, Source, check_id, content_folders, discover
from journeys.model import format_score

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping, Sequence

    import jinja2

    from journeys.config import Settings
    from journeys.loading.sources import SourceKind
    from journeys.model import EmotionScale

INIT_TEMPLATES = Path(__file__).resolve().parent / "scaffolds" / "init"
#: A name in scaffolds/init starting with this is written starting with a dot instead
#: (package-data globs leave dot-files out of the wheel).
DOT_PREFIX = "dot-"
#: The site themes ``journeys init --theme`` offers.
SITE_THEMES = ("mkdocs", "material")
MATERIAL_REQUIREMENT = "mkdocs-material>=9.5,<10"
#: What ``journeys new map`` names the stages when ``--stages`` is not given.
DEFAULT_STAGES = ("Before", "During", "After")


class InvalidRequest(Exception):
    """The arguments ask for something that cannot be (an invalid id, an unknown persona).

    The message is one line, in the words validation uses for the same problem.
    """


class AlreadyExists(Exception):
    """Files that would be overwritten; nothing was written."""

    def __init__(self, paths: Sequence[str]) -> None:
        super().__init__(", ".join(paths))
        #: Relative to the folder being written into, in the order they would be written.
        self.paths = tuple(paths)


# -- the one install instruction -------------------------------------------------------


def repository_url() -> str:
    """journeys' repository, as pyproject.toml's ``[project.urls] Repository`` names it."""
    for entry in metadata.metadata("journeys").get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip() == "Repository":
            return url.strip()
    raise RuntimeError("the installed journeys has no Repository URL in its metadata; reinstall it (pip install .)")


def install_requirement(extra: str = "") -> str:
    """What a team installs: journeys (with an optional ``extra``) from its repository, at this version's tag."""
    name = f"journeys[{extra}]" if extra else "journeys"
    return f"{name} @ git+{repository_url()}@v{__version__}"


def docs_url() -> str:
    """The documentation of this version, for links in the files written."""
    return f"{repository_url()}/blob/v{__version__}/docs"


# -- templates ---------------------------------------------------------------------------

#: Text that YAML reads back as the same text without quotes: it starts with a letter,
#: and holds no character that could start a comment, a flow item or a mapping.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'()/&+?!-]*(?<! )\Z")
#: Words some YAML readers take for booleans or null (YAML 1.1 included).
_KEYWORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back exactly as ``text``: plain when it can be,
    else double-quoted with every character that is not printable escaped."""
    if _PLAIN.match(text) and text.lower() not in _KEYWORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return "".join(char if char.isprintable() else _escape(char) for char in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    import jinja2  # only when writing files: the command line starts without it

    # Not HTML: nothing is autoescaped, and every value from the command line goes
    # through the `yaml` filter instead.
    env = jinja2.Environment(
        loader=loader,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env


def _links() -> dict[str, str]:
    """What every template may link to."""
    return {"repository": repository_url(), "docs": docs_url(), "version": __version__}


# -- journeys init -----------------------------------------------------------------------


def init_files(theme: str) -> dict[str, str]:
    """Every file of a new project: path in the project -> text."""
    if theme not in SITE_THEMES:
        raise InvalidRequest(f"unknown site theme '{theme}'{did_you_mean(theme, SITE_THEMES)}")
    requirements = f'"{install_requirement()}"'
    if theme == "material":
        requirements += f' "{MATERIAL_REQUIREMENT}"'
    import jinja2

    env = _environment(jinja2.FileSystemLoader(INIT_TEMPLATES))
    context = {**_links(), "theme": theme, "requirements": requirements, "material_requirement": MATERIAL_REQUIREMENT}
    names = [path.relative_to(INIT_TEMPLATES).as_posix() for path in INIT_TEMPLATES.rglob("*") if path.is_file()]
    files = {_target_path(name): env.get_template(name).render(context) for name in names}
    files.update(_schemas())
    # mkdocs.yml first, then the content, then the tooling's dot-files: the order they are listed in.
    return dict(sorted(files.items(), key=lambda item: (item[0].startswith("."), item[0] != "mkdocs.yml", item[0])))


def _target_path(template: str) -> str:
    return "/".join(
        "." + part[len(DOT_PREFIX) :] if part.startswith(DOT_PREFIX) else part for part in template.split("/")
    )


def _schemas() -> dict[str, str]:
    """The editor schemas that ``.vscode/settings.json`` and the ``$schema`` lines name,
    as ``journeys schema`` writes them for the emotion scale of init's mkdocs.yml (the default)."""
    from journeys.model import EmotionScale
    from journeys.validation.schema import SCHEMA_FOLDER, schema_files

    return {f"{SCHEMA_FOLDER}/{name}": text for name, text in schema_files(EmotionScale()).items()}


def init_project(folder: Path, theme: str) -> tuple[str, ...]:
    """Write a complete project into ``folder`` (created if need be); the paths written.

    Raises :class:`AlreadyExists` naming every file that is already there, before
    anything is written.
    """
    files = init_files(theme)
    refuse_existing(folder, files)
    for rel, text in files.items():
        write_new_file(folder, rel, text)
    return tuple(files)


def refuse_existing(folder: Path, paths: Iterable[str]) -> None:
    """Raise :class:`AlreadyExists` when writing ``paths`` in ``folder`` would replace anything."""
    taken = [blocker for rel in paths if (blocker := _in_the_way(folder, rel)) is not None]
    if taken:
        raise AlreadyExists(list(dict.fromkeys(taken)))


def _in_the_way(folder: Path, rel: str) -> str | None:
    """What stops ``rel`` from being created: the file itself, or a file where one of its folders must go."""
    path = folder / rel
    if path.exists() or path.is_symlink():
        return rel
    parts = Path(rel).parts
    for depth in range(1, len(parts)):
        parent = folder.joinpath(*parts[:depth])
        if (parent.exists() or parent.is_symlink()) and not parent.is_dir():
            return "/".join(parts[:depth])
    return None


def write_new_file(folder: Path, rel: str, text: str) -> None:
    """Create ``folder/rel`` with ``text``; exclusive creation, so a file that appeared meanwhile is kept."""
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise AlreadyExists([rel]) from None


# -- journeys new ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewFile:
    """The outcome of ``journeys new``."""

    #: The file, relative to the project folder (written unless ``issues`` has errors).
    path: str | None
    #: Why nothing was written: the configuration's errors, or those of the file the
    #: template gave (then located in the file as it would have been).
    issues: tuple[Issue, ...] = ()
    #: The template used, relative to the project when it is the project's own.
    template: str | None = None

    @property
    def written(self) -> bool:
        return self.path is not None and not has_errors(self.issues)


def new_map(
    settings: Settings,
    map_id: str,
    *,
    personas: Sequence[str] = (),
    title: str | None = None,
    stages: Sequence[str] | None = None,
) -> NewFile:
    """Write ``<maps_dir>/<map_id>.yaml`` for ``personas``, with one step per stage."""
    names = project_names(settings)
    rel = _new_path(settings, "map", map_id)
    persona_ids = {item_id for kind, item_id in names if kind == "persona"}
    stage_names = [_stage_name(stage) for stage in (DEFAULT_STAGES if stages is None else stages)]
    if not stage_names:
        raise InvalidRequest("a journey map needs at least one stage: --stages names none")
    context = {
        "title": title or _sentence(map_id),
        "personas": _map_personas(personas, persona_ids),
        "stages": stage_names,
        "emotion": _emotion_range(settings.scale),
    }
    return _write_new(settings, "map", map_id, rel, names, context)


def new_persona(settings: Settings, persona_id: str, *, name: str | None = None) -> NewFile:
    """Write ``<personas_dir>/<persona_id>.yaml`` with ``name`` (by default, from the id)."""
    names = project_names(settings)
    rel = _new_path(settings, "persona", persona_id)
    return _write_new(
        settings, "persona", persona_id, rel, names, {"name": name or persona_id.replace("-", " ").title()}
    )


def project_names(settings: Settings) -> list[tuple[SourceKind, str]]:
    """(kind, id) of every persona and map file: what validation checks references against."""
    sources, _ = discover(settings.root, content_folders(settings), settings.max_file_size)
    return [(source.kind, source.id) for source in sources]


def _new_path(settings: Settings, kind: SourceKind, item_id: str) -> str:
    """Where the new file goes, once its id is valid and no file of that id exists."""
    folder = settings.maps_dir if kind == "map" else settings.personas_dir
    rel = f"{folder.rstrip('/')}/{item_id}.yaml"
    invalid = check_id(kind, rel, item_id)
    if invalid is not None:
        raise InvalidRequest(invalid.message)
    directory = settings.root / folder
    if directory.exists() and not is_inside(directory, settings.root):
        raise InvalidRequest(f"the {kind}s folder '{folder}' is outside the project; nothing written there")
    # Any file of that id counts: maps/x.md beside a new maps/x.yaml would be a duplicate id.
    refuse_existing(settings.root, [f"{folder.rstrip('/')}/{item_id}{suffix}" for suffix in SOURCE_SUFFIXES])
    return rel


def _map_personas(given: Sequence[str], known: Collection[str]) -> list[str]:
    """The personas of a new map: those given, each of which must exist."""
    if not given:
        if len(known) == 1:
            return list(known)
        choice = f" (one of: {', '.join(sorted(known))})" if known else "; add one first with 'journeys new persona ID'"
        raise InvalidRequest(f"a journey map needs at least one persona: give --persona ID{choice}")
    unknown = [persona for persona in given if persona not in known]
    if unknown:
        raise InvalidRequest("; ".join(f"unknown persona '{p}'{did_you_mean(p, known)}" for p in unknown))
    return list(dict.fromkeys(given))


def _sentence(item_id: str) -> str:
    """A readable name for an id: ``post-purchase`` -> ``Post purchase`` (whose slug is the id)."""
    words = item_id.replace("-", " ")
    return words[:1].upper() + words[1:]


def _stage_name(stage: str) -> str:
    """A stage given as an id becomes a readable name with that id; any other text stays as written."""
    return _sentence(stage) if ID_PATTERN.match(stage) else stage


def _emotion_range(scale: EmotionScale) -> dict[str, str]:
    """The scale's ends, and the whole score in its middle (0 on the default scale)."""
    middle = (scale.minimum + scale.maximum) // 2
    return {"lowest": format_score(scale.minimum), "highest": format_score(scale.maximum), "neutral": str(middle)}


def _write_new(
    settings: Settings,
    kind: SourceKind,
    item_id: str,
    rel: str,
    names: list[tuple[SourceKind, str]],
    context: Mapping[str, object],
) -> NewFile:
    """Render the template of ``kind``, validate the text as the file it becomes, and write it."""
    from journeys.site.templates import theme_loader, theme_template_dirs
    from journeys.validation.schema import MAP_SCHEMA, PERSONA_SCHEMA, SCHEMA_FOLDER

    root = settings.root
    name = MAP_SCHEMA if kind == "map" else PERSONA_SCHEMA
    schema = Path(os.path.relpath(root / SCHEMA_FOLDER / name, root / Path(rel).parent))
    template = _environment(theme_loader(theme_template_dirs(root, settings.theme))).get_template(f"new/{kind}.yaml")
    text = template.render({**_links(), **context, "id": item_id, "schema": schema.as_posix()})
    issues = validate_new_file(settings, Source(kind, item_id, rel, text.encode("utf-8")), names)
    shown = Path(template.filename or "")
    used = shown.relative_to(root).as_posix() if shown.is_relative_to(root) else f"the default template new/{kind}.yaml"
    if has_errors(issues):
        return NewFile(rel, issues, used)
    write_new_file(root, rel, text)
    return NewFile(rel, issues, used)


def validate_new_file(settings: Settings, source: Source, names: list[tuple[SourceKind, str]]) -> tuple[Issue, ...]:
    """What ``journeys validate`` will say about the new file, before it exists."""
    from journeys.loading.project import References, load_source

    references = References.of([*names, (source.kind, source.id)], settings.scale)
    _, issues = load_source(source, references, settings.limits)
    return tuple(issues)
