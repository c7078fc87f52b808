"""Which language a page is in, from the ``lang`` its translated source carries.

Translated pages live under ``<code>/`` and carry ``lang: <code>`` in their front matter; English
pages carry none. Every plugin asks here, so the rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class PageLanguage:
    """A page's language code (None for the source language) and its English twin's path."""

    code: str | None
    english_src_uri: str

    @property
    def prefix(self) -> str:
        return f"{self.code}/" if self.code else ""


def page_language(page: Page, config: MkDocsConfig) -> PageLanguage:
    """The language of ``page``; English (the source) when it has no ``lang``."""
    code = page.meta.get("lang")
    source = config.theme.get("language", "en")
    if not code or code == source:
        return PageLanguage(None, page.file.src_uri)
    return PageLanguage(code, page.file.src_uri.removeprefix(f"{code}/"))
