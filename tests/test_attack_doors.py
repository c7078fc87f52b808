"""The attack corpus for the doors that listen or ask: the preview server and a translation server.

``tests/attacks/doors/preview.yml`` holds requests a hostile web page (DNS rebinding) or editor
(a symbolic link swapped in while ``plainpath serve`` runs) makes to a real preview process;
each states what the answer may not hold. The cases are data, like the build's corpus
(``tests/test_attacks.py``), so the next attack is a few lines of YAML.
"""

from __future__ import annotations

import http.client
import os
import shutil
import time
from pathlib import Path

import polib
import pytest
import yaml

from attack_project import write_base
from plainpath.preview.process import PreviewProcess

DOORS = Path(__file__).parent / "attacks" / "doors"
PREVIEW_CASES = yaml.safe_load((DOORS / "preview.yml").read_text(encoding="utf-8"))["cases"]
SECTION = """---
title: Parking
summary: Parking permits and fines.
service: parking
owner: Parking team
last_reviewed: 2026-11-01
---

Parking in the borough.
"""


@pytest.fixture(scope="module")
def served_project(tmp_path_factory):
    """The attack base project with a document, a picture, a section and a draft folder, and a
    secret in .git/config, served by ``plainpath serve``."""
    root = tmp_path_factory.mktemp("preview-attacks") / "project"
    write_base(root)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "draft_docs: |\n  drafts/\n")
    (root / "content" / "form.pdf").write_bytes(b"%PDF-1.4 form")
    (root / "content" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "content" / "parking").mkdir()
    (root / "content" / "parking" / "index.md").write_text(SECTION)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n  token = PREVIEW-SECRET\n")
    server = PreviewProcess(root, root.parent / "serve.log", ready_timeout=300)
    yield root, server
    server.stop()


def request(server: PreviewProcess, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    """One raw request (no redirect followed, any Host header), as a hostile page would send it."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.putrequest("GET", path, skip_host="Host" in headers)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_the_preview_family_covers_each_door_of_the_server():
    kinds = {key for case in PREVIEW_CASES for key in case if key not in {"id", "expect", "request"}}
    assert {"symlinks", "headers", "files"} <= kinds and len(PREVIEW_CASES) >= 15


@pytest.mark.parametrize("case", PREVIEW_CASES, ids=[case["id"] for case in PREVIEW_CASES])
def test_preview_attack(case, served_project):
    root, server = served_project
    made = []
    for path, target in (case.get("symlinks") or {}).items():
        link = root / path
        kept = link.with_name(link.name + ".kept")
        if link.exists():
            link.rename(kept)
        os.symlink(target if target.startswith("/") else root / target, link)
        made.append((link, kept))
    for path, text in (case.get("files") or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
        made.append((root / path, None))
    for path in case.get("fifos") or []:  # a reader of a named pipe waits for ever
        os.mkfifo(root / path)
        made.append((root / path, None))
    values = {"port": str(server.port), "long_number": "9" * 5000}
    path = case["request"].format(**values)
    headers = {name: value.format(**values) for name, value in (case.get("headers") or {}).items()}
    try:
        deadline = time.monotonic() + 30  # a new file is served once the preview has seen it
        while True:
            status, answer_headers, body = request(server, path, headers)
            if not (case.get("files") or case.get("fifos")) or status != 404 or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        expect = case["expect"]
        if "status" in expect:
            assert status == expect["status"], body[:2000]
        if "lacks" in expect:
            assert expect["lacks"] not in body
        assert "Traceback" not in body and status < 500 or status == 500 and "The site cannot" in body
        for name, part in (expect.get("headers") or {}).items():
            assert part in answer_headers.get(name, ""), answer_headers
        if "location_starts" in expect:
            assert answer_headers["Location"].startswith(expect["location_starts"]), answer_headers
    finally:
        for link, kept in made:
            link.unlink()
            if kept is not None and kept.exists():
                kept.rename(link)
    assert server.process.poll() is None, "the preview stopped"


SERVER_CASES = yaml.safe_load((DOORS / "translation_server.yml").read_text(encoding="utf-8"))["cases"]
SPANISH_ENGINES = "          name: Español\n          engines: [apertium]\n"


def with_hostile_server(root: Path, url: str, settings: dict) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert SPANISH_ENGINES in text
    options = "".join(f"        {key}: {value}\n" for key, value in settings.items())
    text = text.replace(SPANISH_ENGINES, "          name: Español\n          engines: [libretranslate]\n")
    text = text.replace("  - plainpath/i18n:\n", f"  - plainpath/i18n:\n      libretranslate:\n        url: {url}\n{options}")
    config.write_text(text, encoding="utf-8")


def test_the_translation_server_family_covers_each_misbehaviour():
    behaviours = {case["behaviour"] for case in SERVER_CASES}
    assert {"trickle-body", "trickle-headers", "retry-after-a-day", "flood", "forged-version", "heading"} <= behaviours


@pytest.mark.parametrize("case", SERVER_CASES, ids=[case["id"] for case in SERVER_CASES])
def test_translation_server_attack(case, tmp_path):
    import lxml.html

    from hostile_translation_server import PHONE, HostileServer
    from plainpath.site_build import build_site

    root = tmp_path / "project"
    write_base(root)
    hostile = HostileServer(case["behaviour"])
    try:
        with_hostile_server(root, hostile.url, case.get("settings") or {})
        started = time.monotonic()
        result = build_site(root, tmp_path / "site")
        seconds = time.monotonic() - started
    finally:
        hostile.stop()
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    po = root / "translations" / "es.po"
    if case["expect"] == "error":
        assert result.returncode != 0
        assert case["message"] in result.stderr, result.stderr[-3000:]
        assert seconds < case["seconds"], f"the build took {seconds:.0f} s"
        assert not po.exists()
        return
    assert result.returncode == 0, result.stderr[-3000:]
    assert hostile.requests > 0
    for entry in polib.pofile(str(po)):
        assert "checks: passed" not in entry.comment.splitlines() or PHONE not in entry.msgstr, entry
    for page in (tmp_path / "site" / "es").rglob("*.html"):
        body = lxml.html.parse(str(page)).getroot().find("body")
        assert PHONE not in body.text_content(), f"{page.name} publishes the server's phone number"
        for path in case.get("forbid") or []:
            found = body.xpath(path)
            assert not found, f"es/{page.name}: {lxml.html.tostring(found[0], encoding='unicode')[:300]}"
