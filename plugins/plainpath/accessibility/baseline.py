"""Adopting the gate on an existing site: known problems recorded once, only new ones fail.

A council switching the gate on for a site with hundreds of old barriers cannot fix them all
before its next release. ``--write-baseline`` records every current violation in the baseline
file (the allowlist's format: page, rule, selector, reason, expires), so the next runs fail only
on problems that are new. Each entry expires (180 days by default), so the debt is paid down, not
forgotten; an expired entry fails the run like an expired allowlist entry. Writing the baseline
again keeps the reason and date of entries that still match and drops the ones that are fixed.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from plainpath.accessibility.allowlist import AllowEntry
from plainpath.translation.memory import write_atomically

KIND = "accessibility baseline"
DEFAULT_DAYS = 180
HEADER = (
    "# Known accessibility problems, recorded when the gate was adopted (plainpath's gate writes\n"
    "# this file with --write-baseline). Only problems not listed here fail the gate. Fix them\n"
    "# before they expire; an expired entry fails the run. Same format as allowlist.yml.\n"
)


def baseline_entries(violations_by_page: dict[str, list[dict]], existing: list[AllowEntry],
                     today: datetime.date, days: int = DEFAULT_DAYS) -> list[dict]:
    """One entry per failing element of each page; an existing entry keeps its reason and date."""
    kept = {(entry.page, entry.rule, entry.selector): entry for entry in existing}
    expires = (today + datetime.timedelta(days=days)).isoformat()
    entries = []
    for page in sorted(violations_by_page):
        for item in violations_by_page[page]:
            for node in item.get("nodes", []):
                selector = " ".join(str(part) for part in node.get("target", []))
                old = kept.get((page, item["id"], selector))
                entries.append({
                    "page": page, "rule": item["id"], "selector": selector,
                    "reason": old.reason if old else f"Known when the gate was adopted on {today.isoformat()}: {item.get('help', item['id'])}.",
                    "expires": old.expires.isoformat() if old else expires,
                })
    unique = {(entry["page"], entry["rule"], entry["selector"]): entry for entry in entries}
    return [unique[key] for key in sorted(unique)]


def write_baseline(path: Path, entries: list[dict]) -> None:
    """Write the baseline atomically (a run stopped half-way leaves the old file whole)."""
    write_atomically(path, HEADER + yaml.safe_dump({"entries": entries}, sort_keys=False, allow_unicode=True, width=100))
