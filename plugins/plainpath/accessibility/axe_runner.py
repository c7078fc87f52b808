"""Run a pinned, current axe-core through axe-selenium-python, with WCAG 2.2 rules on.

axe-selenium-python bundles axe-core 3.1 (2018), which knows no WCAG 2.1/2.2 tags; we hand it the
axe.min.js from the npm package pinned in package.json. ``duplicate-id`` is deprecated in axe 4
(no WCAG tag selects it), so rules we want are also switched on by name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from axe_selenium_python import Axe

AXE_VERSION = "4.14.1"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RULES_ON_BY_NAME = ["duplicate-id", "duplicate-id-aria", "target-size"]


def axe_script(repo: Path) -> Path:
    """The pinned axe-core file; a clear error when the set-up step was not run."""
    script = repo / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        raise FileNotFoundError(
            f"{script} is missing. Run 'bash .ci/setup' (it runs 'npm ci') to install axe-core."
        )
    return script


@dataclass
class AxeResult:
    """What axe found on one page: violations fail the gate, incomplete items need a person."""

    url: str
    version: str
    violations: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)


def run_axe(driver, url: str, script: Path) -> AxeResult:
    """Run axe in the loaded page with our tags and rules, injecting it unless the browser
    already preloads it (``Browser.preload``)."""
    axe = Axe(driver, script_url=str(script))
    if not driver.execute_script("return !!window.axe"):
        axe.inject()
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "rules": {rule: {"enabled": True} for rule in RULES_ON_BY_NAME},
        "resultTypes": ["violations", "incomplete"],
    }
    raw = axe.run(options=json.dumps(options))
    version = driver.execute_script("return axe.version")
    rules = sorted(
        {item["id"] for key in ("violations", "incomplete", "passes", "inapplicable") for item in raw.get(key, [])}
    )
    return AxeResult(url, version, raw.get("violations", []), raw.get("incomplete", []), rules)
