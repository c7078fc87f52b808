"""The gate's fixtures: the built site served on 127.0.0.1, one reused Chromium, the reports."""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from plainpath.accessibility.allowlist import expired, load_allowlist, unused
from plainpath.accessibility.axe_runner import TAGS, axe_script
from plainpath.accessibility.browser import Browser
from plainpath.accessibility.report import write_reports
from plainpath.site_build import build_site

REPO = Path(__file__).parents[1]
ALLOWLIST = Path(__file__).parent / "allowlist.yml"
ALLOWLIST_DISPLAY = "accessibility_tests/allowlist.yml"
REPORTS = Path(os.environ.get("PLAINPATH_A11Y_REPORTS", REPO / "reports" / "accessibility"))
RESULTS: list[dict] = []
STATE: dict = {"used": set(), "rules": set(), "version": ""}


@functools.lru_cache(maxsize=1)
def gate_site() -> Path:
    """The site under test: PLAINPATH_SITE_DIR, or a strict build made once for this run."""
    given = os.environ.get("PLAINPATH_SITE_DIR")
    if given:
        return Path(given)
    site = REPO / ".cache" / "a11y-site"
    result = build_site(REPO, site)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return site


def site_pages() -> list[str]:
    """Every page a resident can open: each index.html and the 404 page."""
    site = gate_site()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [page for page in pages if not page.startswith(("search/", "assets/"))] + ["404.html"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", site_pages())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 on a free port, in a daemon thread."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url():
    server, url = serve(gate_site())
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    session = Browser()
    yield session
    session.close()


@pytest.fixture(scope="session")
def allowlist():
    return load_allowlist(ALLOWLIST, ALLOWLIST_DISPLAY)


@pytest.fixture(scope="session")
def axe_js() -> Path:
    return axe_script(REPO)


def record(page: str, violations: list[dict], incomplete: list[dict], rules: list[str], version: str) -> None:
    """Keep a page's results for the reports and the closing summary."""
    RESULTS.append({"page": page, "violations": violations, "incomplete": incomplete})
    STATE["rules"].update(rules)
    STATE["version"] = version or STATE["version"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if RESULTS:
        write_reports(REPORTS, RESULTS, STATE["version"], TAGS, sorted(STATE["rules"]))


def pytest_terminal_summary(terminalreporter) -> None:
    if not RESULTS:
        return
    failing = [r for r in RESULTS if r["violations"]]
    terminalreporter.section("accessibility gate")
    terminalreporter.write_line(
        f"axe-core {STATE['version']}: {len(RESULTS)} pages, {len(failing)} failing, "
        f"{sum(len(r['violations']) for r in RESULTS)} violation(s), "
        f"{sum(len(r['incomplete']) for r in RESULTS)} item(s) to check by hand."
    )
    for result in failing[:15]:
        rules = ", ".join(sorted({v["id"] for v in result["violations"]}))
        terminalreporter.write_line(f"  {result['page']}: {rules}")
    terminalreporter.write_line(f"Report: {REPORTS / 'index.html'}")


def allowlist_problems(entries, today: datetime.date | None = None) -> list[str]:
    """Expired and unused entries after a full run."""
    today = today or datetime.date.today()
    return expired(entries, today, ALLOWLIST_DISPLAY) + unused(entries, STATE["used"], ALLOWLIST_DISPLAY)
