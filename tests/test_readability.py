"""Readability: exact textstat scores per language, thread safety, exact lint findings.

Known texts are scored and compared with textstat's own numbers; known pages are linted and each
finding's rule, line and column is asserted, so a rule that drifts by a column fails here.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import textstat
from textstat.textstat import textstatistics

from plainpath.errors import EditorError
from plainpath.readability.lint import lint_flow_file, lint_page
from plainpath.readability.rules import PlainWord, Rulebook
from plainpath.readability.scores import reader_blocks, score_blocks, score_html
from plainpath.readability.settings import DEFAULT_RULES, Settings, settings_from_options
from plainpath.site_build import build_site

REPO = Path(__file__).parents[1]
ENGLISH = "We check your details. We email your permit within 5 working days. Apply online."
SPANISH = "Comprobamos sus datos. Le enviamos el permiso en 5 días hábiles. Solicítelo en línea."


def textstat_for(locale: str) -> textstatistics:
    stats = textstatistics()
    stats.set_lang(locale)
    return stats


def test_english_scores_equal_textstat_exactly():
    scores = score_blocks([ENGLISH], "en")
    reference = textstat_for("en_US")
    assert scores.formulas == {
        "flesch_reading_ease": round(reference.flesch_reading_ease(ENGLISH), 2),
        "flesch_kincaid_grade": round(reference.flesch_kincaid_grade(ENGLISH), 2),
    }
    assert scores.formulas == {"flesch_reading_ease": 72.83, "flesch_kincaid_grade": 4.84}
    assert (scores.words, scores.sentences, scores.words_per_sentence) == (14, 3, 4.67)


def test_spanish_uses_the_spanish_formulas():
    scores = score_blocks([SPANISH], "es")
    reference = textstat_for("es")
    assert scores.formulas == {
        "fernandez_huerta": round(reference.fernandez_huerta(SPANISH), 2),
        "szigriszt_pazos": round(reference.szigriszt_pazos(SPANISH), 2),
    }
    assert "flesch_kincaid_grade" not in scores.formulas


def test_a_language_without_formulas_gets_the_neutral_figures():
    scores = score_blocks(["Sprawdzamy dane. Słowo " + "słowo " * 30 + "koniec."], "pl")
    assert scores.formulas == {}
    assert (scores.sentences, scores.long_sentence_share) == (2, 0.5)


def test_scores_are_the_same_when_threads_mix_languages():
    """textstat's language is global state; our scoring must not depend on it."""
    expected = {"en": score_blocks([ENGLISH], "en").formulas, "es": score_blocks([SPANISH], "es").formulas}
    seen: list[tuple[str, dict]] = []
    lock = threading.Lock()

    def work(language: str, text: str) -> None:
        for _ in range(30):
            textstat.set_lang("es" if language == "en" else "en_US")  # someone else's global setting
            result = score_blocks([text + " " * (_ % 3)], language).formulas
            with lock:
                seen.append((language, result))

    threads = [threading.Thread(target=work, args=pair) for pair in [("en", ENGLISH), ("es", SPANISH)] * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 240
    assert all(result == expected[language] for language, result in seen)


def test_rendered_content_is_scored_without_code_and_charts():
    html = """<h2>Apply online</h2><p>Fill in the form. It takes 10 minutes.</p>
    <pre><code>this code has very many words that must never be counted at all</code></pre>
    <ul><li>Pay the fee</li></ul><svg><text>Chart label words</text></svg>"""
    assert reader_blocks(html) == ["Apply online.", "Fill in the form. It takes 10 minutes.", "Pay the fee."]
    assert score_html(html, "en").sentences == 4


PAGE = textwrap.dedent("""\
    ---
    title: How to apply for a resident parking permit and a visitor permit in Eastmere
    summary: Apply for a permit.
    service: parking
    owner: Parking team
    last_reviewed: 2026-11-01
    ---

    You must utilise the online form.
    Your form is checked by our team within 5 days.
    Bring your PCN letter and your PCN number.
    For the fees, [click here](fees.md).
    You can apply for a permit if you live in the zone and your car is in your name and you have proof of where you live from the last three months.
    """)


def lint(text: str, **levels) -> list[tuple[str, int, int]]:
    rulebook = Rulebook(levels={**{name: "warn" for name in DEFAULT_RULES}, **levels},
                        plain_words=[PlainWord("utilise", "use"), PlainWord("in order to", "to")])
    return lint_page(text, "content/apply.md", rulebook)


def test_each_rule_names_its_line_and_column():
    found = [(f.rule, f.line, f.column) for f in lint(PAGE)]
    assert found == [
        ("long-title", 2, 8),
        ("plain-words", 9, 10),
        ("passive-voice", 10, 11),
        ("undefined-acronym", 11, 12),
        ("link-text", 12, 15),
        ("long-sentence", 13, 1),
    ]


def test_findings_say_what_to_write_instead():
    by_rule = {f.rule: f for f in lint(PAGE)}
    assert by_rule["plain-words"].line_text() == (
        "content/apply.md:9:10: plain-words: 'utilise' is not plain English. Write 'use' instead."
    )
    assert by_rule["long-sentence"].message == "this sentence has 32 words."
    assert by_rule["long-title"].message == "the title has 75 characters."
    assert by_rule["passive-voice"].excerpt == "is checked by"
    assert by_rule["undefined-acronym"].excerpt == "PCN"
    assert by_rule["link-text"].excerpt == "click here"


def test_a_defined_acronym_and_code_and_link_targets_are_not_findings():
    text = PAGE.split("---\n\n")[0] + "---\n\nShow your penalty charge notice (PCN) and your PCN number.\nRun `UTILISE IS CHECKED` or see [fees](utilise.md).\n"
    assert [f.rule for f in lint(text)] == ["long-title"]


def test_long_paragraph_and_long_summary():
    text = PAGE.replace("summary: Apply for a permit.", "summary: " + "Apply now. " * 15)
    text = text.split("---\n\n")[0] + "---\n\n" + "We help. " * 6 + "\n"
    found = [(f.rule, f.line, f.column) for f in lint(text)]
    assert ("long-summary", 3, 10) in found
    assert ("long-paragraph", 9, 1) in found


def test_levels_can_switch_a_rule_off():
    assert "passive-voice" not in [f.rule for f in lint(PAGE, **{"passive-voice": "off"})]


def test_flow_texts_are_linted_with_yaml_positions(tmp_path):
    flow = tmp_path / "permit.yml"
    flow.write_text(textwrap.dedent("""\
        id: permit
        title: Get a permit
        steps:
          - id: one
            title: Check you can apply
            body: |
              Your documents are checked by us.
              Then you pay.
            next: two
          - id: two
            outcome: You must utilise the form
        """), encoding="utf-8")
    rulebook = Rulebook(levels={name: "warn" for name in DEFAULT_RULES},
                        plain_words=[PlainWord("utilise", "use")])
    found = [(f.rule, f.line, f.column) for f in lint_flow_file(flow, "flows/permit.yml", rulebook)]
    assert found == [("passive-voice", 7, 22), ("plain-words", 11, 23)]


def test_a_reasoned_exception_hides_a_finding_and_an_unused_one_is_reported():
    text = PAGE.replace("last_reviewed: 2026-11-01\n", textwrap.dedent("""\
        last_reviewed: 2026-11-01
        readability_exceptions:
          - rule: long-title
            reason: The title is the legal name of the scheme.
          - rule: long-summary
            reason: Kept from an older version of the page.
        """))
    found = [(f.rule, f.line) for f in lint(text)]
    assert ("long-title", 2) not in found
    assert ("unused-exception", 10) in found


def test_an_exception_without_a_reason_is_an_error():
    text = PAGE.replace("last_reviewed: 2026-11-01\n", "last_reviewed: 2026-11-01\nreadability_exceptions:\n  - rule: long-title\n")
    with pytest.raises(EditorError) as caught:
        lint(text)
    assert "'content/apply.md', line 8" in str(caught.value)
    assert "reason" in str(caught.value)


def test_a_misspelt_rule_in_mkdocs_yml_is_named():
    with pytest.raises(Exception) as caught:
        settings_from_options({"long-sentences": {"max_words": 20}}, {}, None, [], REPO)
    assert "there is no rule 'long-sentences'" in str(caught.value)
    assert "Did you mean 'long-sentence'?" in str(caught.value)


def test_thresholds_in_mkdocs_yml_override_the_defaults():
    settings = settings_from_options({"long-sentence": {"max_words": 12}}, {"en": {"flesch_kincaid_grade": {"max": 4}}}, None, [], REPO)
    assert settings.rules["long-sentence"] == {"level": "error", "max_words": 12}
    assert settings.scores["en"]["flesch_kincaid_grade"] == {"max": 4}
    assert Settings().rules["long-sentence"]["max_words"] == 25


def test_the_shipped_plain_words_list_loads():
    rulebook = Settings().rulebook()
    phrases = {entry.phrase.lower() for entry in rulebook.plain_words}
    assert {"utilise", "in order to"} <= phrases


BUREAUCRATIC = REPO / "tests" / "sites" / "bureaucratic"


def test_a_bureaucratic_page_fails_the_build_naming_its_lines(tmp_path):
    result = build_site(BUREAUCRATIC, tmp_path / "site", strict=False)
    assert result.returncode != 0
    assert "3 plain English problem(s) must be fixed before the site is built" in result.stderr
    for line in ("content/index.md:2:8: long-title", "content/index.md:9:1: long-sentence",
                 "content/index.md:13:19: link-text"):
        assert line in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_warnings_fail_only_a_strict_build(tmp_path):
    site = tmp_path / "project"
    (site / "content").mkdir(parents=True)
    (site / "mkdocs.yml").write_text((BUREAUCRATIC / "mkdocs.yml").read_text(), encoding="utf-8")
    page = PAGE.replace("How to apply for a resident parking permit and a visitor permit in Eastmere", "Apply for a permit")
    body = "Your form is checked by our team. We email you within 5 days. You can then park in the zone.\n"
    (site / "content" / "index.md").write_text(page.split("---\n\n")[0] + "---\n\n" + body, encoding="utf-8")
    assert build_site(site, tmp_path / "relaxed", strict=False).returncode == 0
    strict = build_site(site, tmp_path / "strict", strict=True)
    assert strict.returncode != 0
    assert "content/index.md:9:11: passive-voice: 'is checked by' is passive." in strict.stderr


def test_plainpath_check_lints_without_building():
    result = subprocess.run(
        [sys.executable, "-m", "plainpath.cli", "check", "-f", str(BUREAUCRATIC / "mkdocs.yml")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("content/index.md:2:8: long-title: the title has 72 characters. "
                        "Keep it to 65 characters or fewer: search results cut longer ones off.")
    assert "content/index.md:11:69: undefined-acronym: 'CPZ' is not explained where it is first used." in result.stdout
    # The page's score is a warning too: the lint's errors no longer stop the build's own checks
    # that find it (issue 29.4), so check says what the build would.
    assert "content/index.md: plainpath: ./ (en): readability: flesch_reading_ease is" in result.stdout
    assert lines[-1] == ("3 error(s), 14 warning(s), 1 piece(s) of advice. Fix the lines above, then run "
                         "'plainpath check' again.")


def test_the_report_page_is_built_for_every_language_and_kept_out_of_menus_and_search(built_site):
    import json

    from bs4 import BeautifulSoup

    from plainpath.accessibility.gate import configured_languages

    built = [code for code in configured_languages(REPO / "mkdocs.yml") if (built_site / code / "index.html").exists()]
    assert {"es", "ar"} <= set(built)
    for prefix in [""] + [f"{code}/" for code in built]:
        report = BeautifulSoup((built_site / prefix / "editors/readability/index.html").read_text(encoding="utf-8"), "html.parser")
        assert report.html["lang"] == (prefix.rstrip("/") or "en")
        content = report.select_one("div.pp-readability[lang=en]")
        assert content.h1.get_text().startswith("Readability report")
        rows = " ".join(row.get_text(" ") for row in content.select("#pages ~ table")[0].select("tbody tr"))
        if prefix in ("ar/", "pl/", "so/"):  # English with a notice there: scored once, in the English report
            assert "Resident parking permits" not in rows and "Apply for a resident parking permit" not in rows
        else:
            assert len(content.select("#pages ~ table")[0].select("tbody tr")) >= 13
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        assert "editors/readability" not in home
    data = json.loads((built_site / "editors/readability/report.json").read_text(encoding="utf-8"))
    assert set(data["languages"]) >= {"en", "es", "ar"}
    english = data["languages"]["en"]
    assert english["medians"]["flesch_kincaid_grade"] <= 6
    assert all(page["breaches"] == [] for page in english["pages"])
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if "editors/readability" in doc["location"]]


def test_the_sample_content_passes_the_default_lint():
    result = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 error(s), 0 warning(s)")


def test_review_age_counts_whole_calendar_months():
    from datetime import date

    from plainpath.readability.review_due import months_between

    assert months_between(date(2025, 3, 15), date(2026, 3, 14)) == 11
    assert months_between(date(2025, 3, 15), date(2026, 3, 15)) == 12
    assert months_between(date(2025, 12, 31), date(2026, 1, 1)) == 0


def overdue_project(links_site_copy: Path) -> Path:
    """The small links site with one page last reviewed in 2024, owned by the Parking team."""
    page = links_site_copy / "content/permits/apply.md"
    page.write_text(page.read_text().replace("owner: Test team\nlast_reviewed: 2026-11-01",
                                             "owner: Parking team\nlast_reviewed: 2024-02-29"), encoding="utf-8")
    config = links_site_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - plainpath/readability\n", encoding="utf-8")
    return links_site_copy


def test_a_page_past_its_review_age_is_a_warning_on_its_date_line_with_its_owner():
    from datetime import date

    from plainpath.readability.review_due import overdue_findings

    source = "---\ntitle: Apply\nsummary: Apply.\nservice: x\nowner: Parking team\nlast_reviewed: 2025-11-30\n---\n\nText.\n"
    pages = [("content/apply.md", source)]
    assert overdue_findings(pages, 12, "warn", today=date(2026, 11, 29)) == []
    [finding] = overdue_findings(pages, 12, "warn", today=date(2026, 11, 30))
    assert finding.line_text() == (
        "content/apply.md:6:16: review-overdue: this page was last reviewed on 2025-11-30, 12 months ago; "
        "pages are reviewed at least every 12 months. Ask Parking team to check the page is still right, "
        "then set last_reviewed to the date of the check.")
    assert overdue_findings(pages, 24, "warn", today=date(2026, 11, 30)) == []
    assert overdue_findings(pages, 12, "off", today=date(2026, 11, 30)) == []


def test_overdue_pages_are_listed_by_check_and_by_owner_in_the_report_without_failing_a_strict_build(
        links_site_copy, tmp_path):
    project = overdue_project(links_site_copy)
    checked = subprocess.run([sys.executable, "-m", "plainpath.cli", "check", "-f", str(project / "mkdocs.yml")],
                             capture_output=True, text=True, cwd=REPO)
    assert "content/permits/apply.md:6:16: review-overdue: this page was last reviewed on 2024-02-29" in checked.stdout
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "1 page(s) are overdue for review" in built.stderr
    report = (tmp_path / "site" / "editors/readability/index.html").read_text(encoding="utf-8")
    section = report.split('id="review-due"')[1].split("<h2")[0]
    assert "Parking team: 1 page" in section and "content/permits/apply.md:6" in section


def test_the_review_age_is_set_in_mkdocs_yml(links_site_copy, tmp_path):
    project = overdue_project(links_site_copy)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - plainpath/readability\n" in text
    config.write_text(text.replace("  - plainpath/readability\n", "  - plainpath/readability:\n"
                                   "      rules:\n        review-overdue: {max_months: 600}\n"), encoding="utf-8")
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.returncode == 0 and "overdue for review" not in built.stderr


def passive_scores(passive: list[str], not_passive: list[str]) -> tuple[float, float, list[str], list[str]]:
    from plainpath.readability.passive import passive_phrases

    def flagged(sentence: str) -> bool:
        return any(True for _ in passive_phrases(sentence))

    missed = [sentence for sentence in passive if not flagged(sentence)]
    false_alarms = [sentence for sentence in not_passive if flagged(sentence)]
    found = len(passive) - len(missed)
    return found / (found + len(false_alarms)), found / len(passive), missed, false_alarms


def test_passive_voice_rule_on_the_labelled_set_prints_precision_and_recall():
    import yaml

    labelled = yaml.safe_load((REPO / "tests/fixtures/passive_voice.yml").read_text(encoding="utf-8"))
    sizes = sum(len(sentences) for sentences in labelled.values())
    assert sizes >= 100 and all(len(sentences) >= 25 for sentences in labelled.values())
    for name, (positives, negatives) in {
        "tuning set": (labelled["passive"], labelled["not_passive"]),
        "held-out set": (labelled["held_out_passive"], labelled["held_out_not_passive"]),
    }.items():
        precision, recall, missed, false_alarms = passive_scores(positives, negatives)
        print(f"\npassive-voice, {name}: precision {precision:.1%}, recall {recall:.1%} "
              f"({len(positives)} passive, {len(negatives)} states); missed {missed}; false alarms {false_alarms}")
        assert precision >= 0.95 and recall >= 0.95, name
    for state in ("Tell us what is broken.", "The door is locked.", "We are closed on bank holidays."):
        assert state in labelled["not_passive"]


TRAPS_PAGE = """---
title: Park in a residents' zone
summary: Where you can park.
service: parking
owner: Parking team
last_reviewed: 2026-11-01
---

You may get a fine if you park here without a permit.
You must not park on the yellow lines.
You do not have to pay by card. Permits are free of charge.

The zone starts on 1 May 2027. There is a charge of £5 for a visitor permit.
"""


def test_words_engines_get_wrong_are_advised_at_their_line_with_what_to_write(tmp_path):
    """Issue 28: 'translates well' advice at file:line:col, from a data file; the glossary's
    terms ('free of charge') are protected by the build, so no advice is given on them; 'do
    not have to' only where the page also says 'must not'; the month of May is not 'may'."""
    rulebook = Settings(settled_terms=frozenset({"free of charge"})).rulebook()
    found = [(f.rule, f.line, f.column, f.excerpt, f.level)
             for f in lint_page(TRAPS_PAGE, "content/zone.md", rulebook) if f.rule == "translates-well"]
    assert found == [
        ("translates-well", 9, 5, "may", "advice"),
        ("translates-well", 9, 13, "a fine", "advice"),
        ("translates-well", 11, 5, "do not have to", "advice"),
        ("translates-well", 13, 43, "charge", "advice"),
    ]
    fine = next(f for f in lint_page(TRAPS_PAGE, "content/zone.md", rulebook) if f.excerpt == "a fine")
    assert fine.line_text() == (
        "content/zone.md:9:13: translates-well: 'a fine' is often translated wrongly: engines read 'fine' "
        "as 'well' or 'good' (Spanish 'bien'), so the penalty disappears. Instead: 'penalty', for "
        "example 'a £70 penalty'.")
    without_must_not = TRAPS_PAGE.replace("You must not park on the yellow lines.", "Do not park on the yellow lines.")
    assert "do not have to" not in [f.excerpt for f in lint_page(without_must_not, "content/zone.md", rulebook)]
    unprotected = [f.excerpt for f in lint_page(TRAPS_PAGE, "content/zone.md", Settings().rulebook())]
    assert unprotected.count("charge") == 2


def test_advice_is_listed_by_check_and_fails_nothing(tmp_path):
    site = tmp_path / "project"
    (site / "content").mkdir(parents=True)
    (site / "mkdocs.yml").write_text((REPO / "tests/sites/bureaucratic/mkdocs.yml").read_text(), encoding="utf-8")
    (site / "content" / "index.md").write_text(TRAPS_PAGE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "plainpath.cli", "check", "-f", str(site / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content/index.md:9:13: translates-well: 'a fine'" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "0 error(s), 0 warning(s), 5 piece(s) of advice."
    assert build_site(site, tmp_path / "site", strict=True).returncode == 0


def test_a_broken_translates_well_list_names_the_file_and_the_rule(tmp_path):
    broken = tmp_path / "words.yml"
    broken.write_text('rules:\n  - pattern: "fine"\n    why: "x"\n    instead: "y"\n  - pattern: "(unclosed"\n    why: "x"\n    instead: "y"\n')
    with pytest.raises(Exception) as error:
        settings_from_options({}, {}, None, [], tmp_path, translates_well="words.yml")
    assert "translates_well:" in str(error.value) and "rule 2" in str(error.value) and "words.yml" in str(error.value)


def test_the_readability_report_lists_the_advice(built_site):
    report = (built_site / "editors/readability/index.html").read_text(encoding="utf-8")
    assert "translates-well" in report and "content/parking/apply.md:33:17" in report
