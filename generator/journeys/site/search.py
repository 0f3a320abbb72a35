"""Which search answers the theme's search box, and what every search is given to read.

The ``search`` option of the journeys block chooses: ``pagefind`` (the default) or
``mkdocs``. The header search box is the theme's own, and a theme draws it only when
the site lists a search plugin (``search``, which Material resolves to its own), so
with ``pagefind`` that plugin stays listed but is relieved of its work: it no longer
indexes pages (a third of a build at a thousand maps), the theme's script no longer
downloads its index on every page, and ``search.js`` answers the theme's box from
the Pagefind index that :mod:`journeys.publish.pagefind` builds after the site.
A site without a search plugin has no search box, and journeys adds no search.

Pagefind's facets (its filters) are read from the model, not from the page templates,
so a project's own copy of ``map.html`` keeps them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeys.model import LEVELS, MAP_STATES, MAP_STATUSES
from journeys.site import urls
from journeys.site.templates import PACKAGE_THEMES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

    from journeys.labels import Labels
    from journeys.model import JourneyMap, Persona, Project

#: A page's facets: facet name -> its values (search.js offers them in this order).
Facets = dict[str, list[str]]

PAGEFIND, MKDOCS = "pagefind", "mkdocs"
SEARCH_JS = f"{urls.ASSET_DIR}/search.js"
SEARCH_CSS = f"{urls.ASSET_DIR}/search.css"

#: The packages of the search plugins whose box Pagefind can answer.
_SEARCH_PLUGIN_MODULES = ("mkdocs.contrib.search", "properdocs.contrib.search", "material.plugins.search")
#: The search plugin's work that Pagefind replaces (its ``on_config`` has run by then;
#: ``serve`` and the rest stay, so the plugin still behaves as listed).
_INDEXING_EVENTS = ("pre_build", "page_context", "post_build")
#: The built-in plugin's script, which downloads the whole index on every page.
_BUILTIN_SCRIPT = "search/main.js"
#: Material fetches its index for a form of this name; without it, its search stays idle.
_MATERIAL_FORM = '<form class="md-search__form" name="search">'
#: Material's lunr languages and segmenters (about 1 MB), which only its search worker
#: loads, and only when given an index.
_MATERIAL_LUNR = "assets/javascripts/lunr/"

#: The end of a label cell directly followed by its value's cell.
_LABEL_END = re.compile(r"</(dt|th)>(?=<)")


def separate_labels(html: str) -> str:
    """``html`` with a space after each label cell (``<dt>``, ``<th>``) that a value
    follows directly: search plugins take text as the markup runs, so they read
    ``TouchpointParcel locker``; a browser ignores the space between cells."""
    return _LABEL_END.sub(r"</\1> ", html)


def map_facets(journey: JourneyMap, project: Project) -> Facets:
    """What a stakeholder narrows map results by: persona, stage, channel, state,
    status, tag and the severity of its pain points."""
    steps = [step for _, step in journey.steps()]
    facets: dict[str, list[str]] = {
        "persona": [persona.name if (persona := project.persona(pid)) else pid for pid in journey.personas],
        "stage": [stage.name for stage in journey.stages],
        "channel": [step.channel for step in steps if step.channel],
        "state": [journey.state],
        "status": [journey.status],
        "tag": list(journey.tags),
        "severity": [pain.severity for step in steps for pain in step.pain_points if pain.severity],
    }
    return {name: list(dict.fromkeys(values)) for name, values in facets.items() if values}


def persona_facets(persona: Persona) -> Facets:
    """A persona's page is found under its own name and its tags: a reader narrowing
    the results to a persona expects the page about them among the maps they are on."""
    facets = {"persona": [persona.name], "tag": list(dict.fromkeys(persona.tags))}
    return {name: values for name, values in facets.items() if values}


def search_plugins(config: MkDocsConfig) -> list[BasePlugin]:
    """The site's search plugins (the built-in one, or Material's)."""
    return [plugin for plugin in config.plugins.values() if type(plugin).__module__.startswith(_SEARCH_PLUGIN_MODULES)]


def pagefind_answers(mode: str, config: MkDocsConfig) -> bool:
    """Pagefind answers the search box: chosen, and there is a box (a search plugin)."""
    return mode == PAGEFIND and bool(search_plugins(config))


def hand_search_box_to_pagefind(config: MkDocsConfig) -> None:
    """Relieve the site's search plugins of indexing and its scripts of loading their
    index; add journeys' search script and style. Runs after the plugins' ``on_config``."""
    plugins = set(map(id, search_plugins(config)))
    for event in _INDEXING_EVENTS:
        handlers = config.plugins.events[event]
        handlers[:] = [handler for handler in handlers if id(getattr(handler, "__self__", None)) not in plugins]
    if _BUILTIN_SCRIPT in [str(script) for script in config.extra_javascript]:
        config.extra_javascript[:] = [script for script in config.extra_javascript if str(script) != _BUILTIN_SCRIPT]
    for name, assets in ((SEARCH_CSS, config.extra_css), (SEARCH_JS, config.extra_javascript)):
        if name not in [str(asset) for asset in assets]:
            assets.append(name)


def drop_unused_search_files(files: Files, config: MkDocsConfig) -> None:
    """Keep out of the site the search files nothing loads once Pagefind answers: the
    built-in plugin's ``search/`` scripts (its ``on_config`` adds its ``templates``
    folder to the theme, whose files every site gets) and Material's lunr languages.
    Material's worker stays: its bundle starts the worker on every page, index or not."""
    plugin_folders = {
        str(Path(str(sys.modules[type(plugin).__module__].__file__)).parent / "templates")
        for plugin in search_plugins(config)
    }
    theme_folders = set(config.theme.dirs)
    for file in list(files):
        material_lunr = file.src_dir in theme_folders and file.dest_uri.startswith(_MATERIAL_LUNR)
        if file.src_dir in plugin_folders or material_lunr:
            files.remove(file)


