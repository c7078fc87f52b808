"""The gate's fixtures: the built site served on 127.0.0.1, all pages checked once, the reports.

Pages are checked in parallel by a pool of reused Chromium sessions when the first page test
asks for results; each page then has its own test, so a failure names the page.
"""

from __future__ import annotations

import datetime
import functools
import os
from pathlib import Path

import pytest
from filelock import FileLock

from plainpath.accessibility.allowlist import expired, load_allowlist, unused
from plainpath.accessibility.baseline import KIND as BASELINE_KIND, baseline_entries, write_baseline
from plainpath.accessibility.axe_runner import TAGS, axe_script
from plainpath.accessibility.gate import (
    DEFAULT_WORKERS,
    PageResult,
    author_checks_for,
    configured_languages,
    print_progress,
    run_gate_cached,
    site_pages,
)
from plainpath.accessibility.result_cache import ResultCache
from plainpath.accessibility.report import write_reports
from plainpath.site_build import build_site
from plainpath.static_server import serve

REPO = Path(__file__).parents[1]
ALLOWLIST = Path(os.environ.get("PLAINPATH_A11Y_ALLOWLIST", Path(__file__).parent / "allowlist.yml"))
REPORTS = Path(os.environ.get("PLAINPATH_A11Y_REPORTS", REPO / "reports" / "accessibility"))
WORKERS = int(os.environ.get("PLAINPATH_A11Y_WORKERS", DEFAULT_WORKERS))
# Results of earlier runs; CI keeps this file between runs to re-check only changed pages.
CACHE = Path(os.environ.get("PLAINPATH_A11Y_CACHE", REPO / ".cache" / "a11y-gate-cache.json"))
# Known problems of a site adopting the gate (see plainpath/accessibility/baseline.py).
BASELINE = Path(os.environ.get("PLAINPATH_A11Y_BASELINE", Path(__file__).parent / "baseline.yml"))
# The mkdocs.yml of the site under test (its languages, sources and rule levels).
SITE_CONFIG = Path(os.environ.get("PLAINPATH_SITE_CONFIG", REPO / "mkdocs.yml"))
RESULTS: list[dict] = []
STATE: dict = {"used": set(), "baseline_used": set(), "rules": set(), "version": "", "checked": 0, "reused": 0,
               "note": "", "violations": {}}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("plainpath accessibility gate")
    group.addoption("--full", action="store_true",
                    help="check every page again, ignoring the cache (nightly runs)")
    group.addoption("--report-only", action="store_true",
                    help="write the reports, fail no page (pages with problems show as xfail)")
    group.addoption("--write-baseline", action="store_true",
                    help="record every current problem in the baseline file, so only new ones fail")


def display(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


def allowlist_display() -> str:
    return display(ALLOWLIST)


@functools.lru_cache(maxsize=1)
def gate_site() -> Path:
    """The site under test: PLAINPATH_SITE_DIR, or a strict build made once for this run."""
    given = os.environ.get("PLAINPATH_SITE_DIR")
    if given:
        return Path(given)
    site = REPO / ".cache" / "a11y-site"
    site.parent.mkdir(parents=True, exist_ok=True)
    # pytest-xdist workers each collect the pages: the first builds, the others of the same run
    # wait for it and reuse its site (a second build would clean the folder under the first).
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"pid-{os.getpid()}")
    marker = site.parent / "a11y-site.run"
    with FileLock(str(site.parent / "a11y-site.lock")):
        if marker.exists() and marker.read_text(encoding="utf-8") == run_id and site.exists():
            return site
        result = build_site(REPO, site)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-3000:])
        marker.write_text(run_id, encoding="utf-8")
    return site


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", site_pages(gate_site()))


@pytest.fixture(scope="session")
def site_url():
    # With PLAINPATH_WEBDRIVER_URL on another machine, PLAINPATH_GATE_HOST is this machine's
    # address as that machine sees it; the default keeps the site on this machine only.
    server, url = serve(gate_site(), os.environ.get("PLAINPATH_GATE_HOST", "127.0.0.1"))
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def allowlist():
    return load_allowlist(ALLOWLIST, allowlist_display())


@pytest.fixture(scope="session")
def baseline():
    return load_allowlist(BASELINE, display(BASELINE), BASELINE_KIND) if BASELINE.exists() else []


