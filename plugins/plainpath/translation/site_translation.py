"""Translate a whole site into one language: memory up to date, then pages, flows and words.

Plain Python over MkDocs' File objects' text: the plugin hands over English sources and gets
back translated sources, translated flows and the interface words for the language.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from plainpath.flows.model import Flow
from plainpath.translation.english_labels import EnglishLabels
from plainpath.translation.flow_translation import flow_segments, translate_flow
from plainpath.translation.page_translation import PageSource, SegmentNotes, marked, summarise, translate_page
from plainpath.translation.pipeline import HELD_BACK, SHOWN_IN_ENGLISH, LanguageTranslator, Rendering
from plainpath.translation.segments import Segment
from plainpath.ui_text import ENGLISH, UiText

UI_CONTEXT = "plainpath:interface"
SITE_CONTEXT = "mkdocs.yml"  # the site's name is written there, by the council


@dataclass
class TranslatedLanguage:
    """Everything one language needs to render: pages' sources, flows, interface words."""

    code: str
    pages: dict[str, str] = field(default_factory=dict)
    page_status: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    flow_status: dict[str, str] = field(default_factory=dict)
    ui: UiText = field(default_factory=UiText)
    site_name: str = ""
    statuses: Counter = field(default_factory=Counter)
    english_labels: EnglishLabels = field(default_factory=lambda: EnglishLabels(()))  # titles shown in English


def ui_segments() -> list[Segment]:
    """The interface words as segments, so they share the memory and the review process."""
    return [Segment(UI_CONTEXT, text, 0) for text in ENGLISH.values()]


@dataclass
class TranslatedPage:
    """One page's translation, kept by the preview until its English or one of its segments'
    memory entries changes."""

    page: PageSource
    keys: frozenset
    source: str
    statuses: Counter


def site_segments(pages: dict[str, PageSource], flows: list[Flow], site_name: str = "") -> list[Segment]:
    """Every segment of the site, interface words and the site's name included."""
    segments = ui_segments() + ([_site_segment(site_name)] if site_name else [])
    for page in pages.values():
        segments += page.segments
    for flow in flows:
        segments += flow_segments(flow)
    return segments


def _site_segment(site_name: str) -> Segment:
    return Segment(SITE_CONTEXT, " ".join(site_name.split()), 1)


def prepare_languages(translators: list[LanguageTranslator], segments: list[Segment]) -> None:
    """Bring each language's memory up to date. Languages whose engines run in processes of
    their own (Apertium) do so in parallel threads: a save waits for the slowest, not the sum."""
    together = [t for t in translators if all(getattr(e, "runs_in_own_process", False) for e in t.engines)]
    if len(together) < 2:
        together = []  # one language gains nothing from a thread
    if together:
        with ThreadPoolExecutor(max_workers=len(together)) as pool:
            list(pool.map(lambda translator: translator.prepare(segments), together))
    for translator in translators:
        if translator not in together:
            translator.prepare(segments)


def translate_site(
    code: str,
    translator: LanguageTranslator,
    pages: dict[str, PageSource],
    flows: list[Flow],
    site_name: str = "",
    kept: dict[str, TranslatedPage] | None = None,
) -> TranslatedLanguage:
    """Translate every page and flow from a memory already up to date (``prepare_languages``).

    ``kept`` (the preview's, from the previous run) is reused for every page whose English and
    whose segments' entries are unchanged, and updated in place.
    """
    site_segment = _site_segment(site_name)
    word = lambda key: translator.render(Segment(UI_CONTEXT, ENGLISH[key], 0)).text  # noqa: E731
    notes = SegmentNotes(word("held_back"), word("marker_machine"), word("marker_stale"))
    changed = translator.memory.take_changes()
    result = TranslatedLanguage(code)
    for src_uri, page in pages.items():
        done = kept.get(src_uri) if kept is not None else None
        if done is None or done.page is not page or not done.keys.isdisjoint(changed):
            try:
                source, statuses = translate_page(page, code, translator.render, notes)
            except Exception:  # a broken entry: the next run must still redo every changed page
                translator.memory.changed |= changed
                raise
            done = TranslatedPage(page, frozenset((s.context, s.source) for s in page.segments), source, statuses)
            if kept is not None:
                kept[src_uri] = done
        result.pages[src_uri] = done.source
        result.page_status[src_uri] = summarise(done.statuses)
        result.statuses.update(done.statuses)
    if kept is not None:
        for gone in set(kept) - set(pages):
            del kept[gone]
    flow_labels: set[str] = set()  # a flow's short texts this language shows as their English
    for flow in flows:
        statuses: Counter = Counter()
        held_back: set[str] = set()  # this flow's short texts the policy kept back, as rendered

        def counted(segment: Segment) -> Rendering:
            rendering = translator.render(segment)
            statuses[rendering.status] += 1
            return rendering

        def label(segment: Segment) -> str:  # a title, heading, task, answer, time or cost
            rendering = counted(segment)
            text = rendering.text
            if rendering.status == HELD_BACK:
                held_back.add(segment.source)
            if text == segment.source:  # the whole of an element: the English-labels pass marks it
                flow_labels.add(text)
            return text

        def body(segment: Segment) -> str:  # English in a step's words is marked, as in pages
            return marked(counted(segment), segment, notes)

        result.flows[flow.id] = translate_flow(flow, label, body, lambda segment: segment.source in held_back)
        result.flow_status[flow.id] = summarise(statuses)
        result.statuses.update(statuses)
    result.english_labels = EnglishLabels(
        english_shown_titles(translator, pages, flow_labels, site_segment if site_name else None))
    words = {key: translator.render(Segment(UI_CONTEXT, text, 0)).text for key, text in ENGLISH.items()}
    result.ui = UiText(words, code)
    result.site_name = translator.render(site_segment).text if site_name else ""
    return result


def english_shown_titles(
    translator: LanguageTranslator, pages: dict[str, PageSource], flow_labels: set[str], site_segment: Segment | None,
) -> set[str]:
    """Page titles, summaries and headings (the menus, section lists and table of contents repeat
    them), the flows' short texts (``flow_labels``) and the site's name that this language shows
    in English: marked ``lang="en"`` there."""
    titles = set(flow_labels)
    for page in pages.values():
        title = page.meta.get("title")
        candidates = [s for s in page.body.segments if s.block == "heading"]
        for shown in (title, page.meta.get("summary")):  # section lists show each page's summary
            if isinstance(shown, str) and shown.strip():
                candidates.append(Segment(page.context, " ".join(shown.split()), 1))
        titles.update(s.source for s in candidates if translator.render(s).status in SHOWN_IN_ENGLISH)
    if site_segment is not None and translator.render(site_segment).status in SHOWN_IN_ENGLISH:
        titles.add(site_segment.source)
    return titles
