"""Publishing: the site build and the live preview, over MkDocs or ProperDocs.

``engine`` is the one module that imports the site engine's build and server; ``site``
builds a site and swaps it into place; ``folders`` holds the rules for which folders a
build may replace; ``serve`` is the live preview. Nothing here prints or imports click:
problems are ``PublishError`` exceptions and progress goes to logging.
"""
