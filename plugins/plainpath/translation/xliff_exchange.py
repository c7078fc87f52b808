"""XLIFF export and import of a language's PO file, for translation agencies.

translate-toolkit writes and reads the XLIFF; its own po2xliff drops ``msgctxt`` (the file a
segment lives in), so the mapping is ours: each unit's ``resname`` is the PO context and its
``id`` a hash of context and English. Review states travel both ways:

=====================  ===============================================  ========================
PO entry               XLIFF unit                                       back in the PO
=====================  ===============================================  ========================
reviewed               approved="yes", state="final"                    reviewed
machine                state="needs-review-translation", note machine   machine (if unchanged)
stale                  state="needs-review-translation", note stale     stale (if unchanged)
empty                  state="new"                                      empty
=====================  ===============================================  ========================

An agency's approved unit becomes reviewed text; a changed but unapproved target becomes a
person's draft (``fuzzy``, no ``machine``). Approval is read strictly: a unit is approved only
when nothing in it says otherwise (``approved="no"`` wins over ``state="signed-off"``, and a
``needs-...`` state over ``approved="yes"``). A reviewed entry is never replaced by an unapproved
target: that is reported, not applied. A target the build would refuse (HTML, changed links or
code) is refused here, naming the unit, so the next build does not stop on it. The PO file is
written atomically, or not at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from translate.storage import xliff

from plainpath.translation.pipeline import translation_problem
from plainpath.translation.memory import (
    CHECK_FAILED,
    FUZZY,
    MACHINE,
    MACHINE_PREFIX,
    REVIEWED,
    STALE,
    TranslationMemory,
    status_of,
    without_verdict,
)

_STATE_OUT = {REVIEWED: "final", MACHINE: "needs-review-translation", STALE: "needs-review-translation"}
_APPROVED_STATES = {"final", "signed-off"}


def unit_id(context: str, english: str) -> str:
    return hashlib.sha1(f"{context}\x04{english}".encode()).hexdigest()[:16]


def export_xliff(memory: TranslationMemory, destination: Path) -> int:
    """Write every current entry of ``memory`` as an XLIFF unit; returns the number of units."""
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage=memory.lang)
    count = 0
    for entry in memory.all_entries():
        if entry.obsolete:
            continue
        unit = store.addsourceunit(entry.msgid)
        unit.setid(unit_id(entry.msgctxt or "", entry.msgid))
        unit.xmlelement.set("resname", entry.msgctxt or "")
        status = status_of(entry) if entry.msgstr else "empty"
        if entry.msgstr:
            unit.settarget(entry.msgstr)
            unit.get_target_dom().set("state", _STATE_OUT[status])
        else:
            unit.settarget("")
            unit.get_target_dom().set("state", "new")
        unit.markapproved(status == REVIEWED)
        for line in (entry.comment or "").splitlines():
            unit.addnote(line, origin="developer")
        if status == STALE and entry.previous_msgid:
            unit.addnote(f"stale: the English changed; it was: {entry.previous_msgid}", origin="developer")
        count += 1
    for node in store.document.getroot().iter("{*}file"):
        node.set("original", memory.display_path)  # the PO file the units come from
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(bytes(store))
    return count


@dataclass
class ImportResult:
    """What an import changed, and what it refused, for the translator to read."""

    reviewed: int = 0
    drafts: int = 0
    unchanged: int = 0
    unknown: list[str] = field(default_factory=list)  # units whose segment is gone from the site
    refused: list[str] = field(default_factory=list)  # unapproved text over a person's reviewed text
    rejected: list[str] = field(default_factory=list)  # text the build would refuse: HTML, changed links


def import_xliff(memory: TranslationMemory, source: Path) -> ImportResult:
    """Apply an agency's XLIFF to ``memory`` (saved by the caller with ``memory.save()``)."""
    store = xliff.xlifffile.parsefile(str(source))
    result = ImportResult()
    for unit in store.unit_iter():
        context = unit.xmlelement.get("resname") or ""
        english = str(unit.source)
        entry = memory.lookup(context, english)
        # The unit's own id: translate-toolkit's getid() puts the file's name and an invisible
        # \x04 before it, which a terminal shows as "translations/es.pof5e2c7b...".
        where = f"{source.name}, unit {unit.xmlelement.get('id')} ({context})"
        if entry is None:
            result.unknown.append(f"{where}: the site no longer has this English: {english[:60]!r}")
            continue
        target = str(unit.target or "")
        approved = _approved(unit)
        if target == entry.msgstr and approved == (status_of(entry) == REVIEWED and bool(entry.msgstr)):
            result.unchanged += 1
            continue
        if not target:
            result.unchanged += 1
            continue
        problem = translation_problem(english, target)
        if problem:
            result.rejected.append(f"{where}: {problem[0]} {problem[1]} Nothing of this unit was imported.")
            continue
        if approved:
            _set(memory, entry, target, [])
            result.reviewed += 1
        elif status_of(entry) == REVIEWED and entry.msgstr:
            result.refused.append(f"{where}: not approved, so the reviewed translation {entry.msgstr[:40]!r} is kept")
        else:
            _set(memory, entry, target, [FUZZY])
            result.drafts += 1
    return result


def _approved(unit) -> bool:
    """Approved only when every sign in the unit says so: its ``approved`` attribute and the
    state of its target, where each is given (and at least one is)."""
    attribute = (unit.xmlelement.get("approved") or "").lower()
    target = unit.get_target_dom()
    state = (target.get("state") if target is not None else None) or ""
    if attribute == "no" or state == "new" or state.startswith("needs-"):
        return False
    return attribute == "yes" or state in _APPROVED_STATES


def _set(memory: TranslationMemory, entry, text: str, flags: list[str]) -> None:
    """A person's text (reviewed when ``flags`` is empty, a draft with ``fuzzy``): machine
    provenance and check verdicts no longer describe it."""
    entry.msgstr = text
    entry.flags = list(flags)
    entry.comment = "\n".join(line for line in without_verdict((entry.comment or "").splitlines())
                              if not line.startswith(MACHINE_PREFIX))
    if CHECK_FAILED in entry.flags:
        entry.flags.remove(CHECK_FAILED)
    memory.changed.add((entry.msgctxt or "", entry.msgid))
