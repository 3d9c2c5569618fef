"""Hooks that courses declares for the apps above it (register with `wagtail.hooks.register`).

- ``sse_header_links``: ``fn(context) -> str`` (safe HTML), links in the site header's
  main navigation, in ``order``. Community, the dashboard and notifications add theirs.
- ``sse_header_tools``: ``fn(context) -> str`` (safe HTML), shown after the navigation
  (the language switcher).

The layout (``sse_courses/layout.html``) renders them with ``{% sse_hook %}``; a host that
overrides the layout may render them too, or not.
"""

HEADER_LINKS = "sse_header_links"
HEADER_TOOLS = "sse_header_tools"
