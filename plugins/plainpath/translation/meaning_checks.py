"""Automatic meaning checks on a translated segment: what a resident would act on, kept?

A machine segment is wrong in ways a reader cannot see: a changed number, a lost "not", an
answer word turned into an abbreviation, an English word left in, "before" become "after". Each
check compares the English with the translation and says what is wrong in one sentence, for the
PO entry (``#. check: ...``), the report and the publishing policy. Language data (negation,
months, opposite words, the Apertium analyser) is in ``meaning/<lang>.yml``; answer words come
from the written interface text, required terms from the council's glossary.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plainpath.translation import statement_checks as statements
from plainpath.translation.glossary import term_pattern
from plainpath.translation.morphology import APERTIUM_DATA, ENGLISH_ANALYSER, Word, analyse
from plainpath.translation.risk import risk_reasons
from plainpath.translation.statement_checks import ENGLISH_MONTHS, count_words
from plainpath.translation.written_text import written_text

MEANING_DIR = Path(__file__).with_name("meaning")
# The lowest round-trip chrF that passes, unless mkdocs.yml says otherwise: at 20 the checks
# flag 3.7% of the correct translations in tests/fixtures/mt_reference_es.yml (bench/mt_quality.py).
DEFAULT_ROUND_TRIP_MIN = 20.0
# Text a resident acts on (risk.py) must come back closer. Chosen by hand, not yet tuned:
# bench/mt_eval.py measures the checks, not what this threshold holds back.
DEFAULT_RISKY_ROUND_TRIP_MIN = 30.0
CHECKS = ("numbers", "amounts", "times", "dates", "emails", "urls", "negation", "answer-words",
          "unknown-words", "glossary", "opposites", "wrong-sense", "modality", "categories", "person", "names",
          "imperative", "risky", "round-trip")
# "unless" is a condition, not a negation ("a menos que"): the conditions category checks it.
# Changed when a check's code (not only its data) judges differently: every verdict is redone.
CHECKS_VERSION = "2026-12-07d"
ENGLISH_NEGATION = ("not", "n't", "never", "no", "cannot", "nothing", "nobody", "none", "neither", "nor",
                    "without", "fail", "fails")
# English words a correct translation may well write with a negation: "homeless" is "sin hogar",
# "only" is "ne ... que", "unless" is "si no", "less than" is "no llega a", "first" is "abans de res".
IMPLICIT_NEGATIVE = frozenset({"homeless", "unsafe", "unable", "unhappy", "unpaid", "unless", "only", "less", "fewer",
                               "closed", "until", "instead", "except", "otherwise", "first", "before", "free"})

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AMOUNT = re.compile(r"[£€$]\s?\d[\d,.]*\d|[£€$]\s?\d")
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\b\.?", re.IGNORECASE)
_AFTERNOON = ("tarde", "noche", "soir", "après-midi", "noite", "tarda", "nit", "vespre")
_LOCAL_TIME = re.compile(
    r"(?<![£€$\d.,])\b(?P<h>\d{1,2})(?:\s?[:h.]\s?(?P<m>\d{2})(?!\d))?\s?(?:(?P<half>[ap])\.?m\b\.?|"
    r"h\b|(?(m)|(?!))|"
    r"(?P<part>\s(?:de la|du|da|del|de l')\s?(?:mañana|tarde|noche|matin|soir|après-midi|manhã|noite|matí|tarda|nit|vespre)))",
    re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"(\d[\d,.\s]*\d|\d)\s?(?:libras?|livres?(?: sterling)?|lliures?)\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"\b\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d,.]\d)")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_BOLD_ANSWER = re.compile(r"\*\*([^*]+)\*\*")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class CheckFailure:
    """One check that failed on a segment, and what is wrong, in a sentence for a reviewer."""

    check: str
    message: str

    def comment(self) -> str:
        return f"check: {self.check}: {self.message}"


@dataclass(frozen=True)
class LanguageData:
    lang: str
    negation: frozenset[str] = frozenset()
    months: tuple[str, ...] = ()
    opposites: tuple[tuple[dict, dict], ...] = ()
    wrong_senses: tuple[dict, ...] = ()
    analyser: Path | None = None
    answers: dict[str, str] = field(default_factory=dict)


@functools.lru_cache(maxsize=None)
def language_data(lang: str) -> LanguageData:
    """The meaning checks' data for ``lang``; checks without data are skipped, not failed."""
    path = MEANING_DIR / f"{lang}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    analyser = APERTIUM_DATA / data["analyser"] if data.get("analyser") else None
    return LanguageData(
        lang,
        frozenset(str(word).lower() for word in data.get("negation") or []),
        tuple(str(month).lower() for month in data.get("months") or []),
        tuple((pair[0], pair[1]) for pair in data.get("opposites") or []),
        tuple(data.get("wrong_senses") or []),
        analyser if analyser and analyser.exists() else None,
        written_text(lang).answers,
    )


