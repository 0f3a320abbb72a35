"""The commands of journeys as library functions: plain arguments in, a result record out.

This is the application layer. Each command of the ``journeys`` program is one function
here; :mod:`journeys.cli` parses the arguments, calls it, prints the record and picks the
exit status. Nothing here imports click or prints, so the MkDocs plugin, the pre-commit
hook, the benchmarks and the tests run exactly the code the command line runs.

Bad content is never an exception: it comes back as :class:`~journeys.issues.Issue` records
in the result. Exceptions are for requests that cannot be carried out at all
(:class:`UsageProblem`, and the publishing and git errors of the layers below).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.config import CONFIG_FILE, config_file, load_settings
from journeys.issues import Issue, Location, did_you_mean, has_errors, promote_warnings
from journeys.loading.project import load_project
from journeys.publish import VALIDATING, Progress

if TYPE_CHECKING:
    import threading
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from journeys.config import Settings
    from journeys.diff.changes import ProjectDiff
    from journeys.formats import FileOptions, Imported, InputFile
    from journeys.formatting import FormatRun
    from journeys.loading.project import LoadResult
    from journeys.model import JourneyMap, Project
    from journeys.scaffold import NewFile


class UsageProblem(Exception):
    """The command asks for something that does not exist (say, an unknown map id).

    The message is one line; the command line reports it like a usage error (exit 2).
    """


@dataclass(frozen=True)
class CheckedProject:
    """A project read and validated: what every command starts from."""

    settings: Settings
    loaded: LoadResult
    #: Configuration problems first, then the content's; warnings promoted under --strict.
    issues: tuple[Issue, ...]

    @property
    def project(self) -> Project:
        return self.loaded.project

    @property
    def files(self) -> int:
        """How many persona and map files were checked (for the summary line)."""
        return self.loaded.files

    @property
    def failed(self) -> bool:
        return has_errors(self.issues)


def require_project(project_dir: Path) -> None:
    """Refuse a folder that is not a journeys project: every command needs its configuration."""
    if config_file(project_dir.resolve()) is None:
        raise UsageProblem(
            f"{project_dir} has no {CONFIG_FILE}, so it is not a journeys project; "
            f"create one there with: journeys init {project_dir}"
        )


def check_project(project_dir: Path, *, strict: bool = False, cache: bool = False) -> CheckedProject:
    """Read the settings and every persona and map of ``project_dir``, and validate them.

    With ``cache`` (a build), the outcomes a previous build kept in the project's
    ``.cache/`` are read back for the files unchanged since (unless the ``cache`` option
    is off); the build keeps this run's once it goes ahead. Other commands neither read
    nor write them: ``validate`` runs as a pre-commit hook, which fails when a run adds
    files to the working tree."""
    require_project(project_dir)
    settings, config_issues = load_settings(project_dir)
    loaded = load_project(settings, stored=cache)
    issues = [*config_issues, *loaded.issues]
    return CheckedProject(settings, loaded, tuple(promote_warnings(issues) if strict else issues))


# -- validate ---------------------------------------------------------------------------


def validate(
    project_dir: Path, *, strict: bool = False, max_age: int | None = None, require_evidence: bool = False
) -> CheckedProject:
    """``journeys validate``: every issue of the project; with ``max_age``, stale maps too;
    with ``require_evidence``, every step without evidence."""
    checked = check_project(project_dir, strict=strict)
    extra: list[Issue] = []
    if max_age is not None:
        from journeys.history import stale_map_issues

        extra += stale_map_issues(checked.settings.root, checked.project.maps, max_age)
    if require_evidence:
        from journeys.evidence import evidence_issues

        extra += evidence_issues(checked.project.maps)
    if not extra:
        return checked
    issues = sorted([*checked.issues, *(promote_warnings(extra) if strict else extra)], key=Issue.sort_key)
    return CheckedProject(checked.settings, checked.loaded, tuple(issues))


@dataclass(frozen=True)
class ValidationChange:
    """One re-validation of ``journeys validate --watch``: what appeared and what went."""

    new: tuple[Issue, ...]
    fixed: tuple[Issue, ...]
    current: CheckedProject


def watch_validation(
    project_dir: Path,
    on_change: Callable[[ValidationChange], None],
    *,
    strict: bool = False,
    stop: threading.Event | None = None,
    require_evidence: bool = False,
) -> None:
    """Validate now and after every change to the maps, personas or configuration.

    ``on_change`` is called after the first run (everything is new) and after each run
    whose issues differ from the previous run's. Runs until ``stop`` is set (or Ctrl+C).
    """
    from journeys.watch import watch

    settings, _ = load_settings(project_dir)
    root = settings.root
    latest: list[CheckedProject] = []

    def check() -> list[Issue]:
        try:
            latest[:] = [validate(project_dir, strict=strict, require_evidence=require_evidence)]
        except UsageProblem as problem:  # the configuration was removed while watching
            latest[:] = [_unchecked(settings, Issue(Location(CONFIG_FILE), "error", "config", str(problem)))]
        except Exception as error:  # a bug of ours must not end a watch the user relies on
            latest[:] = [_unchecked(settings, _crash_issue(error))]
        return list(latest[0].issues)

    def report(new: list[Issue], fixed: list[Issue], current: list[Issue]) -> None:
        on_change(ValidationChange(tuple(new), tuple(fixed), latest[0]))

    watch([root / settings.maps_dir, root / settings.personas_dir, root / CONFIG_FILE], check, report, stop)


def _crash_issue(error: Exception) -> Issue:
    """A failure inside journeys, as an issue, so that a watch goes on."""
    return Issue(
        Location(CONFIG_FILE), "error", "internal-error",
        f"journeys failed while checking the project ({type(error).__name__}: {error}); please report this",
    )  # fmt: skip


def _unchecked(settings: Settings, problem: Issue) -> CheckedProject:
    """A run that could not check the project, for the one reason given."""
    from journeys.loading.project import LoadResult
    from journeys.model import Project

    return CheckedProject(settings, LoadResult(Project(scale=settings.scale), ()), (problem,))


def watched_folders(project_dir: Path) -> str:
    """What ``--watch`` looks at, for its opening line."""
    require_project(project_dir)
    settings, _ = load_settings(project_dir)
    return f"{settings.maps_dir}/, {settings.personas_dir}/ and {CONFIG_FILE}"


# -- render -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedMap:
    path: Path
    map_id: str
    #: The map drawn faded behind this one (``--compare``), if any.
    over: str | None = None


@dataclass(frozen=True)
class RenderRun:
    checked: CheckedProject
    written: tuple[RenderedMap, ...] = ()


def render(project_dir: Path, out: Path, *, map_id: str | None = None, compare: bool = False) -> RenderRun:
    """``journeys render``: an SVG per valid map (or just ``map_id``) into ``out``.

    Valid maps are drawn even when others have errors; the run still reports those.
    Raises :class:`UsageProblem` for a map id that names no map file at all.
    """
    from journeys.render import render_map_svg

    checked = check_project(project_dir)
    project = checked.project
    _require_known_map(checked, map_id)
    theme_problem = _theme_problem(checked.settings)
    if theme_problem is not None:
        issues = tuple(dict.fromkeys((*checked.issues, theme_problem)))  # load_settings may have said it already
        return RenderRun(CheckedProject(checked.settings, checked.loaded, issues))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for journey in _selected(project, map_id):
        over = project.compared_map(journey) if compare else None
        path = out / f"{journey.id}.svg"
        svg = render_map_svg(journey, project, checked.settings, compare=over)
        path.write_text(svg, encoding="utf-8", newline="\n")
        written.append(RenderedMap(path, journey.id, over.id if over else None))
    return RenderRun(checked, tuple(written))


def _theme_problem(settings: Settings) -> Issue | None:
    """Why the project's diagram theme cannot be used, if it cannot."""
    from journeys.render.theme import ThemeError, load_theme

    try:
        load_theme(settings)
    except ThemeError as error:
        return error.issue
    return None


