"""Stable links: the URL lock, redirects in every language followed in Chromium, 404 pages,
the link check, and flow step anchors that survive translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plainpath.accessibility.browser import Browser
from plainpath.links.redirects import expand_rules
from plainpath.site_build import build_site
from plainpath.static_server import serve



@pytest.fixture
def project(links_site_copy, tmp_path) -> Path:
    """A copy of the links test site, published once (so its URLs are locked)."""
    copy = links_site_copy
    first = build_site(copy, tmp_path / "first")
    assert first.returncode == 0, first.stderr[-2000:]
    return copy


def rename_apply_page(project: Path) -> None:
    (project / "content/permits/apply.md").rename(project / "content/permits/how-to-apply.md")
    for page in ("content/index.md", "content/permits/index.md"):
        path = project / page
        path.write_text(path.read_text().replace("apply.md", "how-to-apply.md"))


def add_redirect(project: Path, rule: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - plainpath/links\n", f"  - plainpath/links:\n      redirects:\n        {rule}\n"))


def test_the_first_build_locks_every_url_in_every_language(project):
    lock = (project / "published-urls.txt").read_text().splitlines()
    assert [line for line in lock if not line.startswith("#")] == [
        "/", "/es/", "/es/permits/", "/es/permits/apply/", "/permits/", "/permits/apply/",
    ]


def test_renaming_a_page_without_a_redirect_fails_naming_the_old_url(project, tmp_path):
    rename_apply_page(project)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("Error in 'published-urls.txt', line 6: the published page 'es/permits/apply/' no longer "
            "exists. Did you mean 'es/permits/how-to-apply/'? Add a redirect in mkdocs.yml under "
            "plainpath/links, redirects: 'permits/apply.md: permits/how-to-apply.md'.") in result.stderr
    assert ("Error in 'published-urls.txt', line 8: the published page 'permits/apply/' no longer exists. "
            "Did you mean 'permits/how-to-apply/'? Add a redirect in mkdocs.yml under plainpath/links, "
            "redirects: 'permits/apply.md: permits/how-to-apply.md'.") in result.stderr


def test_a_broken_link_in_a_page_in_a_folder_is_one_message_naming_the_file_beside_it(project, tmp_path):
    page = project / "content/permits/apply.md"
    page.write_text(page.read_text() + "\nSee [the permit zones](zonse.md).\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "zonse.md" in line]
    assert len(errors) == 1, errors  # not one per language, not a MkDocs warning besides ours
    assert ("the link 'zonse.md' goes to 'content/permits/zonse.md', but there is no page there."
            in errors[0])


@pytest.fixture(scope="module")
def browser():
    browser = Browser()
    yield browser
    browser.close()


def test_with_the_redirect_the_old_url_lands_on_the_new_page_in_every_language(project, tmp_path, browser):
    rename_apply_page(project)
    add_redirect(project, "permits/apply.md: permits/how-to-apply.md")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "/permits/apply/" in (project / "published-urls.txt").read_text()  # never dropped
    server, url = serve(site)
    try:
        for prefix, lang in (("", "en"), ("es/", "es")):
            browser.driver.get(f"{url}{prefix}permits/apply/#what-you-need")
            browser.driver.implicitly_wait(0)
            landed = browser.driver.execute_script("return [location.pathname, location.hash, document.documentElement.lang]")
            assert landed == [f"/{prefix}permits/how-to-apply/", "#what-you-need", lang]
    finally:
        server.shutdown()
    page = BeautifulSoup((site / "es/permits/apply/index.html").read_text(), "html.parser")
    assert page.find("link", rel="canonical")["href"] == "https://example.gov.uk/es/permits/how-to-apply/"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../how-to-apply/"
    assert "/es/permits/apply/ /es/permits/how-to-apply/ 301" in (site / "_redirects").read_text()
    assert "location = /permits/apply/ { return 301 /permits/how-to-apply/; }" in (site / "redirects.nginx.conf").read_text()


def test_a_redirect_to_a_page_that_does_not_exist_is_named(project, tmp_path):
    rename_apply_page(project)
    add_redirect(project, "permits/apply.md: permits/how-to-aply.md")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("redirect 'permits/apply.md': its target 'permits/how-to-aply.md' is not a page of this site. "
            "Did you mean 'permits/how-to-apply/'?") in result.stderr


def test_a_folder_rule_moves_every_page_under_it_in_every_language():
    redirects = expand_rules(
        {"permits/": "parking/"},
        published={"permits/", "permits/apply/", "es/permits/", "es/permits/apply/"},
        current={"", "parking/", "parking/apply/", "es/", "es/parking/", "es/parking/apply/"},
        languages={"es": "ltr"},
    )
    assert [(r.old, r.new) for r in redirects] == [
        ("es/permits/", "es/parking/"), ("es/permits/apply/", "es/parking/apply/"),
        ("permits/", "parking/"), ("permits/apply/", "parking/apply/"),
    ]


def test_a_broken_anchor_fails_the_build_naming_file_and_line(project, tmp_path):
    index = project / "content/index.md"
    index.write_text(index.read_text().replace("#what-you-need", "#what-to-bring"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    # The link as the editor wrote it, and where: "Check [what you need](" is 22 characters.
    assert ("Error in 'content/index.md', line 10, column 23: the link 'permits/apply.md#what-to-bring' goes to "
            "'permits/apply/#what-to-bring', but the page has no section '#what-to-bring'.") in result.stderr


def test_check_names_file_line_and_column_once_and_never_suggests_the_page_itself(project):
    """``plainpath check`` prints the place once, as ``file:line:col:``, and a guess only when a
    page's name is close ("book.md" is not "index.md"; "aply.md" on apply.md is not apply.md)."""
    page = project / "content/permits/apply.md"
    page.write_text(page.read_text() + "\nSee [the book](book.md), [this page](aply.md) and [who](../index.md#nowhere).\n")
    done = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], cwd=project, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if "Error" in line]
    assert done.returncode != 0
    last = page.read_text().splitlines()
    row = len(last)
    assert lines and all(line.startswith(f"content/permits/apply.md:{row}:") for line in lines), lines
    assert f"content/permits/apply.md:{row}:{last[-1].index('book.md') + 1}: Error: the link 'book.md' goes to" in done.stdout
    assert f":{row}:{last[-1].index('../index.md#nowhere') + 1}: Error: the link '../index.md#nowhere' goes to" in done.stdout
    assert "Did you mean" not in done.stdout and "content/permits/apply.md', line" not in done.stdout


