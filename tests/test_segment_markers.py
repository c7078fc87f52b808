"""Markers next to a paragraph, in the reader's language (issue 17, item 5): on a page that mixes
a person's translation with machine text, each machine paragraph says so; a person's paragraph
whose English has changed says so with the new English beside it, marked English. Plain HTML:
no JavaScript, and the page still passes the accessibility gate."""

from __future__ import annotations

import re

from pathlib import Path

import polib
from lxml import html as lxml_html

from plainpath.accessibility.axe_runner import axe_script
from plainpath.accessibility.browser import Browser
from plainpath.accessibility.gate import author_checks_for, check_page, configured_languages
from plainpath.site_build import build_site
from plainpath.static_server import serve
from plainpath.translation.memory import status_of
from plainpath.translation.written_text import written_text
from plainpath.ui_text import ENGLISH

REPO = Path(__file__).parents[1]
PAGE = "content/parking/apply.md"
SPANISH = {key: written_text("es").interface[text] for key, text in ENGLISH.items()}


def approve_one_paragraph(project: Path) -> polib.POEntry:
    """A person approves one machine paragraph of the page in Poedit (removes "fuzzy")."""
    path = project / "translations" / "es.po"
    po = polib.pofile(str(path))
    body = (project / PAGE).read_text(encoding="utf-8").split("\n---\n", 1)[1].splitlines()
    entry = next(e for e in po if e.msgctxt == PAGE and status_of(e) == "machine" and "check-failed" not in e.flags
                 and len(e.msgid) > 40 and any(line.startswith(" ".join(e.msgid.split()[:4])) for line in body))
    entry.flags = []
    po.save(str(path))
    return entry


def article(site: Path) -> lxml_html.HtmlElement:
    return lxml_html.parse(str(site / "es" / "parking" / "apply" / "index.html")).getroot().xpath("//article")[0]


def markers(element) -> list[str]:
    return [" ".join(small.text_content().split()) for small in element.iter("small")]


def test_machine_paragraphs_are_marked_on_a_page_with_a_persons_translation(tmp_path, sample_project_copier):
    project = sample_project_copier(tmp_path / "project")
    assert build_site(project, tmp_path / "before").returncode == 0
    assert f"({SPANISH['marker_machine']})" not in markers(article(tmp_path / "before"))  # all machine: no marker
    reviewed = approve_one_paragraph(project)
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0, "build failed"
    page = article(site)
    # Text a resident acts on is held back in English (risk.py), so fewer machine paragraphs show.
    assert markers(page).count(f"({SPANISH['marker_machine']})") >= 1
    paragraph = next(p for p in page.iter("p") if reviewed.msgstr[:30] in " ".join(p.text_content().split()))
    assert not list(paragraph.iter("small"))  # a person's text carries no machine marker