@pytest.fixture(scope="session")
def axe_js() -> Path:
    return axe_script(REPO)


@pytest.fixture(scope="session")
def gate_results(site_url, axe_js, request) -> dict[str, PageResult]:
    """Every page of the site: checked by WORKERS browsers in parallel, with progress, or reused
    from the cache when nothing the browser gets has changed (``--full`` checks every page)."""
    site = gate_site()
    languages = configured_languages(SITE_CONFIG)
    cache = ResultCache(CACHE) if not request.config.getoption("--full") else None
    run = run_gate_cached(site, site_url, site_pages(site), axe_js, languages, cache, WORKERS, print_progress,
                          author=author_checks_for(SITE_CONFIG, REPO))
    STATE.update(checked=len(run.checked), reused=len(run.reused), note=run.note)
    return run.results


def verdicts(results: dict[str, PageResult]) -> dict[str, list[tuple[str, str]]]:
    """What fails on each page, rule and element, the way the allowlist names them: two runs
    agree when these are equal."""
    return {
        page: sorted((item["id"], " ".join(map(str, node.get("target", []))))
                     for item in result.findings for node in item.get("nodes", [{}]))
        for page, result in results.items()
    }


def record(page: str, violations: list[dict], result: PageResult) -> None:
    """Keep a page's results for the reports and the closing summary."""
    RESULTS.append({"page": page, "violations": violations, "incomplete": result.incomplete,
                    "warnings": result.warnings})
    STATE["rules"].update(result.rules_run)
    STATE["version"] = result.axe_version or STATE["version"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if RESULTS and session.config.getoption("--write-baseline", default=False):
        existing = load_allowlist(BASELINE, display(BASELINE), BASELINE_KIND) if BASELINE.exists() else []
        write_baseline(BASELINE, baseline_entries(STATE["violations"], existing, datetime.date.today()))
    if RESULTS:
        RESULTS.sort(key=lambda item: item["page"])
        write_reports(REPORTS, RESULTS, STATE["version"], TAGS, sorted(STATE["rules"]),
                      {"checked": STATE["checked"], "reused": STATE["reused"]})


def pytest_terminal_summary(terminalreporter) -> None:
    if not RESULTS:
        return
    failing = [r for r in RESULTS if r["violations"]]
    terminalreporter.section("accessibility gate")
    terminalreporter.write_line(
        f"{STATE['checked']} page(s) checked, {STATE['reused']} reused from the cache ({CACHE})."
        + (f" Note: {STATE['note']}." if STATE["note"] else ""))
    terminalreporter.write_line(
        f"axe-core {STATE['version']}: {len(RESULTS)} pages, {len(failing)} failing, "
        f"{sum(len(r['violations']) for r in RESULTS)} violation(s), "
        f"{sum(len(r['incomplete']) for r in RESULTS)} item(s) to check by hand, "
        f"{sum(len(w['nodes']) for r in RESULTS for w in r['warnings'])} author-level warning(s)."
    )
    for result in failing[:15]:
        rules = ", ".join(sorted({v["id"] for v in result["violations"]}))
        terminalreporter.write_line(f"  {result['page']}: {rules}")
    for line in STATE.get("baseline_fixed", []):
        terminalreporter.write_line(line + " Run with --write-baseline to drop it.")
    if terminalreporter.config.getoption("--report-only"):
        terminalreporter.write_line(f"Report only: {len(failing)} page(s) would fail the gate.")
    if terminalreporter.config.getoption("--write-baseline"):
        terminalreporter.write_line(f"Baseline written to {display(BASELINE)}: only new problems fail from now on.")
    terminalreporter.write_line(f"Report: {REPORTS / 'index.html'}")


def allowlist_problems(entries, today: datetime.date | None = None) -> list[str]:
    """Expired and unused entries after a full run."""
    today = today or datetime.date.today()
    shown = allowlist_display()
    return expired(entries, today, shown) + unused(entries, STATE["used"], shown)


def baseline_problems(entries, today: datetime.date | None = None) -> tuple[list[str], list[str]]:
    """Expired baseline entries (errors) and entries whose problem is fixed (to drop)."""
    today = today or datetime.date.today()
    shown = display(BASELINE)
    return (expired(entries, today, shown, BASELINE_KIND),
            unused(entries, STATE["baseline_used"], shown, BASELINE_KIND))
