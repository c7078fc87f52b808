"""Sentences and words of a block of prose, by offset, for English and the other languages.

textstat counts sentences for its formulas; the lint needs to know where each sentence starts,
so splitting is done here: a sentence ends at ``.``, ``!``, ``?`` (or the Arabic ``؟``) followed
by space and a capital, a digit or a quotation mark, or at the end of the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?؟…](?:[\"'”’)\]]*)(?=\s+[\"“'(¿¡]?[A-Z0-9À-ÖØ-Þ\u0600-\u06FF])")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "approx.")


@dataclass(frozen=True)
class Sentence:
    """A sentence's offsets in its block and its words."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (already masked), each with its start and end offset."""
    sentences: list[Sentence] = []
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[start:end].endswith(_ABBREVIATIONS):
            continue
        sentences.append(Sentence(start, end, text[start:end]))
        start = _skip_space(text, end)
    if text[start:].strip():
        end = len(text.rstrip())
        sentences.append(Sentence(start, end, text[start:end]))
    return sentences


def words(text: str) -> list[str]:
    """The words of ``text``: letters and digits, with inner apostrophes, hyphens and dots."""
    return _WORD.findall(text)


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset
