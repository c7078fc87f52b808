"""What an auditor's own tools say: pa11y-ci finds 0 errors and Lighthouse scores 100.

Our gate maps its findings to the editor's file and line; a council's auditor or supplier runs
pa11y, Lighthouse or the like instead, and a page their tool fails is reported as inaccessible
whatever our report says. So the sample site (every kind of page, in every language) and a
spread of the 100-page reference site are checked with both, in their default settings, on
Debian's Chromium. pa11y-ci counts axe's "needs review" as an error: contrast that axe cannot
work out (text in an SVG, a sticky sidebar, an icon beside a short title) fails here until the
page lets it see the real colours. A page made to fail shows that a failure is seen.
"""

from __future__ import annotations

from plainpath.accessibility.gate import configured_languages, site_pages
from plainpath.static_server import serve

from accessibility_tests.conftest import REPO, gate_site
from accessibility_tests.peer_checkers import run_lighthouse, run_pa11y_ci

# Every kind of page the sample has, in each language: home, a section, a guidance page with a
# note box, a step-by-step guide with its chart, the guides' index, the readability report, 404.
SAMPLE_KINDS = ["index.html", "parking/index.html", "bulky-waste/what-we-collect/index.html",
                "flows/council-tax-support/index.html", "flows/bulky-waste/index.html", "flows/index.html",
                "editors/readability/index.html", "404.html"]


def sample_pages() -> list[str]:
    site = gate_site()
    pages = set(site_pages(site))
    prefixes = ["", *(f"{code}/" for code in configured_languages(REPO / "mkdocs.yml"))]
    chosen = [prefix + kind for prefix in prefixes for kind in SAMPLE_KINDS if prefix + kind in pages]
    assert len(chosen) == len(prefixes) * len(SAMPLE_KINDS), sorted(set(p + k for p in prefixes for k in SAMPLE_KINDS) - pages)
    return chosen


def spread(pages: list[str], count: int) -> list[str]:
    step = len(pages) / count
    return [pages[int(i * step)] for i in range(count)] if count < len(pages) else pages


def url_of(base_url: str, page: str) -> str:
    return base_url + page.removesuffix("index.html")


def test_pa11y_ci_finds_no_error_on_any_kind_of_sample_page_in_any_language(site_url):
    pages = sample_pages()
    report = run_pa11y_ci([url_of(site_url, page) for page in pages])
    assert not report.tool_failures and not report.errors, (
        f"pa11y-ci (axe + HTML_CodeSniffer, WCAG2AA) on {len(pages)} sample pages:\n{report.summary()}")


def test_pa11y_ci_finds_no_error_on_the_reference_site_in_any_language(reference_site):
    languages = configured_languages(reference_site.parent / "project" / "mkdocs.yml")
    pages = site_pages(reference_site)
    by_language = {code: [p for p in pages if p.startswith(f"{code}/")] for code in languages}
    by_language["en"] = [p for p in pages if not p.startswith(tuple(f"{code}/" for code in languages))]
    chosen = [page for group in by_language.values() for page in spread(group, 6)]
    server, base_url = serve(reference_site)
    try:
        report = run_pa11y_ci([url_of(base_url, page) for page in chosen])
    finally:
        server.shutdown()
    assert not report.tool_failures and not report.errors, (
        f"pa11y-ci on {len(chosen)} reference pages:\n{report.summary()}")


def test_lighthouse_scores_100_for_accessibility_on_every_language_and_kind_of_page(site_url):
    languages = list(configured_languages(REPO / "mkdocs.yml"))
    pages = list(SAMPLE_KINDS)  # every kind in English; in each language the home page, a note
    pages += [f"{code}/{kind}" for code in languages  # box held back in English and a chart
              for kind in ("index.html", "bulky-waste/what-we-collect/index.html", "flows/parking-permit/index.html")]
    results = run_lighthouse([url_of(site_url, page) for page in pages])
    below = {r.url: r.error or [(a["id"], a["items"][:2]) for a in r.failing] for r in results if r.score != 1}
    assert not below, f"Lighthouse accessibility below 100: {below}"


def test_lighthouse_scores_100_on_the_reference_site_in_every_language(reference_site):
    languages = configured_languages(reference_site.parent / "project" / "mkdocs.yml")
    pages = site_pages(reference_site)
    chosen = [spread([p for p in pages if p.startswith(f"{code}/")], 2)[-1] for code in languages]
    chosen += spread([p for p in pages if not p.startswith(tuple(f"{code}/" for code in languages))], 3)
    server, base_url = serve(reference_site)
    try:
        results = run_lighthouse([url_of(base_url, page) for page in chosen])
    finally:
        server.shutdown()
    below = {r.url: r.error or [(a["id"], a["items"][:2]) for a in r.failing] for r in results if r.score != 1}
    assert not below, f"Lighthouse accessibility below 100: {below}"


BARRIER_PAGE = """<!doctype html><html><head><title>Report a missed bin</title></head><body>
<main><h1>Report a missed bin</h1>
<p style="color:#bbbbbb">Tell us by 5pm the day after your collection.</p>
<img src="bin.png"><a href="/report"></a>
<form action="/search"><input type="text" name="q"></form></main></body></html>"""


def test_both_checkers_fail_a_page_with_barriers(tmp_path):
    """The harness sees a failure: faint text, a picture with no alt, an empty link, a field with
    no label. Without this, a checker that silently ran nothing would pass every page."""
    (tmp_path / "index.html").write_text(BARRIER_PAGE, encoding="utf-8")
    server, base_url = serve(tmp_path)
    try:
        report = run_pa11y_ci([base_url])
        lighthouse, = run_lighthouse([base_url])
    finally:
        server.shutdown()
    codes = {issue["code"] for issues in report.errors.values() for issue in issues}
    assert {"color-contrast", "image-alt", "link-name"} <= codes, codes
    assert any(code.startswith("WCAG2AA.") for code in codes), codes  # HTML_CodeSniffer ran too
    assert lighthouse.score is not None and lighthouse.score < 0.9
    assert {"color-contrast", "image-alt", "link-name", "label"} <= {audit["id"] for audit in lighthouse.failing}

