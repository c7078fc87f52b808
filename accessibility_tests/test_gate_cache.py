"""Only changed pages are checked again (issue 18, item 2), on the sample site.

The session's gate results (a full run, or one the cache vouched for) seed a fresh cache; one
paragraph is edited and the site rebuilt. The cached run must check exactly the pages whose HTML
changed, reuse the rest, and agree with a full run; a CSS change must send every page back.
"""

from __future__ import annotations

from pathlib import Path

from accessibility_tests.conftest import WORKERS, gate_site, verdicts
from plainpath.accessibility.gate import configured_languages, gate_settings, run_gate_cached, site_pages
from plainpath.accessibility.result_cache import ResultCache, gate_fingerprint, page_key
from plainpath.site_build import build_site
from plainpath.static_server import serve

REPO = Path(__file__).parents[1]
EDITED = "content/parking/apply.md"
OLD, NEW = "It takes about 10 minutes to apply", "It takes about 15 minutes to apply"


def edited_site(tmp_path: Path, copy_project) -> Path:
    project = copy_project(tmp_path / "project")
    page = project / EDITED
    text = page.read_text(encoding="utf-8")
    assert OLD in text
    page.write_text(text.replace(OLD, NEW), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path / "site"


def test_after_one_edit_only_pages_whose_html_changed_are_checked_and_verdicts_match_a_full_run(
        gate_results, axe_js, tmp_path, sample_project_copier):
    before = gate_site()
    languages = configured_languages(REPO / "mkdocs.yml")
    fingerprint = gate_fingerprint(axe_js, gate_settings(languages))
    seeded = ResultCache(tmp_path / "cache.json")
    for page, result in gate_results.items():
        seeded.put(page, page_key(before, page, fingerprint), result)
    seeded.save()

    after = edited_site(tmp_path, sample_project_copier)
    pages = site_pages(after)
    assert set(pages) == set(gate_results)
    changed = {page for page in pages if (before / page).read_bytes() != (after / page).read_bytes()}
    # The edited page in each language, and the readability report (it shows each build's trend).
    assert {page for page in changed if "parking/apply/" in page}
    assert [page for page in changed if "parking/apply/" not in page and "editors/readability/" not in page] == []

    server, url = serve(after)
    try:
        cached = run_gate_cached(after, url, pages, axe_js, languages, ResultCache(tmp_path / "cache.json"), WORKERS)
        assert set(cached.checked) == changed
        assert len(cached.reused) == len(pages) - len(changed)
        full = run_gate_cached(after, url, pages, axe_js, languages, None, WORKERS)
    finally:
        server.shutdown()
    assert len(full.checked) == len(pages) and not full.reused
    assert verdicts(cached.results) == verdicts(full.results)

    # The cache now knows the edited site; a change to the CSS every page loads sends every page back.
    current = ResultCache(tmp_path / "cache.json")
    assert all(current.get(page, page_key(after, page, fingerprint)) is not None for page in pages)
    stylesheet = after / "assets" / "stylesheets" / "plainpath.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.pp-new { color: #0b0c0c; }\n", encoding="utf-8")
    assert [page for page in pages if current.get(page, page_key(after, page, fingerprint)) is not None] == []


def test_a_corrupt_cache_file_is_ignored_and_named_never_trusted(tmp_path, axe_js):
    broken = tmp_path / "cache.json"
    broken.write_text('{"version": 1, "pages": [', encoding="utf-8")
    cache = ResultCache(broken)
    assert cache.entries == {} and str(broken) in cache.ignored
    site = gate_site()
    page = site_pages(site)[0]
    assert cache.get(page, page_key(site, page, gate_fingerprint(axe_js, {}))) is None
