"""Nothing lost, nothing injected: bad input, killed builds, two builds at once, markup in text.

Each bad-input case builds a real project and asserts the exact message, a non-zero exit and
that no file in content/, flows/ or translations/ changed.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from plainpath.cli import main as plainpath_cli
from plainpath.site_build import build_site

REPO = Path(__file__).parents[1]
THEME = REPO / "plugins" / "plainpath" / "theme"

MKDOCS = f"""site_name: Robustness test site
docs_dir: content
theme:
  name: material
  custom_dir: {THEME}
  font: false
plugins:
  - search
  - plainpath/pages
  - plainpath/flows
  - plainpath/i18n:
      languages:
        - code: es
          name: Español
          engines: [apertium]
"""
PAGE = """---
title: Apply for a permit
summary: How to apply for a permit.
service: parking
owner: Parking team
last_reviewed: 2026-11-01
flows: [permit]
---

You can apply online. It takes about ten minutes.

## What you need

You need proof of your address.
"""
FLOW = """id: permit
title: Get a permit
summary: The steps to get a permit.
service: parking
steps:
  - id: check
    title: Check you can apply
    page: index.md
    next: pay
  - id: pay
    title: Pay the fee
    next: done
  - id: done
    outcome: We send your permit
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A small project, built once so its translation memory exists."""
    root = tmp_path_factory.mktemp("template")
    (root / "content").mkdir()
    (root / "flows").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (root / "content" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "flows" / "permit.yml").write_text(FLOW, encoding="utf-8")
    result = build_site(root, tmp_path_factory.mktemp("first-site"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert (root / "translations" / "es.po").exists()
    return root


@pytest.fixture
def project(template, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(template, copy)
    return copy


def snapshot(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for folder in ("content", "flows", "translations")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def fails_with(project: Path, tmp_path: Path, *messages: str) -> None:
    before = snapshot(project)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    for message in messages:
        assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def write(project: Path, name: str, text: str | bytes) -> None:
    path = project / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_malformed_yaml_in_a_flow(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("title: Get a permit", "title: [Get a permit"))
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 2, column 8: the [ on line 2 starts a YAML "
               "list and is never closed with ]. If it is part of the text, put the whole text in quotes")


def test_a_wrong_type_in_a_flow(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("title: Get a permit", "title: [Get, a, permit]"))
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 2, column 8: 'title' must be text. Change the value to that type.")


def test_an_unknown_step_reference(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("next: pay", "next: payy"))
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 9, column 11:", "Did you mean 'pay'?")


def test_duplicate_step_ids(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("  - id: pay", "  - id: check"))
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 10, column 9: two steps have the id 'check' (the other is on line 6). Give each step its own id.")


def test_an_empty_flow(project, tmp_path):
    write(project, "flows/permit.yml", "")
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 1, column 1: the file is empty or is not a block of keys.")


def test_broken_front_matter(project, tmp_path):
    write(project, "content/index.md", PAGE.replace("title: Apply for a permit\n", ""))
    fails_with(project, tmp_path, "Error in page 'content/index.md', line 2, column 1: the key 'title' is missing. Add a line 'title: ...' to this block.")


def test_an_unknown_language_code(project, tmp_path):
    write(project, "mkdocs.yml", MKDOCS.replace("code: es", "code: xx"))
    fails_with(project, tmp_path, "Error in mkdocs.yml, plugin 'plainpath/i18n', language 'xx': 'xx' is not a language code.")


def test_a_language_with_no_engine_installed(project, tmp_path):
    write(project, "mkdocs.yml", MKDOCS + "        - code: pl\n          name: Polski\n          engines: [argos]\n")
    fails_with(project, tmp_path, "Error in mkdocs.yml: the language 'pl' (Polski) has no translation engine installed")


def test_a_corrupt_po_file_names_its_line(project, tmp_path):
    po = (project / "translations/es.po").read_text(encoding="utf-8").split("\n")
    po[12] = 'msgstr "no closing quote'
    write(project, "translations/es.po", "\n".join(po))
    fails_with(project, tmp_path, "Error in translation file 'translations/es.po', line 13, column 7: the file cannot be read: syntax error.")


def test_a_reviewed_entry_whose_link_differs_from_its_source(project, tmp_path):
    write(project, "content/index.md", PAGE.replace("You can apply online.", "You can [apply online](index.md)."))
    assert build_site(project, tmp_path / "again").returncode == 0
    po = polib.pofile(str(project / "translations/es.po"))
    entry = next(e for e in po if "[apply online](index.md)" in e.msgid)
    entry.msgstr = entry.msgstr.replace("(index.md)", "(https://example.com)")
    entry.flags = []  # a person reviewed it
    po.save()
    fails_with(project, tmp_path, "translations/es.po", "index.md")


def test_a_missing_and_a_corrupt_argos_model(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(plainpath_cli, ["models", "install", str(tmp_path / "none.argosmodel"), "--models-dir", str(tmp_path / "m")])
    assert missing.exit_code == 1
    assert "the file does not exist" in missing.output
    corrupt = tmp_path / "translate-en_es.argosmodel"
    corrupt.write_bytes(os.urandom(4000))
    result = runner.invoke(plainpath_cli, ["models", "install", str(corrupt), "--models-dir", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "the file is not a zip archive (it may be cut short or corrupt). Download it again." in result.output
    assert not (tmp_path / "m").exists() or not any((tmp_path / "m").iterdir())


def test_a_page_that_is_not_utf8(project, tmp_path):
    write(project, "content/index.md", PAGE.replace("ten minutes", "diez minutos, café").encode("latin-1"))
    fails_with(project, tmp_path, "Error in page 'content/index.md', line 10, column 55: the file is not saved as UTF-8 text (byte 0xe9).")


def test_a_5_mb_page(project, tmp_path):
    write(project, "content/index.md", PAGE + ("You can apply online. " * 50 + "\n\n") * 4800)
    fails_with(project, tmp_path, "Error in page 'content/index.md', line 1: the page is 5.0 MB, over the limit of 1024 KB.")


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("Hello <script>alert(1)</script>", "line 10: the HTML tag <script> is not allowed."),
        ('<div onclick="steal()">Apply</div>', "line 10: the attribute 'onclick' on <div> is not allowed."),
        ("[Apply](javascript:alert(1))", "line 10: the link to 'javascript:alert(1)' uses 'javascript:', which is not allowed."),
        ('<img src="x.png" alt="" onerror="steal()">', "line 10: the attribute 'onerror' on <img> is not allowed."),
    ],
)
def test_scripts_in_a_page_are_refused_with_the_line(project, tmp_path, markdown, message):
    write(project, "content/index.md", PAGE.replace("You can apply online. It takes about ten minutes.", markdown))
    fails_with(project, tmp_path, f"Error in page 'content/index.md', {message}")


def test_a_script_in_a_flow_body_is_refused(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("    title: Pay the fee\n", "    title: Pay the fee\n    body: Pay <b onmouseover=\"x()\">now</b>.\n"))
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 12: the attribute 'onmouseover' on <b> is not allowed.")


def test_a_script_in_a_reviewed_translation_is_refused(project, tmp_path):
    po = polib.pofile(str(project / "translations/es.po"))
    entry = next(e for e in po if e.msgid == "You need proof of your address.")
    entry.msgstr = "Necesita <script>alert(1)</script> un justificante."
    entry.flags = []
    po.save()
    line = polib.pofile(str(project / "translations/es.po")).find("You need proof of your address.").linenum
    fails_with(project, tmp_path, f"Error in translation file 'translations/es.po', line {line}: the translation does not have "
               "the same links and code as its English")


def test_template_syntax_in_flow_text_is_shown_as_text(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("title: Pay the fee", 'title: "Pay {{ 7*7 }} & go"'))
    site = tmp_path / "site"
    result = build_site(project, site, strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (site / "flows/permit/index.html").read_text(encoding="utf-8")
    assert "Pay {{ 7*7 }} &amp; go" in html
    assert "Pay 49" not in html


def test_markup_in_flow_text_is_an_editor_error(project, tmp_path):
    write(project, "flows/permit.yml", FLOW.replace("title: Pay the fee", 'title: "Pay <em>now</em>"'))
    fails_with(project, tmp_path, "Error in flow 'flows/permit.yml', line 11, column 12: 'title' holds HTML "
               "('<em>now</em>'), but it is shown as plain text. Write plain words without '<' and '>' "
               "(write 'less than' or 'more than' if you mean them).")


def po_texts(project: Path) -> dict[str, str]:
    """Each PO file's text, its revision time blanked: two builds a minute apart that write the
    same entries wrote the same file (a build that crosses a minute is not a half-written one)."""
    return {p.name: re.sub(r'"PO-Revision-Date: [^"]*"', '"PO-Revision-Date: -"', p.read_text(encoding="utf-8"))
            for p in (project / "translations").glob("*.po")}


def edit_english(project: Path) -> None:
    page = project / "content" / "index.md"
    text = page.read_text(encoding="utf-8")
    extra = "\n\n".join(f"We check form number {n} within {n + 1} days." for n in range(60))
    page.write_text(text + "\n" + extra + "\n", encoding="utf-8")


def test_a_killed_build_leaves_each_po_file_as_before_or_as_after(project, tmp_path):
    before = po_texts(project)
    edit_english(project)
    finished = tmp_path / "finished"
    shutil.copytree(project, finished)
    assert build_site(finished, tmp_path / "finished-site").returncode == 0
    after = po_texts(finished)
    assert after != before
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(8):
        for name, text in before.items():
            (project / "translations" / name).write_text(text, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / f"killed-{attempt}")],
            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.5, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name, text in po_texts(project).items():
            assert text in (before[name], after[name]), f"{name} half-written after kill {attempt}"
            polib.pofile(text)
            outcomes.add("after" if text == after[name] else "before")
    assert build_site(project, tmp_path / "recovered").returncode == 0
    assert po_texts(project) == after
    assert not list((project / "translations").glob(".*.tmp"))


def test_two_builds_at_once_serialize_and_corrupt_nothing(project, tmp_path):
    edit_english(project)
    processes = [
        subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / f"site-{n}")],
                         cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for n in range(2)
    ]
    results = [(process.wait(), process.stderr.read()) for process in processes]
    assert [code for code, _ in results] == [0, 0], results
    sent = [int(line.split(" segment(s) sent")[0].rsplit(" ", 1)[1])
            for _, err in results for line in err.splitlines() if "segment(s) sent" in line]
    assert sorted(sent) == [0, 60]  # the second build found the first one's translations
    po = polib.pofile(str(project / "translations/es.po"))
    assert len([e for e in po if "within" in e.msgid]) == 60


def test_a_build_that_fails_on_a_warning_writes_no_po_file_and_no_url_lock(tmp_path):
    """A strict build stops on a warning after translating: the new page's machine translations
    and its URLs must not reach translations/ or published-urls.txt (they would lock a page that
    was never published)."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "flows").mkdir()
    (project / "mkdocs.yml").write_text(MKDOCS + "  - plainpath/links\n", encoding="utf-8")
    write(project, "content/index.md", PAGE)
    write(project, "flows/permit.yml", FLOW)
    assert build_site(project, tmp_path / "first").returncode == 0
    kept = {name: (project / name).read_bytes() for name in ("published-urls.txt", "translations/es.po")}
    new_page = PAGE.replace("title: Apply for a permit", "title: Renew a permit").replace(
        "flows: [permit]\n", "").replace("You need proof of your address.",
                                         "Renewals open in May. Read [the old rules](old-rules.md).")
    write(project, "content/renew.md", new_page)
    result = build_site(project, tmp_path / "failed")
    assert result.returncode != 0
    assert "old-rules.md" in result.stderr
    assert {name: (project / name).read_bytes() for name in kept} == kept
    write(project, "content/renew.md", new_page.replace(" Read [the old rules](old-rules.md).", ""))
    assert build_site(project, tmp_path / "fixed").returncode == 0
    assert "renew/" in (project / "published-urls.txt").read_text(encoding="utf-8")
    assert "Renewals open in May." in (project / "translations/es.po").read_text(encoding="utf-8")