def _require_known_map(checked: CheckedProject, map_id: str | None) -> None:
    """Refuse a ``--map`` that names no map file at all (an invalid map is a content error, not a typo)."""
    if map_id is None or checked.project.map(map_id) is not None or map_id in _map_file_ids(checked.settings):
        return
    known = [journey.id for journey in checked.project.maps]
    raise UsageProblem(f"unknown map '{map_id}'{did_you_mean(map_id, known)}")


def _map_file_ids(settings: Settings) -> set[str]:
    """Ids of every map file, valid or not (an invalid map is a content error, not a typo)."""
    folder = settings.root / settings.maps_dir
    if not folder.is_dir():
        return set()
    return {path.stem for path in folder.iterdir() if path.suffix in (".yaml", ".yml", ".md")}


def _selected(project: Project, map_id: str | None) -> tuple[JourneyMap, ...]:
    if map_id is None:
        return project.maps
    journey = project.map(map_id)
    return (journey,) if journey is not None else ()


# -- build and serve --------------------------------------------------------------------

@dataclass(frozen=True)
class BuildRun:
    checked: CheckedProject
    #: The folder the site was built into; None when the content's errors stopped the build.
    site: Path | None = None


def build(
    project_dir: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    validated: Callable[[CheckedProject], None] | None = None,
    cache: bool = True,
) -> BuildRun:
    """``journeys build``: validate, then build the site and swap it into place.

    ``validated`` is called with the validation result before the site is built (the
    command line prints the issues then). Content errors stop before anything is
    written. Publishing failures raise the publishing layer's errors (the previous site
    is then untouched). ``cache=False`` skips the build cache (``--no-cache``).
    """
    from journeys.publish.site import build_site

    if progress is not None:
        progress(VALIDATING, 0, 0)
    checked = check_project(project_dir, strict=strict, cache=cache)
    if progress is not None:
        progress(VALIDATING, checked.files, checked.files)
    if validated is not None:
        validated(checked)
    if checked.failed:
        return BuildRun(checked)
    site = build_site(project_dir, site_dir=site_dir, strict=strict, validated=checked.loaded, progress=progress,
                      cache=cache)
    return BuildRun(checked, site)


