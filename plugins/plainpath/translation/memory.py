"""The translation memory: one gettext PO file per language in ``translations/``.

``msgctxt`` is the file a segment lives in, ``msgid`` its English, ``msgstr`` the translation.
Flags say who wrote it: ``fuzzy, machine`` for engine output (a person approves it by removing
``fuzzy``, as Poedit and Weblate do), no ``fuzzy`` for reviewed text, and ``fuzzy, stale`` for a
reviewed translation whose English has changed since: it is kept and shown, never overwritten.
Files are written sorted, with a fixed wrap, and atomically, so a diff shows only real changes
and a killed build leaves each file as it was or as it should be.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from plainpath.errors import EditorError, SourceLocation
from plainpath.translation.engine import Provenance
from plainpath.translation.po_check import check_po_file

MACHINE, STALE, FUZZY, REVIEWED = "machine", "stale", "fuzzy", "reviewed"
MACHINE_PREFIX = "machine:"  # comment naming the engine, model and version of machine text
WRITTEN = "written:"  # comment of interface and answer words from translation/written/, not a person's
# Meaning checks on engine output: a failed entry is flagged and says why in "#. check: ..."
# lines; "#. checks: passed" marks one that was checked and passed (so it is not checked again).
CHECK_FAILED, CHECK_LINE, CHECKS_PASSED = "check-failed", "check:", "checks: passed"
CHECKS_HEADER = "X-Plainpath-Checks"  # the fingerprint of the checks that judged the file's machine entries
WRAP_WIDTH = 78
KIND = "translation file"

Key = tuple[str, str]


def was_checked(entry: polib.POEntry) -> bool:
    """Whether the meaning checks have judged this entry's current text."""
    return any(line.startswith(CHECK_LINE) or line == CHECKS_PASSED for line in (entry.comment or "").splitlines())


def status_of(entry: polib.POEntry) -> str:
    """"reviewed", "stale" or "machine": what readers are told about this translation."""
    if not entry.msgstr:  # left for a translator: nothing a reader is shown, nothing to keep
        return MACHINE
    if FUZZY not in entry.flags:
        return REVIEWED
    return STALE if STALE in entry.flags else MACHINE


