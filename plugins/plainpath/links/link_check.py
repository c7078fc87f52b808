"""Every internal link and anchor of the built site resolves, in every language.

MkDocs checks links between Markdown files; it cannot see links in generated pages (flows,
translations) or check anchors across languages. This runs over the built HTML: each link in a
page's content must reach a file, and its ``#anchor`` an element with that id. A broken link is
reported against the file an editor can fix, with the line where the link is written.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html


@dataclass(frozen=True)
class BrokenLink:
    page_url: str  # the built page, e.g. "es/parking/apply/"
    href: str
    target: str  # where it points, site-relative, with any anchor
    problem: str


class SiteLinks:
    """Links and ids of the built HTML pages, read once."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._ids: dict[str, set[str]] = {}

    def check_page(self, page_url: str, html_file: Path) -> list[BrokenLink]:
        tree = lxml_html.parse(str(html_file))
        content = tree.xpath('//*[@id="main-content"]') or tree.xpath("//body")
        where = html_file.relative_to(self.site_dir).as_posix()
        return self.check_content(page_url, where, content[0] if content else None)

    def check_content(self, page_url: str, where: str, content) -> list[BrokenLink]:
        """Broken links in ``content`` (an lxml element) of the page written at ``where``
        (site-relative, like ``parking/apply/index.html``)."""
        broken = []
        for element in content.iter("a") if content is not None else []:
            href = element.get("href")
            if not href or href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # another site: not ours to check offline
            problem, target = self._resolve(where, unquote(parts.path), unquote(parts.fragment))
            if problem:
                broken.append(BrokenLink(page_url, href, target, problem))
        return broken

    def _resolve(self, where: str, path: str, fragment: str) -> tuple[str, str]:
        if path:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(where), path))
            if joined.startswith(".."):
                return "it points outside the site", path
            target_path = joined.removeprefix("./") if joined != "." else ""
            if self._is_folder(target_path):
                target_path = posixpath.join(target_path, "index.html") if target_path else "index.html"
        else:
            target_path = where
        target = target_path.removesuffix("index.html")
        if not self._exists(target_path):
            return "there is no page there", target
        ids = self._ids_of(target_path) if fragment and target_path.endswith(".html") else None
        if ids is not None and fragment not in ids:
            return f"the page has no section '#{fragment}'", f"{target}#{fragment}"
        return "", target

    def _is_folder(self, path: str) -> bool:
        return (self.site_dir / path).is_dir()

    def _exists(self, path: str) -> bool:
        return (self.site_dir / path).exists()

    def _ids_of(self, path: str) -> set[str]:
        if path not in self._ids:
            self._ids[path] = ids_in(lxml_html.parse(str(self.site_dir / path)))
        return self._ids[path]


class ModelLinks(SiteLinks):
    """The same check before anything is written (``plainpath check``): the site's files by
    their output path, and each converted page's HTML body."""

    def __init__(self, outputs: set[str], bodies: dict[str, str]) -> None:
        super().__init__(Path("."))
        self.outputs = outputs
        self.bodies = bodies
        self.folders = {posixpath.dirname(path) for path in outputs}

    def _is_folder(self, path: str) -> bool:
        return path == "" or path in self.folders and path not in self.outputs

    def _exists(self, path: str) -> bool:
        return path in self.outputs

    def _ids_of(self, path: str) -> set[str] | None:
        """None for a page not converted here (generated or translated): not checked."""
        if path not in self.bodies:
            return None
        if path not in self._ids:
            self._ids[path] = ids_in(lxml_html.fromstring(f"<div>{self.bodies[path] or ''}</div>"))
        return self._ids[path]


def ids_in(tree) -> set[str]:
    return {str(value) for value in tree.xpath("//@id")} | {str(value) for value in tree.xpath("//a/@name")}


# Where a link's target is written: Markdown "](target", HTML href="target", a flow's "next: step".
_TARGETS = re.compile(r"\]\((?P<md><[^>]*>|[^)\s]+)|href=[\"'](?P<href>[^\"']+)|next:\s*(?P<next>\S+)")


def source_position(source: str, broken: BrokenLink) -> tuple[int, int, str] | None:
    """The line and column of the editor's file where the broken link's target is written, and
    the target as the editor wrote it ("who.md#nowhere", not the built "../who/#nowhere"), when
    it can be found."""
    fragment = broken.target.partition("#")[2]
    path_hint = posixpath.basename(broken.target.partition("#")[0].rstrip("/"))
    for needle in filter(None, [f"#{fragment}" if fragment else "", path_hint]):
        for number, line in enumerate(source.split("\n"), 1):
            for match in _TARGETS.finditer(line):
                group = next(name for name in ("md", "href", "next") if match.group(name) is not None)
                if needle in match.group(group):
                    return number, match.start(group) + 1, match.group(group)
    return None