def serve(project_dir: Path, *, dev_addr: str | None = None, open_in_browser: bool = False) -> tuple[Issue, ...]:
    """``journeys serve``: the live preview, until interrupted.

    The configuration is read safely first: when it has errors (say, an alias bomb
    that the engine's own loader would spend minutes on) they are returned and nothing
    is served. Content errors do not stop a preview; its pages show them.
    """
    from journeys.publish.serve import serve_site

    require_project(project_dir)
    _, config_issues = load_settings(project_dir)
    errors = tuple(issue for issue in config_issues if issue.severity == "error")
    if errors:
        return errors
    serve_site(project_dir, dev_addr, open_in_browser)
    return ()


# -- diff -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffRun:
    diff: ProjectDiff
    #: The diff in the requested format (Markdown or JSON).
    output: str
    #: The target revision's problems in the files the change touches.
    issues: tuple[Issue, ...]
    #: How many target files were validated.
    files: int
    svgs: tuple[Path, ...] = field(default=())


def diff(project_dir: Path, base: str, target: str | None, *, fmt: str, svg_dir: Path | None = None) -> DiffRun:
    """``journeys diff``: what changed for the customer between two revisions.

    Raises ``GitError`` (one line) for a bad repository or revision.
    """
    from journeys.diff.jsonout import diff_to_json
    from journeys.diff.markdown import diff_to_markdown
    from journeys.diff.project import diff_revisions
    from journeys.diff.revisions import load_revisions

    require_project(project_dir)
    renderers = {"markdown": diff_to_markdown, "json": diff_to_json}
    revisions = load_revisions(project_dir, base, target, all_personas=svg_dir is not None)
    changes = diff_revisions(revisions)
    svgs: list[Path] = []
    issues = tuple(revisions.target.issues)
    theme_problem = _theme_problem(revisions.target.settings) if svg_dir is not None else None
    if theme_problem is not None:  # no overlays drawn with a theme that cannot be used
        issues = tuple(dict.fromkeys((*issues, theme_problem)))
    elif svg_dir is not None:
        from journeys.diff.overlay import write_overlays

        svgs = write_overlays(revisions, changes, svg_dir)
    return DiffRun(
        diff=changes,
        output=renderers[fmt](changes),
        issues=issues,
        files=len(revisions.target.loaded),
        svgs=tuple(svgs),
    )


