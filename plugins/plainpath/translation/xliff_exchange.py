"""XLIFF export and import of a language's PO file, for translation agencies.

translate-toolkit writes and reads the XLIFF; its own po2xliff drops ``msgctxt`` (the file a
segment lives in), so the mapping is ours: each unit's ``resname`` is the PO context and its
``id`` a hash of context and English. Review states travel both ways:

=====================  ===============================================  ========================
PO entry               XLIFF unit                                       back in the PO
=====================  ===============================================  ========================
reviewed               approved="yes", state="final"                    reviewed
machine                state="needs-review-translation",                machine (if unchanged)
                       state-qualifier="mt-suggestion", notes machine
stale                  state="needs-review-translation", note stale     stale (if unchanged)
empty                  state="new"                                      empty
=====================  ===============================================  ========================

Links, emphasis and code travel as XLIFF inline elements, not as Markdown: ``<g id="1"
ctype="link">who can apply</g>`` for a link's words, ``<x id="2" ctype="x-code"/>`` for code
or a picture kept whole, so a CAT tool shows them as protected tags the translator moves but
cannot break; the targets and Markdown stay with plainpath (``inline_markup``). An older export's
target written as Markdown is still read.

An agency's approved unit becomes reviewed text; a changed but unapproved target becomes a
person's draft (``fuzzy``, no ``machine``). A machine unit carries a digest of the engine's text
it was exported with: an unapproved target still equal to it is the engine's, not a person's, so
importing an older export again never replaces a person's later draft with old machine text. Approval is read strictly: a unit is approved only
when nothing in it says otherwise (``approved="no"`` wins over ``state="signed-off"``, and a
``needs-...`` state over ``approved="yes"``). A reviewed entry is never replaced by an unapproved
target: that is reported, not applied. A target the build would refuse (HTML, changed links or
code) is refused here, naming the unit, so the next build does not stop on it. The PO file is
written atomically, or not at all.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage import xliff

from plainpath.translation.inline_markup import MarkupMismatch, from_tagged, to_tagged
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
from plainpath.translation.pipeline import translation_problem

_STATE_OUT = {REVIEWED: "final", MACHINE: "needs-review-translation", STALE: "needs-review-translation"}
_APPROVED_STATES = {"final", "signed-off"}


def unit_id(context: str, english: str) -> str:
    return hashlib.sha1(f"{context}\x04{english}".encode()).hexdigest()[:16]


MACHINE_TEXT_NOTE = "plainpath machine text: "  # then the digest of the engine's text as exported


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _exported_machine_digest(unit) -> str | None:
    """The digest of the engine's text a machine unit was exported with, from its note."""
    for note in unit.xmlelement.iterfind("{*}note"):
        if (note.text or "").startswith(MACHINE_TEXT_NOTE):
            return note.text[len(MACHINE_TEXT_NOTE):].strip()
    return None


def export_xliff(memory: TranslationMemory, destination: Path) -> int:
    """Write every current entry of ``memory`` as an XLIFF unit; returns the number of units."""
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage=memory.lang)
    count = 0
    for entry in memory.all_entries():
        if entry.obsolete:
            continue
        unit = store.addsourceunit(entry.msgid)
        source = to_tagged(entry.msgid)
        _write_inline(unit.source_dom, source.text)
        unit.setid(unit_id(entry.msgctxt or "", entry.msgid))
        unit.xmlelement.set("resname", entry.msgctxt or "")
        status = status_of(entry) if entry.msgstr else "empty"
        if entry.msgstr:
            unit.settarget(entry.msgstr)
            _write_inline(unit.get_target_dom(), _tagged_like(entry.msgstr, source))
            unit.get_target_dom().set("state", _STATE_OUT[status])
        else:
            unit.settarget("")
            unit.get_target_dom().set("state", "new")
        unit.markapproved(status == REVIEWED)
        for line in (entry.comment or "").splitlines():
            unit.addnote(line, origin="developer")
        if status == MACHINE and entry.msgstr:
            unit.get_target_dom().set("state-qualifier", "mt-suggestion")
            unit.addnote(f"{MACHINE_TEXT_NOTE}{_text_digest(entry.msgstr)}", origin="developer")
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
    by_id = {unit_id(e.msgctxt or "", e.msgid): e for e in memory.all_entries() if not e.obsolete}
    for unit in store.unit_iter():
        context = unit.xmlelement.get("resname") or ""
        entry = by_id.get(unit.xmlelement.get("id") or "")
        english = entry.msgid if entry is not None else _plain(unit.source_dom)
        # The unit's own id: translate-toolkit's getid() puts the file's name and an invisible
        # \x04 before it, which a terminal shows as "translations/es.pof5e2c7b...".
        where = f"{source.name}, unit {unit.xmlelement.get('id')} ({context})"
        if entry is None:
            result.unknown.append(f"{where}: the site no longer has this English: {english[:60]!r}")
            continue
        try:
            target = _read_inline(unit.get_target_dom(), english)
        except MarkupMismatch as mismatch:
            result.rejected.append(f"{where}: its tags do not match the English's ({mismatch}). Keep every "
                                   "<g> and <x/> of the source in the target, once each. Nothing of this "
                                   "unit was imported.")
            continue
        approved = _approved(unit)
        if target == entry.msgstr and approved == (status_of(entry) == REVIEWED and bool(entry.msgstr)):
            result.unchanged += 1
            continue
        if not target or not approved and _exported_machine_digest(unit) == _text_digest(target):
            result.unchanged += 1  # nothing, or the engine's text as exported: no person's work
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
    state = ((target.get("state") if target is not None else None) or "").lower()
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


