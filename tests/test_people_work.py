"""Issue 30.6: a PO file that lost people's translations (emptied, deleted, cut in a bad merge)
stops the build instead of being refilled with machine text; a removal someone committed does not."""

from __future__ import annotations

import subprocess

import polib
import pytest

from plainpath.site_build import build_site
from plainpath.translation.memory import MACHINE, WRITTEN, status_of

GIT = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.test", "-c", "commit.gpgsign=false"]


@pytest.fixture
def committed_project(tmp_path, sample_project_copier):
    project = sample_project_copier(tmp_path / "project")
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "guidance"], cwd=project, check=True)
    return project


def people_entries(path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path)) if e.msgstr and status_of(e) != MACHINE
            and not (e.comment or "").startswith(WRITTEN)]


@pytest.mark.parametrize("damage", ["emptied", "header-only", "deleted", "one-reviewed-entry-cut"])
def test_a_po_file_that_lost_peoples_work_stops_the_build_and_is_not_refilled(committed_project, tmp_path, damage):
    po = committed_project / "translations" / "es.po"
    people = people_entries(po)
    assert people, "the sample has reviewed Spanish"
    if damage == "emptied":
        po.write_text("")
    elif damage == "header-only":
        po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    elif damage == "deleted":
        po.unlink()
    else:
        kept = polib.pofile(str(po))
        kept.remove(kept.find(people[0].msgid, msgctxt=people[0].msgctxt))
        kept.save()
    damaged = po.read_bytes() if po.exists() else None
    result = build_site(committed_project, tmp_path / "site")
    assert result.returncode == 1
    assert "Error in translation file 'translations/es.po': " in result.stderr
    assert "'git checkout -- translations/es.po'" in result.stderr and "Traceback" not in result.stderr
    assert (po.read_bytes() if po.exists() else None) == damaged, "the build wrote machine text over the loss"

    subprocess.run(["git", "checkout", "--", "translations/es.po"], cwd=committed_project, check=True)
    assert build_site(committed_project, tmp_path / "site").returncode == 0


def test_a_removal_that_was_committed_builds(committed_project, tmp_path):
    po = committed_project / "translations" / "es.po"
    entry = people_entries(po)[0]
    kept = polib.pofile(str(po))
    kept.remove(kept.find(entry.msgid, msgctxt=entry.msgctxt))
    kept.save()
    subprocess.run([*GIT, "commit", "-q", "-am", "drop a wrong translation"], cwd=committed_project, check=True)
    result = build_site(committed_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_reviewed_entry_whose_english_changed_is_kept_stale_not_lost(committed_project, tmp_path):
    po_path = committed_project / "translations" / "es.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if (e.msgctxt or "").startswith("content/") and e.msgid.endswith(".")
                 and " " in e.msgid and e.msgid in (committed_project / e.msgctxt).read_text(encoding="utf-8"))
    entry.flags = []  # a person reviewed it
    po.save()
    subprocess.run([*GIT, "commit", "-q", "-am", "reviewed"], cwd=committed_project, check=True)
    page = committed_project / entry.msgctxt
    page.write_text(page.read_text(encoding="utf-8").replace(entry.msgid, entry.msgid[:-1] + " today."), encoding="utf-8")
    for _ in range(2):  # the second build reads the file the first wrote
        result = build_site(committed_project, tmp_path / "site")
        assert result.returncode == 0, result.stderr[-2000:]
    stale = polib.pofile(str(po_path)).find(entry.msgid[:-1] + " today.", msgctxt=entry.msgctxt)
    assert stale is not None and stale.msgstr == entry.msgstr and "stale" in stale.flags
