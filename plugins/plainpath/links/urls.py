"""Page paths and public URLs, computed the way MkDocs does with ``use_directory_urls``."""

from __future__ import annotations

import posixpath


def page_url(src_uri: str) -> str:
    """``parking/apply.md`` -> ``parking/apply/``; ``parking/index.md`` -> ``parking/``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def rule_url(path: str) -> str:
    """A redirect rule's side as a URL: a page (``x.md``) or a folder (``x/``)."""
    return page_url(path) if path.endswith(".md") else path.strip("/") + "/"


def relative(target: str, current: str) -> str:
    """A link from the page at URL ``current`` to URL ``target`` (both site-relative)."""
    start = current.rstrip("/") if current.endswith("/") else posixpath.dirname(current)
    link = posixpath.relpath(target.rstrip("/") or ".", start or ".")
    return link.rstrip("/") + "/" if target.endswith("/") or not target else link
