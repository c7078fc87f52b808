"""Translation with the real Apertium engine and real PO files: memory first, markup kept."""

from __future__ import annotations

import polib
import pytest

from plainpath.errors import EditorError
from plainpath.translation.apertium_engine import ApertiumEngine
from plainpath.translation.glossary import Glossary
from plainpath.translation.inline_markup import MarkupMismatch, Tagged, from_tagged, to_tagged
from plainpath.translation.memory import TranslationMemory
from plainpath.translation.page_translation import PageSource, translate_page
from plainpath.translation.pipeline import LanguageTranslator, Rendering
from plainpath.translation.segments import MarkdownText, Segment

PAGE = """\
---
title: Apply for a permit
summary: How to apply online.
service: parking
owner: Parking team
last_reviewed: 2026-10-01
---

You can apply online. It takes about ten minutes.

## What you need

- Proof of your address
- The car's log book

You pay by card. We send your permit by email.
"""


class CountingApertium(ApertiumEngine):
    """The real Apertium engine, counting what it is asked to translate."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def translate_batch(self, segments, source, target, on_progress=None):
        self.sent += segments
        return super().translate_batch(segments, source, target, on_progress)


def translator(tmp_path, engine=None, glossary=None, warnings=None):
    memory = TranslationMemory(tmp_path / "es.po", "es", "translations/es.po")
    return LanguageTranslator(
        "es", memory, [engine or CountingApertium()], glossary or Glossary(),
        (warnings if warnings is not None else []).append,
    )


def page_segments(text: str) -> list[Segment]:
    return PageSource.parse(text, "content/apply.md").segments


def test_apertium_translates_a_page_and_the_memory_records_provenance(tmp_path):
    run = translator(tmp_path)
    run.prepare(page_segments(PAGE))
    run.memory.save()
    po = polib.pofile(str(tmp_path / "es.po"))
    entry = po.find("You pay by card. We send your permit by email.", msgctxt="content/apply.md")
    assert entry.msgstr == "Pagas por carta. Enviamos su permiso por email."  # Apertium, as is ("pagas" is also a noun)
    assert entry.flags == ["fuzzy", "machine"]
    assert entry.comment.startswith("machine: apertium eng-spa ")
    source, statuses = translate_page(PageSource.parse(PAGE, "content/apply.md"), "es", run.render)
    assert "title: Solicitar un permiso" in source and "lang: es" in source
    assert "## Qué necesita" in source
    assert statuses == {"machine": 7}


def test_unchanged_segments_are_never_sent_again_and_only_the_edit_is(tmp_path):
    engine = CountingApertium()
    run = translator(tmp_path, engine)
    run.prepare(page_segments(PAGE))
    run.memory.save()
    before = (tmp_path / "es.po").read_text()
    engine.sent.clear()

    edited = PAGE.replace("You pay by card.", "You pay by card or cash.")
    again = translator(tmp_path, engine)
    again.prepare(page_segments(edited))
    again.memory.save()
    assert engine.sent == ["You pay by card or cash. We send your permit by email."]
    after = (tmp_path / "es.po").read_text()
    changed = [b for b in before.split("\n\n") if b not in after.split("\n\n")]
    assert len(changed) == 1 and "You pay by card. We send" in changed[0]
    entry = polib.pofile(str(tmp_path / "es.po")).find(
        "You pay by card or cash. We send your permit by email.", msgctxt="content/apply.md"
    )
    assert entry.previous_msgid == "You pay by card. We send your permit by email."

    engine.sent.clear()
    translator(tmp_path, engine).prepare(page_segments(edited))
    assert engine.sent == []


def test_a_reviewed_translation_survives_an_english_edit_as_stale(tmp_path):
    engine = CountingApertium()
    run = translator(tmp_path, engine)
    run.prepare(page_segments(PAGE))
    entry = run.memory.lookup("content/apply.md", "You can apply online. It takes about ten minutes.")
    entry.msgstr = "Puede solicitarlo en línea. Tarda unos diez minutos."
    entry.flags = []  # a person approved it in Poedit
    run.memory.save()
    engine.sent.clear()

    edited = PAGE.replace("about ten minutes", "about fifteen minutes")
    again = translator(tmp_path, engine)
    again.prepare(page_segments(edited))
    again.memory.save()
    assert engine.sent == []
    source, statuses = translate_page(PageSource.parse(edited, "content/apply.md"), "es", again.render)
    assert "Puede solicitarlo en línea. Tarda unos diez minutos." in source
    assert statuses["stale"] == 1
    kept = polib.pofile(str(tmp_path / "es.po")).find(
        "You can apply online. It takes about fifteen minutes.", msgctxt="content/apply.md"
    )
    assert kept.msgstr == "Puede solicitarlo en línea. Tarda unos diez minutos."
    assert kept.flags == ["fuzzy", "stale"]
    assert kept.previous_msgid == "You can apply online. It takes about ten minutes."


LINKED = (
    "Read [who can apply](who-can-apply.md) and [the prices](../bulky-waste/prices.md), then "
    "**apply online** with your reference `EB-123456`. If you rent, ask your landlord first and "
    "tell them which street you live in and when you need the permit to start. "
    "[Citizens Advice](https://www.citizensadvice.org.uk/) can help you for free if you are "
    "worried about money. You can pay by card, and we send the permit by email within five "
    "working days. Keep your reference safe, because we ask for it when you call us about "
    "your permit, your car or your address. Call us on weekdays between nine and five, or write to us."
)


def test_links_bold_and_code_survive_a_600_character_paragraph(tmp_path):
    assert len(LINKED) >= 600
    run = translator(tmp_path)
    segment = Segment("content/x.md", LINKED, 1)
    run.prepare([segment])
    rendering = run.render(segment)
    assert rendering.status == "machine"
    out = to_tagged(rendering.text)
    targets = [value for tag, value in out.kept.values() if tag == "a"]
    assert targets == ["who-can-apply.md", "../bulky-waste/prices.md", "https://www.citizensadvice.org.uk/"]
    assert [value for tag, value in out.kept.values() if tag == "x"] == ["`EB-123456`"]
    assert [tag for tag, _ in out.kept.values()].count("b") == 1


def test_glossary_terms_are_kept_or_fixed(tmp_path):
    glossary = Glossary(["Eastmere"], {"council tax": {"es": "impuesto municipal"}})
    run = translator(tmp_path, glossary=glossary)
    segment = Segment("content/x.md", "Eastmere sends your council tax bill in March.", 1)
    run.prepare([segment])
    text = run.render(segment).text
    assert "Eastmere" in text and "impuesto municipal" in text


def test_engine_output_that_loses_a_link_is_rejected():
    tagged = to_tagged("Read [the rules](rules.md) now.")
    with pytest.raises(MarkupMismatch):
        from_tagged("Lee las reglas ahora.", tagged)
    with pytest.raises(MarkupMismatch):
        from_tagged('Lee <a id="1">las</a> <a id="1">reglas</a>.', tagged)


def test_engine_text_cannot_create_markup():
    assert from_tagged("Haz <b id=\"1\">clic</b> *aquí* [x](y)", Tagged("", {"1": ("b", "**")})) == (
        "Haz **clic** \\*aquí\\* \\[x\\](y)"
    )


def test_output_that_loses_tags_is_retried_run_by_run_and_keeps_its_links(tmp_path):
    class LosesTags(CountingApertium):
        def translate_batch(self, segments, source, target, on_progress=None):
            self.sent += segments
            return ["sin enlaces" if "<a" in text else f"T({text})" for text in segments]

    engine = LosesTags()
    warnings: list[str] = []
    run = translator(tmp_path, engine, warnings=warnings)
    segment = Segment("content/x.md", "Read [the rules](rules.md) today.", 1)
    run.prepare([segment])
    assert engine.sent == ['Read <a id="1">the rules</a> today.', "Read", "the rules", "today."]
    assert run.render(segment) == Rendering("T(Read) [T(the rules)](rules.md) T(today.)", "machine")
    assert warnings == []


def test_a_segment_no_engine_could_translate_is_published_in_english(tmp_path):
    run = translator(tmp_path)
    run.engines = []
    segment = Segment("content/x.md", "Read [the rules](rules.md).", 1)
    run.prepare([segment])
    assert run.render(segment) == Rendering("Read [the rules](rules.md).", "english")


def test_corrupt_po_file_names_its_line(tmp_path):
    (tmp_path / "es.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr "Hola"\nthis line is not PO\n', encoding="utf-8"
    )
    with pytest.raises(EditorError) as raised:
        TranslationMemory(tmp_path / "es.po", "es", "translations/es.po")
    assert raised.value.message.startswith("Error in translation file 'translations/es.po', line 6:")
    assert "git checkout -- translations/es.po" in raised.value.message


def test_reviewed_entry_with_changed_link_target_is_an_error(tmp_path):
    run = translator(tmp_path)
    segment = Segment("content/x.md", "Read [the rules](rules.md).", 1)
    run.prepare([segment])
    entry = run.memory.lookup("content/x.md", "Read [the rules](rules.md).")
    entry.msgstr = "Lee [las reglas](otras.md)."
    entry.flags = []
    with pytest.raises(EditorError) as raised:
        run.render(segment)
    assert "does not have the same links and code as its English" in raised.value.message


def test_segmenter_keeps_structure_and_skips_code_and_flow_embeds():
    text = "## Title\n\n- one\n- two\n\n| A | B |\n| --- | --- |\n| c | d |\n\n```\ncode\n```\n\n[[flow x]]\n"
    markdown = MarkdownText(text, "content/x.md")
    assert [s.source for s in markdown.segments] == ["Title", "one", "two", "A", "B", "c", "d"]
    rebuilt = markdown.rebuild(lambda s: s.source.upper())
    assert rebuilt == "## TITLE {#title}\n\n- ONE\n- TWO\n\n| A | B |\n| --- | --- |\n| C | D |\n\n```\ncode\n```\n\n[[flow x]]\n"


def test_engine_text_cannot_add_attributes_an_empty_emphasis_or_an_escaped_tag():
    """Second review of issue 30.3: attr_list's '{: href=...}' after a link, '****' (a rule), and
    '\\\\<img' (an escaped backslash, then a real tag) never reach a page as markup."""
    from plainpath.translation.inline_markup import from_tagged, to_tagged
    from plainpath.translation.pipeline import translation_problem

    link = to_tagged("Read [the form](apply.md) now")
    rebuilt = from_tagged('Lea <a id="1">el formulario</a>{: href="https://evil.example/x" } ahora', link)
    assert "\\{" in rebuilt and translation_problem(link_source := "Read [the form](apply.md) now", rebuilt) is None
    assert translation_problem(link_source, 'Lea [el formulario](apply.md){: href="https://evil.example/x" }')
    assert from_tagged('<b id="1"></b>', to_tagged("**Note**")) == ""
    assert translation_problem("Hola amigo", "Hola \\\\<img/src/onerror=alert(1)> amigo")
    assert translation_problem("Use \\<b> here", "Use \\<b> aquí") is None


def test_a_glossary_term_is_written_with_the_councils_capitals():
    """ "Your Universal Credit statement" came out "Su Extracto de Universal Credit": a term the
    glossary gives with a capital is written as given; a lower-case one follows the English."""
    glossary = Glossary(fixed={"Universal Credit statement": {"es": "extracto de Universal Credit"},
                               "council tax": {"es": "impuesto municipal"}})
    kept = glossary.protect(to_tagged("Your Universal Credit statement. Council tax bands"), "es").kept
    assert sorted(text for _, text in kept.values()) == ["Impuesto municipal", "extracto de Universal Credit"]
