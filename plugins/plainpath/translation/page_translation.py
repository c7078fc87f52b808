"""Translate a content page's source: front-matter title, summary and partner texts, and body.

The result is Markdown again, so MkDocs renders a translated page exactly like an English one.
The page records which kinds of translation it holds, for the notice readers see.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from plainpath.pages.front_matter import front_matter_block, split_body, split_front_matter
from plainpath.translation.pipeline import ENGLISH, HELD_BACK, SHOWN_IN_ENGLISH, Rendering
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


@dataclass(frozen=True)
class SegmentNotes:
    """Notes in the reader's language put next to a paragraph (interface words, see ui_text)."""

    held_back: str = ""  # shown in English: the policy keeps its machine text back
    machine: str = ""  # machine text on a page that also has a person's text
    stale: str = ""  # a person's text whose English has changed since


NO_MARKERS = {"heading", "admonition_title"}
_PICTURE_ALONE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")  # a paragraph that is one picture  # a note would become part of a heading's name


def translate_page(
    page: PageSource, lang: str, render: Callable[[Segment], Rendering], notes: SegmentNotes = SegmentNotes()
) -> tuple[str, Counter]:
    """Translated Markdown source of the page, and how many segments of each status it has.

    A segment kept back by the publishing policy is shown in English, marked ``lang="en"``, with
    a note in the reader's language. A person's text whose English changed says so, with the new
    English beside it; machine text says so where the page mixes it with a person's text (on an
    all-machine page the page's notice says it once)."""
    statuses: Counter = Counter()
    rendered: dict[tuple[str, str], Rendering] = {}

    def rendering_of(segment: Segment) -> Rendering:
        key = (segment.context, segment.source)
        if key not in rendered:
            rendered[key] = render(segment)
        return rendered[key]

    def plain_rendering(value: str) -> Rendering:
        rendering = render(Segment(page.context, " ".join(value.split()), 1))
        statuses[rendering.status] += 1
        return rendering

    def plain(value: str) -> str:
        return plain_rendering(value).text

    def partner_text(partner: dict) -> dict:
        rendering = plain_rendering(partner["what"])
        in_english = rendering.status in SHOWN_IN_ENGLISH  # the theme marks it lang="en"
        return {**partner, "what": rendering.text, **({"what_lang": "en"} if in_english else {})}

    body_statuses = {rendering_of(segment).status for segment in page.body.segments}
    mixed = "machine" in body_statuses and bool(body_statuses & {"reviewed", "stale"})

    def in_body(segment: Segment) -> str:
        rendering = rendering_of(segment)
        statuses[rendering.status] += 1
        return marked(rendering, segment, notes, mixed)

    meta = dict(page.meta)
    for key in TRANSLATED_KEYS:
        if isinstance(meta.get(key), str):
            meta[key] = plain(meta[key])
    meta["partners"] = [partner_text(partner) if partner.get("what") else partner
                        for partner in meta.get("partners") or []]
    body = page.body.rebuild(in_body)
    meta["lang"] = lang
    meta["translation"] = summarise(statuses)
    return front_matter_block(meta) + body, statuses


def marked(rendering: Rendering, segment: Segment, notes: SegmentNotes, mixed: bool = False) -> str:
    """A segment's Markdown as a reader gets it in a page or a step: English marked
    ``lang="en"`` (with a note when the policy held machine text back), a person's text whose
    English changed with the new English beside it, machine text noted where ``mixed``."""

    picture = bool(_PICTURE_ALONE.fullmatch(segment.source.strip()))

    def note(text: str) -> str:
        # A picture's translated words are its alt text, which nobody sees: a note beside it
        # sat alone on a line of its own, about nothing on screen.
        shown = text and segment.block not in NO_MARKERS and not picture
        return f' <small data-search-exclude="true">({text})</small>' if shown else ""  # not in search excerpts

    if rendering.status == ENGLISH:
        return f'<span lang="en" dir="ltr">{rendering.text}</span>'
    if rendering.status == HELD_BACK:
        return f'<span lang="en" dir="ltr">{rendering.text}</span>' + note(notes.held_back)
    if rendering.status == "stale" and notes.stale and segment.block not in NO_MARKERS and not picture:
        return (f'{rendering.text} <small data-search-exclude="true">({notes.stale}: '
                f'<span lang="en" dir="ltr">{segment.source}</span>)</small>')
    if rendering.status == "machine" and mixed:
        return rendering.text + note(notes.machine)
    return rendering.text


def summarise(statuses: Counter) -> str:
    """One word for the notice: "untranslated", "partial", "machine", "stale" or "reviewed"."""
    english = statuses.get(ENGLISH, 0) + statuses.get(HELD_BACK, 0)
    if english and english == sum(statuses.values()):
        return "untranslated"
    if statuses.get(ENGLISH):  # held-back parts carry their own note: the page is still machine text
        return "partial"
    if statuses.get("machine"):
        return "machine"
    if statuses.get("stale"):
        return "stale"
    return "reviewed"
