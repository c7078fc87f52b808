"""Text fields are text: a title, a summary, an answer or an owner never carries HTML.

Titles and the like are printed into navigation, ``<title>``, ``<meta>``, chart labels and
boxes, each with its own escaping rules. The templates escape them, and on top of that a field
that looks like markup is refused at its line, so an editor learns the text will not be read as
HTML instead of finding ``<b>`` shown literally on the page. ``<`` followed by a space or a digit
("less than 5") is still plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from plainpath.errors import EditorError
from plainpath.located_yaml import LocatedDocument

TAG_START = re.compile(r"<[A-Za-z/!?]")
MARKDOWN_KEYS = frozenset({"body"})


def markup_in(text: str) -> str | None:
    """The start of the first thing in ``text`` a browser would read as a tag, if any."""
    match = TAG_START.search(text)
    return text[match.start(): match.start() + 20] if match else None


def plain_text_errors(document: LocatedDocument, kind: str) -> list[EditorError]:
    """One error per text field of ``document`` (all but ``body``) that holds markup."""
    return [
        EditorError(
            kind, document.locate(path),
            f"'{path[-1]}' holds HTML ('{found}'), but it is shown as plain text.",
            "Write plain words without '<' and '>' (write 'less than' or 'more than' if you "
            "mean them).",
        )
        for path, value in _strings(document.data, ())
        if (found := markup_in(value)) is not None
    ]


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        if path and path[-1] not in MARKDOWN_KEYS:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))
