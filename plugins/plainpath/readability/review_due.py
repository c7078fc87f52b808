"""Pages not reviewed for too long: a finding on the page's ``last_reviewed`` line, by owner.

Guidance goes stale: fees change, offices move. GOV.UK's editors asked for review-by dates for
years. Every page already says when it was last checked and who owns it; a page older than the
age set in ``mkdocs.yml`` (``rules: review-overdue: max_months``, 12 by default) is reported to
``plainpath check``, the build and the readability report, which lists overdue pages by owner.
Not cached with the other findings: the answer changes with the date, not with the page.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable

from mkdocs.exceptions import PluginError

from plainpath.errors import EditorError
from plainpath.pages.front_matter import load_front_matter
from plainpath.readability.rules import LintFinding

RULE = "review-overdue"
TODAY_VARIABLE = "PLAINPATH_TODAY"  # a YYYY-MM-DD date to measure to: plan next month's reviews, pin tests


def measured_date() -> datetime.date:
    """The date review ages are measured to: PLAINPATH_TODAY if set, else the real date."""
    given = os.environ.get(TODAY_VARIABLE)
    if not given:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(given)
    except ValueError:
        raise PluginError(
            f"Error in the environment variable {TODAY_VARIABLE}: {given[:40]!r} is not a date. Set "
            f"it as YYYY-MM-DD (for example {datetime.date.today().isoformat()}), or unset it to "
            "measure review ages to today.") from None


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (2025-03-15 to 2026-03-14 is 11)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def overdue_finding(source: str, display_path: str, max_months: int, level: str,
                    today: datetime.date) -> LintFinding | None:
    """The finding for one page, or None if it was reviewed recently (or has no valid date:
    the front-matter check reports that)."""
    try:
        document = load_front_matter(source, display_path)
    except EditorError:
        return None
    meta = document.data if isinstance(document.data, dict) else {}
    try:
        reviewed = datetime.date.fromisoformat(str(meta.get("last_reviewed", "")))
    except ValueError:
        return None
    age = months_between(reviewed, today)
    if age < max_months:
        return None
    where = document.locate(("last_reviewed",))
    owner = str(meta.get("owner") or "no owner")
    return LintFinding(
        display_path, where.line or 1, where.column or 1, RULE,
        f"this page was last reviewed on {reviewed.isoformat()}, {age} months ago; pages are "
        f"reviewed at least every {max_months} months.",
        f"Ask {owner} to check the page is still right, then set last_reviewed to the date of the check.",
        level, excerpt=owner,
    )


def overdue_findings(pages: Iterable[tuple[str, str]], max_months: int, level: str,
                     today: datetime.date | None = None) -> list[LintFinding]:
    """Findings for every overdue page among ``(display path, source)``."""
    if level == "off":
        return []
    today = today or measured_date()
    found = (overdue_finding(source, path, max_months, level, today) for path, source in pages)
    return [finding for finding in found if finding is not None]


def by_owner(findings: Iterable[LintFinding]) -> dict[str, list[LintFinding]]:
    """Overdue pages grouped by the owner named on them (kept in ``excerpt``), oldest first."""
    groups: dict[str, list[LintFinding]] = {}
    for finding in findings:
        if finding.rule == RULE:
            groups.setdefault(finding.excerpt, []).append(finding)
    return {owner: sorted(items, key=lambda f: f.message) for owner, items in sorted(groups.items())}
