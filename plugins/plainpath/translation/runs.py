"""Text nodes of tagged engine text: for glossary swaps and for engines that cannot keep tags.

An engine without tag support gets each run of words between tags as its own segment; the tags
are put back around the translated runs in their original order, so links always survive.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser


class _Pieces(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[bool, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.pieces.append((False, self.get_starttag_text() or ""))

    def handle_startendtag(self, tag, attrs) -> None:
        self.pieces.append((False, self.get_starttag_text() or ""))

    def handle_endtag(self, tag) -> None:
        self.pieces.append((False, f"</{tag}>"))

    def handle_data(self, data) -> None:
        self.pieces.append((True, data))

    def handle_entityref(self, name) -> None:
        self.pieces.append((True, f"&{name};"))

    def handle_charref(self, name) -> None:
        self.pieces.append((True, f"&#{name};"))


def split_pieces(tagged_text: str) -> list[tuple[bool, str]]:
    """(is_text, piece) in order; text pieces stay HTML-escaped."""
    parser = _Pieces()
    parser.feed(tagged_text)
    parser.close()
    merged: list[tuple[bool, str]] = []
    for is_text, piece in parser.pieces:
        if is_text and merged and merged[-1][0]:
            merged[-1] = (True, merged[-1][1] + piece)
        else:
            merged.append((is_text, piece))
    return merged


def map_text_nodes(tagged_text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to every escaped text node, leaving tags as they are."""
    return "".join(change(piece) if is_text else piece for is_text, piece in split_pieces(tagged_text))


def text_runs(tagged_text: str) -> list[str]:
    """The plain (unescaped) words of every text node that has any, for a tag-blind engine."""
    return [
        html.unescape(piece).strip()
        for is_text, piece in split_pieces(tagged_text)
        if is_text and piece.strip()
    ]


def join_runs(tagged_text: str, translated_runs: list[str]) -> str:
    """Put translated runs back between the original tags, keeping the spaces around them."""
    runs = iter(translated_runs)
    pieces = []
    for is_text, piece in split_pieces(tagged_text):
        if is_text and piece.strip():
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            pieces.append(lead + html.escape(next(runs), quote=False) + trail)
        else:
            pieces.append(piece)
    return "".join(pieces)
