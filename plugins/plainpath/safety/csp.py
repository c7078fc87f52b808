"""The second wall: a Content-Security-Policy on every page, with the theme's inline scripts hashed.

If markup ever slipped past the HTML boundary, the browser would still refuse to run it: only the
theme's script files (same origin) and the inline scripts the build itself wrote (allowed one by
one by their SHA-256) may run. The policy also keeps residents' browsers from asking any other
host for anything (fonts, images, styles, connections), which is a promise of the site.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

import lxml.html
from markupsafe import escape

DIRECTIVES = (
    "default-src 'none'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme's icons are data: URLs in its CSS
    "font-src 'self'",
    "connect-src 'self'",  # the search index
    "worker-src 'self'",  # the search worker
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")


def inline_script_hashes(page_html: str) -> list[str]:
    """``'sha256-...'`` sources for every inline script a browser would run in ``page_html``."""
    root = lxml.html.document_fromstring(page_html)
    hashes = []
    for script in root.iter("script"):
        if script.get("src") is None and (script.get("type") or "").lower() in EXECUTABLE_TYPES:
            digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy(hashes: Iterable[str]) -> str:
    """The policy text allowing the given inline-script hashes and nothing from other hosts."""
    sources = "".join(f" {source}" for source in sorted(set(hashes)))
    return "; ".join(DIRECTIVES).format(hashes=sources)


def with_policy(page_html: str) -> tuple[str, list[str]]:
    """``page_html`` with a CSP ``<meta>`` first in its ``<head>``, and the hashes it allows.

    The meta must come before any script, so it goes straight after the ``<head>`` tag the theme
    writes; a page without one (not our theme) is returned unchanged.
    """
    hashes = inline_script_hashes(page_html)
    head = page_html.find("<head>")
    if head < 0:
        return page_html, hashes
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{escape(policy(hashes))}">'
    at = head + len("<head>")
    return page_html[:at] + meta + page_html[at:], hashes


class SitePolicy:
    """The policy of every page of one build, and the union of hashes for a server header."""

    def __init__(self) -> None:
        self.hashes: set[str] = set()

    def protect(self, page_html: str) -> str:
        """``page_html`` with its own policy; its hashes join the site-wide header's."""
        protected, hashes = with_policy(page_html)
        self.hashes.update(hashes)
        return protected

    def header(self) -> str:
        """The policy for a ``Content-Security-Policy`` header valid for every page of the site."""
        return policy(self.hashes)
