"""Fixtures shared by tests/ and accessibility_tests/: one build of the real site per run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plainpath.site_build import build_site

REPO = Path(__file__).parent


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