DIFF_FORMATS = ("markdown", "json")


# -- schema and fmt ---------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaRun:
    #: Configuration problems; with an error among them nothing is written (the scale is unknown).
    issues: tuple[Issue, ...]
    written: tuple[Path, ...] = ()


def schema(project_dir: Path, out: Path | None = None) -> SchemaRun:
    """``journeys schema``: the map, persona and export schemas into ``out`` (default: schemas/).

    Raises :class:`UsageProblem` when ``out`` holds a symlink by either name.
    """
    from journeys.atomicfile import SymlinkRefused, write_atomically
    from journeys.validation.schema import SCHEMA_FOLDER, schema_files

    require_project(project_dir)
    settings, issues = load_settings(project_dir)
    if has_errors(issues):
        return SchemaRun(tuple(issues))
    folder = out if out is not None else project_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files(settings.scale).items():
        try:
            write_atomically(folder / name, text.encode("utf-8"))
        except SymlinkRefused as error:
            raise UsageProblem(str(error)) from None
        written.append(folder / name)
    return SchemaRun(tuple(issues), tuple(written))


def fmt(paths: Sequence[Path], *, project_dir: Path | None = None, check: bool = False) -> FormatRun:
    """``journeys fmt``: rewrite a project's maps and personas (or just some files) in one layout.

    ``paths`` is empty, one project folder, or map and persona files of one project; the
    project of files is ``project_dir``, else the nearest folder above them with
    mkdocs.yml. Files with validation errors are left as they are; their errors come back
    in the run. With ``check`` nothing is written. Raises :class:`UsageProblem` for a file
    that is no map or persona of the project.
    """
    from pathlib import Path

    from journeys.config import CONFIG_FILE
    from journeys.formatting import NotContent, format_sources, named_sources, project_of
    from journeys.loading.sources import content_folders, discover

    files = [path for path in paths if not path.is_dir()]
    folders = [path for path in paths if path.is_dir()]
    if (files and folders) or len(folders) > 1:
        raise UsageProblem("give one project folder, or map and persona files of one project")
    if folders and project_dir is not None and folders[0].resolve() != project_dir.resolve():
        raise UsageProblem(f"two project folders named ({folders[0]} and --project {project_dir}); name one")
    try:
        root = project_dir or (project_of(files) if files else folders[0] if folders else Path("."))
        checked = check_project(root)
        settings = checked.settings
        if files:
            sources = named_sources(settings, files)
        else:
            sources, _ = discover(settings.root, content_folders(settings), settings.max_file_size)
    except NotContent as problem:
        raise UsageProblem(str(problem)) from None
    wanted = {source.path for source in sources} | {CONFIG_FILE}
    errors = [issue for issue in checked.issues if issue.severity == "error" and (not files or issue.path in wanted)]
    return format_sources(settings.root, sources, errors, check=check)


# -- init and new -----------------------------------------------------------------------


def init(folder: Path, *, theme: str = "mkdocs") -> tuple[str, ...]:
    """``journeys init``: a complete project in ``folder``; the files written, relative to it.

    Raises ``AlreadyExists`` (nothing written) when any of them is there already, and
    :class:`UsageProblem` for a site theme init does not know.
    """
    from journeys.scaffold import InvalidRequest, init_project

    try:
        return init_project(folder, theme)
    except InvalidRequest as problem:
        raise UsageProblem(str(problem)) from None


