"""The ``journeys`` command line, and the only module that knows click.

Each command parses its arguments, calls its function in :mod:`journeys.app`, prints the
result record and chooses the exit status: 0 when the content is valid, 1 when it has
errors (or the site could not be built), 2 for usage errors (click's convention), which
include a revision or a map id that does not exist.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from journeys import __version__, app
from journeys.formats import EXPORTERS, FILE_EXPORTERS, IMPORTERS
from journeys.formats.backlog import ROLLUPS
from journeys.formats.pdf import PAPERS
from journeys.issues import one_line
from journeys.publish import VALIDATING, WRITING
from journeys.reporting import FORMATS, format_issues, summary
from journeys.scaffold import MATERIAL_REQUIREMENT, SITE_THEMES

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from journeys.formatting import FormatRun
    from journeys.issues import Issue
    from journeys.scaffold import AlreadyExists, NewFile

FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)
#: How every command names the project folder (where mkdocs.yml is).
project_option = click.option(
    "-p", "--project", "project_dir", type=FOLDER, default=".", show_default=True,
    help="The project folder, where mkdocs.yml is.",
)  # fmt: skip


def project_folder(command: Callable[..., None]) -> Callable[..., None]:
    """``[DIR]`` or ``--project DIR``: the project folder of a command that takes no other
    argument (default: here). ``diff`` takes revisions, so only ``--project`` there."""

    @functools.wraps(command)
    def run(*, folder: Path | None, project_dir: Path, **options: object) -> None:
        if folder is not None and project_dir != Path(".") and folder.resolve() != project_dir.resolve():
            raise click.UsageError(f"two project folders named ({folder} and --project {project_dir}); name one")
        command(project_dir=folder or project_dir, **options)

    return click.argument("folder", required=False, metavar="[DIR]", type=FOLDER)(project_option(run))


class NotFound(click.ClickException):
    """No git repository, an unknown revision or map: a one-line message and exit 2, like a usage error."""

    exit_code = 2


class ContentError(click.ClickException):
    """The project's content or configuration has errors (already printed): exit 1."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("invalid content")

    def show(self, file: object = None) -> None:
        """The issues were printed as they were found; nothing more to say."""


def print_issues(issues: Sequence[Issue], files: int, *, fmt: str = "text", err: bool = False) -> None:
    """The issues in ``fmt`` (text ends with the summary line), when there is anything to say."""
    output = format_issues(issues, fmt, files)
    if output:
        click.echo(output, err=err)


def fail_on_errors(issues: Sequence[Issue]) -> None:
    """Exit 1 when any issue is an error (warnings were promoted already under --strict)."""
    if any(issue.severity == "error" for issue in issues):
        raise ContentError


class JourneysGroup(click.Group):
    """The command group: one place turns what the library raises into a message and an exit status."""

    def invoke(self, ctx: click.Context) -> object:
        from journeys.gitrepo import GitError
        from journeys.publish.folders import PublishError

        try:
            return super().invoke(ctx)
        except app.UsageProblem as problem:
            raise click.UsageError(one_line(str(problem))) from None
        except GitError as error:
            raise NotFound(one_line(str(error))) from None
        except PublishError as error:  # 2 for a refused site folder, else 1
            click.echo(f"error: {one_line(str(error))}", err=True)
            ctx.exit(error.exit_code)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole first line of help (click would cut it to fit)."""
        rows = [(name, command.get_short_help_str(limit=10_000)) for name, command in self.commands.items()
                if not command.hidden]  # fmt: skip
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(sorted(rows))


@click.group(cls=JourneysGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journeys")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Validate, draw and publish customer journey maps kept in git."""
    if ctx.invoked_subcommand is None:  # `journeys` alone: what it can do
        click.echo(ctx.get_help())


@main.command()
@project_folder
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, github for Actions annotations.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--watch", is_flag=True, help="Keep running; re-validate on every change.")
@click.option("--max-age", type=click.IntRange(min=0), metavar="DAYS",
              help="Warn (stale-map) about maps whose last git commit is older than DAYS.")
@click.option("--require-evidence", is_flag=True,
              help="Warn (step-without-evidence) about every step that has no evidence entry.")
def validate(
    project_dir: Path, fmt: str, strict: bool, watch: bool, max_age: int | None, require_evidence: bool
) -> None:
    """Check every persona and journey map of the project (DIR, default: here)."""
    if watch:
        if max_age is not None:
            raise click.UsageError("--max-age checks git history once; it cannot be combined with --watch")
        if fmt != "text":
            raise click.UsageError("--watch prints text for people; --format json/github are for one-off runs")
        _watch(project_dir, strict, require_evidence)
        return
    checked = app.validate(project_dir, strict=strict, max_age=max_age, require_evidence=require_evidence)
    print_issues(checked.issues, checked.files, fmt=fmt)
    fail_on_errors(checked.issues)


