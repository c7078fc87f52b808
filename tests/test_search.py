"""Per-language search in a real Chromium: a Spanish page searches Spanish pages only.

Material's own search code runs unchanged; only the index it loads differs per language.
"""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from plainpath.accessibility.browser import Browser
from plainpath.static_server import serve


@pytest.fixture(scope="module")
def browser():
    browser = Browser()
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


def search(browser: Browser, url: str, words: str) -> list[str]:
    """Type into Material's search box and return the result links' paths."""
    browser.open(url)
    driver = browser.driver
    driver.execute_script(
        "const box = document.querySelector('.md-search__input');"
        "box.focus(); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input', {bubbles: true}));"
        "box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));",
        words,
    )
    WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
        or "No" in d.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
        or "Ningún" in d.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    )
    links = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
    return [driver.execute_script("return new URL(arguments[0].href).pathname", link) for link in links]


def test_each_language_has_its_own_index_with_its_stemmer(built_site):
    english = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    spanish = json.loads((built_site / "es/search/search_index.json").read_text(encoding="utf-8"))
    assert spanish["config"]["lang"] == ["es"]
    assert english["docs"] and spanish["docs"]
    assert not [doc for doc in english["docs"] if doc["location"].startswith(("es/", "ar/", "fr/"))]
    assert not [doc for doc in spanish["docs"] if doc["location"].startswith("es/")]


def test_a_spanish_page_finds_spanish_pages_only(browser, site_url):
    found = search(browser, site_url + "es/parking/", "permiso")
    assert found and all(path.startswith("/es/") for path in found), found


def test_an_english_page_finds_english_pages_only(browser, site_url):
    found = search(browser, site_url + "parking/", "permit")
    assert found and not any(path.startswith(("/es/", "/ar/", "/fr/", "/pt/", "/ca/")) for path in found), found


@pytest.mark.parametrize("code", ["", "es/", "ar/"])
def test_a_guide_and_its_step_by_step_are_told_apart_and_excerpts_hold_no_interface_words(built_site, code):
    """Issue 29.11: a resident choosing between results sees which is the step-by-step, and reads
    the page's words in its excerpt, not "Steps to: ... Step 1 ..." boxes or translation notes."""
    docs = {doc["location"]: doc for doc in
            json.loads((built_site / code / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    guide, steps = docs["parking/apply/"], docs["flows/parking-permit/"]
    assert steps["title"] != guide["title"] and steps["title"].endswith(guide["title"].split(": ")[-1])
    steps_to = {"": "Steps to", "es/": "Pasos para", "ar/": "خطوات"}[code]
    assert steps["title"].startswith(steps_to + ": ")
    for doc in docs.values():
        text = doc["text"]
        assert "Part of:" not in text and "Parte de:" not in text and steps_to + ":" not in text, doc
        assert "traducción automática" not in text and "Hide all steps" not in text, doc
        assert "Ocultar todos los pasos" not in text and "Flow chart" not in text, doc


@pytest.mark.parametrize(("language", "words"), [("ar/", "تصريح وقوف السيارات"), ("so/", "ogolaansho baabuur"),
                                                  ("es/", "xyzzy")])
def test_a_search_that_finds_nothing_offers_the_english_pages(browser, site_url, language, words):
    """Issue 29.7: Arabic and Somali pages are in English, so a search in those words finds
    nothing; the resident is told and offered the English pages' search with the same words."""
    browser.open(site_url + language + "parking/", width=1280)
    driver = browser.driver
    driver.execute_script(
        "const box = document.querySelector('.md-search__input');"
        "document.getElementById('__search').checked = true;"
        "box.focus(); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input', {bubbles: true}));"
        "box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));", words)
    offer = WebDriverWait(driver, 20).until(
        lambda d: [p for p in d.find_elements(By.CSS_SELECTOR, ".pp-search-english") if p.is_displayed()])[0]
    link = offer.find_element(By.TAG_NAME, "a")
    expected = {"ar/": "ابحث في الصفحات باللغة الإنجليزية", "so/": "Ka raadi bogagga Ingiriisiga",
                "es/": "Buscar en las páginas en inglés"}[language]
    assert expected in link.text
    link.click()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return document.documentElement.lang === 'en' && document.querySelector('.md-search__input').value"))
    assert driver.find_element(By.CSS_SELECTOR, ".md-search__input").get_attribute("value") == words


def test_a_search_with_results_offers_nothing(browser, site_url):
    found = search(browser, site_url + "ar/parking/", "permit")
    assert found
    assert not [p for p in browser.driver.find_elements(By.CSS_SELECTOR, ".pp-search-english") if p.is_displayed()]