def visible(text: str) -> str:
    """A segment's words as a reader sees them: link text without targets, no emphasis marks."""
    return _LINK.sub(r"\1", text).replace("`", "")


def check_segment(english: str, translation: str, lang: str, terms: dict[str, str] | None = None,
                  unknown: set[str] | None = None, round_trip: tuple[str, float] | None = None,
                  words: tuple[list[Word] | None, list[Word] | None] = (None, None),
                  risky_round_trip_min: float | None = None) -> list[CheckFailure]:
    """Every failed check of one segment. ``terms``: glossary term -> required text in ``lang``;
    ``unknown``: words of the translation its language's analyser does not know
    (``unknown_words``); ``round_trip``: (the translation back in English, the lowest chrF);
    ``words``: the English and the translation through Apertium's analysers (None: not
    installed); ``risky_round_trip_min``: the stricter round trip a risky sentence (an
    instruction, an amount, a deadline, a title: risk.py) must pass, and a risky sentence
    whose checks could not all run fails."""
    data = language_data(lang)
    source, target = visible(english), visible(translation)
    failures: list[CheckFailure] = []

    def compare(check: str, pattern: re.Pattern, what: str, normal=lambda token: token) -> None:
        wanted = Counter(normal(match.group()) for match in pattern.finditer(source))
        found = Counter(normal(match.group()) for match in pattern.finditer(target))
        missing, extra = wanted - found, found - wanted
        if missing or extra:
            parts = [f"{what} '{item}' is in the English but not in the translation" for item in missing]
            parts += [f"{what} '{item}' is in the translation but not in the English" for item in extra]
            failures.append(CheckFailure(check, "; ".join(parts) + "."))

    squeeze = lambda token: re.sub(r"[\s.]", "", token).lower()  # noqa: E731 - "9 a.m." is "9am"
    compare("urls", _URL, "the address")
    compare("emails", _EMAIL, "the email address")
    without_links = lambda text: _EMAIL.sub(" ", _URL.sub(" ", text))  # noqa: E731
    source, target = without_links(source), without_links(target)
    failures += _times(source, target)
    source, target = _TIME.sub(" ", source), local_times(target)[1]
    source, target = _grouped(source), _grouped(_AMOUNT_AFTER.sub(r"£\1", target))
    compare("amounts", _AMOUNT, "the amount", squeeze)
    compare("numbers", _NUMBER, "the number")
    failures += _dates(source, target, data)
    failures += _answers(source, target, data)
    failures += _negation(source, target, data)
    failures += _opposites(source, target, data)
    failures += _wrong_senses(source, target, data)
    for term, required in (terms or {}).items():
        if re.search(term_pattern(term), source) and required.lower() not in target.lower():
            failures.append(CheckFailure("glossary", f"the glossary says '{term}' is '{required}' here, "
                                                     "and the translation does not have it."))
    failures += [CheckFailure("modality", p) for p in statements.modality_problems(source, target, lang)]
    failures += [CheckFailure("categories", p) for p in statements.category_problems(source, target, lang)]
    failures += [CheckFailure("person", p) for p in statements.person_problems(source, words[1], lang)]
    failures += [CheckFailure("names", p) for p in statements.name_problems(source, target, terms)]
    if "?" not in source:
        failures += [CheckFailure("imperative", p) for p in statements.imperative_problems(*words)]
    kept = sorted(word for word in unknown or set() if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", source))
    if kept:
        failures.append(CheckFailure("unknown-words", f"{', '.join(repr(w) for w in kept)} left in English."))
    score = chrf(round_trip[0], english) if round_trip else None  # once: the risky rule reads it too
    if round_trip and score < round_trip[1]:
        failures.append(CheckFailure("round-trip", f"translated back, it reads '{round_trip[0]}' "
                                                   f"(chrF {score:.0f} against the English, below {round_trip[1]:.0f})."))
    if risky_round_trip_min is not None and not failures:
        failures += _risky(english, lang, round_trip, score, words, risky_round_trip_min)
    return failures


def _risky(english: str, lang: str, round_trip: tuple[str, float] | None, score: float | None,
           words: tuple[list[Word] | None, list[Word] | None], lowest: float) -> list[CheckFailure]:
    """A sentence a resident acts on is published only when every check ran, and its round trip
    is close: a check that could not run is a check that did not pass."""
    reasons = risk_reasons(english)
    if not reasons:
        return []
    why = " and ".join(reasons)
    if round_trip is None or score is None or words[1] is None or not statements.statement_data(lang).modality.patterns:
        return [CheckFailure("risky", f"this text {why}, and not every check could run for it here.")]
    if score < lowest:
        return [CheckFailure("risky", f"this text {why}; translated back, it reads '{round_trip[0]}' "
                                      f"(chrF {score:.0f}, below {lowest:.0f} for such text).")]
    return []


def checks_fingerprint(lang: str, round_trip_min: float | None, terms: dict[str, str] | None = None,
                       risky_round_trip_min: float | None = None) -> str:
    """Which checks judged a language's machine text: the checks, the language's word lists,
    its answer words, the glossary, the round-trip threshold and whether Apertium's analyser and
    way back are installed. Recorded in the PO header; when it changes (a check, a word or a
    term is added, Apertium is installed), every machine entry of the language is judged again."""
    from plainpath.translation.apertium_engine import BACK_CHAINS, installed_modes

    path = MEANING_DIR / f"{lang}.yml"
    way_back = all(mode in installed_modes() for mode in BACK_CHAINS.get(lang, ["none"]))
    parts = [CHECKS_VERSION, ",".join(CHECKS), path.read_text(encoding="utf-8") if path.exists() else "",
             *(file.read_text(encoding="utf-8") for file in statements.data_files(lang) if file.exists()),
             repr(sorted(written_text(lang).answers.items())), repr(sorted((terms or {}).items())),
             repr(round_trip_min), repr(risky_round_trip_min), repr(language_data(lang).analyser), repr(way_back)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def check_pairs(pairs: list[tuple[str, str]], lang: str, terms: dict[str, str] | None = None,
                round_trip_min: float | None = None,
                risky_round_trip_min: float | None = None) -> list[list[CheckFailure]]:
    """The failed checks of each (English, translation) pair, with one analyser run per
    language and one batch back to English for the whole list (``round_trip_min`` None: no
    round trip; ``risky_round_trip_min`` None: risky text is judged like any other)."""
    from plainpath.translation.apertium_engine import back_to_english

    translations = [visible(target) for _, target in pairs]
    target_words = analyse(translations, language_data(lang).analyser)
    english_words = analyse([visible(english) for english, _ in pairs], ENGLISH_ANALYSER)
    # The round trip judges the engine's words, not the council's: each glossary term's required
    # translation goes back as the English term ("Ayuda para el Impuesto Municipal" read back as
    # "Help for the Municipal Tax", far from "Council Tax Support", which the council chose).
    back = back_to_english([_terms_in_english(visible(english), target, terms) for (english, _), target
                            in zip(pairs, translations)], lang) if round_trip_min is not None and pairs else None
    return [
        check_segment(english, target, lang, terms, _unknown(target_words, n),
                      (back[n], round_trip_min) if back else None,
                      (english_words[n] if english_words else None, target_words[n] if target_words else None),
                      risky_round_trip_min)
        for n, (english, target) in enumerate(pairs)
    ]


def _terms_in_english(english: str, translation: str, terms: dict[str, str] | None) -> str:
    """The translation with each glossary term the English has written as the English term, so
    the way back keeps the council's words as they are."""
    for term, required in sorted((terms or {}).items(), key=lambda item: -len(item[1])):
        found = re.search(term_pattern(term), english)
        if found and required.lower() in translation.lower():
            translation = re.sub(re.escape(required), lambda _: found.group(), translation, flags=re.IGNORECASE)
    return translation


def _unknown(analysed: list[list[Word]] | None, n: int) -> set[str]:
    if analysed is None:
        return set()
    return {word.surface for word in analysed[n] if not word.known and word.surface.islower()}


def _times(source: str, target: str) -> list[CheckFailure]:
    """The same clock times, however each language writes them: "5pm" is "17:00", "17 h",
    "5 de la tarde"."""
    written = [match.group().rstrip(".") for match in _TIME.finditer(source)]
    wanted = Counter(_english_time(m) for m in _TIME.finditer(source))
    found = local_times(target)[0]
    if not wanted or wanted == found:
        return []
    said = ", ".join(f"{h:02d}:{m:02d}" for h, m in sorted(found)) or "none"
    return [CheckFailure("times", f"the time '{', '.join(written)}' is in the English; the translation has {said}.")]


def _english_time(match: re.Match[str]) -> tuple[int, int]:
    hour, minute, half = match.group(1), match.group(2), match.group(3).lower()
    return int(hour) % 12 + (12 if half == "p" else 0), int(minute or 0)


def local_times(text: str) -> tuple[Counter, str]:
    """The clock times in a translation (as (hour, minute) on a 24-hour clock) and the text
    without them, so their digits are not counted again as numbers."""
    found: Counter = Counter()

    def take(match: re.Match[str]) -> str:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        if hour > 24:
            return match.group()
        part = (match.group("part") or "").lower()
        if match.group("half"):
            hour = hour % 12 + (12 if match.group("half").lower() == "p" else 0)
        elif any(word in part for word in _AFTERNOON) and hour < 12:
            hour += 12
        found[(hour, minute)] += 1
        return " "

    return found, _LOCAL_TIME.sub(take, text)


def _grouped(text: str) -> str:
    """Thousands written 30,000, 30.000 or 30 000 are one number: 30000."""
    return _THOUSANDS.sub(lambda m: re.sub(r"[,.\s\u00a0\u202f]", "", m.group()), text)


def _answers(source: str, target: str, data: LanguageData) -> list[CheckFailure]:
    """Answer words in bold (**Yes**, **No**) must come out as the written answer words."""
    if not data.answers:
        return []
    wanted = Counter(data.answers[a] for a in _BOLD_ANSWER.findall(source) if a in data.answers)
    found = Counter(a for a in _BOLD_ANSWER.findall(target) if a in set(data.answers.values()))
    if wanted == found:
        return []
    said = ", ".join(f"**{word}**" for word in sorted(wanted)) or "no answer word"
    return [CheckFailure("answer-words", f"the answer should read {said}; the translation has "
                                         f"{', '.join('**' + w + '**' for w in _BOLD_ANSWER.findall(target)) or 'none'}.")]


def _negation(source: str, target: str, data: LanguageData) -> list[CheckFailure]:
    """A negative sentence stays negative and a positive one positive (answer words aside)."""
    if not data.negation:
        return []
    english = [w.lower() for w in _WORD.findall(_BOLD_ANSWER.sub(" ", source))]
    english_negative = any(w in ENGLISH_NEGATION or w.endswith("n't") for w in english)
    # "n'est" is two words for this: French and Catalan write the negation into an apostrophe.
    negative = any(w.lower() in data.negation for w in re.findall(r"[^\W\d_]+", _BOLD_ANSWER.sub(" ", target)))
    if english_negative and not negative:
        return [CheckFailure("negation", "the English says 'not' (or 'never', 'no'), and the translation does not.")]
    if negative and not english_negative and not set(english) & IMPLICIT_NEGATIVE:
        return [CheckFailure("negation", "the translation is negative, and the English is not.")]
    return []


def _dates(source: str, target: str, data: LanguageData) -> list[CheckFailure]:
    if not data.months:
        return []
    english = Counter(data.months[ENGLISH_MONTHS.index(w.lower())] for w in _WORD.findall(source)
                      if w.lower() in ENGLISH_MONTHS and w[0].isupper())
    found = Counter(w.lower() for w in _WORD.findall(target) if w.lower() in data.months)
    if english == found:
        return []
    return [CheckFailure("dates", f"the month should be {', '.join(sorted(english)) or 'none'}; the translation has "
                                  f"{', '.join(sorted(found)) or 'none'}.")]


def _opposites(source: str, target: str, data: LanguageData) -> list[CheckFailure]:
    """An English word of one side that comes out as its opposite: "before" as "después"."""
    failures = []
    for first, second in data.opposites:
        for this, other in ((first, second), (second, first)):
            # The translation has more of ``other`` than the English, and fewer of ``this``.
            if (count_words(target, other["es" if "es" in other else data.lang], True) > count_words(source, other["en"])
                    and count_words(source, this["en"]) > count_words(target, this["es" if "es" in this else data.lang], True)):
                failures.append(CheckFailure("opposites", f"the English says '{this['en'][0]}' and the translation "
                                                          f"reads like '{other['en'][0]}'."))
    return failures


def _wrong_senses(source: str, target: str, data: LanguageData) -> list[CheckFailure]:
    """A word translated in a sense the guidance never means: "free" (no cost) as "libre" (at
    liberty). Phrases where the other sense is right ("free time", "feel free") are left out; the
    wrong words are whole words, so "lliureu" (hand in) and "libreta" are not "lliure" and "libre"."""
    failures = []
    for sense in data.wrong_senses:
        english = source.lower()
        for phrase in sense.get("not_when") or []:
            english = re.sub(rf"(?<![\w-]){re.escape(str(phrase).lower())}(?![\w-])", " ", english)
        if count_words(english, sense["en"]) and count_words(target, sense["wrong"]):
            failures.append(CheckFailure("wrong-sense", f"'{sense['en'][0]}' here means {sense['means']}, and "
                                                        f"'{sense['wrong'][0]}' does not; write {sense['say']}."))
    return failures


def chrf(hypothesis: str, reference: str) -> float:
    """chrF (sacrebleu) of one sentence against one reference, 0 to 100."""
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hypothesis, [reference]).score
