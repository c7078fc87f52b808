"""What the flows plugin puts into pages, given a page's language and links."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.structure.pages import Page

from plainpath.errors import SourceLocation
from plainpath.flows.catalogue import FlowCatalogue
from plainpath.flows.links import FlowLinks
from plainpath.flows.markdown_body import BodyMarkdown
from plainpath.flows.model import Flow
from plainpath.flows.chart_cache import ChartCache
from plainpath.flows.render_chart import render_flow_chart
from plainpath.flows.render_steps import (
    render_embed,
    render_part_of,
    render_step_by_step,
    render_template,
)
from plainpath.pages.front_matter import front_matter_block
from plainpath.ui_text import ENGLISH_UI, UiText

EMBED_LINE = re.compile(r"^\[\[flow\s+(?P<id>[^\]\s]+)\s*\]\]$")
EMBED_PARAGRAPH = re.compile(r"<p>\[\[flow\s+(?P<id>[^\]\s<]+)\s*\]\]</p>")


@dataclass(frozen=True)
class LanguageView:
    """How one language sees the flows: translated models, interface words, text direction."""

    flow: Callable[[str], Flow]
    t: UiText = ENGLISH_UI
    rtl: bool = False


class FlowPageParts:
    """Renders flow pages, embeds and "Part of" boxes."""

    def __init__(
        self, catalogue: FlowCatalogue, body: BodyMarkdown, chart: bool, chart_cache: ChartCache | None = None
    ) -> None:
        self.catalogue = catalogue
        self.body = body
        self.chart = chart
        self.chart_cache = chart_cache
        self.pages_by_flow = {flow.url_path: flow for flow in catalogue.flows.values()}
        self.steps_by_page = catalogue.first_step_for_page()
        self.english = LanguageView(lambda flow_id: catalogue.flows[flow_id])

    def flow_page_source(self, flow: Flow, extra_meta: dict[str, str] | None = None) -> str:
        """The Markdown source of a generated flow page: front matter; the body comes later."""
        meta = {"title": flow.title, "summary": flow.summary, "service": flow.service, "flow": flow.id}
        meta.update(extra_meta or {})
        return _front_matter(tuple(meta.items()))

    def flow_of_page(self, src_uri: str) -> Flow | None:
        """The English flow whose generated page this is (``src_uri`` without language prefix)."""
        return self.pages_by_flow.get(src_uri)

    def flow_page_html(self, flow_id: str, links: FlowLinks, view: LanguageView, english_chart: bool = False) -> str:
        """Step-by-step list, then the chart with its statement that the list is its text.

        A flow none of whose texts are translated yet gets an English chart marked lang="en":
        a box that reads "<Arabic 'End'>: Ask for the single person discount" is neither."""
        flow = view.flow(flow_id)
        html = render_step_by_step(flow, links, lambda f, s: self.body.render(f, s, links), view.t)
        if self.chart:
            chart_view = self.english if english_chart else view
            svg = render_flow_chart(flow, chart_view.t, rtl=chart_view.rtl, cache=self.chart_cache,
                                    lang="en" if english_chart else None)
            html += render_template("chart_section.html", t=view.t, svg=Markup(svg))
        return html

    def check_embeds(self, markdown: str, page: Page) -> None:
        """Every ``[[flow <id>]]`` line must name a flow; the error names the line."""
        for line in markdown.split("\n"):
            match = EMBED_LINE.match(line.strip())
            if match:
                self.catalogue.get(match["id"], _locate_line(page, line))

    def insert_flow_boxes(self, html: str, src_uri: str, links: FlowLinks, view: LanguageView, part_of: bool) -> str:
        """Embedded flows in place, and a "Part of" box above for each other flow this page is a
        step of: one box per flow, never an embed and a "Part of" box for the same flow."""
        current = self.steps_by_page.get(src_uri, {})
        embedded = {match["id"] for match in EMBED_PARAGRAPH.finditer(html)}
        html = self.insert_embeds(html, links, view, current)
        if not part_of:
            return html
        return self.part_of_boxes(src_uri, links, view, skip=embedded) + html

    def insert_embeds(self, html: str, links: FlowLinks, view: LanguageView, current: dict | None = None) -> str:
        """Replace each ``[[flow <id>]]`` paragraph, after sanitising, with the flow's steps.

        The line passes through Markdown and the HTML boundary as plain text, so the embed (our
        own markup) is added after the editor's HTML has been checked.
        """
        current = current or {}

        def embed(match: re.Match) -> str:
            flow = view.flow(match["id"])
            step = current.get(flow.id)
            return render_embed(flow, links, view.t, flow.step(step.id) if step else None)

        return EMBED_PARAGRAPH.sub(embed, html)

    def part_of_boxes(self, src_uri: str, links: FlowLinks, view: LanguageView, skip: set[str] = frozenset()) -> str:
        """One "Part of" box per flow that has a step explained by this page (but not in ``skip``)."""
        boxes = []
        for flow_id, step in self.steps_by_page.get(src_uri, {}).items():
            if flow_id in skip:
                continue
            flow = view.flow(flow_id)
            current = flow.step(step.id)
            assert current is not None
            boxes.append(render_part_of(flow, current, links, lambda s: s.page, view.t))
        return "".join(boxes)


def _locate_line(page: Page, line: str) -> SourceLocation:
    source = page.file.content_string.split("\n")
    number = next((index + 1 for index, text in enumerate(source) if text == line), None)
    return SourceLocation(f"content/{page.file.src_uri}", number)


def index_page_source(title: str, summary: str, extra_meta: dict | None = None) -> str:
    """The Markdown source of the step-by-step guides' section page: front matter only."""
    return _front_matter(tuple({"title": title, "summary": summary, **(extra_meta or {})}.items()))


@functools.lru_cache(maxsize=16384)  # the preview writes every flow page again on every save
def _front_matter(items: tuple) -> str:
    return front_matter_block(dict(items))
