"""Meaning checks on machine translations and the publishing policy per language (issue 17,
items 2 and 3).

The checks are measured on the reference set in tests/fixtures/mt_reference_es.yml (written
before the checks; bench/mt_quality.py prints the same figures): every deliberate mistake is a
case, and the false alarms on the correct translations must stay rare. The policy is tried on a
copy of the sample project: under ``checked`` a segment that failed a check is published in
English, marked ``lang="en"``, with a note in the reader's language; under ``machine`` the
machine text is published; under ``reviewed`` no machine text is.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
import yaml
from lxml import html as lxml_html

from plainpath.site_build import build_site
from plainpath.translation.glossary import load_glossary
from plainpath.translation.meaning_checks import DEFAULT_ROUND_TRIP_MIN, check_pairs, check_segment
from plainpath.translation.memory import CHECK_FAILED, CHECKS_PASSED
from plainpath.translation.written_text import written_text
from plainpath.ui_text import ENGLISH

REPO = Path(__file__).parents[1]
REFERENCE = yaml.safe_load((REPO / "tests" / "fixtures" / "mt_reference_es.yml").read_text(encoding="utf-8"))
TERMS = load_glossary(REPO / "translations" / "glossary.yml", "translations/glossary.yml").terms_for("es")


@pytest.fixture(scope="module")
def verdicts() -> dict[str, list]:
    """The checks over the whole reference set, round trip included, as the build runs them."""
    return {
        kind: check_pairs([(item["en"], item["es"]) for item in REFERENCE[kind]], "es", TERMS, DEFAULT_ROUND_TRIP_MIN)
        for kind in ("correct", "wrong")
    }


def test_the_reference_set_is_big_enough_and_covers_every_kind_of_mistake():
    assert len(REFERENCE["correct"]) >= 150 and len(REFERENCE["wrong"]) >= 60
    kinds = {item["error"] for item in REFERENCE["wrong"]}
    assert {"negation-dropped", "number-changed", "amount-changed", "answer-word", "unknown-word",
            "date-changed", "meaning-reversed"} <= kinds


def test_recall_on_deliberate_mistakes_is_at_least_90_percent(verdicts):
    caught = [bool(failures) for failures in verdicts["wrong"]]
    assert sum(caught) / len(caught) >= 0.90, [item for item, hit in zip(REFERENCE["wrong"], caught) if not hit]


def test_false_flags_on_correct_translations_are_at_most_10_percent(verdicts):
    flagged = [item["en"] for item, failures in zip(REFERENCE["correct"], verdicts["correct"]) if failures]
    assert len(flagged) / len(REFERENCE["correct"]) <= 0.10, flagged


@pytest.mark.parametrize("english, spanish, check, words", [
    ("You can book up to 4 items.", "Puede reservar hasta 5 objetos.", "numbers", "'4' is in the English"),
    ("A new bin costs £45.", "Un contenedor nuevo cuesta €45.", "amounts", "'£45'"),
    ("Polls close at 10pm.", "Los colegios cierran a las 10am.", "times", "'10pm'"),
    ("Your permit starts on 1 April 2027.", "Su permiso empieza el 1 de agosto de 2027.", "dates", "abril"),
    ("Email parking@eastmere.gov.uk today.", "Escriba a parking@eastmere.gob.uk hoy.", "emails", "parking@eastmere.gov.uk"),
    ("Pay at https://www.eastmere.gov.uk/pay.", "Pague en https://www.eastmere.gov.uk/pagar.", "urls", "/pay"),
    ("You do not need to print it.", "Necesita imprimirlo.", "negation", "'not'"),
    ("If your answer is **No**, go to step 3.", "Si su respuesta es **Núm**, vaya al paso 3.", "answer-words", "**Núm**"),
    ("You can skip this step.", "Puede skip este paso.", "unknown-words", "'skip' left in English"),
    ("Put your bin out before 6am.", "Saque su contenedor después de las 6am.", "opposites", "'before'"),
])
def test_each_check_says_what_is_wrong(english, spanish, check, words):
    failures = check_pairs([(english, spanish)], "es", TERMS)[0]
    # The check named comes first; a later statement check may see the same mistake too.
    assert failures and failures[0].check == check, failures
    assert words in failures[0].message


def test_glossary_terms_and_round_trip():
    failure = check_segment("Apply for Council Tax Support.", "Solicite el apoyo fiscal.", "es",
                            {"Council Tax Support": "Ayuda para el Impuesto Municipal"})
    assert [f.check for f in failure] == ["glossary"] and "Ayuda para el Impuesto Municipal" in failure[0].message
    garbled = check_segment("We collect big items from your home.", "Libro una colección voluminosa.", "es",
                            round_trip=("Pound one voluminous harvest.", DEFAULT_ROUND_TRIP_MIN))
    trip = [f for f in garbled if f.check == "round-trip"]
    assert trip and "chrF" in trip[0].message


def test_names_kept_in_english_and_the_right_to_appeal_are_not_flagged():
    pairs = [(item["en"], item["es"]) for item in REFERENCE["correct"]
             if any(word in item["en"] for word in ("Eastmere", "GOV.UK", "right to appeal", "red tape", "Citizens Advice"))]
    assert len(pairs) >= 8
    assert check_pairs(pairs, "es", TERMS) == [[] for _ in pairs]


# --- the publishing policy, on a copy of the sample project ----------------------------------

def policy_site(tmp_path: Path, copy_project, policy: str) -> tuple[Path, Path]:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        - code: es\n          name: Español\n",
                                   f"        - code: es\n          name: Español\n          publish: {policy}\n", 1),
                      encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def failed_entry(project: Path) -> polib.POEntry:
    """A machine entry of a page's body paragraph that the checks failed, from the built memory
    (which one depends on the engine's output: the first such paragraph of any page)."""
    po = polib.pofile(str(project / "translations" / "es.po"))

    def body_paragraph(entry) -> bool:
        source = project / entry.msgctxt
        body = source.read_text(encoding="utf-8").split("\n---\n", 1)[-1] if source.suffix == ".md" else ""
        return any(line.startswith(entry.msgid[:40]) for line in body.splitlines())

    return next(entry for entry in po if CHECK_FAILED in entry.flags and entry.msgctxt.startswith("content/")
                and len(entry.msgid.split()) > 3 and "](" not in entry.msgid and body_paragraph(entry))


def es_page(site: Path, entry: polib.POEntry) -> Path:
    """The Spanish page built from the entry's English page."""
    source = entry.msgctxt.removeprefix("content/").removesuffix(".md")
    folder = source.removesuffix("index").rstrip("/")
    return site / "es" / folder / "index.html" if folder else site / "es" / "index.html"


def test_checked_policy_shows_a_failed_segment_in_english_with_a_note_in_spanish(tmp_path, sample_project_copier):
    project, site = policy_site(tmp_path, sample_project_copier, "checked")
    entry = failed_entry(project)
    assert any(line.startswith("check: ") for line in entry.comment.splitlines())  # says what is wrong
    page = lxml_html.parse(str(es_page(site, entry))).getroot()
    assert page.get("lang") == "es"
    article = " ".join(page.xpath("//article")[0].text_content().split())
    assert " ".join(entry.msgstr.split()) not in article
    english = [span for span in page.xpath("//article//span[@lang='en']")
               if " ".join(span.text_content().split()).startswith(" ".join(entry.msgid.split())[:25])]
    assert english, "the failed segment is not shown in English"
    note = english[0].getnext()
    assert note is not None and note.tag == "small"
    assert written_text("es").interface[ENGLISH["held_back"]] in note.text_content()
    passed = polib.pofile(str(project / "translations" / "es.po")).find(
        "Apply for a resident parking permit", msgctxt="content/parking/apply.md")
    assert passed is not None and CHECKS_PASSED in passed.comment.splitlines()
    report = (project / "reports" / "translation-checks" / "es.html").read_text(encoding="utf-8")
    assert lxml_html.fromstring(report).xpath("//td[@lang='es']") and "Segments to check" in report


def test_machine_policy_publishes_the_failed_segment_and_reviewed_publishes_no_machine_text(tmp_path, sample_project_copier):
    project, site = policy_site(tmp_path / "machine", sample_project_copier, "machine")
    entry = failed_entry(project)
    article = " ".join(lxml_html.parse(str(es_page(site, entry))).getroot()
                       .xpath("//article")[0].text_content().split())
    assert " ".join(entry.msgstr.split()) in article

    project, site = policy_site(tmp_path / "reviewed", sample_project_copier, "reviewed")
    po = polib.pofile(str(project / "translations" / "es.po"))
    machine = [e for e in po if "machine" in e.flags and e.msgctxt == "content/parking/apply.md" and len(e.msgid) > 30]
    article = " ".join(lxml_html.parse(str(site / "es" / "index.html")).getroot()
                       .xpath("//article")[0].text_content().split())
    assert machine and not any(" ".join(e.msgstr.split()) in article for e in machine)


def test_a_person_who_approves_a_failed_entry_publishes_it(tmp_path, sample_project_copier):
    """Removing 'fuzzy' in Poedit makes it reviewed text: the checks never hold a person back."""
    project = sample_project_copier(tmp_path / "project")
    assert build_site(project, tmp_path / "first").returncode == 0
    po_path = project / "translations" / "es.po"
    po = polib.pofile(str(po_path))
    entry = failed_entry(project)
    found = po.find(entry.msgid, msgctxt=entry.msgctxt)
    found.flags = []
    po.save(str(po_path))
    site = tmp_path / "second"
    assert build_site(project, site).returncode == 0
    article = " ".join(lxml_html.parse(str(es_page(site, entry))).getroot()
                       .xpath("//article")[0].text_content().split())
    assert " ".join(entry.msgstr.split()) in article


@pytest.mark.parametrize("lang, wrong", [("es", "Consejo libre sobre dinero."), ("fr", "Conseil libre sur l'argent."),
                                         ("pt", "Conselho livre sobre dinheiro."), ("ca", "Consell lliure sobre diners.")])
def test_free_as_in_no_cost_is_not_published_as_free_as_in_liberty(lang, wrong):
    failures = check_segment("Free advice about money.", wrong, lang)
    assert [failure.check for failure in failures] == ["wrong-sense"]
    assert "at no cost" in failures[0].message
    assert check_segment("You are free to choose a date.", "Es libre de elegir una fecha.", "es") == []
    assert check_segment("Free advice about money.", "Consejo gratuito sobre dinero.", "es") == []


def test_when_the_checks_change_every_machine_entry_is_judged_again_and_its_old_verdict_replaced(tmp_path):
    """Entries judged before a check existed ("checks: passed" on "Consejo libre") are judged
    again once the checks' fingerprint in the PO header differs; a long wrapped verdict is
    replaced whole, and judging again changes nothing."""
    from plainpath.translation.glossary import Glossary
    from plainpath.translation.memory import TranslationMemory
    from plainpath.translation.pipeline import LanguageTranslator
    from plainpath.translation.engine import Provenance
    from plainpath.translation.segments import Segment

    path = tmp_path / "es.po"
    memory = TranslationMemory(path, "es", "translations/es.po")
    free = Segment("content/index.md", "Free advice about money.", 1)
    long = Segment("content/index.md", "Call 01632 960 000 if you need help with the form today.", 2)
    provenance = Provenance("apertium", "eng-spa", "0.8.1-2")
    memory.add_machine(free.context, free.source, "Consejo libre sobre dinero.", provenance, None)
    memory.add_machine(long.context, long.source, "Llama 01632 960 000 si necesitas ayuda hoy con el formulario.", provenance, None)
    memory.record_checks(memory.lookup(free.context, free.source), [])  # judged before wrong-sense existed
    memory.record_checks(memory.lookup(long.context, long.source),
                         ["check: round-trip: translated back, it reads 'a long sentence that a PO file wraps over "
                          "two or three lines of comment' (chrF 12 against the English, below 20)."])
    memory.save()
    wrapped = polib.pofile(str(path)).find(long.source, msgctxt=long.context).comment.splitlines()
    assert len(wrapped) >= 3 and not wrapped[-1].startswith("check:")  # the verdict comes back over several lines

    def judge() -> str:
        reread = TranslationMemory(path, "es", "translations/es.po")
        LanguageTranslator("es", reread, [], Glossary(), print, check_meaning=True).prepare([free, long])
        reread.save()
        return path.read_text(encoding="utf-8")

    first = judge()
    entry = polib.pofile(str(path)).find(free.source, msgctxt=free.context)
    assert CHECK_FAILED in entry.flags and "wrong-sense" in entry.comment and CHECKS_PASSED not in entry.comment
    other = polib.pofile(str(path)).find(long.source, msgctxt=long.context)
    assert "chrF 12" not in other.comment and "round-trip" not in other.comment  # the stale verdict is gone whole
    assert other.comment.splitlines()[0].startswith("machine: apertium")
    assert "X-Plainpath-Checks" in first
    strip = lambda text: "\n".join(line for line in text.splitlines() if "PO-Revision-Date" not in line)  # noqa: E731
    assert strip(judge()) == strip(first)
