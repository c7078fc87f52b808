"""The gate must fail pages with barriers an editor can write, naming the page and the rule.

The site in tests/sites/inaccessible has one deliberate barrier per page, one page per rule
family (axe's, Sa11y's and our word rules), and one clean page with the words that must not
raise a false alarm ("the right to appeal", "red tape", a short form written out). Each barrier
must fail in English and in Spanish (reviewed translations that keep the barrier); the word
rules must also fail in Catalan, a language with no word list, through the English the machine
translated. An expired allowlist entry must fail a whole gate run, so that case runs the real
gate in a separate pytest process against that site.
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
from plainpath.accessibility.gate import author_checks_for, configured_languages, run_gate, site_pages
from plainpath.site_build import build_site
from plainpath.static_server import serve

BARRIER_SITE = REPO / "tests" / "sites" / "inaccessible"

# Each page's rule family: the first rule must fire; only rules of the family may.
FAMILY = {
    "image-without-alt/index.html": ["image-alt", "MISSING_ALT", "htmlcs-H37"],  # HTML_CodeSniffer sees it too
    "link-without-text/index.html": ["link-name", "LINK_EMPTY", "LINK_EMPTY_NO_LABEL", "focus-invisible", "htmlcs-H91.A.NoContent"],
    "skipped-heading/index.html": ["heading-order", "HEADING_SKIPPED_LEVEL"],
    "table-without-headers/index.html": ["table-headers", "TABLES_MISSING_HEADINGS", "td-has-header", "td-headers-attr"],
    "low-contrast/index.html": ["color-contrast", "htmlcs-G18.Fail"],
    # axe cannot measure text on a gradient and asks a person; pa11y reports that as an error.
    "contrast-undecided/index.html": ["color-contrast-undecided"],
    "iframe-without-title/index.html": ["frame-title", "EMBED_GENERAL", "EMBED_MISSING_TITLE", "frame-tested-undecided", "htmlcs-H64.1"],
    "small-targets/index.html": ["target-size"],
    "sideways-scroll/index.html": ["reflow-320"],
    "vague-link-text/index.html": ["LINK_CLICK_HERE", "LINK_STOPWORD"],
    "repeated-link-text/index.html": ["LINK_IDENTICAL_NAME"],
    "file-link-without-warning/index.html": ["LINK_FILE_EXT"],
    "alt-file-name/index.html": ["ALT_FILE_EXT"],
    "alt-placeholder/index.html": ["ALT_PLACEHOLDER"],
    "all-caps/index.html": ["QA_UPPERCASE"],
    "fake-heading/index.html": ["QA_FAKE_HEADING"],
    "fake-list/index.html": ["QA_FAKE_LIST"],
    "new-window-link/index.html": ["LINK_NEW_TAB"],
    "sensory-characteristics/index.html": ["sensory-characteristics"],
    "use-of-colour/index.html": ["use-of-colour"],
    "abbreviations/index.html": ["abbreviations"],
}
WORD_RULES = ["sensory-characteristics/index.html", "use-of-colour/index.html", "abbreviations/index.html"]
# The rule each barrier page must fail with, in English and in Spanish.
EXPECTED_RULE = {f"{lang}{page}": rules[0] for page, rules in FAMILY.items() for lang in ("", "es/")}
CLEAN_PAGES = ["index.html", "es/index.html", "ca/index.html"]


def barrier_project(destination: Path) -> Path:
    """A copy of the barrier site's project (its build writes the translation memory), with
    the theme folder it names made absolute."""
    shutil.copytree(BARRIER_SITE, destination)
    config = destination / "mkdocs.yml"
    theme = (REPO / "plugins/plainpath/theme").as_posix()
    config.write_text(config.read_text(encoding="utf-8").replace("custom_dir: ../../../plugins/plainpath/theme",
                                                                 f"custom_dir: {theme}"), encoding="utf-8")
    return destination


@pytest.fixture(scope="module")
def barrier_project_dir(tmp_path_factory) -> Path:
    return barrier_project(tmp_path_factory.mktemp("barrier-project") / "project")


@pytest.fixture(scope="module")
def barrier_site(barrier_project_dir, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("barriers")
    result = build_site(barrier_project_dir, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def barrier_results(barrier_site, barrier_project_dir, axe_js):
    config = barrier_project_dir / "mkdocs.yml"
    server, url = serve(barrier_site)
    try:
        yield run_gate(url, site_pages(barrier_site), axe_js, configured_languages(config),
                       author=author_checks_for(config, REPO))
    finally:
        server.shutdown()


def fired(result) -> set[str]:
    return {finding["id"] for finding in result.findings}


@pytest.mark.parametrize("page", sorted(EXPECTED_RULE))
def test_gate_fails_the_page_naming_the_rule(page, barrier_results):
    result = barrier_results[page]
    assert result.error == ""
    assert EXPECTED_RULE[page] in fired(result), (page, fired(result))


@pytest.mark.parametrize("page", CLEAN_PAGES)
def test_gate_passes_the_clean_page(page, barrier_results):
    """No false alarm on "the right to appeal", "red tape", "turn right", a short form written
    out the first time, or a file link that says its type and size."""
    assert barrier_results[page].findings == []


def test_each_barrier_page_has_one_kind_of_problem_only(barrier_results):
    """Every rule that fires is the page's own family, so the test above proves the gate, not luck."""
    strays = {lang + page: sorted(fired(barrier_results[lang + page]) - set(rules))
              for page, rules in FAMILY.items() for lang in ("", "es/")}
    assert not {page: rules for page, rules in strays.items() if rules}


