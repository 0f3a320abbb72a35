"""The stylesheet and script the site adds to every MkDocs theme.

The diagram's colours are ``--journeys-*`` custom properties; without them it follows
the reader's *system* colour scheme. A site with its own light/dark switch must win
over that, so both variants of the diagram theme are bound here to the selectors the
supported MkDocs themes use: Material's ``default``/``slate`` schemes and the
``mkdocs`` theme's light/dark colour modes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from journeys.render.theme import load_theme
from journeys.site.templates import PACKAGE_THEMES

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.render.theme import Theme

SCHEME_SELECTORS = {
    "light": ('[data-md-color-scheme="default"]', '[data-bs-theme="light"]'),
    "dark": ('[data-md-color-scheme="slate"]', '[data-bs-theme="dark"]'),
}


def _asset(name: str) -> str:
    return (PACKAGE_THEMES / "default" / "assets" / name).read_text(encoding="utf-8")


def scheme_rules(theme: Theme) -> str:
    """``--journeys-*`` for each colour scheme (theme colours are validated ``#rrggbb``)."""
    rules = []
    for variant, selectors in SCHEME_SELECTORS.items():
        variables = "".join(
            f"  --journeys-{name.replace('_', '-')}: {value};\n" for name, value in theme.colours(variant).items()
        )
        rules.append(f"{', '.join(selectors)} {{\n{variables}}}\n")
    return "".join(rules)


@lru_cache(maxsize=4)
def _site_css(theme: Theme) -> str:
    return _asset("site.css") + "\n/* Colour schemes of the host theme (from theme.yaml) */\n" + scheme_rules(theme)


def site_css(settings: Settings) -> str:
    return _site_css(load_theme(settings))


def sort_js() -> str:
    """The site's one script: sorting of roll-up tables, the roll-up filters, then the
    diagram viewer of map pages."""
    return _asset("sort.js") + "\n" + _asset("filter.js") + "\n" + _asset("viewer.js")
