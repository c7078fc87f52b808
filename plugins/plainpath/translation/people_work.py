"""A person's translations are never lost to a rebuild, even when the PO file lost them first.

The build keeps every entry a person wrote or reviewed (an entry no page uses is kept as
obsolete), but it cannot tell an emptied ``translations/es.po`` (a bad merge, an editor's
select-all and delete) from a new language: it would refill the file with machine text, and the
next commit would make the loss permanent. So before a build reads a PO file, the people's
entries of the last commit are looked for in it; if any is gone, the build stops and says how to
get them back. A removal someone meant is committed first, and then builds again.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib

from plainpath.errors import EditorError, SourceLocation
from plainpath.translation.memory import MACHINE, WRITTEN, TranslationMemory, status_of


def check_people_work_kept(memory: TranslationMemory, root: Path) -> None:
    """Raise an editor error naming the PO file when people's entries of the last commit are gone."""
    committed = _committed_text(root, memory.display_path)
    if committed is None or memory.path.exists() and memory.path.read_text(encoding="utf-8") == committed:
        return
    try:
        before = polib.pofile(committed)
    except (OSError, ValueError):
        return  # the committed file itself was broken: nothing to compare with
    kept: set[tuple[str, str]] = set()
    for entry in memory.all_entries():
        if _persons(entry):
            kept.add((entry.msgctxt or "", entry.msgid))
            if entry.previous_msgid:  # the English changed since: the same work, flagged stale
                kept.add((entry.msgctxt or "", entry.previous_msgid))
    lost = [entry for entry in before if _persons(entry) and (entry.msgctxt or "", entry.msgid) not in kept]
    if not lost:
        return
    first = lost[0]
    raise EditorError(
        "translation file", SourceLocation(memory.display_path),
        f"{len(lost)} translation(s) that a person wrote or reviewed are in the last commit but gone "
        f"from this file (the first: \"{first.msgid[:60]}\" in '{first.msgctxt}'). The build stopped "
        "so that machine text does not take their place.",
        f"If that is a mistake, get them back with 'git checkout -- {memory.display_path}' (or your "
        "editor's undo). If they were removed on purpose, commit the file first, then build again.",
    )


def _persons(entry: polib.POEntry) -> bool:
    """Written or reviewed by a person: not an engine's, not plainpath's own interface words."""
    return bool(entry.msgstr) and status_of(entry) != MACHINE and not (entry.comment or "").startswith(WRITTEN)


def _committed_text(root: Path, display_path: str) -> str | None:
    """The file as the last commit has it; None outside git, for a new file, or without git."""
    try:
        shown = subprocess.run(["git", "-C", str(root), "show", f"HEAD:./{display_path}"],
                               capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if shown.returncode != 0:
        return None
    try:
        return shown.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
