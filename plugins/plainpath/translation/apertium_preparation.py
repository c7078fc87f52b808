"""What Apertium's English pairs need done to a text before and after (issue 28): instructions
kept as instructions, clock times in the 24-hour form, names of places and schemes kept.

Instructions. 
Its tagger reads a title's first word as a noun or a statement: "Book a bulky waste collection"
became "Libro una colección" (the noun "book"), "Make a complaint" "Il marque une plainte" (he
marks), "Do not send originals" "No envía" (he does not send), a rule turned into a fact. Given
the same instruction as an infinitive clause ("To book a ...", "To not send ..."), it picks the
verb, and what comes back ("Para reservar ...", "A no enviar ...") is one word away from the
infinitive that Spanish, French and Portuguese notices use for instructions ("Reservar una
recogida", "No enviar", "Ne pas envoyer"). Catalan has its own pair, which keeps imperatives.

The same holds inside a sentence: "Do not ignore a court summons; contact us straight away"
came back as "nos contacto" (I contact us), "If you see someone sleeping rough, tell Streetlink
... or call ..." as "dice Streetlink ... o llamada" (Streetlink says ... or a call). A clause that
is an instruction (after a semicolon, after "so" or "then", after the comma that ends an opening
"If ..." clause, or joined by "and"/"or" to an instruction) goes in as an infinitive clause too,
behind a marker, and its "para"/"pour" is taken off where the marker is.

Clock times. "9am" came back as "9soy" ("I am"), "9suis", "9és": a time the resident cannot
read, which the meaning checks then hold back. "09:00" passes through every pair as written, and
is how Spanish, French, Portuguese and Catalan write times.

Senses. "collection" came back as a collection of things, "court" as "cortejar" (to woo), "fine"
as "bien" (well), "bin" as "cubo" (bucket): apertium_senses.yml puts the council's word back
where the English has the word.

Obligation. "must not" came back as "no tienes que", "não tens que" ("you do not have to"), a
prohibition turned into a permission; "need not" as "necesitas no" ("you need to not"). The
English goes in as "cannot" and "do not have to", which the pair renders as the English means.

Names. A run of capitalised words ("Mill Lane", "Housing Options", "Eastmere Civic Centre")
became "Camino de Molino", "Contenint Opcions": a street a resident cannot find. Each goes to the
engine as a placeholder it leaves alone, and comes back as written, as a glossary name does.

Only Apertium needs this: a neural engine reads "Book a ..." rightly and gets the text as written.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from plainpath.translation.address_form import polite
from plainpath.translation.glossary import term_pattern, with_case_of
from plainpath.translation.morphology import ENGLISH_ANALYSER, analyse
from plainpath.translation.statement_checks import english_names

# Part of every machine entry's provenance: a new version re-translates the memory's Apertium
# text the next build (pipeline._outdated). Change the number whenever what this module (or
# address_form.py, which it runs last) does changes; an edit of apertium_senses.yml changes the
# digest by itself.
_SENSES = Path(__file__).with_name("apertium_senses.yml")
VERSION = f"plainpath-prep-8-{hashlib.sha256(_SENSES.read_bytes()).hexdigest()[:8]}"

# Languages whose chain starts with eng-spa, and how the infinitive clause comes back in each:
# (what the engine wrote at the start, what the instruction starts with instead).
_BACK: dict[str, list[tuple[str, str]]] = {
    "es": [("A no ", "No "), ("A nunca ", "Nunca "), ("Para ", ""), ("A ", "")],
    "pt": [("A não ", "Não "), ("A nunca ", "Nunca "), ("Para ", ""), ("A ", "")],
    "fr": [("À ne ", "Ne pas "), ("À n'", "Ne pas "), ("À jamais ", "Ne jamais "), ("Pour ", ""), ("À ", "")],
}
_NEGATIVE = re.compile(r"^(?:Do not|Don't|Never)\s+(?=[a-z])")
# What follows an instruction's verb: "Book a ...", "Apply for ...", "Contact us", "Check if ...".
# A noun after the first word ("Waste collection days") makes it a name, left as it is.
_AFTER_VERB = frozenset(
    "a an the your our their his her its my us it them you this that these those any all some every each "
    "for to if whether when where how what which who up in on out off about with at from by online now "
    "back down over here there".split()
)
# Council verbs the English analyser knows only as nouns.
_ALSO_VERBS = frozenset({"post", "email", "text", "phone"})
_FIRST_WORDS = re.compile(r"^([A-Z][a-z]+)\s+([a-z]+|\d)")


def is_instruction(texts: list[str]) -> list[bool]:
    """Which texts start with an instruction's verb, by the English analyser's readings."""
    # A question ("Do you rent your home?") is never an instruction, whatever its first word.
    found = [not _is_question(text) and (bool(_NEGATIVE.match(text)) or _looks_like_instruction(text)) for text in texts]
    candidates = [n for n, text in enumerate(texts) if found[n] and not _NEGATIVE.match(text)]
    words = analyse([texts[n].split()[0] for n in candidates], ENGLISH_ANALYSER) if candidates else []
    if words is None:  # no analyser: leave every text as it is
        return [bool(_NEGATIVE.match(text)) and not _is_question(text) for text in texts]
    for n, analysed in zip(candidates, words):
        verb = texts[n].split()[0].lower() in _ALSO_VERBS
        found[n] = verb or bool(analysed) and analysed[0].has("vblex", "inf")
    return found


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?") or bool(_AUXILIARY_QUESTION.match(text))


_AUXILIARY_QUESTION = re.compile(r"^(?:Do|Does|Did)\s+(?:you|we|they|I|he|she|it|your|the)\b")


def _looks_like_instruction(text: str) -> bool:
    match = _FIRST_WORDS.match(text)
    return bool(match) and (match.group(2) in _AFTER_VERB or match.group(2).isdigit())


# Where a clause starts that may be an instruction: after a semicolon, after "so" or "then".
_CLAUSE_BOUNDARY = re.compile(r";\s+|,?\s+(?:so|then)\s+")
# An opening subordinate clause, whose first comma starts the main clause ("If you see ..., tell").
_OPENING_CONDITION = re.compile(r"^(?:If|When|Once|Before|After|Unless|Until|While|Whenever|As soon as)\b")
_JOINED = re.compile(r"\s(?:and|or)\s+")
_CLAUSE_NEGATIVE = re.compile(r"^(?:do not|don't|never)\s+(?=[a-z])")
_CLAUSE_MARK = '<x id="in{}"></x>'
_NEXT_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_CAPITAL_NEXT = "\x01"  # while the markers come off: the next letter starts a sentence


def instruction_clauses(text: str, starts_as_instruction: bool) -> list[int]:
    """Where, after the first word, a clause of ``text`` starts that tells the reader to do
    something: "...; contact us", "If ..., tell Streetlink ... or call 0300 ...", "so open a window"."""
    candidates = [match.end() for match in _CLAUSE_BOUNDARY.finditer(text)]
    # A later sentence of the segment: "You get a reference number. Keep it safe."
    candidates += [match.end() for match in _NEXT_SENTENCE.finditer(text)]
    if _OPENING_CONDITION.match(text) and "," in text:
        comma = text.index(",") + 1
        candidates.append(comma + len(text[comma:]) - len(text[comma:].lstrip()))
    found = sorted({start for start in candidates if 0 < start < len(text) and _starts_clause_instruction(text[start:])})
    ends = sorted({match.start() for match in _CLAUSE_BOUNDARY.finditer(text)} | {len(text)})
    for start in ([0] if starts_as_instruction else []) + list(found):
        end = next(e for e in ends if e > start)
        found += [start + match.end() for match in _JOINED.finditer(text[start:end])
                  if _starts_clause_instruction(text[start + match.end():])]
    return sorted(set(found))


def _starts_clause_instruction(clause: str) -> bool:
    clause = clause[:1].lower() + clause[1:]  # a later sentence starts with a capital
    if _CLAUSE_NEGATIVE.match(clause):
        return True
    words = clause.split(maxsplit=2)
    if len(words) < 2 or not words[0].isalpha() or not words[0].islower():
        return False
    following = words[1]
    fits = following in _AFTER_VERB or following[:1].isdigit() or following[:1].isupper() or following.startswith("<x")
    return fits and (words[0] in _ALSO_VERBS or _is_verb(words[0]))


def as_infinitive_clauses(text: str, starts: list[int]) -> str:
    """Each clause that starts at ``starts`` as a marked infinitive clause:
    "...; contact us" -> '...; <x id="in0"></x>to contact us'."""
    for n, start in reversed(list(enumerate(starts))):
        clause = text[start:start + 1].lower() + text[start + 1:]
        negative = _CLAUSE_NEGATIVE.match(clause)
        rest = clause[negative.end():] if negative else clause
        word = ("never " if negative.group().startswith("never") else "not ") if negative else ""
        text = f"{text[:start]}{_CLAUSE_MARK.format(n)}to {word}{rest}"
    return text


def _clause_back(output: str, lang: str) -> str:
    """The engine's marked infinitive clauses as instructions: "; para contactarnos" -> "; contactarnos"."""
    prefixes = "|".join(re.escape(written.lower()).replace(r"\ ", " ").rstrip(" ") + (r"\s+" if written.endswith(" ") else "")
                        for written, _ in _BACK.get(lang, []))
    instead = {written.lower().strip(): replacement.lower() for written, replacement in _BACK.get(lang, [])}

    def back(match: re.Match[str]) -> str:
        written = match.group(1)
        start = instead[" ".join(written.lower().split())] if written else ""
        if re.search(r"(?:^|[.!?])\s*$", match.string[:match.start()]):  # a sentence starts here
            return _CAPITAL_NEXT + start
        return start

    output = re.sub(rf'<x id="in\d+"></x>\s*({prefixes})?', back, output, flags=re.IGNORECASE) if prefixes else \
        re.sub(r'<x id="in\d+"></x>\s*', "", output)
    return re.sub(f"{_CAPITAL_NEXT}(.)", lambda m: m.group(1).upper(), output).replace(_CAPITAL_NEXT, "")


