"""The generated council-sized site (bench/reference_site.py, 100 pages, six languages), built
strictly: residents' navigation bounded by the section, files reachable, no "flow" jargon."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

LANGUAGES = ["", "es/", "fr/", "pt/", "ca/", "ar/"]
SECTION_SIZE = 20  # bench/reference_site.py: pages in a service section, index included
TOP_LEVEL_LIMIT = 13  # topics, plus the step-by-step guides


def pages_of(site: Path, prefix: str) -> list[Path]:
    root = site / prefix if prefix else site
    skip = {"search", "assets", "editors", *[p.strip("/") for p in LANGUAGES if p]}  # editors: their reports
    return [page for page in root.rglob("index.html")
            if page.relative_to(root).parts[0] not in skip or page.parent == root]


def content_of(page: Path):
    return lxml_html.parse(str(page)).getroot()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_language_has_every_page(reference_site, prefix):
    assert len(pages_of(reference_site, prefix)) == len(pages_of(reference_site, ""))
    assert len(pages_of(reference_site, "")) >= 100


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_no_page_carries_the_whole_sites_navigation(reference_site, prefix):
    """The links in a page's navigation are bounded by its section, not by the site's pages."""
    site_pages = len(pages_of(reference_site, prefix))
    for page in pages_of(reference_site, prefix):
        tree = content_of(page)
        nav_links = tree.xpath('//nav[contains(@class, "md-nav--primary")]//a')
        crumbs = tree.xpath('//nav[@class="pp-breadcrumbs"]//a')
        assert len(nav_links) <= max(SECTION_SIZE, TOP_LEVEL_LIMIT), page
        assert len(crumbs) <= 4, page  # home and three levels of sections
        assert len(nav_links) + len(crumbs) < site_pages / 4, page
        if page.parent != reference_site / prefix.rstrip("/") and "flows" not in page.parts:
            assert crumbs, f"{page} has no breadcrumbs"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_picture_and_document_link_resolves_and_documents_say_type_and_size(reference_site, prefix):
    documents = 0
    for page in pages_of(reference_site, prefix):
        main = content_of(page).xpath('//*[@id="main-content"]')[0]
        for attribute, value in [("src", v) for v in main.xpath(".//img/@src")] + [("href", v) for v in main.xpath(".//a/@href")]:
            if re.match(r"^[a-z]+:", value) or value.startswith("#"):
                continue
            target = posixpath.normpath(posixpath.join(page.parent.as_posix(), value.split("#")[0]))
            assert Path(target).exists() or Path(target, "index.html").exists(), f"{page}: {attribute}={value}"
        for link in main.xpath('.//a[contains(@href, "/form-")]'):
            documents += 1
            assert re.search(r"\((PDF|DOCX|ODT), \d+\s?(kB|ko)[^)]*\)$", link.text_content().strip()), link.text_content()
    assert documents >= 30


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_residents_never_read_the_word_flow(reference_site, prefix):
    """The generated step-by-step pages live under flows/, but no visible word says "flow"
    (a "flow chart" is the picture's plain name)."""
    for page in pages_of(reference_site, prefix):
        tree = content_of(page)
        for element in tree.xpath("//script | //style | //svg"):
            element.getparent().remove(element)
        words = tree.xpath("string(//body)").replace("flow chart", "").replace("Flow chart", "")
        assert not re.search(r"\bflows?\b", words, re.IGNORECASE), page


def test_translated_navigation_names_sections_in_the_language(reference_site):
    english = content_of(reference_site / "index.html").xpath('//section[@class="pp-section-list"]//a/text()')
    spanish = content_of(reference_site / "es/index.html").xpath('//section[@class="pp-section-list"]//a/text()')
    assert len(english) == len(spanish) >= 3
    assert not set(english) & set(spanish), (english, spanish)
    assert "Guides, step by step" in english
