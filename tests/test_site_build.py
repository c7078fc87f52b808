"""The sample site as a resident gets it: every flow rendered, every language marked, no tracking."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from plainpath.translation.written_text import written_text
from plainpath.ui_text import ENGLISH as ENGLISH_UI_WORDS

REPO = Path(__file__).parents[1]
FLOW_IDS = sorted(yaml.safe_load(p.read_text())["id"] for p in (REPO / "flows").glob("*.yml"))
SITE_HOST = urlsplit(yaml.safe_load((REPO / "mkdocs.yml").read_text().split("\nplugins:")[0])["site_url"]).hostname
LOADING_ATTRIBUTES = [("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href"),
                      ("source", "src"), ("video", "src"), ("audio", "src"), ("object", "data")]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def test_site_has_every_page_in_every_built_language(built_site):
    english = {p.relative_to(REPO / "content").with_suffix("") for p in (REPO / "content").rglob("*.md")}
    assert len(english) >= 12
    for prefix in ("", "es/", "fr/", "pt/", "ca/", "ar/"):
        for page in english:
            folder = "" if page.name == "index" else f"{page.name}/"
            target = built_site / prefix / page.parent / folder / "index.html"
            assert target.exists(), target


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@pytest.mark.parametrize("prefix", ["", "es/", "ar/"])
def test_every_flow_has_step_page_and_accessible_chart(built_site, flow_id, prefix):
    tree = parse(built_site / prefix / "flows" / flow_id / "index.html")
    steps = tree.xpath("//ol[contains(@class,'pp-steps')]/li")
    assert len(steps) >= 4
    assert tree.xpath("//h2[contains(@class,'pp-step__title')]")[0].text_content().strip()
    svg = tree.xpath("//*[local-name()='svg' and contains(@class,'pp-chart__svg')]")
    assert len(svg) == 1
    assert svg[0].xpath("./*[local-name()='title']")[0].text
    assert svg[0].xpath("./*[local-name()='desc']")[0].text
    anchors = {step.get("id") for step in steps}
    chart_links = {a.get("href").lstrip("#") for a in svg[0].xpath(".//*[local-name()='a']")}
    assert chart_links == anchors


def test_anchors_of_flow_steps_are_the_same_in_every_language(built_site):
    for flow_id in FLOW_IDS:
        ids = [
            [li.get("id") for li in parse(built_site / p / "flows" / flow_id / "index.html").xpath("//ol[contains(@class,'pp-steps')]/li")]
            for p in ("", "es/", "ar/")
        ]
        assert ids[0] == ids[1] == ids[2]


def test_pages_linked_from_flows_have_a_part_of_box(built_site):
    for prefix in ("", "es/"):
        tree = parse(built_site / prefix / "parking" / "apply" / "index.html")
        box = tree.xpath("//aside[contains(@class,'pp-part-of')]")
        assert len(box) == 1
        current = box[0].xpath(".//a[@aria-current='step']")
        assert len(current) == 1
        assert current[0].get("href").endswith("#step-5-apply-online")
        assert box[0].xpath(".//a[@rel='prev']") and box[0].xpath(".//a[@rel='next']")


def test_embedded_flow_lists_its_steps(built_site):
    tree = parse(built_site / "parking" / "index.html")
    assert len(tree.xpath("//div[contains(@class,'pp-flow-embed')]//ol/li")) == 5


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for page in pages(built_site):
        tree = parse(page)
        for tag, attribute in LOADING_ATTRIBUTES:
            for element in tree.iter(tag):
                value = element.get(attribute)
                if tag == "link" and (element.get("rel") or "") in ("alternate", "canonical"):
                    continue
                host = urlsplit(value or "").hostname
                if value and host and host != SITE_HOST:
                    offenders.append(f"{page.relative_to(built_site)}: <{tag} {attribute}={value}>")
        for element in tree.xpath("//*[@style]"):
            if "url(" in element.get("style") and "//" in element.get("style"):
                offenders.append(f"{page.relative_to(built_site)}: style url")
    for css in built_site.rglob("*.css"):
        text = css.read_text(errors="ignore")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append(str(css))
    assert offenders == []


def test_every_page_declares_language_and_direction(built_site):
    for page in pages(built_site):
        tree = parse(page)
        relative = page.relative_to(built_site).as_posix()
        lang = relative.split("/")[0] if relative.split("/")[0] in ("es", "fr", "pt", "ca", "ar", "pl", "so") else "en"
        assert tree.get("lang") == lang, relative
        assert tree.find("body").get("dir") == ("rtl" if lang == "ar" else "ltr"), relative


def test_translated_pages_say_so_and_link_alternates(built_site):
    tree = parse(built_site / "es" / "parking" / "apply" / "index.html")
    notice = tree.xpath("//div[contains(@class,'pp-notice')]")[0]
    assert "máquina" in notice.text_content()
    assert notice.xpath(".//a[@hreflang='en']")[0].get("href") == "../../../parking/apply/"
    assert not tree.xpath("//link[@rel='alternate']")  # mkdocs-material fetches a sitemap beside each
    switcher = tree.xpath("//nav[contains(@class,'pp-languages')]//a")
    assert {a.get("hreflang") for a in switcher} == {"en", "fr", "pt", "ca", "ar", "pl", "so"}
    assert {a.get("lang"): a.text_content().strip() for a in switcher}["ar"] == "العربية"


def test_untranslated_arabic_marks_every_english_text_and_keeps_arabic_interface_words(built_site):
    """Issue 29.7: every page with no Arabic translation has English text marked lang="en" (the
    body, step names in boxes and links, the chart) and the interface words in Arabic."""
    pages_checked = 0
    for page in sorted((built_site / "ar").rglob("*.html")):
        if "editors" in page.parts:  # reports for editors, in English on purpose
            continue
        tree = parse(page)
        for element in tree.xpath("//article//*"):
            for text in [element.text] + [child.tail for child in element]:
                if text and re.search(r"[A-Za-z]{3}", text) and not element.xpath("ancestor::*[contains(@class,'pp-languages')]"):
                    lang = next((a.get("lang") for a in [element, *element.iterancestors()] if a.get("lang")), None)
                    assert lang == "en", (page, element.tag, text.strip()[:60])
        pages_checked += 1
    assert pages_checked > 15
    tree = parse(built_site / "ar" / "parking" / "apply" / "index.html")
    assert tree.xpath("//div[contains(@class,'pp-notice--untranslated')]")
    assert not tree.xpath("//article//div[@lang='en']//*[contains(@class,'pp-part-of')]")  # no English wrapper
    boxes = " ".join(tree.xpath("//*[contains(@class,'pp-part-of')]//text()"))
    assert written_text("ar").interface[ENGLISH_UI_WORDS["step"]] in boxes and "Step 1" not in boxes


def test_every_page_has_a_skip_link_to_main_content_first(built_site):
    css = (REPO / "plugins/plainpath/theme/assets/stylesheets/plainpath.css").read_text()
    assert ".md-skip { display: none; }" in css  # the theme's own link is never focusable
    for page in pages(built_site):
        tree = parse(page)
        focusable = tree.xpath(
            "//body//a[@href][not(contains(@class,'md-skip'))] | //body//button"
            " | //body//input[not(@type='hidden')]"
        )
        first_link = next(e for e in focusable if e.tag == "a")
        assert first_link.get("href") == "#main-content", page
        assert tree.xpath("//*[@id='main-content']"), page


def test_the_servers_rules_forbid_content_sniffing(built_site):
    """Issue 30: an uploaded file is never run as a page: nosniff in _headers and for nginx."""
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert "\n  X-Content-Type-Options: nosniff\n" in headers
    assert 'add_header X-Content-Type-Options "nosniff" always;' in (built_site / "redirects.nginx.conf").read_text()


def test_the_search_form_has_a_submit_button_out_of_the_tab_order(built_site):
    """Issue 31.1: HTML_CodeSniffer (pa11y's second runner) fails a form with no submit button
    (WCAG 3.2.2, H32). A visually hidden one, never a Tab stop, changes nothing for a resident."""
    for page in (built_site / "index.html", built_site / "es" / "parking" / "index.html", built_site / "404.html"):
        form = parse(page).xpath("//form[@name='search']")[0]
        button = form.xpath(".//button[@type='submit']")
        assert button and button[0].get("tabindex") == "-1" and "pp-visually-hidden" in button[0].get("class")
        assert button[0].text_content().strip()
