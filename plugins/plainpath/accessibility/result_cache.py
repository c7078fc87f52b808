"""Gate results kept between runs: a page is checked again only when what the browser gets changed.

At 1,000 pages x 6 languages a full gate takes about an hour on 2 cores, for a one-word edit.
A page's result depends on its HTML, every stylesheet, script and picture it loads, the axe-core
version and the gate itself (its tags, rules, languages and the code of its checks), so the key
is a hash of all of them: change one paragraph and only the pages whose HTML changed are checked;
change the CSS and every page is. The cache is one JSON file CI can keep between runs; a corrupt
or foreign file is ignored (a full run), never trusted.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import posixpath
import re
from dataclasses import asdict
from pathlib import Path
from urllib.parse import unquote, urlsplit


from plainpath.accessibility.gate_result import PageResult
from plainpath.translation.memory import write_atomically

CACHE_VERSION = 2
# Where the checks live: a change to any of them is a change to the gate.
GATE_SOURCES = ("gate.py", "browser_checks.py", "axe_runner.py", "htmlcs_runner.py", "browser.py", "author_checks.py",
                "author_rules.py", "wording.py", "source_map.py")
_LOADING_TAG = re.compile(r"<(link|script|img|iframe|source|audio|video|image|use|svg:image)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def gate_fingerprint(axe_js: Path, settings: dict) -> str:
    """The hash of everything but the page: axe-core itself, the gate's settings and its code."""
    digest = hashlib.sha256()
    digest.update(f"plainpath-gate-cache {CACHE_VERSION}\n".encode())
    digest.update(axe_js.read_bytes())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    here = Path(__file__).parent
    for name in GATE_SOURCES:
        source = here / name
        digest.update(name.encode() + (source.read_bytes() if source.exists() else b"-"))
    return digest.hexdigest()


class PageKeys:
    """The cache key of each page of one built site. The stylesheets and scripts every page loads
    are read, hashed and searched for url(...) once per run, not once per page."""

    def __init__(self, site: Path, fingerprint: str) -> None:
        self.site = site
        self.fingerprint = fingerprint
        self._digests: dict[str, bytes] = {}
        self._css_links: dict[str, set[str]] = {}

    def key(self, page: str) -> str:
        """The hash of what the browser gets for ``page`` and of the gate that checks it."""
        html = _read(self.site / page)
        digest = hashlib.sha256(f"{self.fingerprint}\n{page}\n".encode())
        digest.update(hashlib.sha256(html).digest())
        for path in self.loaded_files(page, html):
            digest.update(path.encode() + b"\0" + self._digest(path))
        return digest.hexdigest()

    def loaded_files(self, page: str, html: bytes) -> list[str]:
        """Site-relative paths of the stylesheets, scripts and pictures ``page`` loads (and the
        files its stylesheets load), sorted; other hosts and ``data:`` URLs are not files of ours."""
        base = posixpath.dirname(page)
        wanted: list[str] = []
        # A scan of the tags, not a parse: at 6,000 pages a full parse was most of a cached run.
        # Tags inside inline scripts or comments only add files to the key, never drop one.
        for match in _LOADING_TAG.finditer(html.decode("utf-8", "replace")):
            tag = match.group(1).lower().split(":")[-1]
            attributes = {found.group(1).lower(): htmllib.unescape(next(v for v in found.groups()[1:] if v is not None))
                          for found in _ATTRIBUTE.finditer(match.group(2))}
            if tag == "link":
                if _LOADED_RELS & set(attributes.get("rel", "").lower().split()):
                    wanted.append(attributes.get("href", ""))
                continue
            wanted += [attributes.get("src", "")] if tag not in ("image", "use") else []
            wanted += [value for name, value in attributes.items() if name.endswith("href") and tag in ("image", "use")]
            wanted += [candidate.strip().split(" ")[0] for candidate in attributes.get("srcset", "").split(",")
                       if candidate.strip()]
        found = {path for path in (_site_path(base, link) for link in wanted if link) if path}
        for stylesheet in [path for path in found if path.endswith(".css")]:
            found |= self._loaded_by_css(stylesheet)
        return sorted(found)

    def _loaded_by_css(self, stylesheet: str) -> set[str]:
        if stylesheet not in self._css_links:
            text = _read(self.site / stylesheet).decode("utf-8", "replace")
            base = posixpath.dirname(stylesheet)
            self._css_links[stylesheet] = {path for path in (_site_path(base, link) for link in _CSS_URL.findall(text)) if path}
        return self._css_links[stylesheet]

    def _digest(self, path: str) -> bytes:
        if path not in self._digests:
            self._digests[path] = hashlib.sha256(_read(self.site / path)).digest()
        return self._digests[path]


def _site_path(base: str, link: str) -> str | None:
    parts = urlsplit(link.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)) if not parts.path.startswith("/")
                                else unquote(parts.path).lstrip("/"))
    return None if joined.startswith("..") else joined


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return b"\0missing"


def page_key(site: Path, page: str, fingerprint: str) -> str:
    """The key of one page, reading its files afresh (a whole site: use ``PageKeys``)."""
    return PageKeys(site, fingerprint).key(page)


class ResultCache:
    """Results by page and key, read from and written to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict] = {}
        self.ignored = ""  # why an existing file was not used, for the report
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("pages"), dict):
                raise ValueError("written by another version of the gate")
            self.entries = {page: entry for page, entry in data["pages"].items()
                            if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("result"), dict)}
        except FileNotFoundError:
            pass
        except (ValueError, OSError) as error:
            self.ignored = f"the cache file {path} could not be used ({error}); every page is checked"

    def get(self, page: str, key: str) -> PageResult | None:
        entry = self.entries.get(page)
        if entry is None or entry["key"] != key:
            return None
        try:
            return PageResult(**entry["result"])
        except TypeError:  # a field this version does not know: check the page again
            return None

    def put(self, page: str, key: str, result: PageResult) -> None:
        """Remember a result; a page whose check crashed is checked again next time."""
        if result.error:
            self.entries.pop(page, None)
        else:
            self.entries[page] = {"key": key, "result": asdict(result)}

    def keep_only(self, pages: set[str]) -> None:
        """Forget pages the site no longer has."""
        self.entries = {page: entry for page, entry in self.entries.items() if page in pages}

    def save(self) -> None:
        """Write the file atomically: a run stopped half-way leaves the previous cache whole."""
        write_atomically(self.path, json.dumps({"version": CACHE_VERSION, "pages": self.entries}, sort_keys=True))
