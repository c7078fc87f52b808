"""The meaning checks' report: one HTML page per language and a JSON file, for reviewers.

A reviewer starts from the machine segments the checks doubt: each row gives the file the
English is in, the English, the machine text and what is wrong. The same verdicts are in the PO
entries (flag ``check-failed``, ``#. check: ...``), so Poedit and Weblate show them too.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jinja2

from plainpath.translation.memory import (
    CHECK_FAILED, MACHINE, TranslationMemory, status_of, verdict_problems, was_checked,
)

_ENVIRONMENT = jinja2.Environment(autoescape=True)
_PAGE = _ENVIRONMENT.from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Translation checks: {{ lang }}</title>
<style>body{font-family:sans-serif;color:#0b0c0c;max-width:70rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #505a5f;padding:.25rem .5rem;text-align:left;vertical-align:top}
a{color:#1a4f8b}</style></head>
<body><main>
<h1>Translation checks: {{ lang }}</h1>
<p>{{ machine }} machine segment(s) in <code>{{ po }}</code>; {{ checked }} checked; {{ failed | length }} failed at
least one check. Under the publishing policy <strong>{{ policy }}</strong>,
{% if policy == "checked" %}failed segments are shown in English until a person checks them{% elif policy == "reviewed" %}no
machine text is published{% else %}all machine text is published, failed segments too{% endif %}.</p>
{% if by_check %}<h2>Failures by check</h2><ul>{% for check, count in by_check %}<li>{{ check }}: {{ count }}</li>{% endfor %}</ul>{% endif %}
{% if failed %}<h2>Segments to check</h2>
<table><caption>Machine segments that failed a meaning check</caption>
<thead><tr><th scope="col">File</th><th scope="col">English</th><th scope="col">Machine translation</th><th scope="col">What is wrong</th></tr></thead>
<tbody>{% for row in failed %}<tr><td>{{ row.file }}</td><td>{{ row.english }}</td><td lang="{{ lang }}">{{ row.translation }}</td>
<td><ul>{% for problem in row.problems %}<li>{{ problem }}</li>{% endfor %}</ul></td></tr>{% endfor %}</tbody></table>{% endif %}
</main></body></html>""")


def write_check_reports(folder: Path, memories: list[TranslationMemory], policies: dict[str, str]) -> Path:
    """Write ``<lang>.html`` per language and ``checks.json``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = {}
    for memory in memories:
        machine = [entry for entry in memory.all_entries() if entry.msgstr and status_of(entry) == MACHINE]
        failed = [{
            "file": entry.msgctxt or "", "english": entry.msgid, "translation": entry.msgstr,
            "problems": verdict_problems(entry.comment),
        } for entry in machine if CHECK_FAILED in entry.flags]
        by_check = Counter(problem.split(":", 1)[0] for row in failed for problem in row["problems"])
        facts = {"machine": len(machine), "checked": sum(1 for entry in machine if was_checked(entry)),
                 "failed": failed, "by_check": by_check.most_common(), "policy": policies.get(memory.lang, "machine"),
                 "po": memory.display_path}
        (folder / f"{memory.lang}.html").write_text(_PAGE.render(lang=memory.lang, **facts), encoding="utf-8")
        summary[memory.lang] = {**facts, "failed": len(failed)}
    (folder / "checks.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder
