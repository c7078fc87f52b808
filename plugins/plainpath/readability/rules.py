"""The plain-English rules, each a function from a block of prose to findings.

Rules read the masked text (code, link targets and HTML blanked out), so a finding's offset is
also its offset in the source, and ``ProseBlock.position`` turns it into a file line and column.
Thresholds and levels come from ``Settings``; the words list is data councils can edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from plainpath.readability.passive import passive_phrases, phrase_text
from plainpath.readability.prose import ProseBlock
from plainpath.readability.sentences import split_sentences, words

PLAIN_WORDS_FILE = Path(__file__).with_name("plain_words.yml")
TRANSLATES_WELL_FILE = Path(__file__).with_name("translates_well.yml")

LINK_TEXT_TO_AVOID = {
    "click here", "here", "read more", "more", "this page", "this link", "link", "click this link",
    "find out more", "more information", "learn more", "click", "go here",
}
KNOWN_ACRONYMS = {"UK", "NHS", "PDF", "ID", "OK", "TV", "EU", "GOV.UK", "AM", "PM", "BBC"}
ACRONYM = re.compile(r"(?<![\w.-])[A-Z][A-Z0-9]+(?:\.[A-Z]{2,})?s?(?![\w-])")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(")


@dataclass(frozen=True)
class LintFinding:
    """One plain-English problem: where, which rule, what is wrong, what to write instead."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    suggestion: str
    level: str
    excerpt: str = ""

    def line_text(self) -> str:
        """``file:line:col: rule: message suggestion``, the form editors' tools understand."""
        return f"{self.path}:{self.line}:{self.column}: {self.rule}: {self.message} {self.suggestion}".rstrip()

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PlainWord:
    phrase: str
    instead: str


def load_plain_words(path: Path = PLAIN_WORDS_FILE) -> list[PlainWord]:
    """The words-to-avoid list, longest phrase first so "in order to" wins over "order"."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = [PlainWord(str(item["phrase"]), str(item["instead"])) for item in data.get("words", [])]
    return sorted(entries, key=lambda entry: -len(entry.phrase))


@dataclass(frozen=True)
class TranslationTrap:
    """English that translation engines get wrong, and what to write instead."""

    pattern: re.Pattern
    why: str
    instead: str
    only_with: re.Pattern | None = None


def load_translation_traps(path: Path = TRANSLATES_WELL_FILE) -> list[TranslationTrap]:
    """The 'translates-well' list; a pattern that is not a regular expression names its entry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    traps = []
    for number, item in enumerate(data.get("rules", []), start=1):
        try:
            traps.append(TranslationTrap(
                _whole_words(str(item["pattern"])), str(item["why"]), str(item["instead"]),
                _whole_words(str(item["only_with"])) if item.get("only_with") else None))
        except (KeyError, TypeError, re.error) as error:
            raise ValueError(f"{path}: rule {number} ({item!r}): {error}. Each rule needs 'pattern' "
                             "(a regular expression), 'why' and 'instead'.") from None
    return traps


def _whole_words(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)


def plain_words_pattern(entries: list[PlainWord]) -> re.Pattern | None:
    if not entries:
        return None
    alternatives = "|".join(re.escape(entry.phrase) for entry in entries)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@dataclass
