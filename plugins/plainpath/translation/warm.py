"""What stays warm between two runs of the site model in one process (the editor's preview).

A build reads each PO file and starts each engine once. The preview builds the site model again
on every save, so it keeps each language's memory (read again only when its file changes on
disk, and then only the entries that differ count as changed), its engines (an argos model takes
seconds to load) and its translated pages. A one-off build gains nothing and loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plainpath.translation.engine import TranslationEngine
from plainpath.translation.memory import TranslationMemory
from plainpath.translation.people_work import check_people_work_kept
from plainpath.translation.site_translation import TranslatedPage


class WarmLanguages:
    """Per language: the memory with the file state it was read from, engines, translated pages."""

    def __init__(self) -> None:
        self._memories: dict[str, tuple[tuple[int, int] | None, TranslationMemory]] = {}
        self._engines: dict[str, list[TranslationEngine]] = {}
        self._pages: dict[str, dict[str, TranslatedPage]] = {}

    def memory(self, root: Path, code: str, display: str) -> TranslationMemory:
        """The memory of ``root``/``display``; read again when the file changed since it was last
        read, and then checked to still hold the people's work of the last commit."""
        path = root / display
        stamp = _stamp(path)
        known = self._memories.get(code)
        if known is not None and known[0] == stamp:
            return known[1]
        memory = TranslationMemory(path, code, display)
        check_people_work_kept(memory, root)
        if known is not None:
            memory.keep_engine_output_from(known[1])
            memory.changed = memory.changes_from(known[1]) | known[1].changed  # and any not yet taken
        self._memories[code] = (stamp, memory)
        return memory

    def engines(self, code: str, make: Callable[[], list[TranslationEngine]]) -> list[TranslationEngine]:
        if code not in self._engines:
            self._engines[code] = make()
        return self._engines[code]

    def pages(self, code: str) -> dict[str, TranslatedPage]:
        return self._pages.setdefault(code, {})


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_size
