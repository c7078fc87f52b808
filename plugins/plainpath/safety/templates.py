"""Escape by default in the theme: every value a template prints is text unless we say it is HTML.

MkDocs builds its Jinja2 environment without autoescaping, so a page title, a summary or an owner
from front matter (or a PO file) is printed into the navigation, ``<title>`` and ``<meta>`` as
raw HTML. We switch autoescaping on and mark as HTML only what MkDocs and the sanitiser have
already produced as HTML: the page body and the table of contents.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2
from markupsafe import Markup
from mkdocs.structure.pages import Page


def escape_by_default(env: jinja2.Environment) -> jinja2.Environment:
    """Turn autoescaping on for every template the theme renders from now on."""
    env.autoescape = True
    return env


def mark_page_html(page: Page) -> None:
    """Tell the templates that the body and the heading titles are HTML already (and checked)."""
    if page.content is not None:
        page.content = Markup(page.content)
    _mark_toc(page.toc or [])


def _mark_toc(items: Iterable) -> None:
    """Python-Markdown gives heading titles as escaped HTML; print them as such, once."""
    for item in items:
        item.title = Markup(item.title)
        _mark_toc(item.children)