class TranslationMemory:
    """All translations of one language, indexed by (context, English)."""

    def __init__(self, path: Path, lang: str, display_path: str) -> None:
        self.path = path
        self.lang = lang
        self.display_path = display_path
        self.po = _load(path, display_path) if path.exists() else _new_po(lang)
        # The entries, by key, by file and by English: every lookup is a dict lookup, so a build
        # costs the same per page at 100 pages or 10,000. ``po`` is brought in line on save.
        self.index: dict[Key, polib.POEntry] = {}
        self._by_context: dict[str, dict[str, polib.POEntry]] = {}
        self._by_source: dict[str, dict[str, polib.POEntry]] = {}
        self.changed: set[Key] = set()  # keys whose lookup may differ since the last take_changes()
        self.added_by_engine: set[Key] = set()  # machine entries made since the file was read
        for entry in self.po:
            self._add(entry)
        self.changed.clear()

    def take_changes(self) -> set[Key]:
        """Keys changed since the last call: the preview re-translates only pages using them."""
        changed, self.changed = self.changed, set()
        return changed

    def changes_from(self, older: TranslationMemory) -> set[Key]:
        """Keys whose entry differs between ``older`` and this memory (a translator's edit)."""
        def state(entry):
            return None if entry is None or entry.obsolete else (entry.msgstr, tuple(entry.flags))
        keys = set(self.index) | set(older.index)
        return {key for key in keys if state(self.index.get(key)) != state(older.index.get(key))}

    def __len__(self) -> int:
        return len(self.index)

    def all_entries(self) -> list[polib.POEntry]:
        """Every entry, live and obsolete."""
        return list(self.index.values())

    def _add(self, entry: polib.POEntry) -> None:
        context = entry.msgctxt or ""
        self._remove((context, entry.msgid))
        self.changed.add((context, entry.msgid))
        self.index[(context, entry.msgid)] = entry
        self._by_context.setdefault(context, {})[entry.msgid] = entry
        self._by_source.setdefault(entry.msgid, {})[context] = entry

    def _remove(self, key: Key) -> None:
        if self.index.pop(key, None) is not None:
            self.changed.add(key)
            context, source = key
            self._by_context.get(context, {}).pop(source, None)
            self._by_source.get(source, {}).pop(context, None)

    def lookup(self, context: str, source: str) -> polib.POEntry | None:
        """The live entry for this segment, if any."""
        entry = self.index.get((context, source))
        return entry if entry is not None and not entry.obsolete else None

    def entries_in(self, context: str) -> list[polib.POEntry]:
        """Every live entry of one file, in file order."""
        return [entry for entry in self._by_context.get(context, {}).values() if not entry.obsolete]

    def reviewed_elsewhere(self, source: str, live_contexts: Collection[str] = ()) -> polib.POEntry | None:
        """A person's translation of the same English in another file. First choice: one from
        a file that no longer exists (the page was renamed) and still in use until now; then
        reviewed before stale. Written interface words stay where they were written for."""
        found = [entry for entry in self._by_source.get(source, {}).values()
                 if status_of(entry) != MACHINE and not (entry.comment or "").startswith(WRITTEN)]
        return min(found, key=lambda e: ((e.msgctxt or "") in live_contexts, e.obsolete, status_of(e) != REVIEWED),
                   default=None)

    def add_machine(
        self, context: str, source: str, text: str, provenance: Provenance, previous: str | None
    ) -> polib.POEntry:
        """Record engine output, replacing any machine entry for the same segment."""
        entry = polib.POEntry(msgctxt=context, msgid=source, msgstr=text, flags=[FUZZY, MACHINE])
        entry.comment = f"{MACHINE_PREFIX} {provenance.engine} {provenance.model} {provenance.version}"
        if previous is not None and previous != source:
            entry.previous_msgid = previous
        self._put(entry)
        self.added_by_engine.add((context, source))
        return entry

    @property
    def checks_fingerprint(self) -> str:
        """The meaning checks that judged this file's machine entries (meaning_checks.py)."""
        return self.po.metadata.get(CHECKS_HEADER, "")

    @checks_fingerprint.setter
    def checks_fingerprint(self, value: str) -> None:
        self.po.metadata[CHECKS_HEADER] = value

    def record_checks(self, entry: polib.POEntry, failures: list[str]) -> None:
        """Write the meaning checks' verdict on a machine entry into it: the flag and one
        ``check: ...`` comment line per failed check, or ``checks: passed``."""
        kept = without_verdict((entry.comment or "").splitlines())
        entry.comment = "\n".join(kept + (failures or [CHECKS_PASSED]))
        entry.flags = [flag for flag in entry.flags if flag != CHECK_FAILED] + ([CHECK_FAILED] if failures else [])
        self.changed.add((entry.msgctxt or "", entry.msgid))

    def add_untranslated(self, context: str, source: str) -> polib.POEntry:
        """An empty entry for a language no engine serves, so its translators start from every
        current English text (in Poedit or Weblate); readers get the English until it is filled."""
        entry = polib.POEntry(msgctxt=context, msgid=source, msgstr="")
        entry.comment = "not translated yet"
        self._put(entry)
        return entry

    def add_written(self, context: str, source: str, text: str, origin: str) -> polib.POEntry:
        """Record text written for this language (not by an engine), as reviewed text."""
        entry = polib.POEntry(msgctxt=context, msgid=source, msgstr=text)
        entry.comment = f"{WRITTEN} {origin}"
        self._put(entry)
        return entry

    def keep_engine_output_from(self, older: TranslationMemory) -> None:
        """Machine entries ``older`` made since it read the file and never saved (the preview
        saves nothing), for segments this newer reading of the file does not have."""
        for key in older.added_by_engine:
            entry = older.index.get(key)
            if entry is not None and key not in self.index:
                self._put(entry)
                self.added_by_engine.add(key)

    def copy_reviewed(self, context: str, source: str, original: polib.POEntry) -> polib.POEntry:
        """Reuse a person's translation of the same English under a new context."""
        entry = polib.POEntry(msgctxt=context, msgid=source, msgstr=original.msgstr,
                              flags=list(original.flags), previous_msgid=original.previous_msgid)
        entry.comment = original.comment
        entry.tcomment = original.tcomment
        self._put(entry)
        return entry

    def mark_stale(self, entry: polib.POEntry, new_source: str) -> None:
        """The English of a reviewed entry changed: keep the translation, flag it for review."""
        self._remove((entry.msgctxt or "", entry.msgid))
        if STALE not in entry.flags:
            entry.previous_msgid = entry.msgid
        entry.msgid = new_source
        entry.flags = [FUZZY, STALE]
        self._put(entry)

    def retire(self, entry: polib.POEntry) -> None:
        """An entry no page uses any more: machine output goes, a person's work is kept."""
        if status_of(entry) == MACHINE:
            if self.index.get((entry.msgctxt or "", entry.msgid)) is entry:
                self._remove((entry.msgctxt or "", entry.msgid))
        else:
            entry.obsolete = True
            self.changed.add((entry.msgctxt or "", entry.msgid))

    def _put(self, entry: polib.POEntry) -> None:
        self._add(entry)  # replaces any entry with the same file and English

    def save(self) -> bool:
        """Write the file sorted and atomically, with a complete header; returns False when
        nothing changed (the revision date moves only when something did)."""
        self.po[:] = list(self.index.values())
        self.po.sort(key=lambda entry: (entry.obsolete, entry.msgctxt or "", entry.msgid))
        self.po.wrapwidth = WRAP_WIDTH
        for name, value in header_fields(self.lang).items():
            self.po.metadata.setdefault(name, value)
        text = self.po.__unicode__()
        if self.path.exists() and self.path.read_text(encoding="utf-8") == text:
            return False
        self.po.metadata["PO-Revision-Date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
        write_atomically(self.path, self.po.__unicode__())
        return True


def _split_verdict(lines: list[str]) -> tuple[list[str], list[str]]:
    """A comment's lines less the meaning checks' verdict, and each failed check of it whole.
    A long ``check:`` line comes back from the file wrapped over several lines; the verdict is
    always last, so it runs to the end, except for a provenance line written after it."""
    kept: list[str] = []
    problems: list[str] = []
    in_verdict = False
    for line in lines:
        if line.startswith(CHECK_LINE):
            problems.append(line.removeprefix(CHECK_LINE).strip())
            in_verdict = True
        elif line == CHECKS_PASSED:
            in_verdict = True
        elif in_verdict and not line.startswith((MACHINE_PREFIX, WRITTEN)):
            if problems:
                problems[-1] += " " + line.strip()
        else:
            in_verdict = False
            kept.append(line)
    return kept, problems


def without_verdict(lines: list[str]) -> list[str]:
    """Comment lines less the meaning checks' verdict (``_split_verdict``)."""
    return _split_verdict(lines)[0]


def verdict_problems(comment: str | None) -> list[str]:
    """Each failed check written in a comment, whole (its wrapped lines joined)."""
    return _split_verdict((comment or "").splitlines())[1]


def write_atomically(path: Path, text: str) -> None:
    """Write a temp file beside ``path``, flush it to disk, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def header_fields(lang: str) -> dict[str, str]:
    """The header every PO file needs for ``msgfmt --check``, Poedit and Weblate to take it
    without a warning; a value a translator's tool already wrote is kept."""
    try:
        plural_forms = get_plural(lang).plural_forms
        team = Locale.parse(lang).english_name
    except (ValueError, UnknownLocaleError):
        plural_forms, team = "nplurals=2; plural=(n != 1);", lang
    return {
        "Project-Id-Version": "plainpath",
        "Language": lang,
        "Language-Team": f"{team} <none>",
        "Last-Translator": "plainpath (engine output and written text) <none>",
        "Plural-Forms": plural_forms,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def _new_po(lang: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.metadata = header_fields(lang)
    return po


def _load(path: Path, display_path: str) -> polib.POFile:
    """The file read by polib while ``msgfmt`` checks it in its own process; msgfmt's message
    (it names the line) wins when both fail."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        checked = pool.submit(check_po_file, path, display_path)
        try:
            po = polib.pofile(str(path), wrapwidth=WRAP_WIDTH, encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            checked.result()
            found = re.search(r"line (\d+)", str(error))
            line = int(found.group(1)) if found else None
            raise EditorError(
                KIND,
                SourceLocation(display_path, line),
                f"the file cannot be read ({str(error).replace(str(path), display_path)}).",
                "Fix that line (every msgid and msgstr needs its text in double quotes), or restore "
                f"the file from version control with 'git checkout -- {display_path}'.",
            ) from error
        checked.result()
    return po
