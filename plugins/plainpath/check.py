"""Check an editor's files without building the site: flows and every page's front matter.

``plainpath check`` runs this so an editor gets every problem in a few seconds, each as
``file:line:col: message``, without waiting for translation or rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from plainpath.errors import EditorError, EditorErrors
from plainpath.flows.catalogue import load_catalogue
from plainpath.flows.lint import Finding
from plainpath.pages.front_matter import check_front_matter


@dataclass
class CheckReport:
    """What ``plainpath check`` found: errors stop a build, warnings fail ``--strict``."""

    errors: list[EditorError] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One ``file:line:col: message`` line per finding, errors first."""
        found = [(error.where, error.message) for error in self.errors]
        found += [(warning.where, warning.message) for warning in self.warnings]
        return [f"{where.path}:{where.line or 0}:{where.column or 0}: {text}" for where, text in found]


def check_project(config: MkDocsConfig, flows_dir_name: str = "flows") -> CheckReport:
    """Every front-matter and flow problem of the project that ``config`` describes."""
    report = CheckReport()
    root = Path(config.config_file_path).parent
    docs_label = Path(config.docs_dir).relative_to(root).as_posix()
    pages = get_files(config).documentation_pages()
    for file in pages:
        _collect(report, lambda: check_front_matter(file.content_string, f"{docs_label}/{file.src_uri}"))
    known = {file.src_uri for file in pages}
    catalogue = _collect(report, lambda: load_catalogue(root / flows_dir_name, root, known))
    if catalogue is not None:
        report.warnings += catalogue.warnings
    return report


def _collect(report: CheckReport, action):
    try:
        return action()
    except EditorErrors as problems:
        report.errors += problems.errors
    except EditorError as problem:
        report.errors.append(problem)
    return None
