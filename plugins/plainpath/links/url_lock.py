"""The published-URL lock: every public URL the site ever published, in a committed text file.

A build in which a locked URL is neither a page nor redirected fails, naming the URL and the
page it most likely became. New URLs are added when a build succeeds; none is ever removed, so
a link in an old letter or email keeps working. Writes are atomic.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from plainpath.translation.memory import write_atomically

HEADER = (
    "# Every URL this site has published. Written by the build; commit it.\n"
    "# A URL here must stay a page or get a redirect (mkdocs.yml, plainpath/links, redirects).\n"
)


@dataclass(frozen=True)
class LockedUrl:
    url: str
    line: int


def read_lock(path: Path) -> list[LockedUrl]:
    if not path.exists():
        return []
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if text and not text.startswith("#"):
            found.append(LockedUrl("" if text == "/" else text.lstrip("/"), number))
    return found


def write_lock(path: Path, urls: set[str]) -> bool:
    """Write the sorted URLs (``/`` for the home page); returns False when nothing changed."""
    text = HEADER + "".join(f"/{url}\n" for url in sorted(urls))
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomically(path, text)
    return True


def missing_urls(
    locked: list[LockedUrl], current: set[str], redirected: set[str], skipped_prefixes: set[str]
) -> list[tuple[LockedUrl, str]]:
    """Locked URLs this build would break, each with the likeliest new URL ('' if none)."""
    broken = []
    for entry in locked:
        if entry.url in current or entry.url in redirected:
            continue
        if any(entry.url.startswith(prefix) for prefix in skipped_prefixes):
            continue  # a language not built on this machine: warned about, not failed
        guess = difflib.get_close_matches(entry.url, sorted(current), n=1, cutoff=0.5)
        broken.append((entry, guess[0] if guess else ""))
    return broken
