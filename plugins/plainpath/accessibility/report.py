"""The gate's reports: JSON for machines, an accessible HTML page for people."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

FIXES = {
    "image-alt": "Add alt text that says what the picture shows, or alt=\"\" if it is decoration.",
    "link-name": "Give the link words that say where it goes.",
    "heading-order": "Use headings in order: after a level 2 heading comes level 3, not level 4.",
    "td-has-header": "Give the table a header row, so each cell has a heading.",
    "th-has-data-cells": "Give the table a header row, so each cell has a heading.",
    "color-contrast": "Make the text darker or the background lighter (4.5 to 1 at least).",
    "frame-title": "Give the embedded frame a title that says what it holds.",
    "target-size": "Make the link or button at least 24 by 24 pixels, or space it out.",
    "reflow-320": "Let content wrap on narrow screens; put wide tables in their own scroll box.",
    "link-in-text-block": "Underline links in text so they do not rely on colour.",
    "empty-table-header": "Write text in every table header cell.",
}

_ENVIRONMENT = jinja2.Environment(autoescape=True)
_ENVIRONMENT.tests["match"] = lambda value, pattern: re.match(pattern, value) is not None
_TEMPLATE = _ENVIRONMENT.from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Accessibility report</title>
<style>body{font-family:sans-serif;color:#0b0c0c;max-width:70rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #505a5f;padding:.25rem .5rem;text-align:left;vertical-align:top}
a{color:#1a4f8b}code{word-break:break-all}</style></head>
<body><main>
<h1>Accessibility report</h1>
<p>axe-core {{ version }} with {{ tags | join(", ") }}; {{ pages | length }} pages checked;
{{ violations }} violation(s); {{ incomplete }} item(s) for a person to check;
{{ warnings }} author-level warning(s) (listed, not blocking).
{% if run %}In this run {{ run.checked }} page(s) were checked in the browser and {{ run.reused }} reused
from the cache (nothing the browser gets had changed since they were checked).{% endif %}</p>
<h2>Rules run</h2><p>{{ rules | join(", ") }}</p>
<h2>Pages</h2>
<table><caption>Findings per page</caption>
<thead><tr><th scope="col">Page</th><th scope="col">Violations</th><th scope="col">To check by hand</th><th scope="col">Warnings</th></tr></thead>
<tbody>{% for page in pages %}<tr><td>{{ page.page }}</td><td>{{ page.violations | length }}</td><td>{{ page.incomplete | length }}</td><td>{{ (page.warnings or []) | length }}</td></tr>{% endfor %}</tbody></table>
{% for page in pages if page.violations or page.incomplete or page.warnings %}
<h2>{{ page.page }}</h2>
{% for kind, items in [("Violations", page.violations), ("To check by hand", page.incomplete), ("Warnings (not blocking)", page.warnings or [])] if items %}
<h3>{{ kind }}</h3>
<table><thead><tr><th scope="col">Rule</th><th scope="col">Impact</th><th scope="col">WCAG</th><th scope="col">Element</th><th scope="col">How to fix</th></tr></thead><tbody>
{% for item in items %}{% for node in item.nodes %}<tr><td><a href="{{ item.helpUrl }}">{{ item.id }}</a></td><td>{{ item.impact }}</td>
<td>{{ item.wcag or (item.tags | select("match", "wcag\\\\d") | join(", ")) }}</td><td><code>{{ node.target | join(" ") }}</code><br><code>{{ node.html }}</code>
{%- if node.source %}<br>Written in <code>{{ node.source }}</code>{% endif %}{% if node.english %}<br>From the English: {{ node.english }}{% endif %}</td>
<td>{{ fixes.get(item.id, item.help) }}</td></tr>{% endfor %}{% endfor %}</tbody></table>
{% endfor %}{% endfor %}
</main></body></html>""")


def write_reports(folder: Path, pages: list[dict], version: str, tags: list[str], rules: list[str],
                  run: dict | None = None) -> Path:
    """Write report.json and index.html; returns the HTML path. ``run`` counts the pages
    checked and reused from the cache in this run."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = {"axe_version": version, "tags": tags, "rules_run": rules, "run": run, "pages": pages}
    (folder / "report.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    html = _TEMPLATE.render(
        version=version, tags=tags, rules=rules, pages=pages, fixes=FIXES, run=run,
        violations=sum(len(p["violations"]) for p in pages),
        incomplete=sum(len(p["incomplete"]) for p in pages),
        warnings=sum(len(w["nodes"]) for p in pages for w in p.get("warnings") or []),
    )
    (folder / "index.html").write_text(html, encoding="utf-8")
    return folder / "index.html"
