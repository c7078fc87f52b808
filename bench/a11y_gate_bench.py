"""Pages per second of the accessibility gate against a naive run of the same axe-core.

Builds the sample site, serves it on 127.0.0.1 and checks the same pages three ways, in one run:

* baseline: one new Chromium per page, axe only (what a simple script around axe does);
* reused:   axe only, with the gate's pool of reused browsers;
* gate:     the full gate (axe plus the browser checks: keyboard, reflow, text spacing, ...).

Prints pages/s and ratios against the baseline. Not a test: these machines are noisy.

    python3 bench/a11y_gate_bench.py [--pages 30] [--workers 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from plainpath.accessibility.axe_runner import AXE_VERSION, axe_script, run_axe  # noqa: E402
from plainpath.accessibility.browser import Browser  # noqa: E402
from plainpath.accessibility.gate import (  # noqa: E402
    PageResult,
    check_page,
    configured_languages,
    run_gate,
    site_pages,
)
from plainpath.site_build import build_site  # noqa: E402
from plainpath.static_server import serve  # noqa: E402


def spread(pages: list[str], count: int) -> list[str]:
    """``count`` pages spread evenly over the site, so every language and kind of page is in."""
    if count >= len(pages):
        return pages
    step = len(pages) / count
    return [pages[int(i * step)] for i in range(count)]


def axe_only(browser: Browser, base_url: str, page: str, axe_js: Path, languages) -> PageResult:
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


def pooled(base_url, pages, axe_js, languages, workers, check) -> float:
    started = time.perf_counter()

    def progress(done, total, result, elapsed):
        print(f"  {done}/{total}", end="\r", file=sys.stderr, flush=True)

    results = run_gate(base_url, pages, axe_js, languages, workers, progress, check=check)
    print(file=sys.stderr)
    errors = [r for r in results.values() if r.error]
    if errors:
        raise SystemExit(f"{len(errors)} page(s) crashed, first: {errors[0].page}: {errors[0].error}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="pages to check (spread over the site); 0 = all")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    site = Path(tempfile.mkdtemp(prefix="plainpath-bench-site-"))
    built = build_site(REPO, site)
    if built.returncode:
        raise SystemExit(built.stderr[-3000:])
    all_pages = site_pages(site)
    pages = spread(all_pages, args.pages or len(all_pages))
    languages = configured_languages(REPO / "mkdocs.yml")
    axe_js = axe_script(REPO)
    server, base_url = serve(site)
    try:
        print(f"{len(pages)} of {len(all_pages)} pages, axe-core {AXE_VERSION}, {args.workers} workers", file=sys.stderr)
        baseline = one_browser_per_page(base_url, pages, axe_js)
        reused = pooled(base_url, pages, axe_js, languages, args.workers, axe_only)
        gate = pooled(base_url, pages, axe_js, languages, args.workers, check_page)
    finally:
        server.shutdown()

    rows = [
        ("one new browser per page, axe only", baseline),
        (f"{args.workers} reused browsers, axe only", reused),
        (f"the gate: {args.workers} reused browsers, axe + browser checks", gate),
    ]
    print(f"\n{'run':<58} {'seconds':>8} {'pages/s':>8} {'vs baseline':>12}")
    for name, seconds in rows:
        print(f"{name:<58} {seconds:>8.1f} {len(pages) / seconds:>8.2f} {baseline / seconds:>11.2f}x")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": len(pages), "workers": args.workers, "axe_core": AXE_VERSION,
            "seconds": {name: round(seconds, 2) for name, seconds in rows},
        }, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
