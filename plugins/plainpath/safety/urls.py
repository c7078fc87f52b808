"""Which link and image addresses may be published, judged the way a browser reads them.

A browser removes tabs and newlines from anywhere in a URL and control characters and spaces from
its ends before it looks at the scheme (WHATWG URL standard), and HTML has already decoded
character references by then. So ``java&#9;script:``, ``&#10;javascript:`` and ``\\x01javascript:``
are all ``javascript:`` links. We normalise the same way, then allow only a few schemes.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_STRIPPED_ANYWHERE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def normalise_url(url: str, *, decoded: bool = True) -> str:
    """``url`` as a browser sees it: references decoded, tab/LF/CR gone, ends trimmed of C0 and space."""
    text = url if decoded else html.unescape(url)
    text = _STRIPPED_ANYWHERE.sub("", text)
    return text.strip("".join(chr(code) for code in range(0x21)))


def url_scheme(url: str, *, decoded: bool = True) -> str:
    """The scheme a browser would use for ``url`` (lower case), or '' for a relative address."""
    match = _SCHEME.match(normalise_url(url, decoded=decoded))
    return match.group(1).lower() if match else ""


def is_safe_link(url: str, *, decoded: bool = True) -> bool:
    """True for relative addresses and ``https:``, ``http:``, ``mailto:`` and ``tel:`` links."""
    scheme = url_scheme(url, decoded=decoded)
    return scheme == "" or scheme in SAFE_SCHEMES


def is_site_file(url: str) -> bool:
    """True when ``url`` names a file of this site (no scheme, no other host): images must be."""
    text = normalise_url(url)
    return url_scheme(text) == "" and not text.startswith(("//", "\\\\", "/\\", "\\/"))