def test_translated_flow_pages_keep_the_english_step_anchors(built_site):
    for flow in ("parking-permit", "report-noise", "council-tax-support", "bulky-waste"):
        english = BeautifulSoup((built_site / f"flows/{flow}/index.html").read_text(), "html.parser")
        ids = [li["id"] for li in english.select("li.pp-step")]
        assert ids and all(i.startswith(("step-", "end-")) for i in ids)
        for code in ("es", "ar"):
            translated = BeautifulSoup((built_site / f"{code}/flows/{flow}/index.html").read_text(), "html.parser")
            assert [li["id"] for li in translated.select("li.pp-step")] == ids


def test_each_language_has_a_404_page_in_its_language_with_search_and_home(built_site):
    for code in ("es", "ar", "fr"):
        page = BeautifulSoup((built_site / f"{code}/404.html").read_text(), "html.parser")
        assert page.html["lang"] == code
        home = page.select("article h1 ~ p a[href]")
        assert [a["href"] for a in home] == [f"/{code}/"]
        assert page.select_one(".md-search__input") is not None
        # Written in every language plainpath has words for (Arabic has no engine here, but its
        # interface text is written): in the page's own language, not marked English.
        assert page.h1.get_text() != "Page not found"
        assert page.h1.find_parent(attrs={"lang": True})["lang"] == code
        assert all(link["href"].startswith(("/", "#", "http")) for link in page.select("[href]"))
    assert "/es/* /es/404.html 404" in (built_site / "_redirects").read_text()


def test_every_404_page_offers_each_languages_home_page_and_looks_the_same(built_site):
    """Issue 29.12: a Spanish 404 page had no way to English, its language links led to other
    404 pages, and it had a breadcrumb and a language menu the English one did not."""
    layouts = set()
    for code in ("", "es/", "ar/", "fr/"):
        page = BeautifulSoup((built_site / f"{code}404.html").read_text(), "html.parser")
        languages = page.select("nav.pp-languages a[href]")
        links = {a["lang"]: a["href"] for a in languages}
        assert len(links) == 7, (code, links)  # the site's eight languages but the page's own
        assert all(not href.endswith("404.html") for href in links.values()), links
        assert (links.get("en") == "/") or code == ""
        assert all(href == f"/{lang}/" for lang, href in links.items() if lang != "en")
        assert page.select_one(".pp-breadcrumbs") is None
        layouts.add(tuple(child.name for child in page.select_one("article").find_all(recursive=False)))
    assert len(layouts) == 1, layouts
