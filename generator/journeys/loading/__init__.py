"""The project reader: the one way journeys reads a project's personas and maps.

Entry points:

- a folder on disk: :func:`journeys.loading.project.load_project` (``validate``,
  ``build``, ``render``; with a :class:`~journeys.loading.project.ParseCache` for
  ``serve``, which re-parses only the files that changed);
- a git revision and the working tree:
  :func:`journeys.loading.snapshots.revision_snapshot` and
  :func:`journeys.loading.snapshots.working_tree_snapshot` (``diff``), listed first and
  read only where a caller needs the bytes.

Each rule exists once, so every entry point refuses a file for the same reason in the
same words: discovery and the id rules in :mod:`~journeys.loading.sources`, the size
cap and the inside-the-project check in :mod:`~journeys.loading.files`, safe YAML with
positions in :mod:`~journeys.loading.yamltree`, front matter in
:mod:`~journeys.loading.frontmatter`; the ``journeys`` block of mkdocs.yml, with the same
limits, in :mod:`~journeys.loading.mkdocs_yml`.

Nothing is imported here: :mod:`journeys.validation` imports the id rules while the
loaders import validation, and importing the package must not start that cycle.
"""