class Rulebook:
    """The rules switched on, with their thresholds; one per language and settings."""

    levels: dict[str, str]
    max_sentence_words: int = 25
    max_paragraph_sentences: int = 5
    max_title_chars: int = 65
    max_summary_chars: int = 160
    plain_words: list[PlainWord] | None = None
    known_acronyms: frozenset[str] = frozenset(KNOWN_ACRONYMS)
    english: bool = True
    review_after_months: int = 12
    translation_traps: list[TranslationTrap] | None = None
    settled_terms: frozenset[str] = frozenset()  # the glossary's: the build protects them

    def __post_init__(self) -> None:
        self.translation_traps = (self.translation_traps if self.translation_traps is not None
                                  else load_translation_traps())
        settled = "|".join(re.escape(term) for term in sorted(self.settled_terms, key=len, reverse=True))
        self._settled = re.compile(rf"(?<![\w-])(?:{settled})(?![\w-])", re.IGNORECASE) if settled else None
        self.plain_words = self.plain_words if self.plain_words is not None else load_plain_words()
        self._instead = {entry.phrase.lower(): entry.instead for entry in self.plain_words}
        self._pattern = plain_words_pattern(self.plain_words)

    def check(self, blocks: list[ProseBlock]) -> list[LintFinding]:
        """Every finding in one file's blocks, in reading order (acronyms need the whole file)."""
        findings: list[LintFinding] = []
        defined: set[str] = set()
        checks: list[Callable[[ProseBlock], Iterator[tuple]]] = [
            self._long_sentences, self._long_paragraph, self._length_limits,
        ]
        if self.english:
            whole_page = "\n".join(block.masked for block in blocks)
            checks += [self._plain_words, self._passive, self._link_text,
                       lambda block: self._acronyms(block, defined),
                       lambda block: self._translation_traps(block, whole_page)]
        for block in blocks:
            for check in checks:
                for rule, offset, message, suggestion, excerpt in check(block):
                    if self.levels.get(rule, "off") == "off":
                        continue
                    line, column = block.position(offset)
                    findings.append(LintFinding(block.path, line, column, rule, message, suggestion,
                                                self.levels[rule], excerpt))
        return sorted(findings, key=lambda f: (f.line, f.column, f.rule))

    def _long_sentences(self, block: ProseBlock) -> Iterator[tuple]:
        for sentence in split_sentences(block.masked):
            count = len(sentence.words)
            if count > self.max_sentence_words:
                yield ("long-sentence", sentence.start,
                       f"this sentence has {count} words.",
                       f"Split it into sentences of {self.max_sentence_words} words or fewer.",
                       _excerpt(block.source[sentence.start:sentence.end]))

    def _long_paragraph(self, block: ProseBlock) -> Iterator[tuple]:
        if block.kind not in ("paragraph", "flow"):
            return
        count = len(split_sentences(block.masked))
        if count > self.max_paragraph_sentences:
            yield ("long-paragraph", 0, f"this paragraph has {count} sentences.",
                   f"Break it into paragraphs of {self.max_paragraph_sentences} sentences or fewer, "
                   "or make a list.", _excerpt(block.source))

    def _length_limits(self, block: ProseBlock) -> Iterator[tuple]:
        limit = {"title": self.max_title_chars, "summary": self.max_summary_chars}.get(block.kind)
        if limit and len(block.source) > limit:
            yield (f"long-{block.kind}", 0,
                   f"the {block.kind} has {len(block.source)} characters.",
                   f"Keep it to {limit} characters or fewer: search results cut longer ones off.",
                   _excerpt(block.source))

    def _plain_words(self, block: ProseBlock) -> Iterator[tuple]:
        if self._pattern is None:
            return
        for match in self._pattern.finditer(block.masked):
            found = match.group()
            instead = self._instead[found.lower()]
            yield ("plain-words", match.start(), f"'{found}' is not plain English.",
                   f"Write '{instead}' instead.", found)

    def _translation_traps(self, block: ProseBlock, whole_page: str) -> Iterator[tuple]:
        settled = [match.span() for match in self._settled.finditer(block.masked)] if self._settled else []
        for trap in self.translation_traps:
            if trap.only_with is not None and not trap.only_with.search(whole_page):
                continue
            for match in trap.pattern.finditer(block.masked):
                if any(start <= match.start() < end for start, end in settled):
                    continue
                found = match.group()
                yield ("translates-well", match.start(), f"'{found}' is often translated wrongly: {trap.why}.",
                       f"Instead: {trap.instead}.", found)

    def _passive(self, block: ProseBlock) -> Iterator[tuple]:
        for match in passive_phrases(block.masked):
            phrase = phrase_text(match)
            yield ("passive-voice", match.start("be"), f"'{phrase}' is passive.",
                   "Say who does it: 'we check your form', not 'your form is checked'.", phrase)

    def _link_text(self, block: ProseBlock) -> Iterator[tuple]:
        for match in _LINK.finditer(block.source):
            text = re.sub(r"[^\w\s]", "", match.group(1)).strip().lower()
            if text in LINK_TEXT_TO_AVOID:
                yield ("link-text", match.start(), f"the link text '{match.group(1)}' does not say where it goes.",
                       "Use the name of the page or the task, for example 'apply for a permit'.",
                       match.group(1))

    def _acronyms(self, block: ProseBlock, defined: set[str]) -> Iterator[tuple]:
        seen = defined | self.known_acronyms
        for offset, acronym in unexplained_short_forms(block.masked, seen):
            yield ("undefined-acronym", offset, f"'{acronym}' is not explained where it is first used.",
                   f"Write it out in full the first time, with '({acronym})' after it, or use plain words.",
                   acronym)
        defined |= seen - self.known_acronyms


def unexplained_short_forms(text: str, seen: set[str]) -> Iterator[tuple[int, str]]:
    """Short forms first used in ``text`` and not explained there: (offset, short form).

    ``seen`` holds the short forms already met or known and learns each new one, so only a
    first use counts. Explained: the words in brackets right after it, or the short form in
    brackets after the words ("(PCN)", "(Penalty Charge Notice, PCN)"). Words in a run of
    capitals ("PAY THE FINE NOW") are shouting, not short forms. The readability lint and the
    accessibility gate (WCAG 3.1.4) share it.
    """
    shouted = _shouted_runs(text)
    for match in ACRONYM.finditer(text):
        if any(start <= match.start() < end for start, end in shouted):
            continue
        short = match.group()
        if short.endswith("s") and short[:-1].isupper():
            short = short[:-1]
        if short in seen or len(short) < 2:
            continue
        seen.add(short)
        before, after = text[: match.start()], text[match.end():].lstrip()
        if before.rfind("(") > before.rfind(")") or after.startswith("("):
            continue
        yield match.start(), short


def _shouted_runs(text: str, least: int = 3) -> list[tuple[int, int]]:
    """Spans of ``least`` or more words in a row written in capitals, in any alphabet."""
    runs, current = [], []
    for word in re.finditer(r"[^\W\d_]+", text):
        if word.group().isupper():
            current.append(word.span())
            continue
        if len(current) >= least:
            runs.append((current[0][0], current[-1][1]))
        current = []
    if len(current) >= least:
        runs.append((current[0][0], current[-1][1]))
    return runs


def _excerpt(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def words_in(text: str) -> int:
    return len(words(text))
