"""The published site: page builders, templates and assets behind the MkDocs plugin.

Everything here reads the typed model and returns HTML that is safe by construction
(Jinja2 autoescaping, markdown-it-py with raw HTML off); ``journeys.plugin`` only
wires these builders into MkDocs' events.
"""
