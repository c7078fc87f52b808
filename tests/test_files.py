"""Pictures and documents linked from pages: one copy, reachable and labelled in every language.

The sample site's parking pages carry a map (``permit-zones.png``) and a paper form
(``permit-application-form.pdf``, with a Spanish ``permit-application-form.es.pdf``).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import polib
import pytest
from lxml import html as lxml_html

from plainpath.accessibility.browser import Browser
from plainpath.site_build import build_site
from plainpath.static_server import serve
from plainpath.translation.inline_markup import from_tagged, to_tagged
from plainpath.translation.memory import CHECK_FAILED

REPO = Path(__file__).parents[1]
FORM_PAGE = "parking/apply/index.html"
MAP_PAGE = "parking/who-can-apply/index.html"
# (prefix, file the reader gets, the facts after the link text, whether the link says it is English)
EXPECTED = [
    ("", "permit-application-form.pdf", r"\(PDF, \d+\skB\)", False),
    ("es/", "permit-application-form.es.pdf", r"\(PDF, \d+\skB\)", False),
    ("fr/", "permit-application-form.pdf", r"\(PDF, \d+\sko, anglais\)", True),
    ("pt/", "permit-application-form.pdf", r"\(PDF, \d+\skB, inglês\)", True),
    ("ca/", "permit-application-form.pdf", r"\(PDF, \d+\skB, anglès\)", True),
    ("ar/", "permit-application-form.pdf", r"\(PDF, \d+\skB\)", True),  # the page itself is English
]


def _form_link(site: Path, prefix: str):
    page = lxml_html.parse(str(site / prefix / FORM_PAGE))
    links = page.xpath('//*[@id="main-content"]//a[contains(@href, "permit-application-form")]')
    assert len(links) == 1
    return links[0]


def _resolve(site: Path, page: str, href: str) -> Path:
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


@pytest.mark.parametrize(("prefix", "file_name", "facts", "says_english"), EXPECTED)
def test_a_document_link_reaches_the_readers_version_with_type_and_size(built_site, prefix, file_name, facts, says_english):
    link = _form_link(built_site, prefix)
    target = _resolve(built_site, prefix + FORM_PAGE, link.get("href"))
    assert target.name == file_name and target.is_file()
    assert target.relative_to(built_site).parts[0] == "parking"  # one copy, not one per language
    assert re.search(facts + "$", link.text_content().strip()), link.text_content()
    assert (link.get("hreflang") == "en") is says_english


def _map_entry(language: str) -> polib.POEntry:
    (entry,) = [e for e in polib.pofile(str(REPO / f"translations/{language}.po"))
                if e.msgid.startswith("![Map of the four permit zones")]
    return entry


def _language_of(element) -> str:
    while element is not None and element.get("lang") is None:
        element = element.getparent()
    return element.get("lang") if element is not None else ""


@pytest.mark.parametrize("prefix", ["", "es/", "fr/", "pt/", "ca/", "ar/"])
def test_a_picture_is_the_one_english_file_and_its_alt_text_follows_the_translation_memory(built_site, prefix):
    """The alt text is translated like the words around it, so the meaning checks judge it too: a
    translation they hold back leaves the English alt, marked English, never a misleading one."""
    page = lxml_html.parse(str(built_site / prefix / MAP_PAGE))
    (image,) = page.xpath('//*[@id="main-content"]//img')
    assert _resolve(built_site, prefix + MAP_PAGE, image.get("src")) == built_site / "parking/permit-zones.png"
    english_alt = lxml_html.parse(str(built_site / MAP_PAGE)).xpath('//*[@id="main-content"]//img/@alt')[0]
    assert english_alt.startswith("Map of the four permit zones")
    if prefix in ("es/", "fr/", "pt/", "ca/"):
        entry = _map_entry(prefix.strip("/"))
        if CHECK_FAILED in entry.flags:
            assert image.get("alt") == english_alt and _language_of(image) == "en"
        else:
            assert image.get("alt") != english_alt and image.get("alt") in entry.msgstr
            assert _language_of(image) == prefix.strip("/")


def test_pictures_and_documents_load_in_chromium_from_every_language(built_site):
    browser = Browser()
    server, url = serve(built_site)
    try:
        for prefix in ("", "es/", "ar/"):
            browser.driver.get(f"{url}{prefix}parking/who-can-apply/")
            width = browser.driver.execute_script(
                "const i = document.querySelector('#main-content img');"
                "return i.complete ? i.naturalWidth : -1;")
            assert width > 100, prefix
            browser.driver.get(f"{url}{prefix}parking/apply/")
            fetched = browser.driver.execute_async_script(
                "const done = arguments[0];"
                "const a = document.querySelector('#main-content a[href*=permit-application-form]');"
                "fetch(a.href).then(r => r.arrayBuffer().then(b => done([r.status, new TextDecoder().decode(b.slice(0, 5))])))"
                ".catch(e => done(String(e)));")
            assert fetched == [200, "%PDF-"], prefix
    finally:
        server.shutdown()
        browser.close()


@pytest.fixture
def project(links_site_copy) -> Path:
    return links_site_copy


def test_a_link_to_a_missing_file_names_the_page_and_line(project, tmp_path):
    page = project / "content/permits/apply.md"
    lines = page.read_text().rstrip("\n").split("\n")
    lines += ["", "Fill in the [paper form](forms/permit-form.pdf) and post it."]
    page.write_text("\n".join(lines) + "\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (f"Error in page 'content/permits/apply.md', line {len(lines)}: the link 'forms/permit-form.pdf' "
            "goes to 'content/permits/forms/permit-form.pdf', but there is no such file. "
            "Add the file to content/ there, or correct the link.") in result.stderr
    assert not (project / "translations/es.po").exists() or "paper form" not in (project / "translations/es.po").read_text()


def test_a_language_version_of_a_picture_replaces_the_english_one_only_for_that_language(project, tmp_path):
    shutil.copy(REPO / "content/parking/permit-zones.png", project / "content/permits/zones.png")
    (project / "content/permits/zones.es.png").write_bytes((REPO / "content/parking/permit-zones.png").read_bytes())
    page = project / "content/permits/apply.md"
    page.write_text(page.read_text() + "\n![Map of the zones](zones.png)\n")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    english = lxml_html.parse(str(site / "permits/apply/index.html")).xpath('//*[@id="main-content"]//img/@src')
    spanish = lxml_html.parse(str(site / "es/permits/apply/index.html")).xpath('//*[@id="main-content"]//img/@src')
    assert english == ["../zones.png"] and spanish == ["../../../permits/zones.es.png"]
    spanish_alt = lxml_html.parse(str(site / "es/permits/apply/index.html")).xpath('//*[@id="main-content"]//img/@alt')
    assert spanish_alt == ["Mapa de las zonas"]
    assert not (site / "es/permits/zones.png").exists()


def test_alt_text_goes_to_the_engine_and_the_picture_address_does_not():
    tagged = to_tagged('See ![Map of the zones](../a/map.png "Zones") and [apply](apply.md).')
    assert tagged.text == 'See <m id="1">Map of the zones</m> and <a id="2">apply</a>.'
    rebuilt = from_tagged('Ver <m id="1">Mapa de las zonas</m> y <a id="2">solicitar</a>.', tagged)
    assert rebuilt == 'Ver ![Mapa de las zonas](../a/map.png "Zones") y [solicitar](apply.md).'
