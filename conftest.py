"""Fixtures shared by tests/ and accessibility_tests/: one build of the real site per run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent


def build_site(project: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run a real ``mkdocs build`` of ``project`` into ``site_dir``, as CI and editors do."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


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


@pytest.fixture
def copy_project(tmp_path: Path):
    """A throwaway copy of a test site whose theme and plugins point back at this checkout."""

    def make(source: Path) -> Path:
        target = tmp_path / source.name
        shutil.copytree(source, target)
        config = target / "mkdocs.yml"
        text = config.read_text().replace("../../../plugins", str(REPO / "plugins"))
        config.write_text(text)
        return target

    return make