def as_infinitive_clause(text: str) -> str:
    """ "Book a collection" -> "To book a collection"; "Do not send" -> "To not send"."""
    negative = _NEGATIVE.match(text)
    if negative:
        word = "never" if negative.group().startswith("Never") else "not"
        return f"To {word} {text[negative.end():]}"
    return "To " + text[0].lower() + text[1:]


def back_to_instruction(output: str, lang: str) -> str:
    """The engine's infinitive clause as an instruction, or the output as it is when it does
    not start the way the clause comes back."""
    for written, instead in _BACK.get(lang, []):
        if output.startswith(written):
            rest = instead + output[len(written):]
            return rest[:1].upper() + rest[1:]
    return output


_CLOCK = re.compile(r"(?<![\d:.])\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])(?:\.m\.|m\b)", re.IGNORECASE)
_PLACEHOLDER = '<x id="pn{}"></x>'
_PLACEHOLDERS = re.compile(r'<x id="pn(\d+)"></x>')


def clock_24(text: str) -> str:
    """ "5pm" -> "17:00", "9.30am" -> "09:30", "12pm" -> "12:00"; an impossible time is left."""

    def swap(match: re.Match[str]) -> str:
        hour, minutes, half = int(match.group(1)), match.group(2) or "00", match.group(3).lower()
        if not 1 <= hour <= 12:
            return match.group()
        hour = hour % 12 + (12 if half == "p" else 0)
        return f"{hour:02d}:{minutes}"

    return _CLOCK.sub(swap, text)


