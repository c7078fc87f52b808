"""The checkers a council's auditor runs, run the way they run them: pa11y-ci and Lighthouse.

Both are pinned in ``accessibility_tests/peers/package-lock.json`` and installed by ``.ci/setup``
with ``PUPPETEER_SKIP_DOWNLOAD=1``: they drive Debian's Chromium and download nothing. pa11y-ci
runs with its defaults (axe and HTML_CodeSniffer, WCAG 2 AA, axe's "needs review" counted as an
error) because that is what an auditor sees. Used by ``test_peers.py`` and
``bench/a11y_gate_bench.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from plainpath.accessibility.browser import CHROMIUM

PEERS = Path(__file__).parent / "peers"
PA11Y_CI = PEERS / "node_modules" / ".bin" / "pa11y-ci"
LIGHTHOUSE_PAGES = PEERS / "lighthouse_pages.mjs"
# pa11y-ci's puppeteer on Debian's Chromium: the new headless mode, as root without a sandbox.
PA11Y_CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


class PeerMissing(RuntimeError):
    """A peer checker is not installed: ``.ci/setup`` installs them."""


def _require(path: Path) -> None:
    if not path.exists():
        raise PeerMissing(f"{path} is missing: run 'bash .ci/setup' (it installs pa11y-ci and Lighthouse from "
                          "accessibility_tests/peers/package-lock.json, with no browser download).")


@dataclass
class Pa11yReport:
    seconds: float
    errors: dict[str, list[dict]]  # url -> pa11y issues of type "error"
    tool_failures: dict[str, list[str]] = field(default_factory=dict)  # url -> pa11y's own failures

    def summary(self, limit: int = 15) -> str:
        lines = [f"{url}: [{issue.get('runner')}] {issue.get('code')} at {issue.get('selector')}: "
                 f"{issue.get('message', '')[:160]} | {issue.get('context', '')[:120]}"
                 for url, issues in self.errors.items() for issue in issues]
        lines += [f"{url}: pa11y could not check it: {'; '.join(failures)[:300]}"
                  for url, failures in self.tool_failures.items()]
        return "\n".join(lines[:limit]) + (f"\n... and {len(lines) - limit} more" if len(lines) > limit else "")


def run_pa11y_ci(urls: list[str], concurrency: int = 1, timeout_ms: int = 120000) -> Pa11yReport:
    """pa11y-ci over ``urls`` on this machine's Chromium.

    One page at a time by default: with two, pa11y-ci 4.1.1 on Chromium 156 loses about half the
    pages to "Protocol error (Target.closeTarget)" (its own tabs closing under it), which would
    read as pages that were never checked."""
    _require(PA11Y_CI)
    work = Path(tempfile.mkdtemp(prefix="plainpath-pa11y-"))
    try:
        config = work / "pa11yci.json"
        config.write_text(json.dumps({
            "defaults": {
                "concurrency": concurrency, "runners": ["axe", "htmlcs"], "standard": "WCAG2AA",
                "timeout": timeout_ms,
                "chromeLaunchConfig": {"executablePath": CHROMIUM,
                                       "args": [*PA11Y_CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}"]},
            },
            "urls": urls,
        }), encoding="utf-8")
        out = work / "report.json"
        started = time.perf_counter()
        # To a file, not a pipe: Node's process.exit() cuts a large report written to a pipe short.
        with out.open("w", encoding="utf-8") as report_file:
            done = subprocess.run([str(PA11Y_CI), "--config", str(config), "--json"], cwd=PEERS,
                                  stdout=report_file, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - started
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            raise RuntimeError(f"pa11y-ci gave no report (exit {done.returncode}): {done.stderr[-2000:]}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    errors: dict[str, list[dict]] = {}
    failures: dict[str, list[str]] = {}
    for url, issues in report.get("results", {}).items():
        for issue in issues:
            if not isinstance(issue, dict) or "code" not in issue:  # pa11y's own failure to load or run
                failures.setdefault(url, []).append(str(issue.get("message", issue) if isinstance(issue, dict) else issue))
            elif issue.get("type") == "error":
                errors.setdefault(url, []).append(issue)
    return Pa11yReport(seconds, errors, failures)


@dataclass
class LighthouseResult:
    url: str
    score: float | None  # 0..1; None when Lighthouse could not audit the page
    failing: list[dict]  # audits that count towards the score and did not pass
    error: str | None


def run_lighthouse(urls: list[str]) -> list[LighthouseResult]:
    """Lighthouse's accessibility category (its default phone screen) for each page, one Chromium."""
    _require(PEERS / "node_modules" / "lighthouse")
    done = subprocess.run(["node", str(LIGHTHOUSE_PAGES), *urls], cwd=PEERS, capture_output=True, text=True,
                          env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(Path.home())})
    results = [LighthouseResult(**json.loads(line)) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(results) != len(urls):
        raise RuntimeError(f"Lighthouse audited {len(results)} of {len(urls)} pages (exit {done.returncode}): "
                           f"{done.stderr[-2000:]}")
    return results
