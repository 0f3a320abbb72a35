"""The Jinja2 environment for page bodies: autoescaping on, strict about undefined names.

Templates ship in the package (``journeys/themes/default/templates``) so a
pip-installed user has them; a project theme (``themes/<name>/templates`` next to
mkdocs.yml) overrides any of them by file name.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from journeys.loading.files import is_inside
from journeys.model import format_score
from journeys.render.theme import TEMPLATES_DIR, usable_theme_folder
from journeys.safety import absolute_href
from journeys.site.markdown import markdown_to_html
from journeys.site.metrics import metric_groups

if TYPE_CHECKING:
    from collections.abc import Callable

    from journeys.labels import Labels

PACKAGE_THEMES = Path(__file__).resolve().parent.parent / "themes"


def theme_template_dirs(root: Path, theme: str) -> tuple[str, ...]:
    """Template folders, most specific first: the project's theme, then the default.

    A theme folder that leads outside the project is left out (validation reports it).
    """
    folder = usable_theme_folder(root, theme)
    dirs = [folder / TEMPLATES_DIR] if folder is not None else []
    dirs.append(PACKAGE_THEMES / "default" / TEMPLATES_DIR)
    return tuple(dict.fromkeys(str(d) for d in dirs if d.is_dir()))


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Templates of one folder ``<themes>/<name>/templates`` that stay inside the folder
    holding ``<themes>`` (the project, or the package): a template that is a symlink
    leading elsewhere is not found here, so the next folder's template is used."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.within = Path(folder).parents[2]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not is_inside(Path(filename), self.within):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


def theme_loader(template_dirs: tuple[str, ...]) -> jinja2.BaseLoader:
    """The templates of ``template_dirs``, most specific first, each confined as above
    (the page templates, and those ``journeys new`` writes files from)."""
    return jinja2.ChoiceLoader([_ConfinedLoader(folder) for folder in template_dirs])


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[str, ...], labels: Labels) -> jinja2.Environment:
    """The templates of ``template_dirs``, writing ``labels`` (the global ``labels``:
    ``labels("owner")``, ``labels.count("n_steps", 3)``, ``labels.date(day)``)."""
    env = jinja2.Environment(
        loader=theme_loader(template_dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["markdown"] = lambda text: Markup(markdown_to_html(text or ""))
    env.filters["score"] = format_score
    # Evidence is a link or plain words: only an absolute http(s)/mailto URL is linked.
    env.filters["evidence_href"] = absolute_href
    env.filters["metric_groups"] = lambda journey: metric_groups(journey, labels)
    # A global, so that macros imported from other templates have it too.
    env.globals["labels"] = labels
    return env


def render(template_dirs: tuple[str, ...], name: str, labels: Labels, **context: Any) -> str:
    return environment(template_dirs, labels).get_template(name).render(**context)
