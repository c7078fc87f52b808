"""What the gate found on one page: shared by the gate, its result cache and its reports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageResult:
    """What the gate found on one page, before the allowlist is applied. ``findings`` fail the
    gate; ``warnings`` (author-level rules set to warning) are listed in the report only."""

    page: str
    findings: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    axe_version: str = ""
    error: str = ""
    warnings: list[dict] = field(default_factory=list)
