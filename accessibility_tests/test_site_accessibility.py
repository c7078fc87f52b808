"""The gate: every built page, every language, the 404 page, checked in real Chromium.

One test per page, so a failure names the page. Any violation fails; exceptions only through
allowlist.yml, reviewed and dated.
"""

from __future__ import annotations

import pytest

from accessibility_tests.conftest import RESULTS, allowlist_problems, record
from plainpath.accessibility.allowlist import split_allowed
from plainpath.accessibility.axe_runner import AXE_VERSION, run_axe
from plainpath.accessibility.browser_checks import (
    check_keyboard,
    check_language,
    check_reflow,
    check_text_spacing,
)

RTL = {"ar"}
TRANSLATED = {"es", "fr", "pt", "ca", "ar"}


def language_of(page: str) -> str:
    first = page.split("/")[0]
    return first if first in TRANSLATED else "en"


def test_axe_in_the_browser_is_the_pinned_current_version(browser, site_url, axe_js):
    browser.open(site_url)
    result = run_axe(browser.driver, site_url, axe_js)
    assert result.version == AXE_VERSION
    assert "target-size" in result.rules_run and "duplicate-id" in result.rules_run


def test_page_passes_the_gate(site_page, browser, site_url, axe_js, allowlist):
    url = site_url + site_page.removesuffix("index.html")
    findings = check_keyboard(browser, url)
    browser.open(url)
    result = run_axe(browser.driver, url, axe_js)
    lang = language_of(site_page)
    findings += result.violations + check_text_spacing(browser)
    findings += check_language(browser, lang, "rtl" if lang in RTL else "ltr")
    findings += check_reflow(browser, url)
    from accessibility_tests.conftest import STATE

    violations = split_allowed(site_page, findings, allowlist, STATE["used"])
    record(site_page, violations, result.incomplete, result.rules_run, result.version)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])} element(s))" for v in violations]
    print(f"{site_page}: {len(violations)} violation(s), {len(result.incomplete)} to check by hand")
    assert summary == [], f"{site_page} fails WCAG 2.2 A/AA checks"


@pytest.mark.trylast
def test_allowlist_has_no_expired_or_unused_entries(allowlist):
    if not RESULTS:
        pytest.fail("no page was checked, so the allowlist cannot be verified")
    assert allowlist_problems(allowlist) == []
