"""The gate: every built page, every language, the 404 page, checked in real Chromium.

One test per page, so a failure names the page. Any violation fails; exceptions only through
allowlist.yml, reviewed and dated.
"""

from __future__ import annotations

import pytest

from accessibility_tests.conftest import RESULTS, STATE, allowlist_problems, baseline_problems, record
from plainpath.accessibility.allowlist import split_allowed
from plainpath.accessibility.axe_runner import AXE_VERSION, run_axe
from plainpath.accessibility.browser import Browser


def test_axe_in_the_browser_is_the_pinned_current_version(site_url, axe_js):
    browser = Browser()
    try:
        browser.open(site_url)
        result = run_axe(browser.driver, site_url, axe_js)
    finally:
        browser.close()
    assert result.version == AXE_VERSION
    assert {"target-size", "duplicate-id", "color-contrast", "link-in-text-block"} <= set(result.rules_run)


def test_page_passes_the_gate(site_page, gate_results, allowlist, baseline, request):
    result = gate_results[site_page]
    assert result.error == "", f"{site_page}: the check itself failed: {result.error}"
    violations = split_allowed(site_page, result.findings, allowlist, STATE["used"])
    STATE["violations"][site_page] = violations  # what --write-baseline records
    violations = split_allowed(site_page, violations, baseline, STATE["baseline_used"])  # known before adoption
    record(site_page, violations, result)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])} element(s){written_in(v)})" for v in violations]
    if summary and (request.config.getoption("--report-only") or request.config.getoption("--write-baseline")):
        pytest.xfail(f"{site_page} fails WCAG 2.2 A/AA checks (not blocking in this mode): {summary}")
    assert summary == [], f"{site_page} fails WCAG 2.2 A/AA checks"


def written_in(violation: dict) -> str:
    """Where an author-level problem was written, so the editor can open the file at the line."""
    sources = sorted({node["source"] for node in violation["nodes"] if node.get("source")})
    return f"; written in {', '.join(sources)}" if sources else ""


# Defined last, so pytest runs them after every page test.
def test_allowlist_has_no_expired_or_unused_entries(allowlist):
    if not RESULTS:
        pytest.fail("no page was checked, so the allowlist cannot be verified")
    problems = allowlist_problems(allowlist)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_baseline_has_no_expired_entries(baseline, request):
    """A baseline entry whose problem was fixed is only reported (--write-baseline drops it);
    an expired one fails, so adopting the gate pays the debt down."""
    if not RESULTS:
        pytest.fail("no page was checked, so the baseline cannot be verified")
    expired_entries, fixed = baseline_problems(baseline)
    STATE["baseline_fixed"] = [line.replace("Error in", "Note: in", 1) for line in fixed]
    if expired_entries and not request.config.getoption("--write-baseline"):
        pytest.fail("\n".join(expired_entries), pytrace=False)
