"""The click side of ``journeys build`` and ``journeys serve``, over ``journeys.publish``.

The publishing itself (the atomic site build, the site-folder rules, the live preview)
is the ``journeys.publish`` package; these commands move to the command-line layer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from journeys.publish.folders import PublishError as SiteBuildError
from journeys.publish.serve import serve_site
from journeys.publish.site import Progress, build_site, mkdocs_logging


def _progress_printer() -> Progress:
    """Prints ``pages written: 300/1100`` at each tenth of a build of 200+ pages."""
    import click

    shown = [0]

    def show(done: int, total: int) -> None:
        if total < PROGRESS_FROM_PAGES:
            return
        tenth = done * 10 // total
        if tenth > shown[0] or done == total:
            shown[0] = tenth
            click.echo(f"journeys: pages written: {done}/{total}", err=True)

    return show


#: Smaller sites build in a moment; progress lines would only be noise.
PROGRESS_FROM_PAGES = 200


def build_command(project_dir: Path, site_dir: Path | None, strict: bool) -> None:
    """``journeys build``: the exit codes of ``validate`` (1 for content or build errors)."""
    import click

    from journeys.cli import ContentError, load_checked
    from journeys.issues import has_errors
    from journeys.reporting import format_issues

    _, result, issues = load_checked(project_dir, strict=strict)
    if issues:
        click.echo(format_issues(issues, "text", result.files), err=True)
    if has_errors(issues):
        raise ContentError("invalid content")
    with mkdocs_logging(logging.WARNING):
        try:
            target = build_site(
                project_dir, site_dir=site_dir, strict=strict, validated=result, progress=_progress_printer()
            )
        except SiteBuildError as error:
            click.echo(f"error: {error}", err=True)
            raise ContentError(str(error)) from None
    click.echo(f"site built in {target}", err=True)


def serve_command(project_dir: Path, dev_addr: str | None, open_in_browser: bool) -> None:
    import click

    with mkdocs_logging(logging.INFO):
        try:
            serve_site(project_dir, dev_addr, open_in_browser)
        except SiteBuildError as error:
            raise click.ClickException(str(error)) from None