_OUR_TAG = re.compile(r'<(a|b|i|m) id="(\d+)">|</(a|b|i|m)>|<x id="(\d+)"></x>')
_CTYPE = {"a": "link", "b": "bold", "i": "italic", "m": "x-image-alt"}


def _write_inline(element, tagged_text: str) -> None:
    """Put engine-style tagged text into an XLIFF <source> or <target> as <g> and <x/> elements."""
    def xliff_tag(match: re.Match) -> str:
        if match[1]:
            return f'<g id="{match[2]}" ctype="{_CTYPE[match[1]]}">'
        if match[3]:
            return "</g>"
        return f'<x id="{match[4]}" ctype="x-code"/>'

    namespace = etree.QName(element).namespace
    wrapper = etree.fromstring(f'<w xmlns="{namespace}">{_OUR_TAG.sub(xliff_tag, tagged_text)}</w>')
    for child in list(element):
        element.remove(child)
    element.text = wrapper.text
    for child in wrapper:
        element.append(child)


def _tagged_like(text: str, source) -> str:
    """``text``'s tagged form with each link, emphasis and code numbered as in its English
    (``source``), so a CAT tool pairs a target's tags with the source's."""
    own = to_tagged(text)
    free = dict(source.kept)
    renumber = {}
    for ident, kept in own.kept.items():
        match = next((other for other, value in free.items() if value == kept), None)
        if match is None:
            return own.text  # not the English's markup: the import check will say so
        renumber[ident] = match
        del free[match]
    return re.sub(r'<(a|b|i|m|x) id="(\d+)">', lambda m: f'<{m[1]} id="{renumber[m[2]]}">', own.text)


def _read_inline(element, english: str) -> str:
    """The Markdown a target holds: <g> and <x/> back to links, emphasis and code. A target
    with no inline elements (an older export, or plain words) is read as the Markdown it is."""
    if element is None:
        return ""
    if len(element) == 0:
        return element.text or ""
    source = to_tagged(english)
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        parts.append(_tagged_child(child, source))
        parts.append(html.escape(child.tail or "", quote=False))
    return from_tagged("".join(parts), source)


def _tagged_child(child, source) -> str:
    name = etree.QName(child).localname
    ident = child.get("id") or ""
    kept = source.kept.get(ident)
    if name == "x" and kept is not None and kept[0] == "x":
        return f'<x id="{ident}"></x>'
    if name == "g" and kept is not None and kept[0] != "x":
        inner = [html.escape(child.text or "", quote=False)]
        for grandchild in child:
            inner.append(_tagged_child(grandchild, source))
            inner.append(html.escape(grandchild.tail or "", quote=False))
        return f'<{kept[0]} id="{ident}">' + "".join(inner) + f"</{kept[0]}>"
    raise MarkupMismatch(f"<{name} id='{ident}'> is not in the English")


def _plain(element) -> str:
    return "".join(element.itertext()) if element is not None else ""
