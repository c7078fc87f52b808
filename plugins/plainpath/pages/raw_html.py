"""Raw HTML and link targets in editors' Markdown: only what we allow reaches a resident.

Markdown lets any HTML through, so a pasted ``<script>``, an ``onclick`` or a ``javascript:``
link would be published as is. Every page (and every flow body, and every translation that comes
back from a PO file) is checked here: HTML tags and attributes must be on an allowlist a council
can widen in ``mkdocs.yml``, and links may only use safe schemes. Event handlers and script URLs
are never allowed, whatever the configuration says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from plainpath.errors import EditorError, SourceLocation

ALLOWED_TAGS: dict[str, set[str]] = {
    "a": {"href", "title", "hreflang"}, "abbr": {"title"}, "b": set(), "br": set(), "code": set(),
    "del": set(), "details": {"open"}, "div": {"class"}, "em": set(), "i": set(), "ins": set(),
    "kbd": set(), "mark": set(), "p": set(), "s": set(), "small": set(), "span": {"class"},
    "strong": set(), "sub": set(), "summary": set(), "sup": set(), "u": set(), "ul": set(),
    "ol": {"start"}, "li": set(), "table": set(), "thead": set(), "tbody": set(), "tr": set(),
    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "caption": set(),
    "img": {"src", "alt", "width", "height"}, "figure": set(), "figcaption": set(),
}
ALLOWED_EVERYWHERE = {"lang", "dir", "id", "title"}
NEVER = {"script", "style", "object", "embed", "form", "input", "button", "base", "meta", "link"}
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_PARSER = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Unsafe:
    """One thing a page must not publish, with its line in the text checked."""

    line: int
    problem: str


def allowed_tags(extra: Mapping[str, Iterable[str]] | None = None) -> dict[str, set[str]]:
    """The default allowlist widened by a council's ``raw_html`` option (never past ``NEVER``)."""
    tags = {tag: set(attributes) for tag, attributes in ALLOWED_TAGS.items()}
    for tag, attributes in (extra or {}).items():
        if tag not in NEVER:
            tags.setdefault(tag, set()).update(attributes or [])
    return tags


def find_unsafe(markdown: str, tags: dict[str, set[str]] | None = None) -> list[Unsafe]:
    """Disallowed tags, attributes and link schemes in ``markdown``, with line numbers (from 1)."""
    tags = tags or ALLOWED_TAGS
    found: list[Unsafe] = []
    tokens = _PARSER.parse(markdown)
    for token in tokens:
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "html_block":
            found += _check_html(token.content, line, tags)
        for child in token.children or []:
            if child.type == "html_inline":
                found += _check_html(child.content, line, tags)
    # Link targets by pattern: markdown-it drops javascript: links, Python-Markdown keeps them.
    for number, text in enumerate(markdown.split("\n"), 1):
        for match in _LINK_TARGET.finditer(text):
            scheme = match.group("scheme").lower()
            if scheme not in SAFE_SCHEMES:
                found.append(Unsafe(number, f"the link to '{match.group('url')[:60]}' uses '{scheme}:', which is not allowed"))
    return sorted(found, key=lambda item: item.line)


_LINK_TARGET = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)(?P<url>(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):[^)\s>]*)")


def unsafe_in_html(html: str) -> list[str]:
    """Scripts, event handlers and script URLs in rendered HTML, whatever put them there."""
    problems = []
    for tag, attrs, _ in _parse(html):
        if tag == "script":
            problems.append("a <script> element")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"an '{name}' attribute on <{tag}>")
            elif name in ("href", "src", "action") and value and _scheme(value) in ("javascript", "vbscript"):
                problems.append(f"a '{_scheme(value)}:' link on <{tag}>")
    return problems


def _scheme(url: str) -> str:
    head = url.strip().split("/", 1)[0]
    return head.split(":", 1)[0].lower() if ":" in head else ""


def _parse(html: str) -> list[tuple[str, list[tuple[str, str | None]], int]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.found


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, attrs, self.getpos()[0]))

    handle_startendtag = handle_starttag


def _check_html(html: str, first_line: int, tags: dict[str, set[str]]) -> list[Unsafe]:
    problems = []
    for tag, attrs, offset in _parse(html):
        line = first_line + offset - 1
        if tag in NEVER or tag not in tags:
            problems.append(Unsafe(line, f"the HTML tag <{tag}> is not allowed"))
            continue
        for name, value in attrs:
            if name.startswith("on") or (name not in tags[tag] and name not in ALLOWED_EVERYWHERE):
                problems.append(Unsafe(line, f"the attribute '{name}' on <{tag}> is not allowed"))
            elif name in ("href", "src") and value and _scheme(value) in ("javascript", "vbscript", "data"):
                problems.append(Unsafe(line, f"<{tag} {name}=\"{value[:40]}\"> is not allowed"))
    return problems


def check_markdown(
    markdown: str, display_path: str, kind: str, first_line: int = 1,
    tags: dict[str, set[str]] | None = None,
) -> list[EditorError]:
    """Editor errors for everything unsafe in ``markdown``; ``first_line`` is its line in the file."""
    return [
        EditorError(
            kind, SourceLocation(display_path, first_line + item.line - 1),
            f"{item.problem}.",
            "Use Markdown instead (for example [text](page.md) for a link), or ask a developer "
            "to add the tag to 'raw_html' in mkdocs.yml if it is really needed.",
        )
        for item in find_unsafe(markdown, tags)
    ]
