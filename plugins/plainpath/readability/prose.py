"""The prose an editor wrote, as blocks that know where every character sits in the file.

The lint reports ``file:line:col``, so each block keeps a map from offsets in its text back to
file positions. Pages are split with the same segmenter translation uses (one idea of "a block"
for both); flow texts come from the located YAML loader. Link targets, inline code and raw HTML
are masked with spaces, so rules see only the words a reader sees and offsets stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plainpath.located_yaml import LocatedDocument, load_located_yaml
from plainpath.pages.front_matter import load_front_matter
from plainpath.translation.page_translation import PageSource

# Flow keys whose values residents read; ids, page paths and references are not prose.
FLOW_PROSE_KEYS = {"title", "summary", "body", "decision", "outcome", "answer", "text", "time", "cost"}

_MASKED = [
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets: keep nothing of "](apply.md)"
    re.compile(r"<[^>]+>"),  # raw HTML tags and autolinks
    re.compile(r"!\[[^\]]*\]"),  # image alt text is checked by the accessibility gate
    re.compile(r"\[\[flow [^\]]*\]\]"),
]
_MARKUP_CHARACTERS = re.compile(r"[*_\[\]]")


@dataclass
class ProseBlock:
    """One block of prose: its source text, the same text masked, and where each offset lives."""

    path: str
    kind: str  # paragraph, heading, list_item, cell, admonition_title, title, summary, flow text
    source: str
    anchors: list[tuple[int, int, int]] = field(default_factory=list)  # (offset, line, column)

    @property
    def masked(self) -> str:
        """The source with code, link targets and HTML replaced by spaces (same length)."""
        text = self.source
        for pattern in _MASKED:
            text = pattern.sub(lambda m: " " * len(m.group()), text)
        return _MARKUP_CHARACTERS.sub(" ", text)

    def position(self, offset: int) -> tuple[int, int]:
        """File line and column (from 1) of the character at ``offset`` in ``source``."""
        start, line, column = self.anchors[0]
        for anchor in self.anchors:
            if anchor[0] <= offset:
                start, line, column = anchor
        return line, column + offset - start


def anchor_lines(text: str, file_lines: list[str], first_line: int) -> list[tuple[int, int, int]]:
    """Map ``text`` (file lines stripped and joined by spaces) back onto the file from ``first_line``.

    Each file line holds the next piece of the text after a prefix (indentation, ``- ``, ``## ``,
    table pipes); the piece is found by trying each prefix length in turn.
    """
    anchors: list[tuple[int, int, int]] = []
    offset = 0
    number = first_line
    while offset < len(text) and number <= len(file_lines):
        line = file_lines[number - 1]
        found = _find_piece(text, offset, line)
        if found is not None:
            column, length = found
            anchors.append((offset, number, column + 1))
            offset += length
            while offset < len(text) and text[offset] == " ":
                offset += 1
        elif anchors:  # a blank or unrelated line inside a block: keep walking
            pass
        number += 1
        if not anchors and number > first_line + 3:
            break
    return anchors or [(0, first_line, 1)]


def _find_piece(text: str, offset: int, line: str) -> tuple[int, int] | None:
    rest = text[offset:]
    for column in range(len(line)):
        piece = line[column:].rstrip()
        if piece and rest.startswith(piece):
            return column, len(piece)
    at = line.find(rest) if rest else -1  # a table cell or a title: the text sits inside the line
    return (at, len(rest)) if at >= 0 else None


def page_blocks(source: str, display_path: str) -> Iterator[ProseBlock]:
    """Front-matter title, summary and partner texts, then every body block of a content page."""
    file_lines = source.split("\n")
    document = load_front_matter(source, display_path)
    if isinstance(document.data, dict):
        yield from _front_matter_blocks(document, file_lines)
    page = PageSource.parse(source, display_path)
    for segment in page.body.segments:
        anchors = anchor_lines(segment.source, file_lines, segment.line)
        yield ProseBlock(display_path, segment.block, segment.source, anchors)


def _front_matter_blocks(document: LocatedDocument, file_lines: list[str]) -> Iterator[ProseBlock]:
    for key in ("title", "summary"):
        value = document.data.get(key)
        if isinstance(value, str) and value.strip():
            where = document.locate((key,))
            text = " ".join(value.split())
            anchors = anchor_lines(text, file_lines, where.line or 1)
            yield ProseBlock(document.path, key, text, anchors)
    for index, partner in enumerate(document.data.get("partners") or []):
        what = partner.get("what") if isinstance(partner, dict) else None
        if isinstance(what, str) and what.strip():
            where = document.locate(("partners", index, "what"))
            text = " ".join(what.split())
            yield ProseBlock(document.path, "partner", text, anchor_lines(text, file_lines, where.line or 1))


def flow_blocks(path: Path, display_path: str) -> Iterator[ProseBlock]:
    """Every text a resident reads in a flow file, with its position in the YAML."""
    source = path.read_text(encoding="utf-8")
    document = load_located_yaml(source, display_path, "flow", words_as_text=True)
    file_lines = source.split("\n")
    for key_path, value in _walk(document.data, ()):
        text = " ".join(value.split())
        where = document.locate(key_path)
        kind = "title" if key_path == ("title",) else "summary" if key_path == ("summary",) else "flow"
        yield ProseBlock(display_path, kind, text, anchor_lines(text, file_lines, where.line or 1))


def _walk(data, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in FLOW_PROSE_KEYS and value.strip():
                yield (*path, key), value
            elif isinstance(value, (dict, list)):
                yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk(item, (*path, index))
