"""MkDocs glue for content pages: every page's front matter is checked before it is rendered."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plainpath.pages.front_matter import check_front_matter
from plainpath.ui_text import ENGLISH_UI


class PagesConfig(base.Config):
    """Options of the ``plainpath/pages`` plugin."""

    enabled = c.Type(bool, default=True)
    docs_label = c.Type(str, default="content")


class PagesPlugin(BasePlugin[PagesConfig]):
    """Checks the front matter of every page an editor wrote (generated pages are ours)."""

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.enabled and page.file.generated_by is None:
            display = f"{self.config.docs_label}/{page.file.src_uri}"
            check_front_matter(page.file.content_string, display)
        return markdown

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Templates fall back to English interface words where a page has none of its own."""
        env.globals["pp_english_ui"] = ENGLISH_UI
        return env