def _watch(project_dir: Path, strict: bool, require_evidence: bool) -> None:
    def report(change: app.ValidationChange) -> None:
        for issue in change.new:
            click.echo(str(issue))
        for issue in change.fixed:
            click.echo(one_line(f"{issue.location}: fixed: {issue.message}"))
        click.echo(summary(change.current.issues, change.current.files))

    click.echo(f"watching {app.watched_folders(project_dir)} (Ctrl+C stops)", err=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a watch ends
        app.watch_validation(project_dir, report, strict=strict, require_evidence=require_evidence)


@main.command()
@click.argument("base")
@click.argument("target", required=False)
@project_option
@click.option("--format", "fmt", type=click.Choice(app.DIFF_FORMATS), default="markdown", show_default=True,
              help="markdown for a pull-request comment or job summary, json for tools.")
@click.option("--svg-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write <map>.svg per changed map: the new diagram with the old emotion line behind.")
def diff(base: str, target: str | None, project_dir: Path, fmt: str, svg_dir: Path | None) -> None:
    """What changed for the customer between git revisions BASE and TARGET (default: the working tree).

    Exit status 1 when TARGET's changed files have errors (printed on stderr).
    """
    run = app.diff(project_dir, base, target, fmt=fmt, svg_dir=svg_dir)
    if run.issues:
        print_issues(run.issues, run.files, err=True)
    click.echo(run.output, nl=False)
    fail_on_errors(run.issues)


@main.command()
@project_folder
@click.option("--map", "map_id", metavar="ID", help="Draw only this map.")
@click.option("--compare", is_flag=True, help="Draw each map that names compares_to over that map (faded).")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the <map-id>.svg files.")
def render(project_dir: Path, map_id: str | None, compare: bool, out: Path) -> None:
    """Validate the project, then write an SVG journey diagram per valid map."""
    run = app.render(project_dir, out, map_id=map_id, compare=compare)
    if run.checked.issues:
        print_issues(run.checked.issues, run.checked.files)
    for written in run.written:
        click.echo(f"wrote {written.path}" + (f" (over {written.over})" if written.over else ""))
    fail_on_errors(run.checked.issues)  # the valid maps are drawn; the run still fails


@main.command()
@project_folder
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the site goes (default: site_dir of mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Treat warnings (content and MkDocs) as errors.")
@click.option("--no-cache", is_flag=True,
              help="Validate and render everything again; neither read nor write .cache/journeys/.")
def build(project_dir: Path, site_dir: Path | None, strict: bool, no_cache: bool) -> None:
    """Validate the project, then build its site; the old site is replaced only on success."""
    from journeys.publish.site import mkdocs_logging

    def validated(checked: app.CheckedProject) -> None:
        progress.clear()
        if checked.issues:
            print_issues(checked.issues, checked.files, err=True)
        fail_on_errors(checked.issues)

    progress = BuildProgress(sys.stderr.isatty())
    with mkdocs_logging(logging.WARNING), progress:
        run = app.build(
            project_dir, site_dir=site_dir, strict=strict, progress=progress, validated=validated, cache=not no_cache
        )
    click.echo(f"site built in {run.site}", err=True)


@main.command()
@project_folder
@click.option("-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default: 127.0.0.1:8000).")
@click.option("--open", "open_in_browser", is_flag=True, help="Open the site in a browser.")
def serve(project_dir: Path, dev_addr: str | None, open_in_browser: bool) -> None:
    """Preview the project's site; reloads on every change to maps, personas, themes and docs."""
    from journeys.publish.site import mkdocs_logging

    with mkdocs_logging(logging.INFO):
        config_errors = app.serve(project_dir, dev_addr=dev_addr, open_in_browser=open_in_browser)
    if config_errors:  # nothing was served
        print_issues(config_errors, 0, err=True)
        fail_on_errors(config_errors)


@main.command()
@project_folder
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for map.schema.json, persona.schema.json and export.schema.json "
              "(default: schemas/ in the project).")
def schema(project_dir: Path, out: Path | None) -> None:
    """Write the JSON Schemas of maps and personas, for editors' completion and inline errors.

    The emotion range comes from the project's emotion_scale. Attach a schema to a file
    with a first line such as '# yaml-language-server: $schema=../schemas/map.schema.json'.
    """
    run = app.schema(project_dir, out)
    for issue in run.issues:
        click.echo(str(issue), err=True)
    fail_on_errors(run.issues)
    for path in run.written:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("paths", nargs=-1, metavar="[DIR | FILE...]", type=click.Path(exists=True, path_type=Path))
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 listing the files that would change.")
def fmt(paths: tuple[Path, ...], project_dir: Path, check: bool) -> None:
    """Rewrite maps and personas in one layout: the project's (DIR, default: here), or each FILE.

    Fields in the reference's order, two-space indentation, plain or double-quoted text,
    short lists on one line; comments, blank lines between entries, your own x- fields
    and Markdown bodies are kept. What the files mean never changes: files with errors
    are left as they are.
    """
    named = None if project_dir == Path(".") else project_dir
    run = app.fmt(paths, project_dir=named, check=check)
    for issue in run.issues:
        click.echo(str(issue))
    for path in run.changed:
        click.echo(f"{'would reformat' if check else 'formatted'} {path}")
    click.echo(_fmt_summary(run, check))
    fail_on_errors(run.issues)
    if check and run.changed:
        raise ContentError


def _fmt_summary(run: FormatRun, check: bool) -> str:
    files = len(run.changed)
    changed = f"{files} file{'' if files == 1 else 's'} " + ("would be reformatted" if check else "formatted")
    parts = [changed, f"{len(run.unchanged)} already formatted"]
    if run.left:
        parts.append(f"{len(run.left)} left as written (errors above)")
    if run.skipped:
        parts.append(f"{len(run.skipped)} skipped (warnings above)")
    return ", ".join(parts)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--theme", type=click.Choice(SITE_THEMES), default="mkdocs", show_default=True,
              help="The site's MkDocs theme (material needs the mkdocs-material package).")
