"""``plainpath check`` finds every editor error the build stops on, in seconds.

The attack corpus (``tests/attacks/*.yml``) is the enumeration of the build's editor errors: each
``error`` case records the message ``plainpath build`` stops with. Here each case is applied to
the same base project and ``check`` must report that same message, without translating or
rendering anything.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from plainpath.check import check_project
from plainpath.errors import SourceLocation
from attack_project import apply_case
from test_attacks import CASES, template  # noqa: F401 (the same built base project, as a fixture)

ERROR_CASES = [(name, case) for name, case in CASES if case["expect"] == "error"]


def check_lines(project: Path) -> list[str]:
    config = load_config(str(project / "mkdocs.yml"))
    return check_project(config).lines()


@pytest.mark.parametrize(("name", "case"), ERROR_CASES, ids=[name for name, _ in ERROR_CASES])
def test_check_reports_what_the_build_stops_on(name, case, template, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    apply_case(project, case)
    lines = check_lines(project)
    # check prints the place once, as file:line:col:, and the build's message without it.
    assert any(case["message"] in line or SourceLocation(line.split(":")[0]).unsaid(case["message"]) in line
               for line in lines), "\n".join(lines) or "check found nothing"
