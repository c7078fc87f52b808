"""Pages per second of the accessibility gate against pa11y-ci and a naive run of axe-core.

Builds the sample site (or the generated reference site), serves it on 127.0.0.1 and checks the
same pages these ways, side by side in one run:

* pa11y-ci 4.1.1 (npm, in accessibility_tests/peers, installed with PUPPETEER_SKIP_DOWNLOAD=1 and run on
  Debian's Chromium): runners axe and HTML_CodeSniffer, WCAG2AA, the same number of workers;
* baseline: one new Chromium per page, axe only (what a simple script around axe does);
* reused:   axe only, with the gate's pool of reused browsers;
* gate:     the full gate: axe, the browser checks (keyboard, reflow, text spacing, ...) and the
  author-level checks (Sa11y and our word rules), in one page load;
* cached:   with ``--edit``, over the whole site: one paragraph edited, the site rebuilt, and the
  gate run with the result cache of the unedited site, checking only the pages that changed.

Prints seconds, pages/s and ratios. Not a test: these machines are noisy.

    python3 bench/a11y_gate_bench.py [--site sample|reference] [--reference-pages 1000]
        [--pages 30] [--workers 2] [--edit] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from reference_site import make_reference_site  # noqa: E402

sys.path.insert(0, str(REPO))
from accessibility_tests.peer_checkers import run_pa11y_ci  # noqa: E402

from plainpath.accessibility.axe_runner import AXE_VERSION, axe_script, run_axe  # noqa: E402
from plainpath.accessibility.browser import Browser  # noqa: E402
from plainpath.accessibility.author_rules import RULES  # noqa: E402
from plainpath.accessibility.gate import (  # noqa: E402
    PageResult,
    author_checks_for,
    check_page,
    configured_languages,
    run_gate,
    run_gate_cached,
    site_pages,
)
from plainpath.accessibility.result_cache import PageKeys, ResultCache, gate_fingerprint  # noqa: E402
from plainpath.accessibility.gate import gate_settings  # noqa: E402
from plainpath.site_build import build_site  # noqa: E402
from plainpath.static_server import serve  # noqa: E402


def spread(pages: list[str], count: int) -> list[str]:
    """``count`` pages spread evenly over the site, so every language and kind of page is in."""
    if count >= len(pages):
        return pages
    step = len(pages) / count
    return [pages[int(i * step)] for i in range(count)]


def axe_only(browser: Browser, base_url: str, page: str, axe_js: Path, languages, author=None) -> PageResult:
    url = base_url + page.removesuffix("index.html")
    browser.open(url)
    axe = run_axe(browser.driver, url, axe_js)
    return PageResult(page, axe.violations, axe.incomplete, axe.rules_run, axe.version)


def one_browser_per_page(base_url: str, pages: list[str], axe_js: Path) -> float:
    started = time.perf_counter()
    for number, page in enumerate(pages, 1):
        browser = Browser()
        try:
            axe_only(browser, base_url, page, axe_js, {})
        finally:
            browser.close()
        print(f"  baseline {number}/{len(pages)}", end="\r", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return time.perf_counter() - started


def pa11y_ci(base_url: str, pages: list[str], workers: int) -> tuple[float, int]:
    """pa11y-ci over the same pages on the system Chromium; returns (seconds, errors found)."""
    report = run_pa11y_ci([base_url + page.removesuffix("index.html") for page in pages], concurrency=workers)
    if report.tool_failures:
        print(f"  pa11y-ci could not check {len(report.tool_failures)} of {len(pages)} pages "
              "(its own tabs closing under it at this concurrency)", file=sys.stderr)
    return report.seconds, sum(len(issues) for issues in report.errors.values())


def pooled(base_url, pages, axe_js, languages, workers, check, author=None) -> float:
    started = time.perf_counter()

    def progress(done, total, result, elapsed):
        print(f"  {done}/{total}", end="\r", file=sys.stderr, flush=True)

    results = run_gate(base_url, pages, axe_js, languages, workers, progress, check=check, author=author)
    print(file=sys.stderr)
    errors = [r for r in results.values() if r.error]
    if errors:
        raise SystemExit(f"{len(errors)} page(s) crashed, first: {errors[0].page}: {errors[0].error}")
    return time.perf_counter() - started


REFERENCE_LANGUAGES = ["es", "fr", "pt", "ca", "ar"]
# Filling the cache by checking every page of a 1,000 x 6 site takes about an hour on 2 cores;
# above this many pages the cache of the unedited site is seeded with its keys instead (said so).
REAL_FILL_LIMIT = 800


def project_and_site(kind: str, reference_pages: int, work: Path) -> tuple[Path, Path, float]:
    """The project to build (a copy: the build writes its translation memory), the built site,
    and the build's seconds."""
    if kind == "sample":
        project = work / "project"
        for folder in ("content", "flows", "translations"):
            shutil.copytree(REPO / folder, project / folder)
        text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(text.replace("custom_dir: plugins/plainpath/theme",
                                                         f"custom_dir: {REPO / 'plugins/plainpath/theme'}"), encoding="utf-8")
    else:
        project = make_reference_site(work / "project", reference_pages, REFERENCE_LANGUAGES)
    site = work / "site"
    started = time.perf_counter()
    built = build_site(project, site)
    if built.returncode:
        raise SystemExit(built.stderr[-3000:])
    return project, site, time.perf_counter() - started


