"""Apertium's morphological analysers and generators: every reading of every word, for the
meaning checks, and a word form made from a reading, for the form of address.

One ``lt-proc -a`` run analyses a whole list of texts. The checks use the readings to find words
left in English (no reading), who does something (first person plural: "we", the council), and
whether a sentence starts with a verb the way an instruction does ("Book a collection").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

APERTIUM_DATA = Path("/usr/share/apertium")
ENGLISH_ANALYSER = APERTIUM_DATA / "apertium-eng-spa" / "eng-spa.automorf.bin"
_STREAM_SPECIALS = re.compile(r"[\^$/@*\[\]<>{}\\]")
_UNIT = re.compile(r"\^([^/$]*)((?:/[^/$]*)*)\$")
_VERB_READING = re.compile(r"[^<]*<(vblex|vbmod|vbser|vbhaver)>")


def is_verb_reading(reading: str) -> bool:
    """ "tener<vblex><pri><p2><sg>" is a verb's reading; "tiempo<n><m><sg>" is not."""
    return bool(_VERB_READING.match(reading))


@dataclass(frozen=True)
class Word:
    """A word as written and its readings (``lemma<tag><tag>``); none when the analyser does
    not know it."""

    surface: str
    readings: tuple[str, ...]

    @property
    def known(self) -> bool:
        return bool(self.readings) and not self.readings[0].startswith("*")

    def has(self, *tags: str) -> bool:
        """Some reading carries every tag (``has("vblex", "imp")``)."""
        return any(all(f"<{tag}>" in reading for tag in tags) for reading in self.readings)

    def always(self, *tags: str) -> bool:
        """Every reading carries every tag."""
        return self.known and all(all(f"<{tag}>" in r for tag in tags) for r in self.readings)


def analyse(texts: list[str], analyser: Path | None) -> list[list[Word]] | None:
    """Each text's words with their readings, or None when the analyser is not installed."""
    if analyser is None or not analyser.exists() or shutil.which("lt-proc") is None:
        return None
    if not texts:
        return []
    # Words are all the analyser needs; its stream format gives meaning to ^ $ / @ * [ ] < > { } \
    stream = "\n".join(" ".join(_STREAM_SPECIALS.sub(" ", text).split()) for text in texts) + "\n"
    done = subprocess.run(["lt-proc", "-a", str(analyser)], input=stream, capture_output=True, text=True,
                          check=False)
    lines = done.stdout.split("\n")
    if done.returncode != 0 or len(lines) < len(texts):
        return None
    return [[_word(match) for match in _UNIT.finditer(line)] for line in lines[: len(texts)]]


def _word(match: re.Match[str]) -> Word:
    readings = tuple(reading for reading in match.group(2).split("/") if reading)
    return Word(match.group(1), readings)



def generate(readings: list[str], generator: Path) -> dict[str, str]:
    """Each reading's word form from a language's generator (``tener<vblex><pri><p3><sg>`` ->
    "tiene"); a reading it cannot make, or a machine without the generator, gives none."""
    if not readings or not generator.exists() or shutil.which("lt-proc") is None:
        return {}
    stream = "".join(f"^{reading[:1].lower()}{reading[1:]}$\n" for reading in readings)
    done = subprocess.run(["lt-proc", "-g", str(generator)], input=stream, capture_output=True, text=True, check=False)
    forms = done.stdout.split("\n")
    if done.returncode != 0 or len(forms) < len(readings):
        return {}
    return {reading: form for reading, form in zip(readings, forms) if form and not form.startswith(("#", "*", "@"))}
