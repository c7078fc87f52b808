"""Split Markdown into the blocks a reader sees, and put translated blocks back in place.

Headings, paragraphs, list items, table cells and admonition titles and bodies become segments;
code, raw HTML, ``[[flow ...]]`` lines and link targets never do. Rebuilding keeps each block's
prefix (``## ``, ``- ``, ``1. ``, indentation, table pipes) and swaps only the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import html
import re

from markdown.extensions.toc import slugify as toc_slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin


_BLOCKS = MarkdownIt("commonmark").use(admon_plugin).enable("table").disable("code")
_EMBED_PREFIX = "[[flow "
_INLINE_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Segment:
    """One translatable block: where it lives (``context``), its English, its file line.

    ``block`` says what kind of block it is (``paragraph``, ``heading``, ``list_item``, ``cell``,
    ``admonition_title``) for the readability lint; it takes no part in equality.
    """

    context: str
    source: str
    line: int
    block: str = field(default="paragraph", compare=False)


Translate = Callable[[Segment], str]


@dataclass
class _Slot:
    """A place in the text that one or more segments fill when rebuilding."""

    kind: str  # "text", "row" or "admonition"
    start: int
    end: int
    prefix: str
    segments: list[Segment]
    keep_last_line: bool = False
    anchor: str = ""  # a heading's English id, kept on its translation


class MarkdownText:
    """A piece of Markdown (a page body or a flow step body) as segments plus a rebuild plan."""

    def __init__(self, text: str, context: str, first_line: int = 1) -> None:
        self.lines = text.split("\n")
        self.context = context
        self.first_line = first_line
        self.slots = _plan(self.lines, context, first_line)

    @property
    def segments(self) -> list[Segment]:
        """Every segment in reading order."""
        return [segment for slot in self.slots for segment in slot.segments]

    def rebuild(self, translate: Translate) -> str:
        """The same Markdown with each segment replaced by ``translate(segment)``."""
        lines: list[str | None] = list(self.lines)
        for slot in self.slots:
            words = [translate(segment) for segment in slot.segments]
            lines[slot.start] = _render_slot(slot, words)
            last = slot.end - 1 if slot.keep_last_line else slot.end
            for index in range(slot.start + 1, last):
                lines[index] = None
        return "\n".join(line for line in lines if line is not None)


def _plan(lines: list[str], context: str, first_line: int) -> list[_Slot]:
    tokens = _BLOCKS.parse("\n".join(lines))
    slots: list[_Slot] = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.content.strip() or token.map is None:
            continue
        opener = tokens[index - 1]
        segment = _segment(token, context, first_line, _block_kind(tokens, index))
        if opener.type in ("th_open", "td_open"):
            _add_cell(slots, tokens, index, segment, lines)
        elif opener.type == "admonition_title_open":
            slots.append(_admonition_slot(tokens, index, segment, lines))
        elif not token.content.startswith(_EMBED_PREFIX):
            slots.append(_text_slot(opener, token, segment, lines))
    return slots


def _segment(token: Token, context: str, first_line: int, block: str) -> Segment:
    assert token.map is not None
    source = " ".join(part.strip() for part in token.content.split("\n"))
    return Segment(context, source, token.map[0] + first_line, block)


def _block_kind(tokens: list[Token], index: int) -> str:
    opener = tokens[index - 1].type
    if opener in ("th_open", "td_open"):
        return "cell"
    if opener == "paragraph_open" and index >= 2 and tokens[index - 2].type == "list_item_open":
        return "list_item"
    return opener.removesuffix("_open")


def _text_slot(opener: Token, token: Token, segment: Segment, lines: list[str]) -> _Slot:
    assert token.map is not None
    start, end = token.map
    first = token.content.split("\n")[0]
    line = lines[start]
    at = line.find(first)
    prefix = line[:at] if at >= 0 else line[: len(line) - len(line.lstrip())]
    setext = opener.type == "heading_open" and opener.markup in ("=", "-")
    anchor = heading_id(segment.source) if opener.type == "heading_open" else ""
    return _Slot("text", start, end, prefix, [segment], keep_last_line=setext, anchor=anchor)


def heading_id(markdown_inline: str) -> str:
    """The id MkDocs' toc extension gives a heading, from its English text.

    Translated headings carry it as ``{#id}`` (attr_list), so ``page.md#what-you-need`` and
    ``#step-2-pay`` reach the same section in every language.
    """
    text = _INLINE_TEXT.sub(r"\1", markdown_inline)
    return toc_slugify(html.unescape(text.replace("`", "").replace("*", "").replace("_", " ")), "-")


def _add_cell(
    slots: list[_Slot], tokens: list[Token], index: int, segment: Segment, lines: list[str]
) -> None:
    row = next(token for token in reversed(tokens[:index]) if token.type == "tr_open")
    assert row.map is not None
    start = row.map[0]
    if not slots or slots[-1].kind != "row" or slots[-1].start != start:
        line = lines[start]
        slots.append(_Slot("row", start, start + 1, line[: len(line) - len(line.lstrip())], []))
    slots[-1].segments.append(segment)


def _admonition_slot(tokens: list[Token], index: int, segment: Segment, lines: list[str]) -> _Slot:
    opener = tokens[index - 2]
    assert opener.map is not None
    start = opener.map[0]
    line = lines[start]
    marker = line[: line.index(opener.meta["tag"]) + len(opener.meta["tag"])]
    return _Slot("admonition", start, start + 1, marker, [segment])


def _render_slot(slot: _Slot, words: list[str]) -> str:
    if slot.kind == "row":
        cells = [word.replace("|", "\\|") for word in words]
        return slot.prefix + "| " + " | ".join(cells) + " |"
    if slot.kind == "admonition":
        return f'{slot.prefix} "{words[0].replace(chr(34), chr(39))}"'
    return slot.prefix + words[0] + (f" {{#{slot.anchor}}}" if slot.anchor else "")

