"""Residents' navigation, the GOV.UK way: breadcrumbs up, the section's own pages, index lists down.

mkdocs-material writes the whole site tree into every page: 515 KB a page at 1,000 pages, and a
list of links too dense to tap. A resident needs far less: where they are (breadcrumbs), the other
pages of this section, and on a section's index page a list of its pages with their summaries.
What a page carries is bounded by its section, never by the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class NavLink:
    """One link of the navigation: a page, or a section by its index page."""

    title: str
    page: Page
    summary: str = ""
    is_section: bool = False
    current: bool = False


@dataclass(frozen=True)
class PagePlace:
    """Where a page sits: the way up, the section's links, and (on index pages) what is below."""

    breadcrumbs: list[NavLink]
    section_title: str
    section_links: list[NavLink]
    listing: list[NavLink]  # empty unless the page is its section's index (or the home page)


def index_page(section: Section) -> Page | None:
    """The section's ``index.md``: its title names the section and residents land on it."""
    return next((child for child in section.children if isinstance(child, Page) and child.file.name == "index"), None)


def place_of(page: Page, nav: Navigation) -> PagePlace:
    """Breadcrumbs, section links and the index listing for ``page`` in its language's ``nav``."""
    home = nav.homepage
    sections = [item for item in reversed(page.ancestors) if isinstance(item, Section)]
    if sections and not any(sections[0] is item for item in nav.items):
        sections = []  # a page kept out of the menus (a 404 page) still points at its language's folder
    indexes_section = sections[-1] if sections and index_page(sections[-1]) is page else None
    is_home = page is home
    crumbs = [] if is_home or home is None else [NavLink(home.title, home)]
    for section in sections:
        index = index_page(section)
        if index is not None and index is not page:
            crumbs.append(NavLink(section.title, index))
    if is_home:
        items, title = nav.items, home.title
    elif sections:
        items, title = sections[-1].children, sections[-1].title
    else:  # a page at the top level sits beside the top-level sections
        items, title = nav.items, home.title if home else ""
    links = [link for link in (_link(item, page) for item in items) if link is not None and link.page is not home]
    listing = [link for link in links if link.page is not page] if (is_home or indexes_section) else []
    return PagePlace(crumbs, title, links, listing)


def _link(item, current: Page) -> NavLink | None:
    if isinstance(item, Page):
        return NavLink(item.title or "", item, _summary(item), False, item is current)
    if isinstance(item, Section):
        index = index_page(item)
        if index is None:
            return None
        return NavLink(item.title, index, _summary(index), True, index is current)
    return None  # external links in a hand-written nav are not residents' navigation


def _summary(page: Page) -> str:
    summary = page.meta.get("summary") if page.meta else ""
    return summary if isinstance(summary, str) else ""
