"""Issue 30: crashes that named no file. Each mistake below is an editor's or a setting's, so
each command says where and what to do, exits 1, and prints no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def plainpath(project, *args, **env):
    return subprocess.run([sys.executable, "-m", "plainpath.cli", *args], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=900)


@pytest.mark.parametrize("command", [["build"], ["check"]])
@pytest.mark.parametrize("today", ["yesterday", "2026-13-45", "2026-02-30"])
def test_a_bad_plainpath_today_is_named(sample_project_copier, tmp_path, command, today):
    project = sample_project_copier(tmp_path / "project")
    done = plainpath(project, *command, PLAINPATH_TODAY=today)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert f"Error in the environment variable PLAINPATH_TODAY: '{today}' is not a date." in done.stderr + done.stdout


def test_check_names_a_date_that_does_not_exist(sample_project_copier, tmp_path):
    project = sample_project_copier(tmp_path / "project")
    page = project / "content" / "parking" / "index.md"
    text = page.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("last_reviewed:"))
    page.write_text("\n".join("last_reviewed: 2026-02-30" if row.startswith("last_reviewed:") else row
                              for row in text.splitlines()) + "\n", encoding="utf-8")
    done = plainpath(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    # The place once, as file:line:col (the build's own message names it in words).
    assert f"content/parking/index.md:{line}:16: Error in page: '2026-02-30' reads as a date, but there is no such date" \
        in done.stdout


def test_xliff_reads_a_mkdocs_yml_with_env_and_python_tags(sample_project_copier, tmp_path):
    project = sample_project_copier(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      translations_dir: translations\n", "      translations_dir: !ENV [PP_TRANSLATIONS, translations]\n")
        + "\nextra:\n  emoji: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    done = plainpath(project, "xliff", "export", "es", str(tmp_path / "es.xlf"))
    assert done.returncode == 0, done.stderr
    assert "unit(s) of translations/es.po" in done.stdout


@pytest.mark.parametrize("plugin, wrong, right", [
    ("plainpath/readability", "long-sentense", "long-sentence"),
    ("plainpath/accessibility", "abreviations", "abbreviations"),
])
def test_a_misspelt_rule_is_named_at_its_line_and_column(sample_project_copier, tmp_path, plugin, wrong, right):
    """Issue 29.6, second pass: a misspelt readability rule was named with no line, and an
    accessibility rule as 'mkdocs.yml: /path/to/mkdocs.yml, line 77:'."""
    project = sample_project_copier(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    if plugin == "plainpath/readability":
        text = text.replace("  - plainpath/readability\n", f"  - plainpath/readability:\n      rules:\n        {wrong}: warn\n", 1)
    else:
        text = text.replace(f"        {right}: warning", f"        {wrong}: warning", 1)
    assert wrong in text
    config.write_text(text)
    line = text.split("\n").index(next(row for row in text.split("\n") if row.strip().startswith(f"{wrong}:"))) + 1
    checked = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True, cwd=project)
    assert checked.returncode == 1
    said = [row for row in checked.stdout.splitlines() if f"'{wrong}'" in row]
    assert said and said[0].startswith(f"mkdocs.yml:{line}:9: "), checked.stdout + checked.stderr
    assert f"Did you mean '{right}'?" in said[0] and str(project) not in said[0]
