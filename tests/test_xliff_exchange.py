"""XLIFF export and import for translation agencies (issue 17, item 6): the file a segment lives
in travels with it, review states survive a round trip, an agency's approval makes text
reviewed, and a person's reviewed text is never replaced by an unapproved target."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

from plainpath.translation.memory import CHECK_FAILED, MACHINE, REVIEWED, STALE, TranslationMemory, status_of
from plainpath.translation.xliff_exchange import export_xliff, import_xliff, unit_id

REPO = Path(__file__).parents[1]
NS = {"x": "urn:oasis:names:tc:xliff:document:1.1"}


@pytest.fixture
def memory(tmp_path) -> TranslationMemory:
    path = tmp_path / "es.po"
    shutil.copy(REPO / "translations" / "es.po", path)
    return TranslationMemory(path, "es", "translations/es.po")


def exported_unit(memory, tmp_path, entry):
    """``memory`` exported to es.xlf: the parsed file, ``entry``'s unit in it, and the file's path."""
    exported = tmp_path / "es.xlf"
    export_xliff(memory, exported)
    tree = etree.parse(str(exported))
    return tree, tree.find(f".//x:trans-unit[@id='{unit_id(entry.msgctxt, entry.msgid)}']", NS), exported


def units(path: Path) -> dict[str, etree._Element]:
    return {unit.get("id"): unit for unit in etree.parse(str(path)).getroot().iterfind(".//x:trans-unit", NS)}


def test_export_keeps_every_entry_with_its_file_and_review_state(memory, tmp_path):
    exported = tmp_path / "es.xlf"
    count = export_xliff(memory, exported)
    entries = [entry for entry in memory.all_entries() if not entry.obsolete]
    assert count == len(entries) > 200
    found = units(exported)
    for entry in entries:
        unit = found[unit_id(entry.msgctxt or "", entry.msgid)]
        assert unit.get("resname") == (entry.msgctxt or "")
        state = unit.find("x:target", NS).get("state")
        expected = {REVIEWED: "final", MACHINE: "needs-review-translation",
                    STALE: "needs-review-translation"}.get(status_of(entry) if entry.msgstr else "", "new")
        assert state == expected, entry.msgid
        assert (unit.get("approved") == "yes") == (status_of(entry) == REVIEWED and bool(entry.msgstr))
    failed = next(entry for entry in entries if CHECK_FAILED in entry.flags)
    notes = [note.text for note in found[unit_id(failed.msgctxt, failed.msgid)].iterfind("x:note", NS)]
    assert any(note.startswith("check: ") for note in notes)  # the agency sees what the checks doubt


def test_a_round_trip_changes_nothing_and_keeps_a_reviewed_entry_reviewed(memory, tmp_path):
    before = memory.po.__unicode__()
    exported = tmp_path / "es.xlf"
    export_xliff(memory, exported)
    result = import_xliff(memory, exported)
    assert (result.reviewed, result.drafts, result.unknown, result.refused) == (0, 0, [], [])
    assert memory.save() is False  # the file is byte for byte what it was
    assert memory.po.__unicode__() == before
    reviewed = [e for e in polib.pofile(str(memory.path)) if e.msgstr and not e.obsolete and status_of(e) == REVIEWED]
    assert reviewed and all(status_of(memory.lookup(e.msgctxt, e.msgid)) == REVIEWED for e in reviewed)


def test_an_agency_approval_makes_reviewed_text_and_a_changed_draft_stays_fuzzy(memory, tmp_path):
    exported = tmp_path / "es.xlf"
    export_xliff(memory, exported)
    tree = etree.parse(str(exported))
    machine = [e for e in memory.all_entries() if e.msgstr and status_of(e) == MACHINE][:2]
    approved, draft = (tree.find(f".//x:trans-unit[@id='{unit_id(e.msgctxt, e.msgid)}']", NS) for e in machine)
    approved.set("approved", "yes")
    approved.find("x:target", NS).set("state", "final")
    approved.find("x:target", NS).text = "Reserve una recogida de objetos grandes"
    draft.find("x:target", NS).text = "Borrador de la agencia"
    draft.find("x:target", NS).set("state", "translated")
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = import_xliff(memory, exported)
    assert (result.reviewed, result.drafts) == (1, 1)
    memory.save()
    po = polib.pofile(str(memory.path))
    first = po.find(machine[0].msgid, msgctxt=machine[0].msgctxt)
    assert first.msgstr == "Reserve una recogida de objetos grandes" and status_of(first) == REVIEWED
    assert "machine:" not in (first.comment or "")
    second = po.find(machine[1].msgid, msgctxt=machine[1].msgctxt)
    assert second.msgstr == "Borrador de la agencia" and second.flags == ["fuzzy"]


def test_an_unapproved_target_never_replaces_a_persons_reviewed_text(memory, tmp_path):
    exported = tmp_path / "es.xlf"
    export_xliff(memory, exported)
    reviewed = next(e for e in memory.all_entries() if e.msgstr and status_of(e) == MACHINE)
    reviewed.flags = []  # a person approved it in Poedit
    export_xliff(memory, exported)
    tree = etree.parse(str(exported))
    unit = tree.find(f".//x:trans-unit[@id='{unit_id(reviewed.msgctxt, reviewed.msgid)}']", NS)
    unit.set("approved", "no")
    unit.find("x:target", NS).set("state", "translated")
    unit.find("x:target", NS).text = "Otra cosa"
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    kept = reviewed.msgstr
    result = import_xliff(memory, exported)
    assert len(result.refused) == 1 and "is kept" in result.refused[0]
    # Issue 29.5: the message names the file and the unit apart, with no hidden \x04 gluing them
    assert result.refused[0].startswith(f"es.xlf, unit {unit_id(reviewed.msgctxt, reviewed.msgid)} (")
    assert "\x04" not in result.refused[0]
    assert memory.lookup(reviewed.msgctxt, reviewed.msgid).msgstr == kept


def test_the_command_line_round_trip_and_a_broken_file(tmp_path, sample_project_copier):
    project = sample_project_copier(tmp_path / "project")
    exported = tmp_path / "agency.xlf"
    run = lambda *args: subprocess.run([sys.executable, "-m", "plainpath.cli", *args], cwd=project,  # noqa: E731
                                       capture_output=True, text=True)
    done = run("xliff", "export", "es", str(exported))
    assert done.returncode == 0 and "unit(s) of translations/es.po" in done.stdout, done.stderr
    before = (project / "translations" / "es.po").read_bytes()
    back = run("xliff", "import", "es", str(exported))
    assert back.returncode == 0 and " 0 reviewed, 0 draft(s)" in back.stdout, back.stderr
    assert (project / "translations" / "es.po").read_bytes() == before
    broken = tmp_path / "broken.xlf"
    broken.write_text("<xliff><file><body><trans-unit", encoding="utf-8")
    failed = run("xliff", "import", "es", str(broken))
    assert failed.returncode == 1 and "Nothing was changed in translations/es.po" in failed.stderr
    assert (project / "translations" / "es.po").read_bytes() == before


@pytest.mark.parametrize(("approved", "state"), [("no", "signed-off"), ("no", "final"), ("yes", "needs-review-translation"),
                                                 (None, "new"), ("yes", "needs-translation")])
def test_a_unit_that_says_not_approved_anywhere_never_replaces_reviewed_text(memory, tmp_path, approved, state):
    """Issue 30.5: the strictest reading of approved= and state= decides."""
    reviewed = next(e for e in memory.all_entries() if e.msgstr and status_of(e) == MACHINE)
    reviewed.flags = []
    kept = reviewed.msgstr
    tree, unit, exported = exported_unit(memory, tmp_path, reviewed)
    if approved is None:
        del unit.attrib["approved"]
    else:
        unit.set("approved", approved)
    unit.find("x:target", NS).set("state", state)
    unit.find("x:target", NS).text = "Otra cosa"
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = import_xliff(memory, exported)
    assert result.reviewed == 0 and len(result.refused) == 1
    assert memory.lookup(reviewed.msgctxt, reviewed.msgid).msgstr == kept


@pytest.mark.parametrize("target", ["Solicitar <script>alert(1)</script>", "Solicitar [aquí](https://evil.example/)",
                                    '<img src=x onerror="alert(1)">'])
def test_an_approved_target_with_script_or_new_links_is_refused_naming_the_unit(tmp_path, sample_project_copier, target):
    project = sample_project_copier(tmp_path / "project")
    exported = tmp_path / "agency.xlf"
    run = lambda *args: subprocess.run([sys.executable, "-m", "plainpath.cli", *args], cwd=project,  # noqa: E731
                                       capture_output=True, text=True)
    assert run("xliff", "export", "es", str(exported)).returncode == 0
    tree = etree.parse(str(exported))
    unit = next(u for u in tree.iterfind(".//x:trans-unit", NS) if "](" not in u.find("x:source", NS).text)
    good = next(u for u in tree.iterfind(".//x:trans-unit", NS)
                if u is not unit and "](" not in u.find("x:source", NS).text and u.get("approved") != "yes")
    for changed, text in ((unit, target), (good, "Texto revisado por la agencia")):
        changed.set("approved", "yes")
        changed.find("x:target", NS).set("state", "final")
        changed.find("x:target", NS).text = text
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    back = run("xliff", "import", "es", str(exported))
    assert back.returncode == 1
    assert f"Error in agency.xlf, unit {unit.get('id')} (" in back.stderr and "Nothing of this unit was imported" in back.stderr
    text = (project / "translations" / "es.po").read_text(encoding="utf-8")
    assert target.replace('"', '\\"') not in text and "Texto revisado por la agencia" in text
    built = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], cwd=project, capture_output=True, text=True)
    assert "translation file 'translations/es.po'" not in built.stdout + built.stderr


def test_links_and_code_travel_as_inline_elements_a_cat_tool_protects(memory, tmp_path):
    """Issue 29.5: a unit's link, emphasis and code are XLIFF <g>/<x/> elements, not Markdown a
    translator could break; a translator who moves the tag keeps the link's target."""
    entry = next(e for e in memory.all_entries() if "](" in e.msgid and e.msgstr and not e.obsolete)
    tree, unit, exported = exported_unit(memory, tmp_path, entry)
    source = unit.find("x:source", NS)
    assert "](" not in "".join(source.itertext())
    links = source.findall("x:g", NS)
    assert links and links[0].get("ctype") == "link"
    every_source = "".join("".join(u.itertext()) for u in tree.iterfind(".//x:source", NS))
    assert "](" not in every_source and "**" not in every_source
    # The translator writes new words around the tag, as a CAT tool lets them.
    target = unit.find("x:target", NS)
    for child in list(target):
        target.remove(child)
    target.text = "Nuevo texto: "
    moved = etree.SubElement(target, f"{{{NS['x']}}}g", id=links[0].get("id"), ctype="link")
    moved.text = "el enlace"
    moved.tail = " al final."
    unit.set("approved", "yes")
    target.set("state", "final")
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = import_xliff(memory, exported)
    assert result.reviewed == 1 and not result.rejected, result
    href = entry.msgid.split("](", 1)[1].split(")", 1)[0]
    assert memory.lookup(entry.msgctxt, entry.msgid).msgstr == f"Nuevo texto: [el enlace]({href}) al final."


