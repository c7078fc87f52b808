"""The gate must fail pages with barriers an editor can write, naming the page and the rule.

The site in tests/sites/inaccessible has one deliberate barrier per page and one clean page.
An expired allowlist entry must fail a whole gate run, so that case runs the real gate in a
separate pytest process against that site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from accessibility_tests.conftest import REPO
from plainpath.accessibility.gate import run_gate, site_pages
from plainpath.site_build import build_site
from plainpath.static_server import serve

BARRIER_SITE = REPO / "tests" / "sites" / "inaccessible"

EXPECTED_RULE = {
    "image-without-alt/index.html": "image-alt",
    "link-without-text/index.html": "link-name",
    "skipped-heading/index.html": "heading-order",
    "table-without-headers/index.html": "table-headers",
    "low-contrast/index.html": "color-contrast",
    "iframe-without-title/index.html": "frame-title",
    "small-targets/index.html": "target-size",
    "sideways-scroll/index.html": "reflow-320",
}


@pytest.fixture(scope="module")
def barrier_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("barriers")
    result = build_site(BARRIER_SITE, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def barrier_results(barrier_site, axe_js):
    server, url = serve(barrier_site)
    try:
        yield run_gate(url, site_pages(barrier_site), axe_js, languages={})
    finally:
        server.shutdown()


@pytest.mark.parametrize("page", sorted(EXPECTED_RULE))
def test_gate_fails_the_page_naming_the_rule(page, barrier_results):
    result = barrier_results[page]
    assert result.error == ""
    assert EXPECTED_RULE[page] in {finding["id"] for finding in result.findings}


def test_gate_passes_the_clean_page(barrier_results):
    assert barrier_results["index.html"].findings == []


def test_each_barrier_page_has_one_kind_of_problem_only(barrier_results):
    """Every rule that fires is the page's own barrier, so the test above proves the gate, not luck."""
    for page, rule in EXPECTED_RULE.items():
        fired = {finding["id"] for finding in barrier_results[page].findings}
        assert fired <= {rule, "td-has-header", "td-headers-attr"}, (page, fired)


def run_gate_process(site: Path, allowlist: Path, tmp_path: Path, *options: str,
                     baseline: Path | None = None) -> subprocess.CompletedProcess:
    """The real gate (its pytest run) over ``site``, with its own cache, reports and baseline."""
    env = {
        **os.environ,
        "PLAINPATH_SITE_DIR": str(site),
        "PLAINPATH_A11Y_ALLOWLIST": str(allowlist),
        "PLAINPATH_A11Y_REPORTS": str(tmp_path / "reports"),
        "PLAINPATH_A11Y_CACHE": str(tmp_path / "gate-cache.json"),
        "PLAINPATH_A11Y_BASELINE": str(baseline or tmp_path / "no-baseline.yml"),
    }
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "accessibility_tests/test_site_accessibility.py", *options]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)


def allowlist_covering_every_barrier(barrier_results, expires: dict[str, str]) -> str:
    lines = ["entries:"]
    for page, rule in sorted(EXPECTED_RULE.items()):
        for finding in barrier_results[page].findings:
            for node in finding["nodes"]:
                selector = " ".join(str(part) for part in node["target"])
                lines += [
                    f"  - page: {page}", f"    rule: {finding['id']}",
                    f"    selector: {selector!r}",
                    "    reason: Deliberate barrier in the gate's own test site.",
                    f"    expires: {expires.get(page, '2099-01-01')}",
                ]
    return "\n".join(lines) + "\n"


def test_reviewed_allowlist_opens_the_gate_but_an_expired_entry_fails_the_run(
    barrier_site, barrier_results, tmp_path
):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text(allowlist_covering_every_barrier(barrier_results, {}), encoding="utf-8")
    passing = run_gate_process(barrier_site, allowlist, tmp_path)
    assert passing.returncode == 0, passing.stdout[-3000:]

    expired = {"low-contrast/index.html": "2020-01-31"}
    allowlist.write_text(allowlist_covering_every_barrier(barrier_results, expired), encoding="utf-8")
    failing = run_gate_process(barrier_site, allowlist, tmp_path)
    assert failing.returncode == 1
    assert "the exception for rule 'color-contrast' on 'low-contrast/index.html' expired on 2020-01-31" in failing.stdout


def test_allowlist_entry_that_matches_nothing_fails_the_run(barrier_site, tmp_path):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text(
        "entries:\n  - page: index.html\n    rule: color-contrast\n    selector: '.gone'\n"
        "    reason: The banner was fixed in October.\n    expires: 2099-01-01\n",
        encoding="utf-8",
    )
    result = run_gate_process(barrier_site, allowlist, tmp_path)
    assert result.returncode == 1
    assert "line 2: the exception for rule 'color-contrast' on 'index.html' matched nothing" in result.stdout


def test_report_only_fails_nothing_but_reports_every_problem(barrier_site, tmp_path):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text("entries: []\n", encoding="utf-8")
    result = run_gate_process(barrier_site, allowlist, tmp_path, "--report-only")
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{len(EXPECTED_RULE)} xfailed" in result.stdout
    assert f"Report only: {len(EXPECTED_RULE)} page(s) would fail the gate." in result.stdout
    report = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    failing = {page["page"]: {v["id"] for v in page["violations"]} for page in report["pages"] if page["violations"]}
    assert all(EXPECTED_RULE[page] in failing[page] for page in EXPECTED_RULE)


def test_a_baseline_lets_known_problems_through_and_fails_only_new_ones(barrier_site, tmp_path):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text("entries: []\n", encoding="utf-8")
    baseline = tmp_path / "baseline.yml"
    written = run_gate_process(barrier_site, allowlist, tmp_path, "--write-baseline", baseline=baseline)
    assert written.returncode == 0, written.stdout[-3000:]
    entries = yaml.safe_load(baseline.read_text(encoding="utf-8"))["entries"]
    assert {(entry["page"], entry["rule"]) for entry in entries} >= set(EXPECTED_RULE.items())
    assert all(entry["reason"].startswith("Known when the gate was adopted") for entry in entries)

    adopted = run_gate_process(barrier_site, allowlist, tmp_path, baseline=baseline)
    assert adopted.returncode == 0, adopted.stdout[-3000:]

    # A new problem on the clean page fails, naming it; the known ones still pass.
    site = tmp_path / "site-with-a-new-problem"
    shutil.copytree(barrier_site, site)
    clean = site / "index.html"
    clean.write_text(clean.read_text(encoding="utf-8").replace(
        "</article>", '<p><img src="assets/new-photo.png"></p></article>', 1), encoding="utf-8")
    new = run_gate_process(site, allowlist, tmp_path, baseline=baseline)
    assert new.returncode == 1
    assert "1 failed" in new.stdout and "test_page_passes_the_gate[index.html]" in new.stdout

    # An expired baseline entry fails the run: the debt must be paid down.
    baseline.write_text(baseline.read_text(encoding="utf-8").replace(entries[0]["expires"], "2020-01-31", 1),
                        encoding="utf-8")
    expired = run_gate_process(barrier_site, allowlist, tmp_path, baseline=baseline)
    assert expired.returncode == 1
    assert f"Error in accessibility baseline '{baseline}'" in expired.stdout and "expired on 2020-01-31" in expired.stdout