@pytest.mark.parametrize("page", WORD_RULES)
def test_word_rules_reach_a_language_with_no_word_list_through_its_english(page, barrier_results):
    """Catalan has no word list: its machine-translated page fails through the English segment
    it came from, and the finding quotes that English and its file and line."""
    findings = [f for f in barrier_results["ca/" + page].findings if f["id"] == FAMILY[page][0]]
    assert findings, barrier_results["ca/" + page].findings
    node = findings[0]["nodes"][0]
    source = (BARRIER_SITE / "content" / page.replace("/index.html", ".md")).read_text(encoding="utf-8")
    assert node["english"] and node["english"] in source
    line = source.splitlines().index(node["english"]) + 1
    assert node["source"] == f"content/{page.replace('/index.html', '.md')}:{line}"


def test_findings_name_rule_criterion_element_and_markdown_line(barrier_results):
    for page, rule, criterion, written in [
        ("use-of-colour/index.html", "use-of-colour", "1.4.1", "content/use-of-colour.md:9"),
        ("es/use-of-colour/index.html", "use-of-colour", "1.4.1", "content/use-of-colour.md:9"),
        ("sensory-characteristics/index.html", "sensory-characteristics", "1.3.3", "content/sensory-characteristics.md:9"),
        ("es/vague-link-text/index.html", "LINK_CLICK_HERE", "2.4.4", "content/vague-link-text.md:9"),
        ("alt-file-name/index.html", "ALT_FILE_EXT", "1.1.1", "content/alt-file-name.md:11"),
    ]:
        finding = next(f for f in barrier_results[page].findings if f["id"] == rule)
        assert finding["wcag"] == criterion and finding["level"] == "error"
        node = finding["nodes"][0]
        assert node["target"][0].startswith("article") and node["html"], node
        assert node["source"] == written, (page, node)
    spanish = next(f for f in barrier_results["es/vague-link-text/index.html"].findings if f["id"] == "LINK_CLICK_HERE")
    assert "clic" in spanish["help"]  # Sa11y's own Spanish message pack


def test_a_warning_level_rule_is_listed_but_does_not_fail(barrier_results):
    """QA_PDF stays a warning on the barrier site: the clean page's labelled PDF link is listed."""
    warnings = {finding["id"] for finding in barrier_results["index.html"].warnings}
    assert "QA_PDF" in warnings and barrier_results["index.html"].findings == []


def test_html_codesniffer_runs_in_the_same_load_and_mkdocs_yml_sets_its_level(barrier_site, barrier_project_dir, axe_js):
    """Issue 31.2: the second engine's errors fail the gate by default (above: H37 on the image
    page); ``htmlcs: warning`` under the gate's rules lists them without failing, ``off`` skips it."""
    import dataclasses

    from plainpath.accessibility.browser import Browser
    from plainpath.accessibility.gate import check_page

    author = author_checks_for(barrier_project_dir / "mkdocs.yml", REPO)
    languages = configured_languages(barrier_project_dir / "mkdocs.yml")
    server, url = serve(barrier_site)
    browser = Browser()
    try:
        found = {}
        for level in ("warning", "off"):
            relaxed = dataclasses.replace(author, levels={**author.levels, "htmlcs": level})
            result = check_page(browser, url, "image-without-alt/index.html", axe_js, languages, relaxed)
            found[level] = ({f["id"] for f in result.findings}, {w["id"] for w in result.warnings})
    finally:
        browser.close()
        server.shutdown()
    assert "htmlcs-H37" not in found["warning"][0] and "htmlcs-H37" in found["warning"][1]
    assert "image-alt" in found["warning"][0]  # axe still fails the page
    assert not any(rule.startswith("htmlcs") for rule in found["off"][0] | found["off"][1])