def test_a_persons_paragraph_whose_english_changed_shows_the_new_english_beside_it(tmp_path, sample_project_copier):
    project = sample_project_copier(tmp_path / "project")
    assert build_site(project, tmp_path / "first").returncode == 0
    reviewed = approve_one_paragraph(project)
    source = project / PAGE
    text = source.read_text(encoding="utf-8")
    first_words = " ".join(reviewed.msgid.split()[:4])
    line = next(line for line in text.splitlines() if line.startswith(first_words))
    changed = line.rstrip(".") + ", as the council now says."
    source.write_text(text.replace(line, changed), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    page = article(site)
    stale = next(small for small in page.iter("small") if SPANISH["marker_stale"] in small.text_content())
    english = stale.xpath(".//span[@lang='en']")
    assert english and "as the council now says" in english[0].text_content()
    assert reviewed.msgstr[:30] in " ".join(stale.getparent().text_content().split())  # the person's text stays

    server, url = serve(site)
    browser = Browser()
    try:
        config = project / "mkdocs.yml"
        result = check_page(browser, url, "es/parking/apply/index.html", axe_script(REPO),
                            configured_languages(config), author_checks_for(config, REPO))
    finally:
        browser.close()
        server.shutdown()
    assert result.error == "" and result.findings == [], result.findings


def _flow_texts(flow_file: Path) -> set[str]:
    """Every text of a flow file a resident reads: titles, bodies, tasks, answers, time, cost."""
    import yaml

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("title", "summary", "body", "text", "answer", "decision", "time", "cost") and isinstance(inner, str):
                    found.add(" ".join(inner.split()))
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(yaml.safe_load(flow_file.read_text(encoding="utf-8")))
    return {text for text in found if len(text) > 3}


def _language_of(element) -> str:
    while element is not None and element.get("lang") is None:
        element = element.getparent()
    return element.get("lang") if element is not None else ""


def test_english_left_in_a_translated_step_by_step_is_marked_english(built_site):
    """Issue 29.8: a held-back step body and an outcome such as "Within 10 working days" were
    read out with Spanish pronunciation: every English text of a flow left on the Spanish or
    French step-by-step page is inside ``lang="en"``."""
    english_texts = set().union(*(_flow_texts(f) for f in sorted((REPO / "flows").glob("*.yml"))))
    checked = 0
    for lang in ("es", "fr"):
        for page in sorted((built_site / lang / "flows").glob("*/index.html")):
            main = lxml_html.parse(str(page)).getroot().xpath('//*[@id="main-content"]')[0]
            for element in main.iter():
                if not isinstance(element.tag, str) or element.tag in ("script", "style", "svg", "title"):
                    continue
                for text, owner in ((element.text, element), (element.tail, element.getparent())):
                    shown = " ".join((text or "").split())
                    if shown in english_texts:
                        checked += 1
                        assert _language_of(owner) == "en", (page.relative_to(built_site), shown)
    assert checked >= 10  # the sample holds back enough for this to mean something


def test_a_picture_gets_no_note_beside_it_and_never_a_second_copy():
    """Issue 29.14: a picture's translated words are its alt text, which nobody sees. A note
    beside it stood alone on a broken line; a stale picture repeated the English one beside it."""
    from plainpath.translation.page_translation import SegmentNotes, marked
    from plainpath.translation.pipeline import Rendering
    from plainpath.translation.segments import Segment

    notes = SegmentNotes(held_back="mostrado en inglés", machine="traducción automática", stale="revisado")
    picture = Segment("page.md", "![Map of the zones](map.png)", 3)
    assert marked(Rendering(picture.source, "held-back"), picture, notes) == (
        '<span lang="en" dir="ltr">![Map of the zones](map.png)</span>')
    assert marked(Rendering("![Mapa de las zonas](map.png)", "machine"), picture, notes, mixed=True) == "![Mapa de las zonas](map.png)"
    assert marked(Rendering("![Mapa de las zonas](map.png)", "stale"), picture, notes).count("map.png") == 1
    sentence = Segment("page.md", "See the map of the zones.", 4)
    assert marked(Rendering(sentence.source, "held-back"), sentence, notes).endswith('<small data-search-exclude="true">(mostrado en inglés)</small>')


def test_english_held_back_in_a_step_by_step_says_why_as_pages_do(built_site):
    """Issue 29.8, second pass: the step title "Book and pay", the task "Book online" and the
    outcome "Within 10 working days" were English on the Spanish page with no word why, while a
    held-back paragraph in a page or a step's body has the note. Each now has it."""
    english_texts = set().union(*(_flow_texts(f) for f in sorted((REPO / "flows").glob("*.yml"))))
    noted = 0
    for lang in ("es", "fr"):
        for page in sorted((built_site / lang / "flows").glob("*/index.html")):
            main = lxml_html.parse(str(page)).getroot().xpath('//*[@id="main-content"]')[0]
            for item in main.xpath('.//ul[contains(@class,"pp-tasks")]/li | .//dl[contains(@class,"pp-outcome__facts")]/dd'):
                english = [span for span in item.xpath('.//span[@lang="en"]') if " ".join(span.text_content().split()) in english_texts]
                if english:
                    note = item.xpath('./small[contains(@class,"pp-held-back")]')
                    assert note and "(" in note[0].text_content(), (page.relative_to(built_site), item.text_content())
                    noted += 1
            for title in main.xpath('.//span[contains(@class,"pp-step__name")]'):
                if " ".join(title.text_content().split()) in english_texts:
                    step = title.xpath('ancestor::li[1]')[0]
                    held_back = './div[contains(@class,"pp-step__content")]/p[contains(@class,"pp-step__held-back")] | ./p[contains(@class,"pp-step__held-back")]'
                    assert step.xpath(held_back), (page.relative_to(built_site), title.text_content())
                    noted += 1
            # The same title in the flow chart's box is read as English too (third pass).
            for box in main.xpath('.//*[local-name()="g"][contains(concat(" ", @class, " "), " node ")]'):
                words = " ".join(" ".join(text.text or "" for text in box.iter() if str(text.tag).endswith("text")).split())
                if re.sub(r"^\d+\.\s*", "", words) in english_texts:
                    assert _language_of(box) == "en", (page.relative_to(built_site), words)
                    noted += 1
    assert noted >= 4, noted