def init(folder: Path, theme: str) -> None:
    """Create a journeys project in FOLDER (default: here): mkdocs.yml, a persona, a map,
    the CI workflow, the pre-commit hook, editor schemas and settings. Never overwrites a file."""
    from journeys.scaffold import AlreadyExists

    try:
        written = app.init(folder, theme=theme)
    except AlreadyExists as refused:
        not_overwritten(folder, refused)
    here = folder == Path(".")
    click.echo(f"created a journeys project {'here' if here else f'in {folder}'}:")
    for rel in written:
        click.echo(f"  {rel}")
    if theme == "material":
        click.echo(f'the material theme needs its package: pip install "{MATERIAL_REQUIREMENT}"')
    first = "" if here else f"cd {folder}, then "
    click.echo(f"next: {first}journeys validate, journeys serve")


@main.command("import")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(sorted(IMPORTERS)))
@click.argument("files", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@project_option
@click.option("--id", "map_id", metavar="ID", help="Write the imported map under this id (when FILE holds one map).")
def import_(format_name: str, files: tuple[Path, ...], project_dir: Path, map_id: str | None) -> None:
    """Write new maps (and personas) from other tools' files; validated, never over a file."""
    from journeys.scaffold import AlreadyExists

    try:
        run = app.import_files(project_dir, format_name, files, map_id=map_id)
    except AlreadyExists as refused:
        click.echo("an imported map can be written under another name with --id", err=True)
        not_overwritten(project_dir, refused)
    print_issues(run.issues, len(files), err=True)
    for rel in run.written:
        click.echo(f"wrote {project_dir / rel}")
    if not run.written:
        click.echo("nothing written", err=True)
    fail_on_errors(run.issues)


@main.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(sorted([*EXPORTERS, *FILE_EXPORTERS])))
@project_folder
@click.option("--map", "map_id", metavar="ID", help="Export only this map.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Write to this file (default: standard output); png and pdf: the folder for a file per map.")
@click.option("--rollup", type=click.Choice(ROLLUPS),
              help="csv only: the cross-map backlog of pain points or opportunities, one row each.")
@click.option("--scale", type=click.FloatRange(1, 8), metavar="N",
              help="png: pixels per diagram pixel (default 2).")
@click.option("--paper", type=click.Choice(sorted(PAPERS)), help="pdf: the paper size, landscape (default a4).")
@click.option("--combined", is_flag=True, default=None,
              help="pdf: every map in one journeys.pdf, with a contents page.")
