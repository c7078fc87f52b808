"""The editor's preview (``plainpath serve``) as an editor uses it: a real server process on
127.0.0.1, real saves to the project's files, pages fetched over HTTP and in Chromium."""

from __future__ import annotations

import time
from pathlib import Path

import polib
import pytest
from selenium.webdriver.support.ui import WebDriverWait

from plainpath.preview.process import PreviewProcess

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path, sample_project_copier) -> Path:
    """The sample site with its translation memory, as an editor's checkout."""
    return sample_project_copier(tmp_path / "project")


@pytest.fixture
def preview(project, tmp_path):
    served = PreviewProcess(project, tmp_path / "serve.log")
    yield served
    served.stop()


def editor_files(project: Path) -> dict[str, bytes]:
    found = {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*"))
             if p.is_file() and ".cache" not in p.parts and not p.name.startswith(".")}
    return found


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_paragraph_shows_in_english_and_spanish(preview, project):
    replace_in(project / "content/parking/index.md", "tell you the zone.", "tell you the zone 4321.")
    preview.wait_for("parking/", "tell you the zone 4321.", timeout=30)
    preview.wait_for("es/parking/", "4321", timeout=30)  # machine translated, the number kept
    assert "4321" not in preview.get("fr/parking/who-can-apply/")[1]


def test_an_edited_flow_shows_on_its_page_in_every_language(preview, project):
    replace_in(project / "flows/parking-permit.yml", "title: Get your documents ready",
               "title: Get your 7 documents ready")
    preview.wait_for("flows/parking-permit/", "Get your 7 documents ready", timeout=30)
    preview.wait_for("es/flows/parking-permit/", "7", timeout=30)
    preview.wait_for("parking/", "Get your 7 documents ready", timeout=30)  # the page that embeds it


def test_a_translators_po_edit_shows_on_the_translated_page(preview, project):
    po_path = project / "translations/es.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgctxt == "content/parking/index.md" and e.msgid == "Cost each year")
    entry.msgstr = "Precio por año (revisado 5151)"
    entry.flags = []
    po.save(str(po_path))
    preview.wait_for("es/parking/", "Precio por año (revisado 5151)", timeout=30)
    assert "revisado 5151" not in preview.get("parking/")[1]


def test_a_translators_save_with_one_broken_entry_keeps_the_good_one_after_the_fix(preview, project):
    """One save of es.po breaks an entry on one page and corrects another on a later page: after
    the broken one is fixed, the correction shows (the failed run must not swallow it)."""
    po_path = project / "translations/es.po"
    po = polib.pofile(str(po_path))
    good = next(e for e in po if e.msgctxt == "content/parking/index.md" and e.msgid == "Cost each year")
    broken = next(e for e in po if e.msgctxt == "content/bulky-waste/index.md"  # translated first
                  and e.msgid == "Collects furniture in good condition for free.")
    original = broken.msgstr
    good.msgstr, good.flags = "Precio anual 2727", []
    broken.msgstr, broken.flags = "Recoge <b>muebles</b>.", []
    po.save(str(po_path))
    deadline = time.monotonic() + 30
    while preview.get("es/parking/")[0] == 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert preview.get("es/parking/")[0] == 500
    broken.msgstr = original
    po.save(str(po_path))
    preview.wait_for("es/parking/", "Precio anual 2727", timeout=30)


def test_a_translated_site_name_shows_after_a_po_save(preview, project):
    po_path = project / "translations/es.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgctxt == "mkdocs.yml")
    assert entry.msgstr in preview.get("es/parking/")[1]  # seen once before the save
    entry.msgstr, entry.flags = "Guía del Ayuntamiento de Eastmere 3131", []
    po.save(str(po_path))
    preview.wait_for("es/parking/", "Guía del Ayuntamiento de Eastmere 3131", timeout=30)


def test_a_broken_flow_shows_an_error_page_and_the_next_good_save_recovers(preview, project):
    flow = project / "flows/parking-permit.yml"
    good = flow.read_text(encoding="utf-8")
    flow.write_text(good.replace("steps:", "steps: [", 1), encoding="utf-8")
    deadline = time.monotonic() + 30
    status, text = preview.get("parking/", timeout=20)  # a hang fails here
    while status == 200 and time.monotonic() < deadline:
        status, text = preview.get("parking/", timeout=20)
    assert status == 500
    assert "Error in flow &#x27;flows/parking-permit.yml&#x27;, line 6, column 3" in text
    assert "Check the indentation" in text  # what to do, as on the command line
    assert 'class="md-header' in text  # in the site's theme
    flow.write_text(good, encoding="utf-8")
    preview.wait_for("parking/", "Resident parking permits", timeout=30)
    assert preview.get("parking/")[0] == 200