@pytest.mark.parametrize("damage", ["drop-the-tag", "unknown-tag", "tag-twice"])
def test_a_target_whose_tags_differ_from_the_source_is_refused(memory, tmp_path, damage):
    entry = next(e for e in memory.all_entries() if "](" in e.msgid and e.msgstr and not e.obsolete)
    kept = entry.msgstr
    tree, unit, exported = exported_unit(memory, tmp_path, entry)
    target = unit.find("x:target", NS)
    tag = target.find("x:g", NS)
    if damage == "drop-the-tag":
        target.remove(tag)
        target.text = "Sin enlace"
    elif damage == "unknown-tag":
        tag.set("id", "99")
    else:
        again = copy.deepcopy(tag)
        again.tail = None
        target.append(again)
    unit.set("approved", "yes")
    target.set("state", "final")
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = import_xliff(memory, exported)
    assert result.reviewed == 0 and len(result.rejected) == 1, result
    assert memory.lookup(entry.msgctxt, entry.msgid).msgstr == kept


def test_words_that_look_like_an_id_and_capitalised_states_are_read_strictly(memory, tmp_path):
    """A target's words 'id="7"' are words (the export renumbered them as a tag and crashed), and
    state="Needs-Review-Translation" is as unapproved as its lower-case spelling."""
    entry = next(e for e in memory.all_entries() if "](" in e.msgid and e.msgstr and not e.obsolete)
    entry.msgstr += ' Use the id="7" field.'
    entry.flags = []
    kept = entry.msgstr
    tree, unit, exported = exported_unit(memory, tmp_path, entry)
    assert 'id="7" field' in "".join(unit.find("x:target", NS).itertext())
    unit.set("approved", "yes")
    unit.find("x:target", NS).set("state", "Needs-Review-Translation")
    unit.find("x:target", NS).text = "Otra cosa "
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = import_xliff(memory, exported)
    assert result.reviewed == 0 and memory.lookup(entry.msgctxt, entry.msgid).msgstr == kept


