"""The gate on a council-sized site: the generated 100-page reference site (sections of up to 20
pages, three levels deep, pictures, forms, step-by-step guides) in every language, 0 violations.

The sample site is small and was written to pass; sections this size made every page fail
``target-size`` on the theme's own navigation before it was redesigned for residents.
"""

from __future__ import annotations

from plainpath.accessibility.gate import configured_languages, print_progress, run_gate, site_pages
from plainpath.static_server import serve

from accessibility_tests.conftest import WORKERS


def test_every_page_of_the_reference_site_passes_the_gate_in_every_language(reference_site, axe_js):
    pages = site_pages(reference_site)
    languages = configured_languages(reference_site.parent / "project" / "mkdocs.yml")
    assert set(languages) == {"es", "fr", "pt", "ca", "ar"}
    assert len(pages) >= 600
    server, url = serve(reference_site)
    try:
        results = run_gate(url, pages, axe_js, languages, WORKERS, print_progress)
    finally:
        server.shutdown()
    assert len(results) == len(pages)
    failing = {
        page: result.error or sorted({finding["id"] for finding in result.findings})
        for page, result in sorted(results.items())
        if result.error or result.findings
    }
    assert not failing, f"{len(failing)} of {len(pages)} pages fail the gate: {dict(list(failing.items())[:20])}"
