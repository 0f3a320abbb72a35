"""The ``journeys`` command line: thin click commands over the library.

Exit status: 0 when valid, 1 when the content has errors, 2 for usage errors (click).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import click

from journeys import __version__
from journeys.config import CONFIG_FILE, load_settings
from journeys.issues import has_errors, one_line
from journeys.loading.project import LoadResult, load_project
from journeys.reporting import FORMATS, format_issues, summary

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.issues import Issue

project_argument = click.argument(
    "project_dir",
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


class RevisionError(click.ClickException):
    """No git repository, or an unknown revision: a one-line message and exit 2, like a usage error."""

    exit_code = 2


class ContentError(click.ClickException):
    """The project's content or configuration has errors (already printed): exit 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        """The issues were printed as they were found; nothing more to say."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journeys")
def main() -> None:
    """Validate, draw and publish customer journey maps kept in git."""


def load_checked(project_dir: Path, *, strict: bool = False) -> tuple[Settings, LoadResult, list[Issue]]:
    """Settings, the loaded project and every issue (config issues first)."""
    settings, config_issues = load_settings(project_dir)
    result = load_project(settings)
    issues = config_issues + list(result.issues)
    if strict:
        issues = [dataclasses.replace(issue, severity="error") for issue in issues]
    return settings, result, issues


@main.command()
@project_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, github for Actions annotations.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--watch", is_flag=True, help="Keep running; re-validate on every change.")
@click.option("--max-age", type=click.IntRange(min=0), metavar="DAYS",
              help="Warn (stale-map) about maps whose last git commit is older than DAYS.")
def validate(project_dir: Path, fmt: str, strict: bool, watch: bool, max_age: int | None) -> None:
    """Check every persona and journey map in PROJECT_DIR (default: here)."""
    if watch:
        if max_age is not None:
            raise click.UsageError("--max-age checks git history once; it cannot be combined with --watch")
        if fmt != "text":
            raise click.UsageError("--watch prints text for people; --format json/github are for one-off runs")
        _watch(project_dir, strict)
        return
    settings, result, issues = load_checked(project_dir, strict=strict)
    if max_age is not None:
        issues = _with_freshness(issues, settings, result, max_age, strict=strict)
    output = format_issues(issues, fmt, result.files)
    if output:
        click.echo(output)
    if has_errors(issues):
        raise ContentError("invalid content")


def _with_freshness(
    issues: list[Issue], settings: Settings, result: LoadResult, max_age: int, *, strict: bool
) -> list[Issue]:
    """The issues plus a stale-map warning per map not committed for ``max_age`` days (git only)."""
    from journeys.history import stale_map_issues

    stale = stale_map_issues(settings.root, result.project.maps, max_age)
    if strict:
        stale = [dataclasses.replace(issue, severity="error") for issue in stale]
    return sorted(issues + stale, key=lambda issue: issue.sort_key())


@main.command()
@click.argument("base")
@click.argument("target", required=False)
@click.option("--project", "project_dir", default=".", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The project folder (where mkdocs.yml is), inside a git repository.")
@click.option("--format", "fmt", type=click.Choice(("markdown", "json")), default="markdown", show_default=True,
              help="markdown for a pull-request comment or job summary, json for tools.")
@click.option("--svg-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write <map>.svg per changed map: the new diagram with the old emotion line behind.")
def diff(base: str, target: str | None, project_dir: Path, fmt: str, svg_dir: Path | None) -> None:
    """What changed for the customer between git revisions BASE and TARGET (default: the working tree).

    Exit status 1 when TARGET's changed files have errors (printed on stderr).
    """
    from journeys.diff.command import run_diff
    from journeys.gitrepo import GitError

    try:
        run = run_diff(project_dir, base, target, fmt=fmt, svg_dir=svg_dir)
    except GitError as error:
        raise RevisionError(str(error)) from None
    if run.issues:
        click.echo(format_issues(run.issues, "text", run.files), err=True)
    click.echo(run.output, nl=False)
    if has_errors(run.issues):
        raise ContentError("invalid content")


@main.command()
@project_argument
@click.option("--map", "map_id", metavar="ID", help="Draw only this map.")
@click.option("--compare", is_flag=True, help="Draw each future-state map over its compares_to map (faded).")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the <map-id>.svg files.")
def render(project_dir: Path, map_id: str | None, compare: bool, out: Path) -> None:
    """Validate PROJECT_DIR, then write an SVG journey diagram per valid map."""
    from journeys.render.command import render_command

    render_command(project_dir, map_id, compare, out)


@main.command()
@project_argument
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the site goes (default: site_dir of mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Treat warnings (content and MkDocs) as errors.")
def build(project_dir: Path, site_dir: Path | None, strict: bool) -> None:
    """Validate PROJECT_DIR, then build its MkDocs site; the old site is replaced only on success."""
    from journeys.build import build_command

    build_command(project_dir, site_dir, strict)


@main.command()
@project_argument
@click.option("-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default: 127.0.0.1:8000).")
@click.option("--open", "open_in_browser", is_flag=True, help="Open the site in a browser.")
def serve(project_dir: Path, dev_addr: str | None, open_in_browser: bool) -> None:
    """Preview PROJECT_DIR's site; reloads on every change to maps, personas, themes and docs."""
    from journeys.build import serve_command

    serve_command(project_dir, dev_addr, open_in_browser)


def _watch(project_dir: Path, strict: bool) -> None:
    from journeys.watch import watch

    settings, _ = load_settings(project_dir)
    root = settings.root
    files = [0]

    def check() -> list[Issue]:
        _, result, issues = load_checked(project_dir, strict=strict)
        files[0] = result.files
        return issues

    def report(new: list[Issue], fixed: list[Issue], current: list[Issue]) -> None:
        for issue in new:
            click.echo(str(issue))
        for issue in fixed:
            click.echo(one_line(f"{issue.location}: fixed: {issue.message}"))
        click.echo(summary(current, files[0]))

    click.echo(f"watching {settings.maps_dir}/, {settings.personas_dir}/ and {CONFIG_FILE} (Ctrl+C stops)", err=True)
    try:
        watch([root / settings.maps_dir, root / settings.personas_dir, root / CONFIG_FILE], check, report)
    except KeyboardInterrupt:
        pass