def new_map(
    project_dir: Path,
    map_id: str,
    *,
    personas: Sequence[str] = (),
    title: str | None = None,
    stages: Sequence[str] | None = None,
) -> NewFile:
    """``journeys new map``: a map of ``personas`` from the project's template.

    Raises :class:`UsageProblem` for an invalid id or an unknown persona, and
    ``AlreadyExists`` when a map of that id exists.
    """
    from journeys import scaffold

    return _new(
        project_dir,
        lambda settings: scaffold.new_map(settings, map_id, personas=personas, title=title, stages=stages),
    )


def new_persona(project_dir: Path, persona_id: str, *, name: str | None = None) -> NewFile:
    """``journeys new persona``: a persona from the project's template (errors as for ``new_map``)."""
    from journeys import scaffold

    return _new(project_dir, lambda settings: scaffold.new_persona(settings, persona_id, name=name))


def _new(project_dir: Path, write: Callable[[Settings], NewFile]) -> NewFile:
    """Write with the project's settings; a configuration with errors writes nothing (the
    folders it names may not be the ones meant)."""
    from journeys.scaffold import InvalidRequest, NewFile

    require_project(project_dir)
    settings, issues = load_settings(project_dir)
    if has_errors(issues):
        return NewFile(None, tuple(issues))
    try:
        return write(settings)
    except InvalidRequest as problem:
        raise UsageProblem(str(problem)) from None


# -- import and export ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRun:
    #: Problems in the imported files (at FILE:LINE:COL) and in the files they become;
    #: with an error among them nothing was written.
    issues: tuple[Issue, ...]
    #: The files written, relative to the project.
    written: tuple[str, ...] = ()


def import_files(project_dir: Path, format_name: str, files: Sequence[Path], *, map_id: str | None = None) -> ImportRun:
    """``journeys import``: new map (and persona) files from other tools' files.

    Raises ``AlreadyExists`` (nothing written) when a file of an imported id exists, and
    :class:`UsageProblem` for an unknown format or a ``map_id`` that cannot be used.
    """
    from journeys.formats import IMPORTERS, ImportContext, Imported, importer
    from journeys.formats.writing import write_imported
    from journeys.scaffold import InvalidRequest

    if format_name not in IMPORTERS:
        raise UsageProblem(f"journeys imports no '{format_name}'{did_you_mean(format_name, IMPORTERS)}")
    require_project(project_dir)
    settings, config_issues = load_settings(project_dir)
    if has_errors(config_issues):  # the folders and scale it names may not be the ones meant
        return ImportRun(tuple(config_issues))
    project = load_project(settings).project
    context = ImportContext(settings, {persona.id: persona.name for persona in project.personas})
    module = importer(format_name)
    results = [
        source if isinstance(source, Imported) else module.import_file(source, context)
        for source in (_read_or_refused(path) for path in files)
    ]
    issues = tuple(issue for result in results for issue in result.issues)
    if has_errors(issues):
        return ImportRun(issues)
    try:
        written, new_issues = write_imported(settings, [f for r in results for f in r.files], format_name, map_id)
    except InvalidRequest as problem:
        raise UsageProblem(str(problem)) from None
    return ImportRun(issues + new_issues, written)


def _read_or_refused(path: Path) -> InputFile | Imported:
    """The file to import, or an import of nothing with the reason it cannot be read."""
    from journeys.formats import Imported, read_input

    source = read_input(path, str(path))
    return Imported(issues=(source,)) if isinstance(source, Issue) else source


@dataclass(frozen=True)
class ExportRun:
    checked: CheckedProject
    #: Where the export was written; None for standard output or when errors stopped it.
    path: Path | None = None
    #: The exported bytes, when no ``out`` was given (for standard output).
    output: bytes | None = None
    #: The files a file exporter (png, pdf) wrote into the folder ``out``.
    files: tuple[Path, ...] = ()