def export(
    format_name: str, project_dir: Path, map_id: str | None, out: Path | None, rollup: str | None, **options: object
) -> None:
    """Write the project's valid maps in another tool's format, for other tools and people."""
    from journeys.formats.drawing import MissingExtra, log

    given = {name: value for name, value in options.items() if value is not None}
    try:
        with _warning_lines(log):
            run = app.export(project_dir, format_name, map_id=map_id, out=out, rollup=rollup, options=given)
    except MissingExtra as missing:
        raise NotFound(str(missing)) from None
    if run.checked.issues:
        print_issues(run.checked.issues, run.checked.files, err=True)
    fail_on_errors(run.checked.issues)
    if run.output is not None:
        click.echo(run.output, nl=False)
    elif run.files:
        for path in run.files:
            click.echo(f"wrote {path}", err=True)
    elif run.path is not None:
        click.echo(f"wrote {run.path}", err=True)


class _WarningLine(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


@contextlib.contextmanager
def _warning_lines(logger: logging.Logger) -> Iterator[None]:
    """What ``logger`` warns of (a PNG export's missing fonts), as ``warning: ...`` lines
    on standard error, and nowhere else, while the block runs."""
    handler, propagate = _WarningLine(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@main.group(cls=JourneysGroup)
def new() -> None:
    """Add a journey map or a persona, from a template (themes/<theme>/templates/new/ may override it)."""


@new.command("map")
@click.argument("map_id", metavar="ID")
@click.option("--persona", "personas", multiple=True, metavar="ID",
              help="A persona on the map (repeat for more; default: the project's only persona).")
@click.option("--title", help="The map's title (default: from the id).")
@click.option("--stages", metavar='"A,B,C"', help="Stage names, comma-separated (default: Before, During, After).")
@project_option
def new_map(map_id: str, personas: tuple[str, ...], title: str | None, stages: str | None, project_dir: Path) -> None:
    """Write maps/ID.yaml: a journey map with one step per stage, ready to fill in."""
    stage_names = None if stages is None else [name.strip() for name in stages.split(",") if name.strip()]
    _new(project_dir, lambda: app.new_map(project_dir, map_id, personas=personas, title=title, stages=stage_names))


@new.command("persona")
@click.argument("persona_id", metavar="ID")
@click.option("--name", help="The persona's name (default: from the id).")
@project_option
def new_persona(persona_id: str, name: str | None, project_dir: Path) -> None:
    """Write personas/ID.yaml: a persona, ready to fill in."""
    _new(project_dir, lambda: app.new_persona(project_dir, persona_id, name=name))


def _new(project_dir: Path, write: Callable[[], NewFile]) -> None:
    """Run a ``new`` command: the path written, or why nothing was."""
    from journeys.scaffold import AlreadyExists

    try:
        result = write()
    except AlreadyExists as refused:
        not_overwritten(project_dir, refused)
    if result.path is not None and result.written:
        click.echo(f"wrote {project_dir / result.path}")
        return
    print_issues(result.issues, 0, err=True)
    if result.path is not None:  # the template, not the configuration, gave the errors
        click.echo(f"error: {result.template} gives {result.path} these errors; nothing written", err=True)
    raise ContentError


def not_overwritten(folder: Path, refused: AlreadyExists) -> NoReturn:
    """Exit 1, naming every file in the way."""
    for rel in refused.paths:
        click.echo(f"error: {folder / rel} already exists", err=True)
    click.echo("nothing written: journeys never overwrites a file", err=True)
    raise ContentError


#: Builds this big get progress lines in a log; smaller ones finish before anyone reads them.
PROGRESS_FROM_PAGES = 200


class BuildProgress:
    """Shows how far ``journeys build`` is, on stderr, from its start.

    On a terminal one line is rewritten in place through every phase (validating,
    generating pages, writing pages) and cleared before anything else is printed.
    Elsewhere (a CI log, a file) no line is rewritten: builds of 200+ pages get a line
    per phase and per tenth of the pages written, smaller builds none.
    """

    def __init__(self, on_terminal: bool) -> None:
        self.on_terminal = on_terminal
        self.shown = ""
        self.tenths = 0
        self.large = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == VALIDATING and total:
            self.large = total >= PROGRESS_FROM_PAGES
            line = f"journeys: {total} files validated"
        elif phase == WRITING and total:
            self.large = total >= PROGRESS_FROM_PAGES
            line = f"journeys: pages written: {done}/{total}"
            tenth = done * 10 // total
            if not self.on_terminal and tenth == self.tenths and done != total:
                return
            self.tenths = tenth
        else:
            line = f"journeys: {phase}..."
        if self.on_terminal:
            click.echo("\r" + line.ljust(len(self.shown)), nl=False, err=True)
            self.shown = line
        elif self.large:
            click.echo(line, err=True)

    def clear(self) -> None:
        """Blank the progress line, so that what comes next starts on a clean line."""
        if self.shown:
            click.echo("\r" + " " * len(self.shown) + "\r", nl=False, err=True)
            self.shown = ""

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()
