"""Translate a content page's source: front-matter title, summary and partner texts, and body.

The result is Markdown again, so MkDocs renders a translated page exactly like an English one.
The page records which kinds of translation it holds, for the notice readers see.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from plainpath.pages.front_matter import front_matter_block, split_body, split_front_matter
from plainpath.translation.pipeline import ENGLISH, Rendering
from plainpath.translation.segments import MarkdownText, Segment

TRANSLATED_KEYS = ("title", "summary")


@dataclass
class PageSource:
    """A page split into front matter and body, each able to list and swap its segments."""

    meta: dict
    body: MarkdownText
    context: str

    @classmethod
    def parse(cls, source: str, context: str) -> PageSource:
        """The page read once per build: the readability lint and translation both need it.
        Treat the result as read-only."""
        return _parse(source, context)

    def meta_segments(self) -> list[Segment]:
        texts = [self.meta.get(key) for key in TRANSLATED_KEYS]
        texts += [partner.get("what") for partner in self.meta.get("partners") or []]
        return [Segment(self.context, " ".join(t.split()), 1) for t in texts if isinstance(t, str) and t]

    @property
    def segments(self) -> list[Segment]:
        return self.meta_segments() + self.body.segments


@functools.lru_cache(maxsize=16384)
def _parse(source: str, context: str) -> PageSource:
    found = split_front_matter(source)
    meta = (yaml.safe_load(found[0]) or {}) if found else {}
    body, first_line = split_body(source)
    return PageSource(meta, MarkdownText(body, context, first_line), context)


def translate_page(
    page: PageSource, lang: str, render: Callable[[Segment], Rendering]
) -> tuple[str, Counter]:
    """Translated Markdown source of the page, and how many segments of each status it has."""
    statuses: Counter = Counter()

    def plain(value: str) -> str:
        rendering = render(Segment(page.context, " ".join(value.split()), 1))
        statuses[rendering.status] += 1
        return rendering.text

    def in_body(segment: Segment) -> str:
        rendering = render(segment)
        statuses[rendering.status] += 1
        if rendering.status == ENGLISH:
            return f'<span lang="en" dir="ltr">{rendering.text}</span>'
        return rendering.text

    meta = dict(page.meta)
    for key in TRANSLATED_KEYS:
        if isinstance(meta.get(key), str):
            meta[key] = plain(meta[key])
    meta["partners"] = [
        {**partner, "what": plain(partner["what"])} if partner.get("what") else partner
        for partner in meta.get("partners") or []
    ]
    body = page.body.rebuild(in_body)
    meta["lang"] = lang
    meta["translation"] = summarise(statuses)
    return front_matter_block(meta) + body, statuses


def summarise(statuses: Counter) -> str:
    """One word for the notice: "untranslated", "partial", "machine", "stale" or "reviewed"."""
    if statuses.get(ENGLISH) and statuses[ENGLISH] == sum(statuses.values()):
        return "untranslated"
    if statuses.get(ENGLISH):
        return "partial"
    if statuses.get("machine"):
        return "machine"
    if statuses.get("stale"):
        return "stale"
    return "reviewed"
