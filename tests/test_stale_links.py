"""An English edit never waits for a translator (issue 29, item 1).

A person's reviewed Spanish text keeps the links it was written with. When the English page's
links change, the Spanish entry becomes stale; the build, ``check`` and the preview go on, the
Spanish reader gets the new English (marked English, with its links), and ``check`` tells the
editor, as a notice at the English page and line, that translators have work to do.
"""

from __future__ import annotations

import subprocess
import sys

import polib
from lxml import html as lxml_html
from mkdocs.config import load_config

from plainpath.check import check_project
from plainpath.site_build import build_site

PARAGRAPH = "Read [how to apply](apply.md)."
REVIEWED = "Lea [cómo solicitarlo](apply.md)."
EDITED = "Read [how to apply](apply.md) and [what you need](apply.md#what-you-need)."


def _review(po_file, msgid: str, msgstr: str) -> None:
    """What a translator does in Poedit: writes the Spanish and removes 'fuzzy'."""
    po = polib.pofile(str(po_file))
    entry = po.find(msgid, msgctxt="content/permits/index.md")
    entry.msgstr, entry.flags = msgstr, []
    entry.comment = ""
    po.save()


def test_changing_the_links_of_a_reviewed_paragraph_does_not_stop_the_english_build(links_site_copy, tmp_path):
    project = links_site_copy
    site = tmp_path / "site"
    first = build_site(project, site)
    assert first.returncode == 0, first.stderr[-2000:]
    _review(project / "translations/es.po", PARAGRAPH, REVIEWED)
    reviewed = build_site(project, site)
    assert reviewed.returncode == 0, reviewed.stderr[-2000:]
    spanish = lxml_html.parse(str(site / "es/permits/index.html"))
    assert spanish.xpath('//*[@id="main-content"]//a[text()="cómo solicitarlo"]')

    page = project / "content/permits/index.md"
    page.write_text(page.read_text().replace(PARAGRAPH, EDITED))
    line = page.read_text().split("\n").index(EDITED) + 1

    lines = check_project(load_config(str(project / "mkdocs.yml"))).lines()
    stale = [text for text in lines if "changed since a person translated it into 'es'" in text]
    assert len(stale) == 1, "\n".join(lines)
    assert stale[0].startswith(f"content/permits/index.md:{line}:") and "translations/es.po, line " in stale[0]
    assert not [text for text in lines if "same links and code" in text], "\n".join(lines)
    # Issue 29.1, second pass: the build passes, so check (strict by default) passes too, and
    # says the notice once, not also as a log line.
    said = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True,
                          cwd=project)
    assert said.returncode == 0, said.stdout + said.stderr
    assert (said.stdout + said.stderr).count("changed since a person translated it into 'es'") == 1, said.stdout
    assert ", 1 notice(s)" in said.stdout.strip().splitlines()[-1], said.stdout

    edited = build_site(project, site)
    assert edited.returncode == 0, edited.stderr[-2000:]
    assert "changed since a person translated it into 'es'" in edited.stderr
    spanish = lxml_html.parse(str(site / "es/permits/index.html"))
    (english,) = spanish.xpath('//*[@id="main-content"]//span[@lang="en"][.//a]')
    assert [a.text for a in english.xpath(".//a")] == ["how to apply", "what you need"]
    assert "#what-you-need" in english.xpath(".//a")[1].get("href")
    assert not spanish.xpath('//*[@id="main-content"]//a[text()="cómo solicitarlo"]')

    kept = polib.pofile(str(project / "translations/es.po")).find(EDITED, msgctxt="content/permits/index.md")
    assert kept.msgstr == REVIEWED and "stale" in kept.flags and kept.previous_msgid == PARAGRAPH
