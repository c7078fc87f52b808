"""Checks on what a sentence tells a resident to do: must or may, who does it, when, if what.

The number and negation checks (meaning_checks.py) miss the mistakes that change an
instruction without changing a digit: "you must not park" as "you do not have to park", "we
will" as "you will", "48 hours" as "48 días", "unless" as "if", a street name translated, "Book a
collection" as "a book of collections". Each check here compares the English with the
translation through word lists and patterns in ``meaning/en.yml`` and ``meaning/<lang>.yml``,
and through the words' readings from Apertium's analysers (morphology.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from plainpath.translation.morphology import Word, is_verb_reading

MEANING_DIR = Path(__file__).with_name("meaning")
NEGATIVE_MODALITIES = ("prohibition", "no_obligation")
POSITIVE_MODALITIES = ("obligation", "permission")
# Categories where a word of the English missing from the translation is already a mistake,
# not only when another word of the group took its place.
EXACT_CATEGORIES = frozenset({"weekdays"})
SAYS = {"prohibition": "must not", "no_obligation": "need not", "obligation": "must", "permission": "may"}
_BOLD = re.compile(r"\*\*[^*]+\*\*")
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_NAME_JOINERS = frozenset({"of", "and", "for"})
ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")
_NOT_NAMES = frozenset({"i", "yes", "no", *ENGLISH_WEEKDAYS, *(day + "s" for day in ENGLISH_WEEKDAYS), *ENGLISH_MONTHS})


@dataclass(frozen=True)
class Modality:
    """Patterns for what a text says must, must not, may or need not be done."""

    patterns: dict[str, tuple[re.Pattern[str], ...]]

    def of(self, text: str) -> set[str]:
        """The modalities ``text`` states; a negative form is taken out before the positive
        ones are looked for, so "must not" is never also "must"."""
        lowered, found = text.lower(), set()
        for kind in NEGATIVE_MODALITIES + POSITIVE_MODALITIES:
            for pattern in self.patterns.get(kind, ()):
                if pattern.search(lowered):
                    found.add(kind)
                    lowered = pattern.sub(" ", lowered)
        return found


@dataclass(frozen=True)
class StatementData:
    """One language's (or English's) data for the statement checks."""

    modality: Modality
    categories: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    we: frozenset[str] = frozenset()  # English: words for "we"; a language: its "our", "us" words
    imperative_next: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=None)
def statement_data(lang: str) -> StatementData:
    """The statement checks' data for ``lang`` ("en" for the English side); empty when none."""
    path = MEANING_DIR / f"{lang}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    modality = Modality({kind: tuple(re.compile(p) for p in patterns)
                         for kind, patterns in (data.get("modality") or {}).items()})
    categories = {
        name: tuple((tuple(str(w).lower() for w in member["en"]), tuple(str(w).lower() for w in member[lang]))
                    for member in members)
        for name, members in (data.get("categories") or {}).items()
    }
    return StatementData(modality, categories, frozenset(data.get("we") or ()),
                         frozenset(data.get("imperative_next") or ()))


def data_files(lang: str) -> list[Path]:
    """The files these checks read for ``lang``, for the checks' fingerprint."""
    return [MEANING_DIR / "en.yml", MEANING_DIR / f"{lang}.yml"]


