"""English titles left in a translated page's menus and header are marked ``lang="en"``.

A page whose title has no translation yet keeps its English title, and the theme writes that
title into the navigation, the breadcrumbs, the section menu and the header of every page of the
language, inside the page's own ``lang`` (Arabic, say): a screen reader reads it with Arabic
pronunciation. The body of such a page is already marked where it is rendered
(page_translation.py); the menus are mkdocs-material's templates, not ours to copy, so the
finished HTML is marked instead: an element whose whole text is one of the language's
English-shown titles gets ``lang="en" dir="ltr"``. Marking English as English is right wherever
it happens, so the pass needs no knowledge of where the theme puts things.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# Elements that hold a title in the theme's menus and header; never <title>, <script> or <option>.
_TEXT_ELEMENT = re.compile(
    r"<(a|span|label|p|li|h[1-6]|strong|em|div|td|th|dt|dd|summary|caption|figcaption)"
    r"(\s[^<>]*)?>([^<>]{1,300})</\1>"
)
_HAS_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)
# Text that is not the page's own elements: a title quoted in a script's string stays as it is.
_NOT_MARKUP = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<textarea\b.*?</textarea\s*>|<!--.*?-->)",
                         re.IGNORECASE | re.DOTALL)


# A block whose whole content is one English span, as page_translation marks a held-back segment.
_BLOCK_OF_ONE_SPAN = re.compile(
    r'<(p|li|h[1-6]|dt|dd|td|th|figcaption)((?:\s(?![^<>]*\blang\s*=)[^<>]*)?)>'
    r'<span lang="en" dir="ltr">([^<>]*)</span></\1>')


def hoist_english(output: str) -> str:
    """``<p><span lang="en">Good items</span></p>`` becomes ``<p lang="en">Good items</p>``.

    The same to a screen reader, and a contrast checker no longer weighs a short span against
    its block's decoration: axe cannot judge the background of a span beside an admonition
    title's icon (a pseudo element a quarter of the span's size), and pa11y reports that as an
    error."""
    def hoist(match: re.Match[str]) -> str:
        tag, attributes, text = match.groups()
        return f'<{tag}{attributes} lang="en" dir="ltr">{text}</{tag}>'

    return _in_markup(output, lambda part: _BLOCK_OF_ONE_SPAN.sub(hoist, part))


def _in_markup(output: str, change) -> str:
    """``change`` applied to the page's own elements, not to scripts, styles or comments (a
    title quoted in a script's string stays as it is)."""
    parts = _NOT_MARKUP.split(output)  # odd parts are scripts, styles and comments
    return "".join(part if n % 2 else change(part) for n, part in enumerate(parts))


def _normal(text: str) -> str:
    return " ".join(html.unescape(text).split())


class EnglishLabels:
    """The titles one language shows in English, and the pass that marks them in a page."""

    def __init__(self, titles: Iterable[str]) -> None:
        self.titles = frozenset(_normal(title) for title in titles if title and title.strip())

    def mark(self, output: str) -> str:
        if not self.titles:
            return output

        def add_lang(match: re.Match[str]) -> str:
            tag, attributes, text = match.group(1), match.group(2) or "", match.group(3)
            if _HAS_LANG.search(attributes) or _normal(text) not in self.titles:
                return match.group(0)
            return f'<{tag}{attributes} lang="en" dir="ltr">{text}</{tag}>'

        return _in_markup(output, lambda part: _TEXT_ELEMENT.sub(add_lang, part))

