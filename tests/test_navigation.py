"""Residents' navigation on built sites: breadcrumbs, the section's links, section lists, related
pages, in every language; and the editor errors that keep it whole."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from lxml import html as lxml_html

from plainpath.site_build import build_site

REPO = Path(__file__).parents[1]


def tree(site: Path, page: str):
    return lxml_html.parse(str(site / page)).getroot()


def resolves(site: Path, page: str, href: str) -> bool:
    target = Path(posixpath.normpath(posixpath.join((site / page).parent.as_posix(), href)))
    return (target / "index.html").exists() or target.is_file()


@pytest.mark.parametrize("prefix", ["", "es/", "fr/", "ar/"])
def test_breadcrumbs_lead_up_to_the_section_and_the_main_page(built_site, prefix):
    page = f"{prefix}parking/apply/index.html"
    crumbs = tree(built_site, page).xpath('//nav[@class="pp-breadcrumbs"]//a')
    assert [resolves(built_site, page, a.get("href")) for a in crumbs] == [True, True]
    assert crumbs[1].text_content().strip() == tree(built_site, f"{prefix}parking/index.html").xpath("string(//h1)").strip()
    if prefix in ("es/", "fr/"):
        assert crumbs[0].text_content().strip() not in ("Main page", "Home")


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_a_section_page_lists_its_pages_with_their_summaries(built_site, prefix):
    section = tree(built_site, f"{prefix}parking/index.html")
    items = section.xpath('//section[@class="pp-section-list"]//li')
    titles = {tree(built_site, f"{prefix}parking/{name}/index.html").xpath("string(//h1)").strip()
              for name in ("apply", "who-can-apply")}
    assert {item.xpath("string(a)").strip() for item in items} == titles
    assert all(item.xpath("string(p)").strip() for item in items)


def test_the_side_menu_lists_only_the_section(built_site):
    links = tree(built_site, "parking/apply/index.html").xpath('//nav[contains(@class, "md-nav--primary")]//a/@href')
    assert sorted(links) == sorted(["../", "./", "../who-can-apply/"])


@pytest.mark.parametrize("prefix", ["", "es/", "fr/"])
def test_step_by_step_guides_have_a_section_page_named_in_the_language(built_site, prefix):
    page = tree(built_site, f"{prefix}flows/index.html")
    listed = page.xpath('//section[@class="pp-section-list"]//a')
    assert len(listed) == len(list((REPO / "flows").glob("*.yml")))
    title = page.xpath("string(//h1)").strip()
    assert "flow" not in title.lower()
    assert (title == "Guides, step by step") is (prefix == "")


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_related_pages_link_to_the_readers_language(built_site, prefix):
    page = f"{prefix}council-tax/cannot-pay/index.html"
    (link,) = tree(built_site, page).xpath('//nav[@class="pp-related"]//a')
    assert resolves(built_site, page, link.get("href"))
    expected = tree(built_site, f"{prefix}council-tax/council-tax-support/index.html").xpath("string(//h1)").strip()
    assert link.text_content().strip() == expected


@pytest.fixture
def project(links_site_copy) -> Path:
    return links_site_copy


def test_a_related_page_that_does_not_exist_names_the_line(project, tmp_path):
    page = project / "content/permits/apply.md"
    page.write_text(page.read_text().replace("last_reviewed: 2026-11-01\n", "last_reviewed: 2026-11-01\nrelated:\n  - permits/aply.md\n", 1))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("Error in page 'content/permits/apply.md', line 8, column 5: the related page 'permits/aply.md' does not "
            "exist. Did you mean 'permits/apply.md'?") in result.stderr


def test_a_folder_of_pages_without_an_index_page_is_named(project, tmp_path):
    folder = project / "content/housing"
    folder.mkdir()
    (folder / "repairs.md").write_text((project / "content/permits/apply.md").read_text())
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("Error in folder 'content/housing/': it has pages but no index.md, so its section has no page of its "
            "own and no title in other languages. Add content/housing/index.md") in result.stderr
