"""MkDocs glue for content pages: encoding, size, front matter and safe HTML, before rendering."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plainpath.editor_text import decode_editor_text
from plainpath.errors import EditorError, EditorErrors, SourceLocation, raise_all
from plainpath.pages.front_matter import check_front_matter
from plainpath.pages.raw_html import allowed_tags, check_markdown, unsafe_in_html
from plainpath.ui_text import ENGLISH_UI

KIND = "page"


class PagesConfig(base.Config):
    """Options of the ``plainpath/pages`` plugin."""

    enabled = c.Type(bool, default=True)
    docs_label = c.Type(str, default="content")
    max_page_kb = c.Type(int, default=1024)
    raw_html = c.Type(dict, default={})  # extra tags and attributes a council allows, e.g. {iframe: [src]}


class PagesPlugin(BasePlugin[PagesConfig]):
    """Checks every page an editor wrote (and every translation made from it) before it is published."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.tags = allowed_tags(self.config.raw_html)
        return config

    @event_priority(100)  # before translation, so a page that fails changes no PO file
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.config.enabled:
            errors: list[EditorError] = []
            for file in files.documentation_pages():
                if file.generated_by is None:
                    errors += self._page_errors(file.content_bytes, self._display(file.src_uri))
            raise_all(errors)
        return files

    def _page_errors(self, data: bytes, display: str) -> list[EditorError]:
        """Size, encoding, front matter and unsafe HTML of one editor's page."""
        if len(data) > self.config.max_page_kb * 1024:
            return [EditorError(
                KIND, SourceLocation(display, 1), f"the page is {len(data) / 1048576:.1f} MB, over the "
                f"limit of {self.config.max_page_kb} KB.",
                "Split it into several pages: long pages are slow and hard to read on a phone.")]
        try:
            text = decode_editor_text(data, display, KIND)
            check_front_matter(text, display)
        except EditorErrors as problems:
            return problems.errors
        except EditorError as problem:
            return [problem]
        return check_markdown(text, display, KIND, 1, self.tags)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Translations come from PO files a person may have edited: check them like pages."""
        if self.config.enabled and page.file.generated_by is not None and page.meta.get("lang"):
            english = page.file.src_uri.removeprefix(f"{page.meta['lang']}/")
            display = f"{self._display(english)}' as translated in 'translations/{page.meta['lang']}.po"
            errors = check_markdown(markdown, display, KIND, 1, self.tags)
            raise_all([EditorError(KIND, SourceLocation(display), e.problem, e.fix) for e in errors])
        return markdown

    @event_priority(-100)  # after every plugin has added its HTML
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.enabled:
            problems = unsafe_in_html(html)
            if problems:
                raise PluginError(
                    f"Error in page '{self._display(page.file.src_uri)}': the page would publish "
                    f"{', '.join(sorted(set(problems)))}. Remove it from the page, its flow or its "
                    "translation: scripts and event handlers are never published."
                )
        return html

    def _display(self, src_uri: str) -> str:
        return f"{self.config.docs_label}/{src_uri}"

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Templates fall back to English interface words where a page has none of its own."""
        env.globals["pp_english_ui"] = ENGLISH_UI
        return env