def export(
    project_dir: Path,
    format_name: str,
    *,
    map_id: str | None = None,
    out: Path | None = None,
    rollup: str | None = None,
    options: Mapping[str, object] | None = None,
) -> ExportRun:
    """``journeys export``: the valid project (or one map) in another tool's format.

    Written to ``out`` (replaced in one step) or returned for standard output; a file
    format (png, pdf) writes its files into the folder ``out``, with ``options`` (those
    given, by name) of :class:`journeys.formats.FileOptions`. A project with errors
    exports nothing. ``rollup`` (csv only) exports a cross-map backlog instead of the
    maps. Raises :class:`UsageProblem` for an unknown format, map or roll-up, an option
    the format does not take, or an ``out`` that is a source of the project, and
    ``MissingExtra`` when a file format's optional dependencies are not installed.
    """
    from journeys.formats import EXPORTERS, FILE_EXPORTERS, exporter
    from journeys.formats.backlog import ROLLUPS, backlog_csv

    if format_name not in EXPORTERS and format_name not in FILE_EXPORTERS:
        known = [*EXPORTERS, *FILE_EXPORTERS]
        raise UsageProblem(f"journeys exports no '{format_name}'{did_you_mean(format_name, known)}")
    if rollup is not None and (format_name != "csv" or rollup not in ROLLUPS):
        raise UsageProblem(f"--rollup is one of {', '.join(ROLLUPS)}, and only for csv (not {format_name})")
    file_options = _file_options(format_name, out, options or {})
    checked = check_project(project_dir)
    project = checked.project
    _require_known_map(checked, map_id)
    if out is not None:
        _refuse_source_output(checked.settings, out)
    if checked.failed:
        return ExportRun(checked)
    if file_options is not None and out is not None:
        return ExportRun(checked, path=out, files=_export_files(checked, format_name, map_id, out, file_options))
    maps = _selected(project, map_id)
    if rollup is not None:
        data = backlog_csv(project, maps, rollup).encode("utf-8")
    else:
        data = exporter(format_name).export_maps(project, maps, checked.settings)
    if out is None:
        return ExportRun(checked, output=data)
    from journeys.atomicfile import SymlinkRefused, write_atomically

    try:
        write_atomically(out, data)
    except SymlinkRefused as error:
        raise UsageProblem(str(error)) from None
    return ExportRun(checked, path=out)


def _file_options(format_name: str, out: Path | None, given: Mapping[str, object]) -> FileOptions | None:
    """The options of a file format (None for a format written as one stream of bytes),
    refusing an option the format does not take and a missing ``--out`` folder."""
    from journeys.formats import FILE_EXPORTERS, FILE_OPTIONS, FileOptions

    for name in given:
        if format_name not in FILE_OPTIONS[name]:
            raise UsageProblem(f"--{name} is an option of {' and '.join(FILE_OPTIONS[name])} export only")
    if format_name not in FILE_EXPORTERS:
        return None
    if out is None:
        raise UsageProblem(f"journeys export {format_name} writes a file per map: name their folder with --out")
    if out.exists() and not out.is_dir():
        raise UsageProblem(f"{out} is a file; journeys export {format_name} writes into a folder")
    return FileOptions(**given)  # type: ignore[arg-type]  # the command line checked each value's type


def _export_files(
    checked: CheckedProject, format_name: str, map_id: str | None, out: Path, options: FileOptions
) -> tuple[Path, ...]:
    from journeys.atomicfile import SymlinkRefused
    from journeys.formats import file_exporter

    module = file_exporter(format_name)  # raises MissingExtra before a folder is made
    out.mkdir(parents=True, exist_ok=True)
    try:
        maps = _selected(checked.project, map_id)
        return tuple(module.export_files(checked.project, maps, checked.settings, out, options))
    except SymlinkRefused as error:
        raise UsageProblem(str(error)) from None


def _refuse_source_output(settings: Settings, out: Path) -> None:
    """An export never replaces a source: the configuration, or a file in a content folder."""
    from journeys.publish.folders import ProjectFolders

    root = settings.root.resolve()
    target = out.resolve()
    docs = root / "docs"
    sources = ProjectFolders(root, root / settings.maps_dir, root / settings.personas_dir, docs).protected()
    if target == root / CONFIG_FILE or any(folder.resolve() in (target, *target.parents) for _, folder in sources):
        raise UsageProblem(f"{out} is among the project's sources; journeys never overwrites them: export elsewhere")