def quiet_theme_search(output: str) -> str:
    """A written page whose theme search will not load an index of its own (Material's
    reads its index for the form named ``search``; search.js finds the form by class)."""
    return output.replace(_MATERIAL_FORM, '<form class="md-search__form">', 1)


#: The search box's facets, each with the label of its name, in the order search.js offers them.
_FACET_LABELS = (
    ("persona", "persona"),
    ("stage", "stage"),
    ("channel", "channel"),
    ("state", "state"),
    ("status", "status"),
    ("tag", "tag"),
    ("severity", "severity_facet"),
)
#: Facets whose values are the format's words (``current``, ``draft``, ``high``): each
#: value is shown as the label ``<prefix><value>``.
_VALUE_LABELS = {"state": ("state_", MAP_STATES), "status": ("status_", MAP_STATUSES), "severity": ("level_", LEVELS)}
#: The search box's own sentences.
_SENTENCES = (
    "search_needs_server", "search_type", "search_failed", "search_narrow", "search_any", "search_loading",
    "search_none", "search_showing", "search_results_one", "search_results_other",
)  # fmt: skip
_WORDS = "/*journeys:words*/{}"


def search_words(labels: Labels) -> dict[str, object]:
    """What search.js says, in the site's language."""
    values = {
        facet: {value: labels(prefix + value) for value in chosen} for facet, (prefix, chosen) in _VALUE_LABELS.items()
    }
    return {
        "facets": [[facet, labels(key)] for facet, key in _FACET_LABELS],
        "values": values,
        **{key: labels(key) for key in _SENTENCES},
    }


def search_assets(labels: Labels) -> dict[str, str]:
    """The search script (speaking the site's language) and style, by site path."""
    folder = PACKAGE_THEMES / "default" / "assets"
    assets = {uri: (folder / uri.rsplit("/", 1)[1]).read_text(encoding="utf-8") for uri in (SEARCH_JS, SEARCH_CSS)}
    # JSON is a JavaScript expression; ensure_ascii keeps U+2028 and U+2029 out of the script.
    assets[SEARCH_JS] = assets[SEARCH_JS].replace(_WORDS, "/*journeys:words*/" + json.dumps(search_words(labels)), 1)
    return assets
