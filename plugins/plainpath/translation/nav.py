"""One navigation per language, so a Spanish page shows the Spanish pages and nothing else.

MkDocs builds one navigation from every file; translated pages sit under ``<code>/`` and so form a
section per language. Those sections are taken out of the English navigation and each becomes
the navigation of its own language's pages. Section titles come from their index page's title.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def split_by_language(nav: Navigation, codes: Iterable[str]) -> dict[str, Navigation]:
    """Take each language's section out of ``nav``; return a navigation per language."""
    codes = set(codes)
    by_language: dict[str, Navigation] = {}
    kept = []
    for item in nav.items:
        code = _language_of(item, codes)
        if code is None:
            kept.append(item)
            continue
        children = list(item.children)
        for child in children:
            child.parent = None
        pages = [page for page in nav.pages if page.file.src_uri.startswith(f"{code}/")]
        language_nav = Navigation(children, pages)
        language_nav.homepage = next(
            (page for page in pages if page.file.src_uri == f"{code}/index.md"), None
        )
        link_neighbours(pages)
        by_language[code] = language_nav
    nav.items = kept
    nav.pages = [page for page in nav.pages if _language_of_page(page, codes) is None]
    link_neighbours(nav.pages)
    return by_language


def remove_pages(nav: Navigation, src_uris: set[str]) -> None:
    """Take pages that are built but not for the menus (reports, 404 pages) out of ``nav``."""
    nav.items = _without(nav.items, src_uris)
    for page in nav.pages:
        if page.file.src_uri in src_uris:
            page.previous_page = page.next_page = None
    nav.pages = [page for page in nav.pages if page.file.src_uri not in src_uris]
    link_neighbours(nav.pages)


def _without(items: list, src_uris: set[str]) -> list:
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in src_uris:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, src_uris)
            if not item.children:
                continue
        kept.append(item)
    return kept


def link_neighbours(pages: list[Page]) -> None:
    """Set each page's previous and next page within ``pages`` (MkDocs set them site-wide)."""
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index > 0 else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None


def title_sections(items: Iterable, titles: Mapping[str, str]) -> None:
    """Name each section after its index page, not after its folder."""
    for item in items:
        if isinstance(item, Section):
            index = next(
                (child for child in item.children if isinstance(child, Page) and child.file.name == "index"),
                None,
            )
            if index is not None and index.file.src_uri in titles:
                item.title = titles[index.file.src_uri]
            title_sections(item.children, titles)


def _language_of(item, codes: set[str]) -> str | None:
    if not isinstance(item, Section):
        return None
    pages = list(_pages_in(item))
    if not pages:
        return None
    first = pages[0].file.src_uri.split("/", 1)[0]
    return first if first in codes and all(p.file.src_uri.startswith(f"{first}/") for p in pages) else None


def _language_of_page(page: Page, codes: set[str]) -> str | None:
    first = page.file.src_uri.split("/", 1)[0]
    return first if first in codes and "/" in page.file.src_uri else None


def _pages_in(section: Section):
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages_in(child)
        elif isinstance(child, Page):
            yield child
