"""Turn the Markdown in a flow's ``body`` fields into HTML whose page links really resolve.

Editors link to content pages the way they name them in ``page:``, relative to ``content/``
(``[who can apply](parking/who-can-apply.md)``). Those links are rewritten to URLs relative to the
page that shows the flow; a link to a page that does not exist stops the build with the line.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any
from urllib.parse import urlsplit

import markdown
from bs4 import BeautifulSoup

from plainpath.errors import EditorError, did_you_mean_page
from plainpath.flows.links import FlowLinks
from plainpath.flows.model import Flow, Step
from plainpath.pages.raw_html import checked_html
from plainpath.safety.html_boundary import HtmlPolicy


class BodyMarkdown:
    """Renders step bodies with the same Markdown extensions as the rest of the site."""

    def __init__(
        self, extensions: list[Any], extension_configs: Mapping[str, Any], known_pages: Collection[str],
        policy: HtmlPolicy | None = None,
    ) -> None:
        self.markdown = markdown.Markdown(
            extensions=extensions, extension_configs=dict(extension_configs)
        )
        self.known_pages = known_pages
        self.policy = policy or HtmlPolicy()

    def checked(self, flow: Flow, step: Step) -> str:
        """HTML of ``step.body`` after the HTML boundary (errors name the flow and the body's line)."""
        where = flow.source.locate(("steps", step.index, "body")) if flow.source else None
        return checked_html(
            self.markdown.reset().convert(step.body), self.policy, "flow",
            flow.source_path or "flows", fallback_line=where.line if where else None,
        )

    def render(self, flow: Flow, step: Step, links: FlowLinks) -> str:
        """HTML of ``step.body``, through the HTML boundary, with ``.md`` links to real pages."""
        soup = BeautifulSoup(self.checked(flow, step), "html.parser")
        for anchor in soup.find_all("a", href=True):
            anchor["href"] = self._resolve(flow, step, anchor["href"], links)
        return str(soup)

    def _resolve(self, flow: Flow, step: Step, href: str, links: FlowLinks) -> str:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
            return href
        if parts.path not in self.known_pages:
            assert flow.source is not None
            raise EditorError(
                "flow",
                flow.source.locate(("steps", step.index, "body")),
                f"step '{step.id}' links to the page '{parts.path}', which does not exist in "
                "content/.",
                did_you_mean_page(parts.path, self.known_pages)
                or "Link to a path inside content/, like 'parking/apply.md'.",
            )
        url = links.page_url(parts.path)
        return f"{url}#{parts.fragment}" if parts.fragment else url
