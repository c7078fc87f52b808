"""Reviewed exceptions to the gate: each names page, rule, selector, reason and an expiry date.

The gate cannot be opened quietly: an entry past its date fails the run, and so does an entry
that matched nothing (the problem was fixed, so the exception must go).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from plainpath.located_yaml import load_located_yaml
from plainpath.schema_errors import validate_located

KIND = "accessibility allowlist"
SCHEMA = {
    "type": "object",
    "required": ["entries"],
    "additionalProperties": False,
    "properties": {
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["page", "rule", "selector", "reason", "expires"],
                "additionalProperties": False,
                "properties": {
                    "page": {"type": "string", "minLength": 1},
                    "rule": {"type": "string", "minLength": 1},
                    "selector": {"type": "string", "minLength": 1},
                    "reason": {"type": "string", "minLength": 10},
                    "expires": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                },
            },
        }
    },
}


@dataclass(frozen=True)
class AllowEntry:
    page: str
    rule: str
    selector: str
    reason: str
    expires: datetime.date
    line: int

    def matches(self, page: str, rule: str, selector: str) -> bool:
        return (self.page, self.rule, self.selector) == (page, rule, selector)


def load_allowlist(path: Path, display: str, kind: str = KIND) -> list[AllowEntry]:
    """Read and validate the allowlist (or the baseline, the same format); a malformed entry is
    an error naming its line."""
    document = load_located_yaml(path.read_text(encoding="utf-8"), display, kind)
    data = document.data or {"entries": []}
    for key in ("entries",):
        for item in data.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("expires"), datetime.date):
                item["expires"] = item["expires"].isoformat()
    errors = validate_located(document, data, SCHEMA, kind)
    if errors:
        raise errors[0]
    return [
        AllowEntry(
            item["page"], item["rule"], item["selector"], item["reason"],
            datetime.date.fromisoformat(item["expires"]),
            document.locate(("entries", number)).line or 0,
        )
        for number, item in enumerate(data["entries"])
    ]


def expired(entries: list[AllowEntry], today: datetime.date, display: str, kind: str = KIND) -> list[str]:
    """Messages for every entry past its expiry date."""
    return [
        f"Error in {kind} '{display}', line {entry.line}: the exception for rule '{entry.rule}' on "
        f"'{entry.page}' expired on {entry.expires}. Fix the page, or review the exception and "
        "set a new date."
        for entry in entries
        if entry.expires < today
    ]


def unused(entries: list[AllowEntry], used: set[AllowEntry], display: str, kind: str = KIND) -> list[str]:
    """Messages for every entry that matched no finding in this run."""
    return [
        f"Error in {kind} '{display}', line {entry.line}: the exception for rule '{entry.rule}' on "
        f"'{entry.page}' matched nothing. The problem is gone: remove the entry."
        for entry in entries
        if entry not in used
    ]


def split_allowed(page: str, findings: list[dict], entries: list[AllowEntry], used: set[AllowEntry]) -> list[dict]:
    """Findings not covered by an entry; entries that covered something are added to ``used``."""
    remaining = []
    for item in findings:
        nodes = []
        for node in item.get("nodes", []):
            selector = " ".join(str(part) for part in node.get("target", []))
            entry = next((e for e in entries if e.matches(page, item["id"], selector)), None)
            if entry is None:
                nodes.append(node)
            else:
                used.add(entry)
        if nodes:
            remaining.append({**item, "nodes": nodes})
    return remaining
