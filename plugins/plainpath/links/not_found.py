"""A 404 page per language, in that language, that works at any depth of the site.

MkDocs builds one ``404.html`` with absolute links. Each language's 404 page is generated as a
page (so it gets that language's interface words, search and home link through the normal
theme) and then its relative links are made absolute, because a server shows it at whatever
address was not found.
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urlsplit

from lxml import html as lxml_html

NOT_FOUND_SOURCE = """---
title: Page not found
lang: {code}
template: 404.html
readability: skip
search:
  exclude: true
---
"""


def absolute_links(page_html: str, page_url: str, site_path: str) -> str:
    """Turn every relative ``href``/``src`` of a page into a path from the site root.

    ``page_url`` is where the page lives (``es/404.html``); ``site_path`` the path of the site on
    its host (``/`` or ``/guidance/``).
    """
    folder = posixpath.dirname(page_url)
    tree = lxml_html.document_fromstring(page_html)

    def absolute(value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("/", "#", "data:")):
            return value
        joined = posixpath.normpath(posixpath.join(folder, parts.path)) if parts.path else page_url
        joined = "" if joined == "." else joined
        suffix = "/" if parts.path.endswith("/") and joined else ""
        return site_path + joined + suffix + (f"?{parts.query}" if parts.query else "") + (
            f"#{parts.fragment}" if parts.fragment else "")

    for element in tree.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value:
                element.set(attribute, absolute(value))
    config = tree.get_element_by_id("__config", None)
    if config is not None and config.text:
        data = json.loads(config.text)
        data["base"] = absolute(data.get("base") or ".").rstrip("/") + "/" if data.get("base") else site_path
        if data.get("search"):
            data["search"] = absolute(data["search"])
        config.text = json.dumps(data)
    result = lxml_html.tostring(tree, encoding="unicode", doctype="<!doctype html>")
    # Our per-language search script set base relative to the page: make it absolute too.
    return re.sub(r'd\.base="([^"]*)"', lambda m: f'd.base="{absolute(m.group(1))}"', result)