@dataclass
class Prepared:
    """One segment as Apertium gets it, and what to undo in its output."""

    text: str
    english: str = ""
    instruction: bool = False
    names: tuple[str, ...] = ()


_REWORDED = [(re.compile(r"\bmust not\b|\bmustn't\b"), "cannot"), (re.compile(r"\bMust not\b"), "Cannot"),
               (re.compile(r"\bneed not\b|\bneedn't\b"), "do not have to"),
               # "will not have to pay" came back as "No tienes que paga", "Tu ne dois il pas paie".
               (re.compile(r"\bwill not have to\b|\bwon't have to\b"), "do not have to"),
               # "get up to 100% off" came back as "levantar" (to stand up): the phrasal verb "get up".
               (re.compile(r"\bget up to\b"), "receive up to"),
               # The analyser knows "post" only as a noun: "Post it to us" was "Poste lo" (pole it).
               (re.compile(r"\b(P|p)ost (?=(?:it|them|this|the|your|you|a|us|me|him|her)\b)"),
                lambda m: ("S" if m.group(1) == "P" else "s") + "end ")]


def reworded_for_the_engine(text: str) -> str:
    """ "You must not park here" -> "You cannot park here", which Apertium does not invert;
    "get up to" -> "receive up to", which it does not read as "get up"; "post it" -> "send it"."""
    for pattern, instead in _REWORDED:
        text = pattern.sub(instead, text)
    return text


def prepare(segments: list[str], lang: str) -> list[Prepared]:
    """Each segment ready for Apertium's pair from English to ``lang``."""
    instruction = is_instruction(segments) if lang in _BACK else [False] * len(segments)
    prepared = []
    for english, is_instr in zip(segments, instruction):
        text, names = _hide_names(reworded_for_the_engine(clock_24(english)))
        if lang in _BACK:
            text = as_infinitive_clauses(text, instruction_clauses(text, is_instr))
        prepared.append(Prepared(as_infinitive_clause(text) if is_instr else text, english, is_instr, names))
    return prepared


def finish_all(outputs: list[str], prepared: list[Prepared], lang: str) -> list[str]:
    """The engine's outputs finished (``finish``), then addressed to the resident in the one
    polite form of address (usted, vous: address_form.py)."""
    return polite([finish(output, item, lang) for output, item in zip(outputs, prepared)], lang)


