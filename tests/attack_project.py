"""The small project every attack case starts from, and the edits a case can make to it.

A case (one entry in ``tests/attacks/*.yml``) names edits: Markdown for the page body, a front
matter line, a flow line, a line of mkdocs.yml, a PO entry, a symbolic link, a redirect rule or a
whole file. Keeping
cases as data lets the corpus grow without code, and lets each case state its expected outcome.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import polib
import yaml

REPO = Path(__file__).parents[1]
THEME = REPO / "plugins" / "plainpath" / "theme"
BODY_MARKER = "You can apply online. It takes about ten minutes."

MKDOCS = f"""site_name: Attack test site
site_url: https://example.test/
docs_dir: content
theme:
  name: material
  custom_dir: {THEME}
  font: false
markdown_extensions:
  - admonition
  - tables
  - toc
plugins:
  - search
  - plainpath/pages
  - plainpath/flows
  - plainpath/i18n:
      languages:
        - code: es
          name: Español
          engines: [apertium]
  - plainpath/links:
      redirects: {{}}
"""
PAGE = f"""---
title: Apply for a permit
summary: How to apply for a permit.
service: parking
owner: Parking team
last_reviewed: 2026-11-01
flows: [permit]
partners:
  - name: Citizens Advice
    what: Free advice on money and rights.
    link: https://www.citizensadvice.org.uk/
---

{BODY_MARKER}

## What you need

You need proof of your address.

[[flow permit]]
"""
FLOW = """id: permit
title: Get a permit
summary: The steps to get a permit.
service: parking
steps:
  - id: check
    decision: Do you live in the zone?
    page: index.md
    answers:
      - answer: "Yes"
        next: pay
      - answer: "No"
        next: refused
  - id: pay
    title: Pay the fee
    body: Pay online with a card.
    next: done
  - id: refused
    outcome: You cannot get a permit
  - id: done
    outcome: We send your permit
"""


def write_base(root: Path) -> None:
    """The project before any edit."""
    (root / "content").mkdir(parents=True)
    (root / "flows").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (root / "content" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "flows" / "permit.yml").write_text(FLOW, encoding="utf-8")


def apply_case(root: Path, case: dict[str, Any]) -> None:
    """Make the edits ``case`` names, in a fixed order."""
    page = root / "content" / "index.md"
    if "page" in case:
        _replace(page, BODY_MARKER, case["page"])
    for key, value in (case.get("front_matter") or {}).items():
        _replace_line(page, f"{key}:", f"{key}: {value}")
    for old, new in case.get("page_replace") or []:
        _replace(page, old, new)
    for old, new in case.get("flow") or []:
        _replace(root / "flows" / "permit.yml", old, new)
    for key, line in (case.get("config_lines") or {}).items():
        _replace_line(root / "mkdocs.yml", f"{key}:", line)
    for old, new in case.get("config") or []:
        _replace(root / "mkdocs.yml", old, new)
    for path, text in (case.get("files") or {}).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8", "surrogateescape"))  # a lone surrogate is a raw byte
    for path, text in (case.get("files_append") or {}).items():
        with open(root / path, "a", encoding="utf-8") as handle:
            handle.write(text)
    for path, target in (case.get("symlinks") or {}).items():
        link = root / path
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target if str(target).startswith("/") else root / target, link)
    if "redirects" in case:
        rules = yaml.safe_dump({"redirects": case["redirects"]}, allow_unicode=True, default_flow_style=False)
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        indented = "".join(f"      {line}\n" for line in rules.splitlines())
        (root / "mkdocs.yml").write_text(config.replace("      redirects: {}\n", indented), encoding="utf-8")
    for change in case.get("po") or []:
        _edit_po(root / "translations" / "es.po", change)
    for old, new in case.get("po_text") or []:
        _replace(root / "translations" / "es.po", old, new)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}: the case no longer matches the base project"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _replace_line(path: Path, start: str, new: str) -> None:
    """Replace the value of the first line whose key is ``start`` (``  - name:`` counts)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(start))
    key_at = lines[index].index(start)
    lines[index] = lines[index][:key_at] + new
    path.write_text("\n".join(lines), encoding="utf-8")


def _edit_po(path: Path, change: dict[str, Any]) -> None:
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid == change["msgid"] and (e.msgctxt or "").startswith(change.get("context", "")))
    entry.msgstr = change["msgstr"]
    entry.flags = [] if change.get("reviewed", True) else ["fuzzy", "machine"]
    po.save()
