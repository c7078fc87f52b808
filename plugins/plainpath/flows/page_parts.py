"""What the flows plugin puts into pages, given a page's links: kept apart from MkDocs events."""

from __future__ import annotations

import re

from markupsafe import Markup

from mkdocs.structure.pages import Page

from plainpath.errors import SourceLocation
from plainpath.flows.catalogue import FlowCatalogue
from plainpath.flows.links import FlowLinks
from plainpath.flows.markdown_body import BodyMarkdown
from plainpath.flows.model import Flow
from plainpath.flows.render_chart import render_flow_chart
from plainpath.flows.render_steps import (
    render_embed,
    render_part_of,
    render_step_by_step,
    render_template,
)
from plainpath.ui_text import ENGLISH_UI, UiText

EMBED_LINE = re.compile(r"^\[\[flow\s+(?P<id>[^\]\s]+)\s*\]\]$")


class FlowPageParts:
    """Renders flow pages, embeds and "Part of" boxes for one language."""

    def __init__(
        self, catalogue: FlowCatalogue, body: BodyMarkdown, chart: bool, t: UiText = ENGLISH_UI
    ) -> None:
        self.catalogue = catalogue
        self.body = body
        self.chart = chart
        self.t = t
        self.pages_by_flow = {flow.url_path: flow for flow in catalogue.flows.values()}
        self.steps_by_page = catalogue.first_step_for_page()

    def flow_page_source(self, flow: Flow) -> str:
        """The Markdown source of a generated flow page: front matter; the body comes later."""
        return (
            "---\n"
            f"title: {flow.title!r}\n"
            f"summary: {flow.summary!r}\n"
            f"service: {flow.service!r}\n"
            f"flow: {flow.id!r}\n"
            "---\n"
        )

    def flow_of_page(self, src_uri: str) -> Flow | None:
        """The flow whose generated page this is, if it is one."""
        return self.pages_by_flow.get(src_uri)

    def flow_page_html(self, flow: Flow, links: FlowLinks) -> str:
        """Step-by-step list, then the chart with its statement that the list is its text."""
        html = render_step_by_step(flow, links, lambda f, s: self.body.render(f, s, links), self.t)
        if self.chart:
            svg = render_flow_chart(flow, self.t, rtl=False)
            html += render_template("chart_section.html", t=self.t, svg=Markup(svg))
        return html

    def embed_flows(self, markdown: str, page: Page, links: FlowLinks) -> str:
        """Replace each ``[[flow <id>]]`` line with the flow's short list of steps."""
        lines = markdown.split("\n")
        for number, line in enumerate(lines):
            match = EMBED_LINE.match(line.strip())
            if match:
                where = _locate_line(page, line)
                flow = self.catalogue.get(match["id"], where)
                lines[number] = "\n" + render_embed(flow, links, self.t) + "\n"
        return "\n".join(lines)

    def part_of_boxes(self, src_uri: str, links: FlowLinks) -> str:
        """One "Part of" box per flow that has a step explained by this page."""
        boxes = []
        for flow_id, step in self.steps_by_page.get(src_uri, {}).items():
            flow = self.catalogue.flows[flow_id]
            boxes.append(render_part_of(flow, step, links, lambda s: s.page, self.t))
        return "".join(boxes)


def _locate_line(page: Page, line: str) -> SourceLocation:
    source = page.file.content_string.split("\n")
    number = next((index + 1 for index, text in enumerate(source) if text == line), None)
    return SourceLocation(f"content/{page.file.src_uri}", number)
