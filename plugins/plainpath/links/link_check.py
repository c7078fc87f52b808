"""Every internal link and anchor of the built site resolves, in every language.

MkDocs checks links between Markdown files; it cannot see links in generated pages (flows,
translations) or check anchors across languages. This runs over the built HTML: each link in a
page's content must reach a file, and its ``#anchor`` an element with that id. A broken link is
reported against the file an editor can fix, with the line where the link is written.
"""

from __future__ import annotations

import posixpath
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
        self._ids: dict[Path, set[str]] = {}

    def check_page(self, page_url: str, html_file: Path) -> list[BrokenLink]:
        tree = lxml_html.parse(str(html_file))
        content = tree.xpath('//*[@id="main-content"]') or tree.xpath("//body")
        broken = []
        for element in content[0].iter("a") if content else []:
            href = element.get("href")
            if not href or href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # another site: not ours to check offline
            problem, target = self._resolve(page_url, html_file, parts.path, unquote(parts.fragment))
            if problem:
                broken.append(BrokenLink(page_url, href, target, problem))
        return broken

    def _resolve(self, page_url: str, html_file: Path, path: str, fragment: str) -> tuple[str, str]:
        base = html_file.parent
        if path:
            joined = posixpath.normpath(posixpath.join(str(base.relative_to(self.site_dir)), path))
            if joined.startswith(".."):
                return "it points outside the site", path
            target_path = self.site_dir / joined
            if target_path.is_dir():
                target_path = target_path / "index.html"
        else:
            target_path = html_file
        target = target_path.relative_to(self.site_dir).as_posix().removesuffix("index.html")
        if not target_path.exists():
            return "there is no page there", target
        if fragment and target_path.suffix == ".html" and fragment not in self._ids_of(target_path):
            return f"the page has no section '#{fragment}'", f"{target}#{fragment}"
        return "", target

    def _ids_of(self, path: Path) -> set[str]:
        if path not in self._ids:
            tree = lxml_html.parse(str(path))
            self._ids[path] = {str(value) for value in tree.xpath("//@id")} | {
                str(value) for value in tree.xpath("//a/@name")
            }
        return self._ids[path]


def source_line(source: str, broken: BrokenLink) -> int | None:
    """The line of the editor's file where the broken link is written, when it can be found."""
    fragment = broken.target.partition("#")[2]
    path_hint = posixpath.basename(broken.target.partition("#")[0].rstrip("/"))
    for needle in filter(None, [f"#{fragment}" if fragment else "", path_hint]):
        for number, line in enumerate(source.split("\n"), 1):
            if needle in line and ("](" in line or "href" in line or "next:" in line):
                return number
    return None
