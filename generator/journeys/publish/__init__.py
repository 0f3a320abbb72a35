"""Publishing: the site build and the live preview, over MkDocs or ProperDocs.

``engine`` is the one module that imports the site engine's build and server; ``site``
builds a site and swaps it into place; ``folders`` holds the rules for which folders a
build may replace; ``serve`` is the live preview. Nothing here prints or imports click:
problems are ``PublishError`` exceptions and progress goes to logging.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(phase, done, total)``: how far a build is. The phases, in order:
#: ``validating`` (total: files, once done), ``generating pages`` (no counts) and
#: ``writing pages`` (called after every page). The command line shows it; the library
#: only reports it.
Progress = Callable[[str, int, int], None]

VALIDATING, GENERATING, WRITING = "validating", "generating pages", "writing pages"
