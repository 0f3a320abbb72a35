"""The Jinja2 environment for page bodies: autoescaping on, strict about undefined names.

Templates ship in the package (``journeys/themes/default/templates``) so a
pip-installed user has them; a project theme (``themes/<name>/templates`` next to
mkdocs.yml) overrides any of them by file name.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from journeys.model import format_score
from journeys.safety import absolute_href
from journeys.site.markdown import markdown_to_html

PACKAGE_THEMES = Path(__file__).resolve().parent.parent / "themes"


def theme_template_dirs(root: Path, theme: str) -> tuple[str, ...]:
    """Template folders, most specific first: the project's theme, then the default."""
    dirs = [root / "themes" / theme / "templates", PACKAGE_THEMES / theme / "templates"]
    dirs.append(PACKAGE_THEMES / "default" / "templates")
    return tuple(dict.fromkeys(str(d) for d in dirs if d.is_dir()))


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(template_dirs)),
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
    return env


def render(template_dirs: tuple[str, ...], name: str, **context: Any) -> str:
    return environment(template_dirs).get_template(name).render(**context)
