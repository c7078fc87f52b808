"""Instructions that rely on colour, shape, place or sound, and short forms never written out.

WCAG 1.3.3, 1.4.1 and 3.1.4 are about words, so no markup checker sees them. The word lists are
data per language in ``wording/<lang>.yml`` (English and Spanish so far); a page in any other
language is checked through the English segment each paragraph was translated from (see
``source_map``). The short-form check shares its pattern and known list with the readability lint.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from plainpath.readability.rules import KNOWN_ACRONYMS, unexplained_short_forms

WORDING_DIR = Path(__file__).with_name("wording")
WORDING_RULES = ("use-of-colour", "sensory-characteristics")


@dataclass(frozen=True)
class WordingMatch:
    """One instruction found: the rule and the words that break it, as written."""

    rule: str
    phrase: str


@dataclass(frozen=True)
class Wording:
    """One language's compiled patterns and the short forms it never asks to write out."""

    lang: str
    patterns: dict[str, list[re.Pattern]]
    known_abbreviations: frozenset[str]

    def instructions(self, text: str) -> list[WordingMatch]:
        """Each colour or sensory instruction in ``text``, once per rule and phrase."""
        found: list[WordingMatch] = []
        for rule in WORDING_RULES:
            for pattern in self.patterns.get(rule, []):
                for match in pattern.finditer(text):
                    item = WordingMatch(rule, match.group())
                    if item not in found:
                        found.append(item)
        return found


def languages_with_wording() -> set[str]:
    return {path.stem for path in WORDING_DIR.glob("*.yml")}


@functools.lru_cache(maxsize=None)
def wording_for(lang: str) -> Wording | None:
    """The word lists of ``lang``, or None when nobody has written them yet."""
    path = WORDING_DIR / f"{lang}.yml"
    if not path.exists():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = {name: "(?:" + "|".join(_words(str(word)) for word in sorted(words, key=len, reverse=True)) + ")"
              for name, words in (data.get("groups") or {}).items()}
    patterns = {
        rule: [_compile(pattern, groups, path) for pattern in items]
        for rule, items in (data.get("patterns") or {}).items()
    }
    known = frozenset(str(item) for item in data.get("known_abbreviations") or []) | KNOWN_ACRONYMS
    return Wording(lang, patterns, known)


def _words(phrase: str) -> str:
    """A phrase of the word lists as a pattern: any run of spaces between its words."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _compile(pattern: str, groups: dict[str, str], path: Path) -> re.Pattern:
    def group(match: re.Match) -> str:
        name = match.group(1)
        if name not in groups:
            raise ValueError(f"{path}: the pattern {pattern!r} uses {{{name}}}, which is not a group.")
        return groups[name]

    body = re.sub(r"\{(\w+)\}", group, pattern.replace(" ", r"\s+"))
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def undefined_abbreviations(blocks: list[str], expanded: set[str], known: frozenset[str]) -> dict[int, list[str]]:
    """Short forms whose first use on the page is not explained: by block index, in reading order.
    An ``<abbr title>`` anywhere on the page (``expanded``) explains it too."""
    seen: set[str] = set(expanded) | set(known)
    found: dict[int, list[str]] = {}
    for index, text in enumerate(blocks):
        for _offset, short in unexplained_short_forms(text, seen):
            found.setdefault(index, []).append(short)
    return found
