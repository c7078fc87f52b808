"""The readability report: a JSON file for tools and an HTML page in the site for editors.

The HTML is a fragment placed inside a normal theme page (so it has the skip link, landmarks and
styles every page has, and passes the same accessibility gate); it is in English for editors,
marked ``lang="en"`` on translated pages. The trend of the site's median comes from a small
history file that each build appends to.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from plainpath.readability.review_due import by_owner
from plainpath.readability.rules import LintFinding
from plainpath.readability.scores import FORMULAS, Scores, median
from plainpath.translation.memory import write_atomically

HISTORY_KEEP = 60
FORMULA_NAMES = {
    "flesch_reading_ease": "Flesch reading ease (higher is easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade (lower is easier)",
    "fernandez_huerta": "Fernández Huerta (higher is easier)",
    "szigriszt_pazos": "Szigriszt-Pazos (higher is easier)",
    "gulpease_index": "Gulpease index (higher is easier)",
    "wiener_sachtextformel": "Wiener Sachtextformel (lower is easier)",
    "osman": "OSMAN (higher is easier)",
    "words_per_sentence": "Words per sentence",
    "long_sentence_share": "Share of long sentences",
}
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass
class PageScore:
    """One built page's scores and any limits it breaks."""

    url: str
    title: str
    scores: Scores
    breaches: list[str] = field(default_factory=list)
    is_flow: bool = False  # a step-by-step, which shares its title with the service's guide


def headline(language: str) -> str:
    """The figure a language's trend follows: its first textstat formula, else words/sentence."""
    return (FORMULAS.get(language) or ("words_per_sentence",))[0]


def language_medians(pages: list[PageScore]) -> dict[str, float | None]:
    """Median of each figure over a language's pages."""
    if not pages:
        return {}
    names = list(dict.fromkeys(name for page in pages for name in page.scores.formulas))
    names += ["words_per_sentence", "long_sentence_share"]
    return {name: median([value for page in pages if (value := _figure(page.scores, name)) is not None])
            for name in names}


def _figure(scores: Scores, name: str) -> float | None:
    return scores.formulas[name] if name in scores.formulas else getattr(scores, name, None)


def append_history(path: Path, medians: dict[str, dict[str, float | None]], now: datetime.datetime) -> list[dict]:
    """Add this build's medians to the history file (atomically) and return the whole history."""
    history: list[dict] = []
    if path.exists():
        try:
            history = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            history = []  # a damaged history only loses the trend, never the build
    history.append({"time": now.isoformat(timespec="seconds"), "medians": medians})
    history = history[-HISTORY_KEEP:]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(history, indent=1, ensure_ascii=False) + "\n")
    return history


def report_json(by_language: dict[str, list[PageScore]], findings: list[LintFinding], settings_scores: dict) -> str:
    data = {
        "languages": {
            code: {
                "medians": language_medians(pages),
                "limits": settings_scores.get(code, {}),
                "pages": [
                    {"url": p.url, "title": p.title, **p.scores.as_dict(), "breaches": p.breaches,
                     "longest_sentences": [{"words": n, "text": t} for n, t in p.scores.longest]}
                    for p in pages
                ],
            }
            for code, pages in by_language.items()
        },
        "findings": [finding.as_dict() for finding in findings],
    }
    return json.dumps(data, indent=1, ensure_ascii=False)


def report_html(
    language: str,
    language_name: str,
    direction: str,
    pages: list[PageScore],
    findings: list[LintFinding],
    history: list[dict],
    limits: dict,
    link: callable,
    other_reports: list[tuple[str, str]],
) -> str:
    """The report fragment for one language; ``link(url)`` makes a page URL relative."""
    main = headline(language)
    worst = sorted(
        ((n, text, page) for page in pages for n, text in page.scores.longest),
        key=lambda item: -item[0],
    )[:10]
    trend = [(entry["time"], (entry["medians"].get(language) or {}).get(main)) for entry in history]
    trend = [(time, value) for time, value in trend if value is not None]
    formulas = list(dict.fromkeys(name for page in pages for name in page.scores.formulas))
    return _templates.get_template("report.html").render(
        language=language, language_name=language_name, direction=direction, pages=sorted(pages, key=lambda p: p.url),
        findings=findings, medians=language_medians(pages), headline=main, names=FORMULA_NAMES,
        formulas=formulas, worst=worst, trend=trend, sparkline=_sparkline(trend), limits=limits,
        link=link, other_reports=other_reports, overdue=by_owner(findings),
    )


def _sparkline(trend: list[tuple[str, float]], width: int = 240, height: int = 48) -> str:
    """Points of a polyline for the trend (the table next to it carries the same figures)."""
    values = [value for _, value in trend]
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    step = width / (len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - 4 - (v - low) / spread * (height - 8):.1f}" for i, v in enumerate(values))