def modality_problems(source: str, target: str, lang: str) -> list[str]:
    """"Must" read as "may", "must not" read as "need not", and the other way round."""
    target_patterns = statement_data(lang).modality
    if not target_patterns.patterns:
        return []
    english = statement_data("en").modality.of(_BOLD.sub(" ", source))
    found = target_patterns.of(_BOLD.sub(" ", target))
    wrong: str | None = None
    if "prohibition" in english and "prohibition" not in found and found & {"no_obligation", "obligation", "permission"}:
        wrong = min(found & {"no_obligation", "permission", "obligation"}, key=list(SAYS).index)
    elif "no_obligation" in english and "no_obligation" not in found and found & {"prohibition", "obligation"}:
        wrong = "prohibition" if "prohibition" in found else "obligation"
    elif "obligation" in english and not english & {"permission"} and "obligation" not in found and found & {
            "permission", "no_obligation"}:
        wrong = "no_obligation" if "no_obligation" in found else "permission"
    elif "permission" in english and not english & {"obligation"} and "permission" not in found and found & {
            "obligation", "prohibition"} and "prohibition" not in english:
        wrong = "prohibition" if "prohibition" in found else "obligation"
    if wrong is None:
        return []
    said = next(kind for kind in SAYS if kind in english)
    return [f"the English says '{SAYS[said]}' and the translation reads like '{SAYS[wrong]}'."]


def category_problems(source: str, target: str, lang: str) -> list[str]:
    """A word of a group (hours, Monday, unless, landlord) that comes out as another of its group."""
    problems = []
    for name, members in statement_data(lang).categories.items():
        missing, extra = [], []
        for english_words, words in members:
            wanted, found = count_words(source, english_words), count_words(target, words)
            if wanted > found:
                missing.append(english_words[0])
            elif found > wanted:
                extra.append(words[0])
        if missing and (extra or name in EXACT_CATEGORIES):
            instead = f"reads like '{', '.join(extra)}'" if extra else "does not say it"
            problems.append(f"{name}: the English says '{', '.join(missing)}' and the translation {instead}.")
    return problems


def person_problems(source: str, analysed: list[Word] | None, lang: str) -> list[str]:
    """The council's "we" kept as "we": not turned into "you", nor added."""
    if analysed is None:
        return []
    english = {word.lower() for word in _WORDS.findall(source)}
    we_words, ours = statement_data("en").we, statement_data(lang).we
    we_in_target = any(word.has("p1", "pl") or set(word.surface.lower().split()) & ours or not word.known
                       for word in analysed)  # an unknown word may be a verb in "we": no flag
    if english & we_words and not we_in_target:
        return ["the English says 'we' or 'us' (the council), and the translation does not."]
    if not english & we_words and any(word.always("p1", "pl") and word.has("vblex") for word in analysed):
        return ["the translation says 'we' do it, and the English does not."]
    if not english & _I_WORDS and _says_i(analysed):
        return ["the translation says 'I' do it ('nos contacto', 'je nous contacte'), and the English does not."]
    if lang in _ONE_RESIDENT and any(word.always("p2", "pl") and word.has("vblex") for word in analysed):
        return ["the translation speaks to several people ('enviáis', 'pagais'): the engine has mixed up who does "
                "what ('We send you' came out as 'you all send him')."]
    return []


# Languages whose guidance speaks to one resident (usted, você): a verb to "vosotros"/"vós" is the
# engine's mistake, never the council's. Catalan speaks to "vosaltres" on purpose ("Reserveu").
_ONE_RESIDENT = frozenset({"es", "pt"})


_I_WORDS = frozenset({"i", "me", "my", "mine", "myself"})


def _says_i(analysed: list[Word]) -> bool:
    """A first person singular the engine made up: a subject pronoun ("je", "yo", "eu") or a
    verb in the first person singular right after an object pronoun ("nos contacto")."""
    for before, word in zip([None, *analysed], analysed):
        if word.always("prn", "tn", "p1", "sg"):
            return True
        if before is not None and before.always("prn", "pro") and word.has("vblex", "p1", "sg"):
            return True
    return False


def name_problems(source: str, target: str, terms: dict[str, str] | None) -> list[str]:
    """Names of streets, places, organisations and schemes are written as in the English."""
    text = _BOLD.sub(" . ", source)
    for term in terms or {}:
        text = re.sub(rf"\b{re.escape(term)}\b", " . ", text, flags=re.IGNORECASE)
    missing = [name for name, shorter in english_names(text)
               if name not in target and (shorter is None or shorter not in target)]
    if not missing:
        return []
    return [f"the name{'s' if len(missing) > 1 else ''} {', '.join(repr(n) for n in missing)} should be written "
            "as in the English."]


def english_names(text: str) -> list[tuple[str, str | None]]:
    """Runs of two or more capitalised words ("Mill Lane", "Citizens Advice"), each with the run
    without its first word when that word starts a sentence ("Contact Citizens Advice")."""
    words = list(_WORDS.finditer(text))
    if len(words) >= 2 and all(_CAPITALISED.fullmatch(w.group()) or w.group() in _NAME_JOINERS for w in words):
        return []  # A heading in title case: every word capitalised says nothing about names.
    names, run = [], []
    for match in words + [None]:
        word = match.group() if match else ""
        continuing = run and word in _NAME_JOINERS
        if match and (_CAPITALISED.fullmatch(word) and word.lower() not in _NOT_NAMES or continuing):
            if run and text[run[-1].end():match.start()].strip(" ") not in ("", "-"):
                names += _name(text, run)
                run = []
            run.append(match)
            continue
        names += _name(text, run)
        run = []
    return names


def _name(text: str, run: list[re.Match[str]]) -> list[tuple[str, str | None]]:
    while run and run[-1].group() in _NAME_JOINERS:
        run = run[:-1]
    if len(run) < 2:
        return []
    full = text[run[0].start():run[-1].end()]
    starts_sentence = not text[:run[0].start()].strip() or text[:run[0].start()].rstrip()[-1] in ".!?:;#*-("
    shorter = text[run[1].start():run[-1].end()] if starts_sentence else None
    return [(full, shorter)]


def imperative_problems(english_words: list[Word] | None, target_words: list[Word] | None) -> list[str]:
    """An instruction ("Book a collection", "Contact us") still starts with a verb."""
    if not english_words or not target_words or not _is_instruction(english_words):
        return []
    first_sentence = target_words[:next((n for n, w in enumerate(target_words) if w.has("sent")), None)]
    if any(not word.known for word in first_sentence):
        return []
    # The verb that tells the reader comes first ("Reservar", "No enviar", "Ne pas envoyer",
    # "Por favor, reserve"): a "puede" further on ("Control que ... le puede coger") is not it.
    if any(map(_is_instruction_verb, first_sentence[:_INSTRUCTION_VERB_WITHIN])):
        return []
    return [f"the English is an instruction ('{english_words[0].surface} ...'), and the translation has no "
            "verb that tells the reader to do it."]


_INSTRUCTION_VERB_WITHIN = 4  # words, punctuation included


def _is_instruction(words: list[Word]) -> bool:
    first = words[0]
    if not first.surface[:1].isupper() or first.surface.lower() in {"do", "please", "be"}:
        return False
    following = words[1].surface.lower() if len(words) > 1 else ""
    return first.has("vblex", "inf") and (not following or following[:1].isdigit()
                                          or following in statement_data("en").imperative_next)


def _is_instruction_verb(word: Word) -> bool:
    """An imperative, an infinitive or a subjunctive ("Reserve", "Réservez", "Reserveu"), and
    not also an article or a pronoun ("una" is also a form of "unir")."""
    verb = any(is_verb_reading(reading) and
               any(f"<{tag}>" in reading for tag in ("imp", "inf", "prs")) for reading in word.readings)
    return verb and not any(re.match(r"[^<]*<(det|prn|pr)>", reading) for reading in word.readings)


def count_words(text: str, words, starts: bool = False) -> int:
    """How often ``words`` stand in ``text`` as whole words, case aside (as word beginnings
    when ``starts``: "aument" counts "aumentará")."""
    lowered, ending = text.lower(), r"\w*" if starts else ""
    return sum(len(re.findall(rf"(?<![\w-]){re.escape(str(word).lower())}{ending}(?![\w-])", lowered))
               for word in words)
