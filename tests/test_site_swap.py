"""A failed ``plainpath build`` leaves the last good site in place (issue 29, item 3)."""

from __future__ import annotations

import subprocess
import sys


def _plainpath_build(project, site):
    return subprocess.run([sys.executable, "-m", "plainpath.cli", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, cwd=project)


def test_a_failed_build_keeps_the_last_good_site_and_a_good_one_replaces_it(links_site_copy, tmp_path):
    project, site = links_site_copy, tmp_path / "site"
    good = _plainpath_build(project, site)
    assert good.returncode == 0, good.stderr[-2000:]
    home = (site / "index.html").read_text()
    assert "Council services" in home and (site / "es/permits/apply/index.html").is_file()
    assert oct(site.stat().st_mode & 0o777) != "0o700"  # served like any folder, not a private temp one
    # a CI log is not a terminal: the engine's progress bar is not redrawn into it (issue 29.6)
    assert "Translated 'es'" in good.stderr and "Translating to es" not in good.stderr and "\r" not in good.stderr

    index = project / "content/index.md"
    index.write_text(index.read_text().replace("permits/apply.md)", "permits/missing.md)", 1))
    failed = _plainpath_build(project, site)
    assert failed.returncode != 0 and "missing.md" in failed.stderr, failed.stderr[-2000:]
    assert (site / "index.html").read_text() == home
    assert (site / "es/permits/apply/index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no half-built folder left

    index.write_text(index.read_text().replace("Council services", "Council services and help"))
    index.write_text(index.read_text().replace("permits/missing.md)", "permits/apply.md)"))
    again = _plainpath_build(project, site)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Council services and help" in (site / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
