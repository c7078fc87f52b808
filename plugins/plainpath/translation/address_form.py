"""One form of address a language: usted in Spanish, vous in French (issue 28).

Apertium's pairs speak to the resident as a friend and a crowd at once: "Tienes que enviar
vuestro formulario", "Tu dois envoyer votre formulaire", tú, usted and vosotros on one page. A
council writes to a resident as usted and vous. The output goes through the language's own
analyser; a verb said to "tú" is generated again for "usted" (third person singular) or "vous"
(second person plural) with the language's own generator, and the pronouns and possessives follow
a word list. A word whose reading is not certain ("paga" is a noun too, "dois" is also "I must"
unless "tu" comes before it) is left as the engine wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plainpath.translation.glossary import with_case_of
from plainpath.translation.morphology import APERTIUM_DATA, Word, analyse, generate, is_verb_reading


@dataclass(frozen=True)
class AddressForm:
    """How a language addresses one resident politely, and the tools that write it."""

    analyser: Path
    generator: Path
    verb_from: tuple[str, ...]  # the tags of a familiar verb ("p2", "sg")
    verb_to: str  # what they become ("<p3><sg>")
    imperative_to: str  # an imperative's mood and person ("<prs><p3><sg>": "pague")
    words: dict[str, str] = field(default_factory=dict)  # pronouns and possessives, lower case
    # French: a verb is "tu"'s only when "tu" is its subject ("dois" is also "je dois").
    needs_subject: str | None = None
    clitics: frozenset[str] = frozenset()


FORMS: dict[str, AddressForm] = {
    "es": AddressForm(
        APERTIUM_DATA / "apertium-eng-spa" / "spa-eng.automorf.bin",
        APERTIUM_DATA / "apertium-eng-spa" / "eng-spa.autogen.bin",
        ("p2", "sg"), "<p3><sg>", "<prs><p3><sg>",
        {"tú": "usted", "ti": "usted", "contigo": "con usted", "tu": "su", "tus": "sus", "tuyo": "suyo",
         "tuya": "suya", "tuyos": "suyos", "tuyas": "suyas", "vuestro": "su", "vuestra": "su", "vuestros": "sus",
         "vuestras": "sus", "te": "le"}),
    "fr": AddressForm(
        APERTIUM_DATA / "apertium-fr-es" / "fr-es.automorf.bin",
        APERTIUM_DATA / "apertium-fr-es" / "es-fr.autogen.bin",
        ("p2", "sg"), "<p2><pl>", "<imp><p2><pl>",
        {"tu": "vous", "te": "vous", "t'": "vous ", "toi": "vous", "à toi": "à vous", "ton": "votre", "ta": "votre",
         "tes": "vos"},
        needs_subject="tu",
        clitics=frozenset({"te", "t'", "le", "la", "l'", "les", "lui", "leur", "nous", "vous", "en", "y", "ne", "n'",
                           "se", "s'"})),
}
_TAG = re.compile(r"<[^>]*>")
_SPANISH_LE_LO = re.compile(r"\b([Ll])e (lo|la|los|las)\b")  # "te lo envío" -> "se lo envía", never "le lo"


def polite(texts: list[str], lang: str) -> list[str]:
    """Each text addressed to the resident as usted (Spanish) or vous (French); other languages,
    or a machine without the analyser and generator, as they are."""
    form = FORMS.get(lang)
    if form is None or not form.generator.exists():
        return texts
    masked = [_TAG.sub(lambda m: "\0" * len(m.group()), text) for text in texts]  # markup is not words
    analysed = analyse([text.replace("\0", " ") for text in masked], form.analyser)
    if analysed is None:
        return texts
    wanted = [[_polite_reading(word, subject, form) for word, subject in words] for words in _with_subjects(analysed, form)]
    generated = generate(sorted({r for readings in wanted for r in readings if r}), form.generator)
    return [_rewrite(text, hidden, words, readings, generated, form, lang)
            for text, hidden, words, readings in zip(texts, masked, analysed, wanted)]


def _with_subjects(analysed: list[list[Word]], form: AddressForm) -> list[list[tuple[Word, bool]]]:
    """Each word, and whether "tu" is its subject (always true where no subject is needed)."""
    marked = []
    for words in analysed:
        subject, out = False, []
        for word in words:
            surface = word.surface.lower()
            out.append((word, subject or form.needs_subject is None))
            if surface == form.needs_subject:
                subject = True
            elif surface not in form.clitics:
                subject = False
        marked.append(out)
    return marked


def _polite_reading(word: Word, subject_ok: bool, form: AddressForm) -> str | None:
    """The reading to generate instead of ``word``, or None to leave it."""
    familiar = [r for r in word.readings if all(f"<{tag}>" in r for tag in form.verb_from) and is_verb_reading(r)]
    if not familiar or not subject_ok:
        return None
    if form.needs_subject is None and any(not is_verb_reading(r) or "<p3>" in r or "<p1>" in r for r in word.readings):
        return None  # "paga" is a noun too, "puede" is already usted's
    reading = familiar[0]
    if "<imp>" in reading:
        return reading.replace("<imp><p2><sg>", form.imperative_to, 1)
    # "contactarte" (contactar + te) -> "contactarle": the pronoun joined to the verb.
    return reading.replace("<p2><sg>", form.verb_to, 1).replace("<enc><p2><mf><sg>", "<enc><p3><mf><sg>")


def _rewrite(text: str, masked: str, words: list[Word], readings: list[str | None], generated: dict[str, str],
             form: AddressForm, lang: str) -> str:
    """``text`` with each word changed in place, found in order outside its markup (``masked``),
    so markup and spacing stay."""
    pieces, position, cursor = [], 0, 0  # what is written out so far; where the next word is looked for
    for word, reading in zip(words, readings):
        found = masked.find(word.surface, cursor)
        while found >= 0 and not _whole_word(text, found, len(word.surface)):  # "tu" in "voiture"
            found = masked.find(word.surface, found + 1)
        if found < 0:
            continue
        cursor = found + len(word.surface)
        instead = generated.get(reading) if reading else form.words.get(word.surface.lower())
        if instead is None:
            continue
        instead = with_case_of(word.surface, instead)
        pieces.append(text[position:found] + instead)
        position = found + len(word.surface)
        if instead.endswith(" ") and text[position:position + 1] == " ":
            position += 1
    result = "".join(pieces) + text[position:]
    return _SPANISH_LE_LO.sub(lambda m: ("S" if m.group(1) == "L" else "s") + "e " + m.group(2), result) if lang == "es" else result


def _whole_word(text: str, start: int, length: int) -> bool:
    before = text[start - 1:start] if start else ""
    after = text[start + length:start + length + 1]
    return not (before.isalnum() or before == "-") and not (after.isalnum() and not text[start + length - 1] == "'")
