"""Interface words and answer words written for each language, never sent to an engine alone.

An engine given a label without its sentence guesses: Apertium turns a flow's "No" into "Núm"
(the abbreviation of "número") in Spanish and Catalan, and "Free" into "Libre". The interface
text (notices, step-by-step words, 404 text), the common answers of a question (Yes, No,
I don't know...) and a flow's common short fields ("Free" as what a step costs) are therefore written per language in ``written/<code>.yml`` and enter the
translation memory as reviewed text. A council's own reviewed PO entry still wins: only machine
entries are replaced. A language with a written file but no engine (Arabic) still gets its
interface in its own language; its answers stay with the English page they belong to.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plainpath.ui_text import ENGLISH

WRITTEN_DIR = Path(__file__).with_name("written")
INTERFACE_CONTEXT = "plainpath:interface"
FLOW_CONTEXT_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class WrittenText:
    """One language's written interface words (by English text) and answer words."""

    lang: str
    interface: dict[str, str] = field(default_factory=dict)  # English interface text -> text
    answers: dict[str, str] = field(default_factory=dict)  # English answer -> text
    labels: dict[str, str] = field(default_factory=dict)  # a flow's short fields ("Free" as a cost) -> text

    def translation(self, context: str, source: str, answers_too: bool) -> str | None:
        """The written text for a segment, or None to leave it to the memory and engines."""
        if context == INTERFACE_CONTEXT:
            return self.interface.get(source)
        if answers_too and context.endswith(FLOW_CONTEXT_SUFFIXES):
            return self.answers.get(source) or self.labels.get(source)
        return None

    @property
    def origin(self) -> str:
        return f"plugins/plainpath/translation/written/{self.lang}.yml"


@functools.lru_cache(maxsize=64)
def written_text(lang: str) -> WrittenText:
    """The written text for ``lang``; empty when none has been written yet."""
    path = WRITTEN_DIR / f"{lang}.yml"
    if not path.exists():
        return WrittenText(lang)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    by_key = data.get("interface") or {}
    interface = {ENGLISH[key]: str(text) for key, text in by_key.items() if key in ENGLISH}
    answers = {str(english): str(text) for english, text in (data.get("answers") or {}).items()}
    labels = {str(english): str(text) for english, text in (data.get("labels") or {}).items()}
    return WrittenText(lang, interface, answers, labels)


def languages_written() -> list[str]:
    """Codes of the languages with written interface text."""
    return sorted(path.stem for path in WRITTEN_DIR.glob("*.yml"))