def test_importing_an_older_export_again_keeps_the_agencys_later_draft(memory, tmp_path):
    """Issue 29.5, second pass: an export taken before an agency's first import, imported again,
    replaced the agency's draft with the old machine text, now marked as a person's draft. An
    unapproved target still equal to the engine's text it was exported with is the engine's."""
    older = tmp_path / "older.xlf"
    export_xliff(memory, older)
    entry = next(e for e in memory.all_entries() if e.msgstr and status_of(e) == MACHINE)
    machine_text = entry.msgstr
    tree, unit, exported = exported_unit(memory, tmp_path, entry)
    assert unit.find("x:target", NS).get("state-qualifier") == "mt-suggestion"
    unit.find("x:target", NS).text = "Borrador de la agencia"
    unit.find("x:target", NS).set("state", "translated")
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    assert import_xliff(memory, exported).drafts == 1
    again = import_xliff(memory, older)
    assert again.drafts == 0 and again.reviewed == 0
    kept = memory.lookup(entry.msgctxt, entry.msgid)
    assert kept.msgstr == "Borrador de la agencia" and kept.msgstr != machine_text and kept.flags == ["fuzzy"]
    # An agency that edits the machine text without changing its state still gets its draft in.
    tree, unit, exported = exported_unit(memory, tmp_path, next(
        e for e in memory.all_entries() if e.msgstr and status_of(e) == MACHINE and e.msgid != entry.msgid))
    unit.find("x:target", NS).text = "Otro borrador"
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    assert import_xliff(memory, exported).drafts == 1
