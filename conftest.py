"""Fixtures shared by tests/ and accessibility_tests/: one build of the real site per run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plainpath.site_build import build_site

REPO = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    """Review ages are measured to a fixed date in tests (and in every build they start), so the
    sample pages do not turn overdue, and the tests red, as the calendar moves on."""
    os.environ.setdefault("PLAINPATH_TODAY", "2026-12-01")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built strictly once per test run (or PLAINPATH_SITE_DIR if given)."""
    given = os.environ.get("PLAINPATH_SITE_DIR")
    if given:
        return Path(given)
    site = tmp_path_factory.mktemp("site")
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def copy_of_sample_project(destination: Path) -> Path:
    """The sample site with its translation memory, as an editor's checkout, at ``destination``:
    content, flows, translations and mkdocs.yml, with the theme folder it names made absolute."""
    import shutil

    destination.mkdir(parents=True)
    for folder in ("content", "flows", "translations"):
        shutil.copytree(REPO / folder, destination / folder, ignore=shutil.ignore_patterns(".*"))
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    theme = (REPO / "plugins/plainpath/theme").as_posix()
    (destination / "mkdocs.yml").write_text(text.replace("custom_dir: plugins/plainpath/theme", f"custom_dir: {theme}"),
                                            encoding="utf-8")
    return destination


@pytest.fixture(scope="session")
def sample_project_copier():
    """``copy_of_sample_project`` for tests in any folder (tests/ and accessibility_tests/)."""
    return copy_of_sample_project


REFERENCE_PAGES = 100
REFERENCE_LANGUAGES = ["es", "fr", "pt", "ca", "ar"]


@pytest.fixture(scope="session")
def reference_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated council-sized reference site (bench/reference_site.py), 100 pages in
    English, the four Apertium languages and Arabic (English with a notice), built strictly once
    per run, shared by xdist workers through a lock."""
    import sys

    from filelock import FileLock

    sys.path.insert(0, str(REPO / "bench"))
    from reference_site import make_reference_site

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker has its own folder below the run's
        shared = shared.parent
    site = shared / "reference-site" / "site"
    with FileLock(str(shared / "reference-site.lock")):
        if not (site / "index.html").exists():
            project = make_reference_site(shared / "reference-site" / "project", REFERENCE_PAGES, REFERENCE_LANGUAGES)
            result = build_site(project, site)
            assert result.returncode == 0, result.stderr[-3000:]
    return site
