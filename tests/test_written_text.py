"""Interface and answer words written per language, never a label sent alone to an engine
(issue 17, items 1 and 4): "No" is never published as "Núm"; Arabic pages, which have no engine,
carry an Arabic notice while their English body is marked English; a council's own reviewed PO
entry still wins over the written text.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
import yaml
from lxml import html as lxml_html

from plainpath.accessibility.browser import Browser
from plainpath.site_build import build_site
from plainpath.static_server import serve
from plainpath.translation.written_text import WRITTEN_DIR, languages_written, written_text
from plainpath.ui_text import ENGLISH

REPO = Path(__file__).parents[1]
ANSWER_NO = {"es": "No", "fr": "Non", "pt": "Não", "ca": "No"}


def test_every_written_language_has_every_interface_word_and_the_common_answers():
    assert {"es", "fr", "pt", "ca", "ar"} <= set(languages_written())
    for lang in languages_written():
        data = yaml.safe_load((WRITTEN_DIR / f"{lang}.yml").read_text(encoding="utf-8"))
        assert set(data["interface"]) == set(ENGLISH), lang
        assert all(isinstance(text, str) and text.strip() for text in data["interface"].values()), lang
        assert {"Yes", "No"} <= set(data["answers"]), lang  # quoted: YAML 1.1 reads Yes as true
        written = written_text(lang)
        assert written.translation("plainpath:interface", "Next", True) == data["interface"]["next"]
        assert written.translation("flows/x.yml", "No", True) == data["answers"]["No"]
        assert written.translation("flows/x.yml", "No", False) is None  # no engine: the page stays English
        assert written.translation("parking/apply.md", "No", True) is None  # a page's own text has a sentence


def page_text(site: Path, page: str) -> str:
    return " ".join(lxml_html.parse(str(site / page)).getroot().text_content().split())


@pytest.mark.parametrize("lang", sorted(ANSWER_NO))
def test_no_in_a_flow_answer_is_never_published_as_num(built_site, lang):
    every_page = " ".join(page_text(built_site, page.relative_to(built_site).as_posix())
                          for page in (built_site / lang).rglob("*.html"))
    assert not re.search(r"\bN[úu]m\b", every_page)
    flow = page_text(built_site, f"{lang}/flows/council-tax-support/index.html")
    assert f" {ANSWER_NO[lang]}," in flow or f" {ANSWER_NO[lang]} " in flow
    po = polib.pofile(str(REPO / "translations" / f"{lang}.po"))
    answer = po.find("No", msgctxt="flows/council-tax-support.yml")
    assert answer is not None and answer.msgstr == ANSWER_NO[lang] and "fuzzy" not in answer.flags
    assert answer.comment.startswith("written: ")


def test_an_untranslated_arabic_step_by_step_has_arabic_interface_words_and_english_texts_marked_english(built_site):
    """Issue 29.7: with no Arabic engine the flow's own texts stay English, but the interface
    words (written for Arabic) are Arabic, and a screen reader is told which words are English."""
    browser = Browser()
    server, url = serve(built_site)
    arabic = written_text("ar").interface
    try:
        browser.open(url + "ar/flows/parking-permit/")
        nodes = browser.cdp("Accessibility.getFullAXTree")["nodes"]
        names = [" ".join(node.get("name", {}).get("value", "").split()) for node in nodes if not node.get("ignored")]
        notice = arabic[ENGLISH["notice_untranslated"]]
        assert any(notice in name for name in names)  # a screen reader is given the Arabic notice
        found = browser.driver.execute_script("""
            const langOf = (el) => el.closest('[lang]').getAttribute('lang');
            const q = (s) => document.querySelector(s);
            const latin = [];
            const walker = document.createTreeWalker(q('article'), NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (/[A-Za-z]{3}/.test(n.textContent) && !n.parentElement.closest('.pp-languages'))
                latin.push({text: n.textContent.trim(), lang: langOf(n.parentElement)});
            }
            return {notice: langOf(q('.pp-notice p')), heading: langOf(q('h1')),
                    number: q('.pp-step__number').textContent, number_lang: langOf(q('.pp-step__number')),
                    name_lang: langOf(q('.pp-step__name')), next: q('.pp-step__next').textContent,
                    chart: langOf(q('.pp-chart svg')), english_link: langOf(q('.pp-notice a')),
                    direction: getComputedStyle(q('.pp-notice')).direction, latin};""")
        assert found["notice"] == "ar" and found["english_link"] == "ar" and found["direction"] == "rtl"
        assert found["heading"] == "en" and found["name_lang"] == "en" and found["chart"] == "en"
        assert found["number"].startswith(arabic[ENGLISH["step"]]) and found["number_lang"] == "ar"
        assert found["next"].startswith(arabic[ENGLISH["next"]])
        assert "Step 1" not in browser.driver.find_element("css selector", "article").text
        unmarked = [item for item in found["latin"] if item["lang"] != "en"]
        assert found["latin"] and not unmarked, unmarked[:5]
    finally:
        server.shutdown()
        browser.close()


def test_a_councils_reviewed_interface_entry_wins_over_the_written_text(links_site_copy, tmp_path):
    first = build_site(links_site_copy, tmp_path / "first")
    assert first.returncode == 0, first.stderr[-2000:]
    po_path = links_site_copy / "translations" / "es.po"
    po = polib.pofile(str(po_path))
    entry = po.find(ENGLISH["read_english"], msgctxt="plainpath:interface")
    assert entry.msgstr == written_text("es").interface[ENGLISH["read_english"]]
    entry.msgstr = "Ver el original en inglés"
    entry.comment = "Checked by the council's Spanish translator."
    po.save()
    second = build_site(links_site_copy, tmp_path / "second")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "Ver el original en inglés" in page_text(tmp_path / "second", "es/permits/apply/index.html")
    assert polib.pofile(str(po_path)).find(ENGLISH["read_english"], msgctxt="plainpath:interface").msgstr == \
        "Ver el original en inglés"


def live_keys(po_path: Path) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in polib.pofile(str(po_path)) if not entry.obsolete}


def test_every_language_po_file_holds_every_current_text_even_with_no_engine(built_site):
    """A translator can open ar.po in Poedit or Weblate on the first day: every English text is
    there (empty where nobody has translated it yet), as in a language an engine serves."""
    spanish = live_keys(REPO / "translations" / "es.po")
    arabic = live_keys(REPO / "translations" / "ar.po")
    assert len(spanish) > 200 and arabic == spanish
    untranslated = [e for e in polib.pofile(str(REPO / "translations" / "ar.po")) if not e.msgstr]
    assert len(untranslated) > 150 and all("fuzzy" not in e.flags for e in untranslated)


def test_msgfmt_check_gives_no_warning_on_any_po_file(built_site):
    import subprocess

    files = sorted((REPO / "translations").glob("*.po"))
    assert len(files) >= 5
    for po_file in files:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_file)],
                                capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0 and result.stderr == "", (po_file.name, result.stderr)
        header = polib.pofile(str(po_file)).metadata
        assert header["Language"] == po_file.stem and header["Plural-Forms"].startswith("nplurals=")


def test_english_titles_in_the_arabic_menus_and_header_are_given_to_a_screen_reader_as_english(built_site):
    """The menus, breadcrumbs, table of contents and header repeat untranslated English titles
    inside the page's lang="ar": each such name must sit inside lang="en", so a screen reader
    does not read English with Arabic pronunciation; Arabic interface words stay Arabic."""
    browser = Browser()
    server, url = serve(built_site)
    try:
        for page in ("ar/parking/", "ar/404.html", "ar/flows/"):
            browser.open(url + page)
            found = browser.driver.execute_script("""
                const chrome = [...document.querySelectorAll(
                    'header .md-ellipsis, nav a, nav label, nav p, .pp-section-list a, .pp-section-list p')];
                const textOf = (e) => {  // where the words are: the element holding the first text
                    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT,
                        {acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
                    const node = walker.nextNode();
                    return node ? node.parentElement : e;};
                return chrome.filter(e => e.innerText.trim()).map(e => ({
                    text: e.innerText.trim(), lang: textOf(e).closest('[lang]').getAttribute('lang')}));""")
            latin = [item for item in found if re.search(r"[A-Za-z]{3}", item["text"])
                     and item["text"] not in ("English", "Español", "Français", "Português", "Català", "Polski", "Soomaali")]
            arabic = [item for item in found if re.search(r"[\u0600-\u06FF]", item["text"])]
            assert latin, page
            assert all(item["lang"] == "en" for item in latin), (page, [i for i in latin if i["lang"] != "en"])
            assert all(item["lang"] == "ar" for item in arabic), (page, [i for i in arabic if i["lang"] != "ar"])
            assert not any(item["text"] in ("Ar", "Es") for item in found), page  # no folder name as a section
        browser.open(url + "ar/404.html")
        header = browser.driver.execute_script("return document.querySelector('header .md-header__topic:last-child .md-ellipsis').innerText.trim()")
        assert header == written_text("ar").interface[ENGLISH["not_found_title"]]
    finally:
        server.shutdown()
        browser.close()


def test_the_site_name_is_never_sent_alone_to_an_engine(sample_project_copier, tmp_path):
    """'Eastmere Borough Council guidance' alone became 'Eastmere Borough Council Guiaje': the
    site's name is a label, so an engine's old output for it is taken back, it is shown in English
    (lang="en") until a person translates it in the PO file, and then theirs is shown."""
    project = sample_project_copier(tmp_path / "project")
    po_path = project / "translations" / "es.po"
    po = polib.pofile(str(po_path))
    name = po.find("Eastmere Borough Council guidance", msgctxt="mkdocs.yml")
    name.msgstr, name.flags, name.tcomment = "Eastmere Borough Council Guiaje", ["fuzzy", "machine"], ""
    name.comment = "machine: apertium eng-spa 0.8.1-2"
    po.save()
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-2000:]
    entry = polib.pofile(str(po_path)).find("Eastmere Borough Council guidance", msgctxt="mkdocs.yml")
    assert entry.msgstr == "" and "machine" not in entry.flags
    page = (tmp_path / "site" / "es" / "parking" / "index.html").read_text(encoding="utf-8")
    assert "Guiaje" not in page.split('<div class="md-content"')[0]  # header and menus
    assert re.search(r'<label class="md-nav__title"[^>]*lang="en" dir="ltr">Eastmere Borough Council guidance<', page)

    entry = polib.pofile(str(po_path))
    found = entry.find("Eastmere Borough Council guidance", msgctxt="mkdocs.yml")
    found.msgstr, found.comment, found.flags = "Guía del Eastmere Borough Council", "", ["fuzzy"]  # a draft
    entry.save()
    drafted = build_site(project, tmp_path / "drafted")
    assert drafted.returncode == 0, drafted.stderr[-2000:]
    kept = polib.pofile(str(po_path)).find("Eastmere Borough Council guidance", msgctxt="mkdocs.yml")
    assert kept.msgstr == "Guía del Eastmere Borough Council" and kept.flags == ["fuzzy"]  # a person's draft stays
    entry = polib.pofile(str(po_path))
    entry.find("Eastmere Borough Council guidance", msgctxt="mkdocs.yml").flags = []  # approved
    entry.save()
    again = build_site(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr[-2000:]
    page = (tmp_path / "again" / "es" / "parking" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<label class="md-nav__title"[^>]*>Guía del Eastmere Borough Council<', page)
    assert 'lang="en" dir="ltr">Guía' not in page


def test_english_labels_mark_only_whole_english_titles_and_never_the_page_title():
    from plainpath.translation.english_labels import EnglishLabels

    labels = EnglishLabels(["What you'll need", "Pay a fine & costs"])
    page = ("<title>What you'll need</title><a href=x>What you&#39;ll need</a>"
            "<span class=\"md-ellipsis\">\n  Pay a fine &amp; costs\n</span><p lang=\"es\">Pay a fine &amp; costs</p>"
            "<p>What you'll need to bring</p><li><a>What you'll need</a></li>")
    assert labels.mark(page) == (
        "<title>What you'll need</title><a href=x lang=\"en\" dir=\"ltr\">What you&#39;ll need</a>"
        "<span class=\"md-ellipsis\" lang=\"en\" dir=\"ltr\">\n  Pay a fine &amp; costs\n</span>"
        "<p lang=\"es\">Pay a fine &amp; costs</p>"
        "<p>What you'll need to bring</p><li><a lang=\"en\" dir=\"ltr\">What you'll need</a></li>")
    assert EnglishLabels([]).mark(page) == page
    script = '<script>var menu = "<a href=\\"/x/\\">What you\'ll need</a>";</script><!-- <p>What you\'ll need</p> -->'
    assert labels.mark(script) == script  # a title quoted in a script or a comment is left alone


def test_a_block_that_is_all_english_says_so_itself_and_mixed_or_marked_blocks_are_left_alone():
    from plainpath.translation.english_labels import hoist_english

    english = '<span lang="en" dir="ltr">Good items</span>'
    assert hoist_english(f'<p class="admonition-title">{english}</p>') == (
        '<p class="admonition-title" lang="en" dir="ltr">Good items</p>')
    assert hoist_english(f'<li>{english}</li><h2 id="x">{english}</h2>') == (
        '<li lang="en" dir="ltr">Good items</li><h2 id="x" lang="en" dir="ltr">Good items</h2>')
    untouched = [f'<p>Buenos {english}</p>', f'<p>{english} <small>(nota)</small></p>',
                 f'<p lang="es">{english}</p>', f'<div>{english}</div>', f'<script>"<p>{english}</p>"</script>']
    for html in untouched:
        assert hoist_english(html) == html


FREE = {"es": "Gratis", "fr": "Gratuit", "pt": "Gratuito", "ca": "Gratuït"}


@pytest.mark.parametrize("lang", sorted(FREE))
def test_free_as_a_steps_cost_is_written_not_machine_translated(built_site, lang):
    """Sent alone, "Free" came back as "Libre" (free as in freedom)."""
    flow = page_text(built_site, f"{lang}/flows/report-noise/index.html")
    assert FREE[lang] in flow and not re.search(r"\b(Libre|Livre|Lliure)\b", flow)
    entry = polib.pofile(str(REPO / "translations" / f"{lang}.po")).find("Free", msgctxt="flows/report-noise.yml")
    assert entry.msgstr == FREE[lang] and entry.comment.startswith("written: ")


def test_a_partner_description_held_back_in_english_is_marked_english(built_site):
    """'Free advice on money...' came out as 'Consejo libre encima dinero...', failed the
    wrong-sense check, and is shown in English: the page-facts box must say it is English."""
    page = lxml_html.parse(str(built_site / "es" / "index.html")).getroot()
    shown = [span for span in page.xpath("//section[@class='pp-partners']//span[@lang='en']")
             if "Free advice on money" in span.text_content()]
    assert shown and "libre" not in page.xpath("//section[@class='pp-partners']")[0].text_content().lower()
