"""MkDocs glue for flows: generate flow pages, embed flows, add "Part of" boxes. Events only."""

from __future__ import annotations

from pathlib import Path

import graphviz

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plainpath.flows.catalogue import FlowCatalogue, load_catalogue
from plainpath.flows.chart_cache import ChartCache
from plainpath.flows.config import FlowsConfig
from plainpath.flows.markdown_body import BodyMarkdown
from plainpath.flows.page_parts import FlowPageParts, LanguageView, index_page_source
from plainpath.flows.site_links import site_flow_links
from plainpath.languages import page_language
from plainpath.pages.front_matter import markdown_and_meta

INDEX_URI = "flows/index.md"

log = get_plugin_logger(__name__)


class FlowsPlugin(BasePlugin[FlowsConfig]):
    """Turns ``flows/*.yml`` into step-by-step pages with charts, and links pages to them."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.index_uri: str | None = None
        self.catalogue = FlowCatalogue()
        self.project_root = Path(config.config_file_path).parent
        self.titles: dict[str, str] = {}
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        pages = files.documentation_pages()
        known_pages = {file.src_uri for file in pages}
        self.titles = {file.src_uri: page_title(file) for file in pages}
        flows_dir = self.project_root / self.config.flows_dir
        self.catalogue = load_catalogue(flows_dir, self.project_root, known_pages)
        for finding in self.catalogue.warnings:
            log.warning(finding.message)
        pages_plugin = config.plugins.get("plainpath/pages")
        body = BodyMarkdown(config.markdown_extensions, config.mdx_configs, known_pages,
                            getattr(pages_plugin, "policy", None))
        cache = ChartCache(self.project_root / ".cache" / "plainpath" / "charts", graphviz_version())
        self.parts = FlowPageParts(self.catalogue, body, self.config.chart, cache)
        for flow in self.catalogue.flows.values():
            source = self.parts.flow_page_source(flow)
            files.append(File.generated(config, flow.url_path, content=source))
            self.titles[flow.url_path] = flow.title
        self.index_uri = INDEX_URI if self.catalogue.flows and INDEX_URI not in known_pages else None
        if self.index_uri:
            self.add_index_page(files, config, "", self.parts.english.t)
        return files

    def add_index_page(self, files: Files, config: MkDocsConfig, prefix: str, t, meta: dict | None = None) -> None:
        """The step-by-step guides' section page, named in the reader's words (never "flows").

        It lists the guides with their summaries like any section index; its words are interface
        words, translated with the rest of the interface.
        """
        source = index_page_source(t("step_by_step_guides"), t("step_by_step_summary"), meta)
        files.append(File.generated(config, prefix + INDEX_URI, content=source))
        self.titles[prefix + INDEX_URI] = t("step_by_step_guides")

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        self._check_related_flows(page)
        self.parts.check_embeds(markdown, page)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        language = page_language(page, config)
        links = site_flow_links(files, page.file, self.titles, language.prefix)
        view = self._view(config, language.code)
        flow = self.parts.flow_of_page(language.english_src_uri)
        if flow is not None:
            untranslated = page.meta.get("translation") == "untranslated" and language.code is not None
            return self.parts.flow_page_html(flow.id, links, view, english_chart=untranslated)
        return self.parts.insert_flow_boxes(html, language.english_src_uri, links, view, self.config.part_of_box)

    def _view(self, config: MkDocsConfig, lang: str | None) -> LanguageView:
        translation = config.plugins.get("plainpath/i18n")
        if lang is None or translation is None:
            return self.parts.english
        return translation.flow_view(lang)

    def _check_related_flows(self, page: Page) -> None:
        if page.file.generated_by is not None:
            return
        for flow_id in page.meta.get("flows") or []:
            where = page_language_location(page, "flows")
            self.catalogue.get(flow_id, where)


def page_language_location(page: Page, key: str):
    """Where a front-matter key is in an editor's page, for error messages."""
    from plainpath.pages.front_matter import load_front_matter

    display = f"content/{page.file.src_uri}"
    return load_front_matter(page.file.content_string, display).locate((key,))


def page_title(file: File) -> str:
    """A page's title from its front matter, read before MkDocs reads the page itself."""
    _, meta = markdown_and_meta(file.content_string)
    return str(meta.get("title") or file.name.replace("-", " ").capitalize())


def graphviz_version() -> str:
    """Part of each stored chart's key: another Graphviz may draw differently."""
    try:
        return ".".join(str(part) for part in graphviz.version())
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, RuntimeError):
        return "unknown"  # drawing will fail with its own clear message
