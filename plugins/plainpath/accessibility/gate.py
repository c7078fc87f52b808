"""The gate over a whole built site: every page through axe and the browser checks, in parallel.

One Chromium per worker, each reused for all its pages (starting a browser costs seconds); the
workers are threads because the work happens in Chromium, not in Python. The pytest gate, the
test on deliberately inaccessible pages and the benchmark all run pages through ``check_page``.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


from plainpath.accessibility.author_checks import AuthorChecks, sa11y_dir
from plainpath.accessibility.author_rules import configured_rule_levels
from plainpath.accessibility.axe_runner import RULES_ON_BY_NAME, TAGS, run_axe
from plainpath.accessibility.browser import Browser
from plainpath.accessibility.gate_result import PageResult
from plainpath.accessibility.htmlcs_runner import HTMLCS_VERSION, RULE as HTMLCS_RULE, htmlcs_script, run_htmlcs
from plainpath.accessibility.result_cache import PageKeys, ResultCache, gate_fingerprint
from plainpath.accessibility.source_map import SourceMap
from plainpath.accessibility.browser_checks import (
    check_keyboard,
    check_language,
    check_reflow,
    check_tables,
    check_text_spacing,
)
from plainpath.settings_file import read_settings

DEFAULT_WORKERS = 2


def site_pages(site: Path) -> list[str]:
    """Every page a resident can open in a built site: each index.html and each language's 404.

    Redirect pages (old addresses that send the reader on) are left out: they show nothing.
    """
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = [page for page in pages if not page.startswith(("search/", "assets/")) and not _is_redirect(site / page)]
    return pages + sorted(p.relative_to(site).as_posix() for p in site.glob("**/404.html"))


def _is_redirect(path: Path) -> bool:
    with path.open(encoding="utf-8") as page:
        return 'name="plainpath-redirect"' in page.read(2000)


def configured_languages(mkdocs_yml: Path) -> dict[str, str]:
    """Translated language codes and their text direction, from the ``plainpath/i18n`` options."""
    config = read_settings(mkdocs_yml)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "plainpath/i18n" in plugin:
            options = plugin["plainpath/i18n"] or {}
            return {item["code"]: item.get("dir", "ltr") for item in options.get("languages") or []}
    return {}


def expected_language(page: str, languages: dict[str, str]) -> tuple[str, str]:
    """The ``lang`` and ``dir`` a page must declare, from its first path part.

    ``languages`` maps each translated language code to its direction; anything else is English.
    """
    first = page.split("/")[0]
    if first in languages:
        return first, languages[first]
    return "en", "ltr"


def author_checks_for(mkdocs_yml: Path, repo: Path) -> AuthorChecks:
    """The author-level checks of the site ``mkdocs_yml`` describes, with the Sa11y in ``repo``."""
    return AuthorChecks(sa11y_dir(repo), configured_rule_levels(mkdocs_yml), SourceMap.of(mkdocs_yml),
                        set(configured_languages(mkdocs_yml)))


def check_page(browser: Browser, base_url: str, page: str, axe_js: Path, languages: dict[str, str],
               author: AuthorChecks | None = None) -> PageResult:
    """Run axe (WCAG 2.2 A/AA + best practice), the browser checks and, given ``author``, the
    author-level checks on one page, in one page load."""
    url = base_url + page.removesuffix("index.html")
    lang, direction = expected_language(page, languages)
    htmlcs_level = author.levels.get(HTMLCS_RULE, "error") if author else "error"
    htmlcs_js = htmlcs_script(axe_js) if htmlcs_level != "off" else None
    for script in [axe_js, *([htmlcs_js] if htmlcs_js else []), *(author.scripts(lang) if author else [])]:
        browser.preload(script)  # once per browser: every language pack, so any page finds its own
    browser.open(url)
    findings = check_keyboard(browser)  # first, while nothing has focus yet
    # Back to the page as it loaded: tabbing scrolled it, and text under the fixed header would
    # be "overlapped" to axe, which a fresh load (pa11y's) does not see.
    browser.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    axe = run_axe(browser.driver, url, axe_js)
    findings += axe.violations + undecided(axe.incomplete)
    htmlcs = run_htmlcs(browser.driver, htmlcs_js) if htmlcs_js else []
    findings += htmlcs if htmlcs_level == "error" else []
    findings += check_text_spacing(browser) + check_tables(browser)
    findings += check_language(browser, lang, direction)
    errors, warnings = author.run(browser.driver, page, lang) if author else ([], [])
    findings += errors + check_reflow(browser)
    warnings += htmlcs if htmlcs_level == "warning" else []
    return PageResult(page, _once_per_element(findings), axe.incomplete, axe.rules_run, axe.version, warnings=warnings)


UNDECIDED_IMPACTS = {"serious", "critical"}


def undecided(incomplete: list[dict]) -> list[dict]:
    """axe's serious "needs review" items, as failures named ``<rule>-undecided``.

    axe could not decide (most often a text's contrast, when it cannot see what is behind it),
    and pa11y, which councils' auditors run, reports each of these as an error: a page that
    passed here and failed there would be reported inaccessible. Make the page readable to the
    checker (``accessibility_tests/test_peers.py`` holds the sample to that), or allowlist the
    element with the reason a person judged it fine."""
    return [
        {**item, "id": f"{item['id']}-undecided",
         "help": f"axe could not decide: {item.get('help', item['id'])} (pa11y reports it as an error). "
                 "Check it by hand, then make it clear to checkers or allowlist it with the reason."}
        for item in incomplete if item.get("impact") in UNDECIDED_IMPACTS
    ]


def _once_per_element(findings: list[dict]) -> list[dict]:
    """An element that fails a rule at 1280 px and again at 320 px is one problem, not two: one
    fix, one allowlist entry."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in findings:
        nodes = []
        for node in item.get("nodes", []):
            key = (item["id"], " ".join(str(part) for part in node.get("target", [])))
            if key not in seen:
                seen.add(key)
                nodes.append(node)
        if nodes or not item.get("nodes"):
            kept.append({**item, "nodes": nodes} if item.get("nodes") else item)
    return kept


def run_gate(
    base_url: str,
    pages: list[str],
    axe_js: Path,
    languages: dict[str, str],
    workers: int = DEFAULT_WORKERS,
    progress: Callable[[int, int, PageResult, float], None] | None = None,
    check: Callable[..., PageResult] = check_page,
    webdriver_url: str | None = None,
    author: AuthorChecks | None = None,
) -> dict[str, PageResult]:
    """Check every page with ``workers`` reused browsers; returns results by page.

    A page whose check crashed gets a result with ``error`` set instead of stopping the run.
    ``check`` is ``check_page`` except in the benchmark, which also times axe alone. The
    browsers run on the WebDriver server at ``webdriver_url`` (default: PLAINPATH_WEBDRIVER_URL,
    else this machine). ``author``: the author-level checks (None: axe and browser checks only).
    """
    todo: queue.Queue[str] = queue.Queue()
    for page in pages:
        todo.put(page)
    results: dict[str, PageResult] = {}
    lock = threading.Lock()
    started = time.perf_counter()

    def work() -> None:
        browser = Browser(webdriver_url)
        try:
            while True:
                try:
                    page = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    result = check(browser, base_url, page, axe_js, languages, author)
                except Exception as problem:  # noqa: BLE001 - reported per page, never hidden
                    result = PageResult(page, error=f"{type(problem).__name__}: {problem}")
                with lock:
                    results[page] = result
                    if progress:
                        progress(len(results), len(pages), result, time.perf_counter() - started)
        finally:
            browser.close()

    threads = [threading.Thread(target=work) for _ in range(max(1, min(workers, len(pages))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@dataclass
class GateRun:
    """One run of the gate: results by page, and how many pages were checked or reused."""

    results: dict[str, PageResult]
    checked: list[str]
    reused: list[str]
    note: str = ""


def gate_settings(languages: dict[str, str], author: AuthorChecks | None = None) -> dict:
    """Everything besides the pages and the code that decides a verdict (part of the cache key)."""
    return {"tags": TAGS, "rules_on": RULES_ON_BY_NAME, "languages": languages, "htmlcs": HTMLCS_VERSION,
            "author": author.settings() if author else None}


def run_gate_cached(
    site: Path,
    base_url: str,
    pages: list[str],
    axe_js: Path,
    languages: dict[str, str],
    cache: ResultCache | None,
    workers: int = DEFAULT_WORKERS,
    progress: Callable[[int, int, PageResult, float], None] | None = None,
    webdriver_url: str | None = None,
    author: AuthorChecks | None = None,
) -> GateRun:
    """The gate over ``pages``, checking only those whose key is not in ``cache`` (None: all,
    as for a nightly ``--full`` run); the cache learns the new results and is saved."""
    fingerprint = gate_fingerprint(axe_js, gate_settings(languages, author))
    page_keys = PageKeys(site, fingerprint)
    keys = {page: page_keys.key(page) for page in pages}
    reused = {page: hit for page in pages if cache is not None and (hit := cache.get(page, keys[page])) is not None}
    todo = [page for page in pages if page not in reused]
    results = run_gate(base_url, todo, axe_js, languages, workers, progress, webdriver_url=webdriver_url,
                       author=author) if todo else {}
    if cache is not None:
        for page, result in results.items():
            cache.put(page, keys[page], result)
        cache.keep_only(set(pages))
        cache.save()
    return GateRun({**reused, **results}, todo, sorted(reused), cache.ignored if cache is not None else "")


def print_progress(done: int, total: int, result: PageResult, elapsed: float) -> None:
    """One line per page on the real stderr (pytest's capture would hide it otherwise)."""
    state = "ERROR" if result.error else f"{len(result.findings)} finding(s), {len(result.warnings)} warning(s)"
    rate = done / elapsed if elapsed else 0.0
    print(f"[gate {done:>4}/{total}, {rate:.1f} pages/s] {result.page}: {state}", file=sys.__stderr__, flush=True)
