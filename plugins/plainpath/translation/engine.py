"""What every translation engine shares: its errors, its provenance, its interface."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Protocol


class EngineError(Exception):
    """An engine or model problem a person can fix; the message names the file and what to do."""


@dataclass(frozen=True)
class Provenance:
    """Which engine, model and version produced a machine translation (recorded in the PO)."""

    engine: str
    model: str
    version: str

    def __post_init__(self) -> None:
        """Each part one short line of plain characters. A server says its own version and a model
        file its own name: a newline there would write PO lines of its choosing (a forged
        ``#. checks: passed`` would publish unchecked text)."""
        for part in fields(self):
            object.__setattr__(self, part.name, _one_plain_line(str(getattr(self, part.name))))


def _one_plain_line(text: str, longest: int = 80) -> str:
    """Plain characters only, and a colon only before a port number: a PO comment line is read
    as a check's verdict by its "check:" or "checks: passed", and polib wraps long comments at
    spaces, so no part may hold those words whole."""
    return _COLON_NOT_PORT.sub("_", _NOT_PLAIN.sub("_", " ".join(text.split())))[:longest] or "unknown"


_NOT_PLAIN = re.compile(r"[^\w.:/@+() -]")
_COLON_NOT_PORT = re.compile(r":(?!\d)")


class TranslationEngine(Protocol):
    """A machine translator. Engines are tried per language in the configured order."""

    name: str

    def can_serve(self, source: str, target: str) -> bool:
        """Whether this engine is installed for the pair; cheap, loads no model."""

    def translate_batch(
        self,
        segments: list[str],
        source: str,
        target: str,
        on_progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Translate many segments at once (one model load, batched)."""

    def provenance(self, source: str, target: str) -> Provenance:
        """Engine, model and version for the PO comments."""