def test_the_error_page_passes_axe_and_says_where_in_chromium(preview, project):
    """The error page is a page of the site: its heading, its messages, no WCAG violation."""
    from plainpath.accessibility.axe_runner import axe_script, run_axe
    from plainpath.accessibility.browser import Browser

    flow = project / "flows/parking-permit.yml"
    flow.write_text(flow.read_text(encoding="utf-8").replace("steps:", "steps: [", 1), encoding="utf-8")
    deadline = time.monotonic() + 30
    while preview.get("es/parking/")[0] == 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    browser = Browser()
    try:
        for width in (1280, 320):
            browser.open(preview.url + "es/parking/", width)
            assert browser.driver.find_element("tag name", "h1").text == "The site cannot be built"
            assert "line 6, column 3" in browser.driver.find_element("tag name", "main").text
            result = run_axe(browser.driver, preview.url + "es/parking/", axe_script(REPO))
            assert [v["id"] for v in result.violations] == []
    finally:
        browser.close()


def test_an_unknown_flow_in_a_page_is_an_error_page_naming_the_line(preview, project):
    replace_in(project / "content/parking/index.md", "[[flow parking-permit]]", "[[flow parking-permits]]")
    deadline = time.monotonic() + 30
    status, text = preview.get("parking/")
    while status == 200 and time.monotonic() < deadline:
        status, text = preview.get("parking/")
    assert status == 500
    assert "content/parking/index.md" in text and "parking-permits" in text


def test_the_preview_writes_no_editor_file(preview, project):
    """No PO file, no URL lock: only a build that succeeds writes those."""
    before = editor_files(project)
    replace_in(project / "content/parking/index.md", "tell you the zone.", "tell you the zone 999.")
    preview.wait_for("es/parking/", "999", timeout=30)
    after = editor_files(project)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {"content/parking/index.md"}


def test_a_change_to_mkdocs_yml_reloads_the_configuration(preview, project):
    replace_in(project / "mkdocs.yml", "site_name: Eastmere Borough Council guidance",
               "site_name: Eastmere Council help 2468")
    preview.wait_for("parking/", "Eastmere Council help 2468", timeout=60)


def test_the_open_page_reloads_itself_after_a_save(preview, project):
    from plainpath.accessibility.browser import Browser

    browser = Browser()
    try:
        browser.open(preview.url + "parking/")
        assert "zone 8642" not in browser.driver.page_source
        replace_in(project / "content/parking/index.md", "tell you the zone.", "tell you the zone 8642.")
        WebDriverWait(browser.driver, 30).until(lambda d: "zone 8642" in d.find_element("tag name", "main").text)
        errors = [e for e in browser.driver.get_log("browser") if e["level"] == "SEVERE"]
        assert [e["message"] for e in errors] == []  # the reload script runs under the pages' Content-Security-Policy
    finally:
        browser.close()


def test_a_theme_override_edit_shows_without_a_restart(project, tmp_path):
    """A council's own theme overrides (custom_dir) are watched like content."""
    theme = project / "theme" / "partials"
    theme.mkdir(parents=True)
    (theme / "copyright.html").write_text('<div class="md-copyright">Council footer</div>\n', encoding="utf-8")
    replace_in(project / "mkdocs.yml", f"custom_dir: {(REPO / 'plugins/plainpath/theme').as_posix()}",
               "custom_dir: theme")
    served = PreviewProcess(project, tmp_path / "theme-serve.log")
    try:
        page = served.get("parking/")[1]
        assert "Council footer" in page and "Council footer 1357" not in page
        replace_in(theme / "copyright.html", "Council footer", "Council footer 1357")
        served.wait_for("parking/", "Council footer 1357", timeout=60)
    finally:
        served.stop()


def test_a_browser_leaving_mid_answer_prints_no_traceback(preview, project):
    """Every reload drops the page's long poll: that is no fault, so no traceback in the log."""
    import socket
    import struct

    for path in ("/.plainpath/changes?seen=0", "/parking/apply/"):
        for _ in range(5):
            client = socket.create_connection(("127.0.0.1", preview.port))
            client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()  # a reset, as a browser that navigated away sends
    replace_in(project / "content/parking/index.md", "tell you the zone.", "tell you the zone 2468.")
    preview.wait_for("parking/", "2468")
    log = preview.log.read_text()
    assert "Traceback" not in log and "BrokenPipeError" not in log and "ConnectionResetError" not in log, log[-3000:]


def test_the_preview_forbids_content_sniffing(preview):
    import urllib.request

    for path in ("parking/apply/", "parking/permit-zones.png"):
        with urllib.request.urlopen(preview.url + path, timeout=30) as response:
            assert response.headers["X-Content-Type-Options"] == "nosniff", path


def test_a_broken_link_is_named_on_the_page_with_its_file_and_line(preview, project):
    """Issue 29.2: a link to 'book.md.md' and one to a heading that does not exist stopped
    'plainpath build', but the preview showed the page with no word of it."""
    page = project / "content/parking/apply.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nBook it [on the booking page](book.md.md) or read [the rules](#no-such-heading).\n",
                    encoding="utf-8")
    line = len(text.splitlines()) + 2
    for path in ("parking/apply/", "es/parking/apply/"):
        preview.wait_for(path, "pp-preview-problems", timeout=30)
        status, body = preview.get(path)
        assert status == 200
        box = body[body.index('class="pp-preview-problems"'):]
        box = box[:box.index("</section>")]
        assert f"Error in &#x27;content/parking/apply.md&#x27;, line {line}" in box, box
        assert "the link &#x27;book.md.md&#x27;" in box and "#no-such-heading" in box, box
