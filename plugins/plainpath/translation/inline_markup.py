"""Inline Markdown <-> tagged text, so engines translate words and never touch links or code.

A segment such as ``Read [who can apply](apply.md) and **bring** `EB-1`.`` goes to an engine as
``Read <a id="1">who can apply</a> and <b id="2">bring</b> <x id="3"></x>.``: link targets and
code are kept aside by id and put back afterwards; a picture's alt text is translated inside
``<m id="4">…</m>``. A translation that loses, repeats or invents a
tag is rejected, so "the same links, the same code" is checked on every segment.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_INLINE = MarkdownIt("commonmark")
# Every link is a link here, "javascript:" ones too: Python-Markdown publishes them as links, so
# a translation that adds one must count as a changed link (and be refused with its PO line).
_INLINE.validateLink = lambda url: True
_WRAPPING = {"strong": "b", "em": "i", "link": "a"}
_MARKDOWN_SPECIALS = "\\`*_[]<>|{}"  # braces: attr_list's "{: href=...}" must stay words
_BLOCK_MARKERS = ("#", "-", "+", "!!!")  # a heading, list item, rule or admonition at a line start
_NUMBERED = re.compile(r"(\d+)[.)](\s|$)")  # a numbered list item: its dot is escaped


class MarkupMismatch(ValueError):
    """A translation whose tags do not match its source's (lost, repeated or unknown)."""


@dataclass
class Tagged:
    """A segment as an engine sees it, plus what was kept aside to rebuild its Markdown."""

    text: str
    kept: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def has_markup(self) -> bool:
        return bool(self.kept)


def to_tagged(markdown_inline: str) -> Tagged:
    """Turn inline Markdown into engine text; returns what is needed to turn it back."""
    tagged = Tagged("")
    parts: list[str] = []
    stack: list[str] = []
    tokens = _INLINE.parseInline(markdown_inline)[0].children or []
    skip_until_close = False
    for token in tokens:
        kind = token.type
        if skip_until_close:
            skip_until_close = kind != "link_close"
            continue
        if kind == "text":
            parts.append(html.escape(token.content, quote=False))
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":  # its alt text is words a reader hears: translated like link text
            ident = str(len(tagged.kept) + 1)
            tagged.kept[ident] = ("m", _opening_data(token))
            parts.append(f'<m id="{ident}">{html.escape(token.content, quote=False)}</m>')
        elif kind.endswith("_open") and kind[:-5] in _WRAPPING and token.markup != "autolink":
            ident = str(len(tagged.kept) + 1)
            tag = _WRAPPING[kind[:-5]]
            tagged.kept[ident] = (tag, _opening_data(token))
            stack.append(ident)
            parts.append(f'<{tag} id="{ident}">')
        elif kind.endswith("_close") and kind[:-6] in _WRAPPING and token.markup != "autolink":
            parts.append(f"</{_WRAPPING[kind[:-6]]}>")
            stack.pop()
        else:
            ident = str(len(tagged.kept) + 1)
            tagged.kept[ident] = ("x", _source_of(token))
            parts.append(f'<x id="{ident}"></x>')
            skip_until_close = kind == "link_open"
    tagged.text = "".join(parts)
    return tagged


def _opening_data(token) -> str:
    if token.type in ("link_open", "image"):
        href = token.attrGet("href") or token.attrGet("src") or ""
        title = token.attrGet("title")
        if not title:
            return href
        escaped = title.replace("\\", "\\\\").replace('"', '\\"')  # read back as the same title
        return f'{href} "{escaped}"'
    return token.markup


def _source_of(token) -> str:
    """Markdown source of a token kept whole (code, image, raw HTML, autolink)."""
    if token.type == "code_inline":
        fence = token.markup
        pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
        return f"{fence}{pad}{token.content}{pad}{fence}"
    if token.type == "link_open" and token.markup == "autolink":
        return f"<{token.attrGet('href')}>"
    if token.type == "image":
        return f"![{token.content}]({token.attrGet('src')})"
    return token.content


def from_tagged(engine_text: str, tagged: Tagged) -> str:
    """Rebuild Markdown from an engine's tagged output; raises MarkupMismatch if tags differ."""
    builder = _Rebuilder(tagged)
    builder.feed(engine_text)
    builder.close()
    return builder.result()


def plain_text(markdown_inline: str) -> str:
    """The words a reader sees, without markup (for scoring and for engines without tags)."""
    tagged = to_tagged(markdown_inline)
    return html.unescape(_strip_tags(tagged.text))


def escape_markdown(text: str) -> str:
    """Make engine text literal in Markdown, so it cannot create links, emphasis or HTML."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIALS else char for char in text)


def _strip_tags(text: str) -> str:
    collector = _TextOnly()
    collector.feed(text)
    collector.close()
    return "".join(collector.parts)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


class _Rebuilder(HTMLParser):
    """Walks the engine's output, checking every tag against what the source had."""

    def __init__(self, tagged: Tagged) -> None:
        super().__init__(convert_charrefs=True)
        self.tagged = tagged
        self.seen: set[str] = set()
        self.frames: list[tuple[str, str, list[str]]] = [("", "", [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id") or ""
        expected = self.tagged.kept.get(ident)
        if expected is None or expected[0] != tag or ident in self.seen:
            raise MarkupMismatch(f"unexpected <{tag} id='{ident}'> in the translation")
        self.seen.add(ident)
        if tag == "x":
            self.frames[-1][2].append(expected[1])
        else:
            self.frames.append((tag, ident, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "x":
            return
        if len(self.frames) < 2 or self.frames[-1][0] != tag:
            raise MarkupMismatch(f"</{tag}> closes nothing in the translation")
        tag, ident, parts = self.frames.pop()
        inner = "".join(parts)
        self.frames[-1][2].append(_wrap(tag, self.tagged.kept[ident][1], inner))

    def handle_data(self, data: str) -> None:
        self.frames[-1][2].append(escape_markdown(data))

    def result(self) -> str:
        if len(self.frames) != 1:
            raise MarkupMismatch(f"<{self.frames[-1][0]}> is never closed in the translation")
        missing = set(self.tagged.kept) - self.seen
        if missing:
            raise MarkupMismatch(f"the translation lost {len(missing)} link(s), emphasis or code")
        return without_block_markup(" ".join("".join(self.frames[0][2]).split()))


def without_block_markup(text: str) -> str:
    """``text`` made unable to open a block of its own where a segment's words go back.

    A segment is the inside of one block (its ``## `` or ``- `` is kept apart by the rebuild), so
    words that begin with a heading, list or admonition marker are literal: escaped as a person
    escapes them. An engine's output beginning ``## `` must stay words, not become a heading."""
    number = _NUMBERED.match(text)
    if number:
        return number[1] + "\\" + text[len(number[1]):]
    return "\\" + text if text.startswith(_BLOCK_MARKERS) else text


def _wrap(tag: str, data: str, inner: str) -> str:
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    core = inner.strip()
    if tag == "a":
        return f"{lead}[{core}]({data}){trail}"
    if tag == "m":
        return f"{lead}![{core}]({data}){trail}"
    if not core:  # "****" would be a horizontal rule: emphasis of nothing is nothing
        return lead + trail
    return f"{lead}{data}{core}{data}{trail}"
