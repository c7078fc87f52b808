"""Shared test switches: ``--update-golden`` rewrites golden files after a reviewed change."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current output (review the diff before committing)",
    )
    parser.addoption(
        "--update-attacks",
        action="store_true",
        help="record the messages of the error cases in tests/attacks/*.yml (review the diff)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with ``tests/golden/<name>``, or rewrite it under ``--update-golden``."""

    def check(name: str, actual: str) -> None:
        path = TESTS / "golden" / name
        if request.config.getoption("--update-golden"):
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden and review it"
        assert actual == path.read_text(encoding="utf-8")

    return check


@pytest.fixture
def links_site_copy(tmp_path) -> Path:
    """A fresh copy of tests/sites/links (English and Spanish) pointing at our theme, unbuilt."""
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(TESTS / "sites" / "links", copy)
    config = copy / "mkdocs.yml"
    theme = REPO / "plugins" / "plainpath" / "theme"
    config.write_text(config.read_text().replace("../../../plugins/plainpath/theme", str(theme)))
    return copy


@pytest.fixture(scope="module")
def site_url(built_site):
    """The run's shared build of the sample site, served on 127.0.0.1 for one test module."""
    from plainpath.static_server import serve

    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (a fresh profile, closed at the end)."""
    from plainpath.accessibility.browser import Browser

    browser = Browser()
    yield browser
    browser.close()