def finish(output: str, prepared: Prepared, lang: str) -> str:
    """The engine's output with the instruction's form and the names as written."""
    if prepared.instruction:
        output = back_to_instruction(output, lang)
    output = _clause_back(output, lang)
    output = council_senses(prepared.english, output, lang)
    if lang == "es":
        output = spanish_opening_marks(output)
    if prepared.english[:1].isupper() and output[:1].islower():  # "tu ne dois pas", "nous ne pouvons pas"
        output = output[0].upper() + output[1:]
    if prepared.text.startswith('<x id="'):  # a name or a glossary term: the engine took the next word as the first
        output = re.sub(r'^(<x id="[^"]+"></x>\s+)(\w)', lambda m: m.group(1) + m.group(2).lower(), output)
    return _PLACEHOLDERS.sub(lambda m: prepared.names[int(m.group(1))], output)


@functools.lru_cache(maxsize=None)
def _sense_fixes(lang: str) -> list[tuple[re.Pattern, re.Pattern, dict[str, str]]]:
    """Per English word: its pattern, the engine's wrong words (longest first), their fixes."""
    data = yaml.safe_load(_SENSES.read_text(encoding="utf-8"))
    fixes = []
    for word, by_lang in data.items():
        wrong = {w.lower(): right for w, right in (by_lang.get(lang) or {}).items()}
        if wrong:
            alternatives = "|".join(re.escape(w) for w in sorted(wrong, key=len, reverse=True))
            fixes.append((re.compile(term_pattern(word)), re.compile(rf"(?<![\w·-])({alternatives})(?![\w·-])", re.IGNORECASE), wrong))
    return fixes


_SPANISH_CLOSED = re.compile(r"(^|(?<=[.:;!?]\s))([^.:;!?¿¡]*?)([?!])(?=\s|$)")


def spanish_opening_marks(text: str) -> str:
    """ "Es el coche registrado a ti?" -> "¿Es el coche registrado a ti?": Spanish opens a
    question and an exclamation with its own mark; the pairs never write it."""
    return _SPANISH_CLOSED.sub(lambda m: m.group(1) + ("¿" if m.group(3) == "?" else "¡") + m.group(2) + m.group(3), text)


def council_senses(english: str, output: str, lang: str) -> str:
    """The engine's output with the council's sense of each word the English has."""
    for in_english, engine_words, right in _sense_fixes(lang):
        if in_english.search(english):
            output = engine_words.sub(lambda m: with_case_of(m.group(), right[m.group().lower()]), output)
    return _ELIDED.sub(lambda m: m.group(1) + "d'", output) if lang == "fr" else output


# A French fix that ends in "de" before a vowel: "besoin de approbation" -> "besoin d'approbation".
_ELIDED = re.compile(r"\b((?:besoin|obligé|obligés) )de (?=[aeiouéèêh])", re.IGNORECASE)


# Web and email addresses: the Catalan pair turned "www.eastmere.gov.uk/admissions" into
# "www.eastmere.admissions/gov.uk" and an email address into "eastmere.gov de@queixes".
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_LETTER = re.compile(r"(?<![\w'’.-])([A-HJ-Z])(?![\w'’-])")


def _letter_labels(text: str) -> list[str]:
    """Letters that label things ("zones A, B, C and D"): "A" became the article "Un". Only
    when two or more letters other than "A" stand alone, so "A resident" keeps its article."""
    letters = list(dict.fromkeys(_LETTER.findall(text)))
    return letters if len([letter for letter in letters if letter != "A"]) >= 2 else []


def _hide_names(text: str) -> tuple[str, tuple[str, ...]]:
    """Names and addresses in ``text`` (never inside its tags) as placeholders."""
    parts = re.split(r"(<[^>]*>)", text)
    names: list[str] = []
    # Names are found in the whole text: between two glossary tags, "Council, 12 Mill Lane,"
    # alone looked like a heading in title case, and "Mill Lane" went to the engine.
    found = english_names(re.sub(r"<[^>]*>", " . ", text))
    for n, part in enumerate(parts):
        if part.startswith("<"):
            continue
        for address in _ADDRESS.findall(part) + _letter_labels(part):
            parts[n] = part = re.sub(rf"(?<![\w@./-]){re.escape(address)}(?![\w@/-])", _PLACEHOLDER.format(len(names)),
                                     part, count=1)
            names.append(address)
        for name, shorter in found:
            # "Contact Citizens Advice", "Your Universal Credit": the first word is not the name's.
            first = name.split()[0].lower()
            kept = shorter if shorter is not None and (first in _AFTER_VERB or _starts_with_verb(name)) else name
            if kept in part:
                parts[n] = part = part.replace(kept, _PLACEHOLDER.format(len(names)), 1)
                names.append(kept)
    return "".join(parts), tuple(names)


def _starts_with_verb(name: str) -> bool:
    return _is_verb(name.split()[0])


@functools.lru_cache(maxsize=4096)
def _is_verb(word: str) -> bool:
    """One analyser run per distinct word a name starts with ("Contact", "Eastmere"), not per name."""
    words = analyse([word], ENGLISH_ANALYSER)
    return bool(words and words[0]) and words[0][0].has("vblex", "inf")