def failing_pages(barrier_results) -> list[str]:
    return sorted(page for page, result in barrier_results.items() if result.findings)


def run_gate_process(site: Path, project: Path, allowlist: Path, tmp_path: Path, *options: str,
                     baseline: Path | None = None) -> subprocess.CompletedProcess:
    """The real gate (its pytest run) over ``site`` built from ``project``, with its own cache,
    reports and baseline."""
    env = {
        **os.environ,
        "PLAINPATH_SITE_DIR": str(site),
        "PLAINPATH_SITE_CONFIG": str(project / "mkdocs.yml"),
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
    for page in failing_pages(barrier_results):
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
    barrier_site, barrier_project_dir, barrier_results, tmp_path
):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text(allowlist_covering_every_barrier(barrier_results, {}), encoding="utf-8")
    passing = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path)
    assert passing.returncode == 0, passing.stdout[-3000:]

    expired = {"low-contrast/index.html": "2020-01-31"}
    allowlist.write_text(allowlist_covering_every_barrier(barrier_results, expired), encoding="utf-8")
    failing = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path)
    assert failing.returncode == 1
    assert "the exception for rule 'color-contrast' on 'low-contrast/index.html' expired on 2020-01-31" in failing.stdout


def test_allowlist_entry_that_matches_nothing_fails_the_run(barrier_site, barrier_project_dir, tmp_path):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text(
        "entries:\n  - page: index.html\n    rule: color-contrast\n    selector: '.gone'\n"
        "    reason: The banner was fixed in October.\n    expires: 2099-01-01\n",
        encoding="utf-8",
    )
    result = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path)
    assert result.returncode == 1
    assert "line 2: the exception for rule 'color-contrast' on 'index.html' matched nothing" in result.stdout


def test_report_only_fails_nothing_but_reports_every_problem(barrier_site, barrier_project_dir, barrier_results, tmp_path):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text("entries: []\n", encoding="utf-8")
    result = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path, "--report-only")
    assert result.returncode == 0, result.stdout[-3000:]
    failing = failing_pages(barrier_results)
    assert failing == sorted(set(failing) | set(EXPECTED_RULE))  # every barrier page, in both languages
    assert f"{len(failing)} xfailed" in result.stdout
    assert f"Report only: {len(failing)} page(s) would fail the gate." in result.stdout
    report = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    reported = {page["page"]: {v["id"] for v in page["violations"]} for page in report["pages"] if page["violations"]}
    assert all(EXPECTED_RULE[page] in reported[page] for page in EXPECTED_RULE)
    html = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Written in <code>content/use-of-colour.md:9</code>" in html and "Warnings (not blocking)" in html


def test_a_baseline_lets_known_problems_through_and_fails_only_new_ones(barrier_site, barrier_project_dir, tmp_path):
    allowlist = tmp_path / "allowlist.yml"
    allowlist.write_text("entries: []\n", encoding="utf-8")
    baseline = tmp_path / "baseline.yml"
    written = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path, "--write-baseline", baseline=baseline)
    assert written.returncode == 0, written.stdout[-3000:]
    entries = yaml.safe_load(baseline.read_text(encoding="utf-8"))["entries"]
    assert {(entry["page"], entry["rule"]) for entry in entries} >= set(EXPECTED_RULE.items())
    assert all(entry["reason"].startswith("Known when the gate was adopted") for entry in entries)

    adopted = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path, baseline=baseline)
    assert adopted.returncode == 0, adopted.stdout[-3000:]

    # A new problem on the clean page fails, naming it; the known ones still pass.
    site = tmp_path / "site-with-a-new-problem"
    shutil.copytree(barrier_site, site)
    clean = site / "index.html"
    clean.write_text(clean.read_text(encoding="utf-8").replace(
        "</article>", '<p><img src="assets/new-photo.png"></p></article>', 1), encoding="utf-8")
    new = run_gate_process(site, barrier_project_dir, allowlist, tmp_path, baseline=baseline)
    assert new.returncode == 1
    assert "1 failed" in new.stdout and "test_page_passes_the_gate[index.html]" in new.stdout

    # An expired baseline entry fails the run: the debt must be paid down.
    baseline.write_text(baseline.read_text(encoding="utf-8").replace(entries[0]["expires"], "2020-01-31", 1),
                        encoding="utf-8")
    expired = run_gate_process(barrier_site, barrier_project_dir, allowlist, tmp_path, baseline=baseline)
    assert expired.returncode == 1
    assert f"Error in accessibility baseline '{baseline}'" in expired.stdout and "expired on 2020-01-31" in expired.stdout