def edit_one_paragraph(project: Path) -> str:
    """Change one sentence of one content page, as an editor would; returns the file."""
    for page in sorted((project / "content").rglob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if number > 8 and line[:1].isalpha() and line.rstrip().endswith("."):
                lines[number] = line.rstrip()[:-1] + ", as the editor wrote today."
                page.write_text("\n".join(lines), encoding="utf-8")
                return page.relative_to(project).as_posix()
    raise SystemExit("no paragraph to edit")


def progress(done: int, total: int, result: PageResult, elapsed: float) -> None:
    print(f"  {done}/{total}", end="\r", file=sys.stderr, flush=True)


def cached_after_edit(project: Path, site: Path, base_url: str, axe_js: Path, languages, author, workers: int,
                      work: Path) -> dict:
    """The whole site's gate with the unedited site's cache, after one paragraph is edited."""
    pages = site_pages(site)
    cache = ResultCache(work / "gate-cache.json")
    if len(pages) <= REAL_FILL_LIMIT:
        fill = "every page checked"
        run_gate_cached(site, base_url, pages, axe_js, languages, cache, workers, author=author)
    else:
        fill = "seeded with the unedited site's keys (not checked)"
        keys = PageKeys(site, gate_fingerprint(axe_js, gate_settings(languages, author)))
        for page in pages:  # an empty result: what is measured is which pages are checked again
            cache.put(page, keys.key(page), PageResult(page))
        cache.save()
    edited = edit_one_paragraph(project)
    rebuilt_started = time.perf_counter()
    built = build_site(project, site)
    rebuilt = time.perf_counter() - rebuilt_started
    if built.returncode:
        raise SystemExit(built.stderr[-3000:])
    pages = site_pages(site)
    started = time.perf_counter()
    run = run_gate_cached(site, base_url, pages, axe_js, languages, ResultCache(work / "gate-cache.json"), workers,
                          progress, author=author)
    seconds = time.perf_counter() - started
    return {"edited": edited, "pages": len(pages), "checked": len(run.checked), "reused": len(run.reused),
            "seconds": round(seconds, 2), "rebuild_seconds": round(rebuilt, 2), "cache_filled": fill,
            "checked_pages": run.checked[:12]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", choices=["sample", "reference"], default="sample")
    parser.add_argument("--reference-pages", type=int, default=100, help="pages of the reference site (x6 languages)")
    parser.add_argument("--pages", type=int, default=30, help="pages to check (spread over the site); 0 = all")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--edit", action="store_true", help="also time the cached gate after one edit (whole site)")
    parser.add_argument("--skip-peers", action="store_true", help="only the cached run (for a large site)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="plainpath-a11y-bench-"))
    project, site, build_seconds = project_and_site(args.site, args.reference_pages, work)
    all_pages = site_pages(site)
    pages = spread(all_pages, args.pages or len(all_pages))
    languages = configured_languages(project / "mkdocs.yml")
    author = author_checks_for(project / "mkdocs.yml", REPO)
    axe_js = axe_script(REPO)
    server, base_url = serve(site)
    rows: list[tuple[str, float]] = []
    figures: dict = {"site": args.site, "site_pages": len(all_pages), "pages": len(pages), "workers": args.workers,
                     "axe_core": AXE_VERSION, "build_seconds": round(build_seconds, 1)}
    try:
        print(f"{args.site} site, {len(all_pages)} pages built in {build_seconds:.0f} s; checking {len(pages)} "
              f"of them with axe-core {AXE_VERSION}, {args.workers} workers", file=sys.stderr)
        if not args.skip_peers:
            peer, peer_issues = pa11y_ci(base_url, pages, args.workers)
            rows.append((f"pa11y-ci 4.1.1 (axe + htmlcs), concurrency {args.workers}", peer))
            rows.append(("one new browser per page, axe only", one_browser_per_page(base_url, pages, axe_js)))
            rows.append((f"{args.workers} reused browsers, axe only", pooled(base_url, pages, axe_js, languages,
                                                                             args.workers, axe_only)))
            rows.append((f"the gate: {args.workers} browsers, axe + browser + author checks",
                         pooled(base_url, pages, axe_js, languages, args.workers, check_page, author)))
            figures["pa11y_ci_issues"] = peer_issues
        if args.edit:
            figures["cached_after_edit"] = cached_after_edit(project, site, base_url, axe_js, languages, author,
                                                             args.workers, work)
    finally:
        server.shutdown()

    if rows:
        peer = rows[0][1]
        print(f"\n{'run':<62} {'seconds':>8} {'pages/s':>8} {'vs pa11y-ci':>12}")
        for name, seconds in rows:
            print(f"{name:<62} {seconds:>8.1f} {len(pages) / seconds:>8.2f} {peer / seconds:>11.2f}x")
        print(f"\nChecks: the gate runs axe-core {AXE_VERSION} (WCAG 2.2 A/AA + best practice), 7 browser checks "
              f"and {len(RULES)} author-level rules (Sa11y and ours); pa11y-ci runs axe-core 4.11 and "
              "HTML_CodeSniffer at WCAG2AA, with no keyboard, reflow, text-spacing or author-level checks.")
        figures["seconds"] = {name: round(seconds, 2) for name, seconds in rows}
    if args.edit:
        cached = figures["cached_after_edit"]
        print(f"\nOne edit ({cached['edited']}), rebuilt in {cached['rebuild_seconds']:.0f} s: the gate over all "
              f"{cached['pages']} pages took {cached['seconds']:.1f} s, checking {cached['checked']} and reusing "
              f"{cached['reused']} (cache {cached['cache_filled']}).")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
